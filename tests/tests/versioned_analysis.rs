//! For `schemas/todo`, the converters a user writes are exactly the ones the
//! analysis reports as changed, and verso generates all the others.

use std::path::Path;

use verso_codegen::evolve::{self, Change};
use verso_codegen::{GenerateOptions, Options, generate_family, ir};

fn todo(version: u16) -> ir::Schema {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../schemas/todo/v{version}.bare"));
    let source = std::fs::read_to_string(path).unwrap();
    verso_codegen::check(&source, &Options::default())
        .schema
        .unwrap()
}

#[test]
fn hand_written_converters_are_exactly_the_changed_types() {
    let versions = [(1, todo(1)), (2, todo(2)), (3, todo(3))];
    let mut changed = Vec::new();
    let mut generated = Vec::new();
    for pair in versions.windows(2) {
        let step = evolve::step(pair[0].0, &pair[0].1, &pair[1].1);
        for (name, change) in &step.types {
            let is_alias = !matches!(
                pair[0].1.get(pair[0].1.lookup(name).unwrap()).ty.kind,
                ir::TypeKind::Struct(_) | ir::TypeKind::Enum(_) | ir::TypeKind::Union(_)
            );
            if is_alias {
                continue;
            }
            match change {
                Change::Changed(_) => changed.push((step.from, name.clone())),
                _ => generated.push((step.from, name.clone())),
            }
        }
    }
    assert_eq!(
        changed,
        [
            (1, "App".to_owned()),
            (1, "Todo".to_owned()),
            (2, "App".to_owned()),
            (2, "Todo".to_owned())
        ]
    );
    assert_eq!(generated, [(2, "Status".to_owned())]);

    // The hand-written file has one Upgrade and one Downgrade per changed
    // type and step, and nothing more.
    let written = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/todo_converters.rs"),
    )
    .unwrap();
    let mut impls: Vec<String> = written
        .lines()
        .filter_map(|l| l.strip_prefix("impl "))
        .map(|l| l.trim_end_matches(" {").to_owned())
        .collect();
    impls.sort();
    assert_eq!(
        impls,
        [
            "Downgrade for v2::App",
            "Downgrade for v2::Todo",
            "Downgrade for v3::App",
            "Downgrade for v3::Todo",
            "Upgrade for v1::App",
            "Upgrade for v1::Todo",
            "Upgrade for v2::App",
            "Upgrade for v2::Todo",
        ]
    );

    // And verso generated the others, but none of these.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/todo");
    let code = generate_family(&dir, &GenerateOptions::default())
        .unwrap()
        .code;
    for (from, name) in &generated {
        assert!(
            code.contains(&format!("impl ::verso::Upgrade for v{from}::{name} ")),
            "{name}"
        );
        assert!(
            code.contains(&format!(
                "impl ::verso::Downgrade for v{}::{name} ",
                from + 1
            )),
            "{name}"
        );
    }
    for (from, name) in &changed {
        assert!(
            !code.contains(&format!("impl ::verso::Upgrade for v{from}::{name} ")),
            "{name}"
        );
    }
}
