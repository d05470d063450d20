//! Emission problems that only show in Rust: names that collide after
//! casing, and options the types cannot support.

use crate::check::{Options, check};
use crate::emit::{EmitError, EmitOptions, family};

fn emit(src: &str, options: &EmitOptions) -> Result<String, Vec<String>> {
    let schema = check(src, &Options::default())
        .schema
        .expect("valid schema");
    family(&[(1, schema)], options).map_err(|e| match e {
        EmitError::Names(problems) => problems.into_iter().map(|(_, d)| d.message).collect(),
        EmitError::Internal(message) | EmitError::Config(message) => vec![message],
    })
}

#[test]
fn names_that_collide_in_rust_are_diagnostics() {
    let cases = [
        (
            "type A struct { fooBar: u8 foo_bar: u8 }",
            "both become `foo_bar`",
        ),
        (
            "type E enum { IN_PROGRESS IN__PROGRESS }",
            "both become `InProgress`",
        ),
        (
            "type ListU8 u8\ntype U union { ListU8 | list<u8> }",
            "both become the Rust variant `ListU8`",
        ),
        (
            "type AppKind u8\ntype App struct { kind: enum { A B } }",
            "`AppKind` chosen for this anonymous type",
        ),
    ];
    for (src, expected) in cases {
        let problems = emit(src, &EmitOptions::default()).expect_err(src);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{src}: {problems:?}"
        );
    }
}

#[test]
fn serde_refuses_arrays_it_cannot_derive_for() {
    let options = EmitOptions {
        serde: true,
        ..EmitOptions::default()
    };
    let problems = emit("type A struct { hash: data[64] }", &options).expect_err("too long");
    assert!(problems[0].contains("above 32"), "{problems:?}");
    assert!(emit("type A struct { hash: data[32] }", &options).is_ok());
}

#[test]
fn derives_follow_the_fields() {
    let code = emit(
        "type F struct { x: f64 }\ntype I struct { x: u8 f: optional<F> }\ntype J struct { x: u8 }\ntype Big struct { b: data[33] }",
        &EmitOptions::default(),
    )
    .unwrap();
    let derive_of = |name: &str| -> Vec<String> {
        let at = code.find(&format!("pub struct {name} ")).expect(name);
        let start = code[..at].rfind("#[derive(").expect("derive") + "#[derive(".len();
        let end = start + code[start..].find(")]").expect("end of derive");
        code[start..end].split(", ").map(str::to_owned).collect()
    };
    assert!(
        !derive_of("F").contains(&"Eq".to_owned()),
        "floats rule out Eq"
    );
    assert!(
        !derive_of("I").contains(&"Eq".to_owned()),
        "through a reference too"
    );
    assert!(!derive_of("I").contains(&"Hash".to_owned()));
    for d in ["Eq", "Hash", "PartialOrd", "Ord", "Default"] {
        assert!(derive_of("J").contains(&d.to_owned()), "J derives {d}");
    }
    assert!(
        !derive_of("Big").contains(&"Default".to_owned()),
        "arrays above 32 have no Default"
    );
}

#[test]
fn configured_derives_and_attributes_apply_by_name_or_version_path() {
    let options = EmitOptions {
        derives: vec![
            ("A".into(), "Copy".into()),
            ("v2::A".into(), "Never".into()),
        ],
        attributes: vec![("v1::A".into(), "#[must_use]".into())],
        ..EmitOptions::default()
    };
    let code = emit("type A struct { x: u8 }", &options).unwrap();
    assert!(code.contains("Copy)]"), "{code}");
    assert!(!code.contains("Never"), "{code}");
    assert!(code.contains("#[must_use]"), "{code}");
}

#[test]
fn malformed_configured_derives_are_errors() {
    let options = EmitOptions {
        derives: vec![("A".into(), "not a path!".into())],
        ..EmitOptions::default()
    };
    let schema = check("type A struct { x: u8 }", &Options::default())
        .schema
        .unwrap();
    assert!(matches!(
        family(&[(1, schema)], &options),
        Err(EmitError::Config(_))
    ));
}

#[test]
fn serde_derives_can_sit_behind_a_feature() {
    let options = EmitOptions {
        serde: true,
        serde_feature: Some("serde".into()),
        ..EmitOptions::default()
    };
    let code = emit("type A struct { x: u8 }", &options).unwrap();
    assert!(
        code.contains(
            r#"#[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))]"#
        ),
        "{code}"
    );
}

fn emit_family(versions: &[&str], options: &EmitOptions) -> String {
    let schemas: Vec<(u16, crate::ir::Schema)> = versions
        .iter()
        .enumerate()
        .map(|(i, src)| {
            (
                i as u16 + 1,
                check(src, &Options::default()).schema.expect("valid"),
            )
        })
        .collect();
    match family(&schemas, options) {
        Ok(code) => code,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn converters_are_generated_for_convertible_types_reachable_from_roots() {
    let v1 = "type Color enum { RED BLUE }\ntype Unused struct { a: u8 }\ntype Shape struct { color: Color size: u8 }";
    let v2 = "type Color enum { RED = 1 BLUE }\ntype Unused struct { a: u8 }\ntype Shape struct { size: u8 color: Color }";
    let roots = EmitOptions {
        roots: vec!["Shape".into()],
        ..EmitOptions::default()
    };
    let code = emit_family(&[v1, v2], &roots);
    assert!(
        code.contains("pub enum ShapeVersioned"),
        "Shape is the root"
    );
    assert!(
        !code.contains("pub enum UnusedVersioned"),
        "only the configured root"
    );
    assert!(code.contains("impl ::verso::Upgrade for v1::Shape "));
    assert!(code.contains("impl ::verso::Downgrade for v2::Color "));
    assert!(
        !code.contains("impl ::verso::Upgrade for v1::Unused "),
        "identical but unreachable from roots"
    );
    // Configured as manual: the user writes it.
    let options = EmitOptions {
        manual: vec![("Shape".into(), 1)],
        ..roots
    };
    let code = emit_family(&[v1, v2], &options);
    assert!(!code.contains("impl ::verso::Upgrade for v1::Shape "));
    assert!(code.contains("impl ::verso::Upgrade for v1::Color "));
}
