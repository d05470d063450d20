//! `verso fmt`'s formatter on every schema of the project and every valid
//! case of the conformance corpus: the output checks under the same options,
//! means exactly the same (same lock fingerprint), keeps every comment, and
//! formatting it again changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use verso_codegen::{Options, check, format::format, lock::fingerprint};

fn schema_files() -> Vec<(PathBuf, Options)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("../schemas"), root.join("schemas")] {
        for family in fs::read_dir(dir).unwrap() {
            for file in fs::read_dir(family.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_some_and(|e| e == "bare") {
                    files.push((path, Options::default()));
                }
            }
        }
    }
    for case in fs::read_dir(root.join("data/bare-schema/valid")).unwrap() {
        let case = case.unwrap().path();
        let mut options = Options::strict();
        if let Ok(text) = fs::read_to_string(case.join("config.json")) {
            let config: serde_json::Value = serde_json::from_str(&text).unwrap();
            options.legacy = config["legacy"].as_bool().unwrap_or(false);
            options.pedantic = config["pedantic"].as_bool().unwrap_or(false);
        }
        files.push((case.join("schema.bare"), options));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn formatting_keeps_meaning_and_comments_and_is_idempotent() {
    let files = schema_files();
    assert!(files.len() > 100, "{} files", files.len());
    for (path, options) in files {
        let source = fs::read_to_string(&path).unwrap();
        let formatted = format(&source).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let before = check(&source, &options).schema.expect("valid input");
        let after = check(&formatted, &options);
        let after = after.schema.unwrap_or_else(|| {
            panic!(
                "{} no longer checks:\n{formatted}\n{:?}",
                path.display(),
                after.diagnostics
            )
        });
        assert_eq!(
            fingerprint(&after),
            fingerprint(&before),
            "{} changed meaning",
            path.display()
        );
        assert_eq!(
            format(&formatted).unwrap(),
            formatted,
            "{} is not idempotent",
            path.display()
        );
        // BARE has no string literals, so every `#` starts a comment (or an
        // `#import` line): formatting keeps them all.
        let count = |text: &str| text.matches('#').count();
        assert_eq!(
            count(&formatted),
            count(&source),
            "{} lost comments",
            path.display()
        );
        // Documentation stays attached to the same nodes.
        assert_eq!(
            all_docs(&after),
            all_docs(&before),
            "{} moved docs",
            path.display()
        );
    }
}

/// Every doc comment of a schema, with the node it documents.
fn all_docs(schema: &verso_codegen::ir::Schema) -> Vec<String> {
    use verso_codegen::ir::{Type, TypeKind};
    fn walk(ty: &Type, out: &mut Vec<String>) {
        match &ty.kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    out.push(format!("field {}: {:?}", f.name, f.docs));
                    walk(&f.ty, out);
                }
            }
            TypeKind::Enum(values) => out.extend(
                values
                    .iter()
                    .map(|v| format!("value {}: {:?}", v.name, v.docs)),
            ),
            TypeKind::Union(members) => {
                for m in members {
                    out.push(format!("member {}: {:?}", m.tag, m.docs));
                    walk(&m.ty, out);
                }
            }
            TypeKind::Optional(inner) | TypeKind::List(inner) | TypeKind::FixedList(inner, _) => {
                walk(inner, out)
            }
            TypeKind::Map(k, v) => {
                walk(k, out);
                walk(v, out);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for t in schema.types() {
        out.push(format!("type {}: {:?}", t.name, t.docs));
        walk(&t.ty, &mut out);
    }
    out
}
