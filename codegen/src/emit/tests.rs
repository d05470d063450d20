//! Emission problems that only show in Rust: names that collide after
//! casing, and options the types cannot support.

use crate::check::Options;
use crate::emit::{EmitError, EmitOptions};
use crate::load::{Finding, load_texts};

/// Generates a one-version family; problems come back as their messages.
fn emit(src: &str, options: &EmitOptions) -> Result<String, Vec<String>> {
    let loaded = load_texts("test", &[(1, src)], None, &Options::default(), options);
    let Some(family) = loaded.family else {
        return Err(loaded
            .report
            .findings
            .into_iter()
            .map(|f| match f {
                Finding::Spanned { diagnostic, .. } => diagnostic.message,
                Finding::Plain { message, .. } => message,
            })
            .collect());
    };
    family.generate().map_err(|e| vec![e.to_string()])
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
fn serde_attributes_render_the_json_mapping() {
    let options = EmitOptions {
        serde: true,
        ..EmitOptions::default()
    };
    let code = emit(
        "type E enum { IN_PROGRESS }
         type A struct { heightMm: u8 hash: data[64] byId: map<u64><list<f64>> e: E }
         type U union { A | u8 | list<u8> = 7 | void }",
        &options,
    )
    .unwrap();
    for expected in [
        "derive(::verso::serde::Serialize, ::verso::serde::Deserialize),",
        r#"serde(crate = "::verso::serde")"#,
        r#"#[cfg_attr($serde, serde(rename = "IN_PROGRESS"))]"#,
        r#"#[cfg_attr($serde, serde(rename = "heightMm"))]"#,
        // Lengths above 32 too: serde's own derive stops at 32.
        r#"#[cfg_attr($serde, serde(with = "::verso::json::As::<::verso::json::Hex>"))]"#,
        r#"with = "::verso::json::As::<::verso::json::Seq<(::verso::json::Same, ::verso::alloc::vec::Vec<::verso::json::Float>)>>""#,
        r#"#[cfg_attr($serde, serde(rename = "u8"))]"#,
        r#"#[cfg_attr($serde, serde(rename = "7"))]"#,
        r#"#[cfg_attr($serde, serde(rename = "void"))]"#,
    ] {
        assert!(code.contains(expected), "missing {expected}:\n{code}");
    }
    // Every serde attribute is behind the condition the runtime chooses.
    assert!(!code.contains("#[serde("), "{code}");
    assert!(
        code.contains("macro_rules! __verso_types {\n    ($serde:meta) => {\n")
            && code.contains("::verso::__serde_types!(__verso_types);"),
        "{code}"
    );
}

#[test]
fn configured_serde_attributes_apply_when_the_derives_do() {
    let options = EmitOptions {
        serde: true,
        attributes: vec![
            ("A".into(), r#"#[serde(rename_all = "camelCase")]"#.into()),
            ("A".into(), "#[must_use]".into()),
        ],
        ..EmitOptions::default()
    };
    let code = emit("type A struct { a: u8 }", &options).unwrap();
    assert!(
        code.contains(r#"#[cfg_attr($serde, serde(rename_all = "camelCase"))]"#),
        "{code}"
    );
    assert!(code.contains("#[must_use]"), "{code}");
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
    let loaded = load_texts(
        "test",
        &[(1, "type A struct { x: u8 }")],
        None,
        &Options::default(),
        &options,
    );
    let family = loaded.family.expect("valid schema");
    assert!(matches!(family.generate(), Err(EmitError::Config(_))));
}

#[test]
fn serde_derives_can_sit_behind_a_feature() {
    let options = EmitOptions {
        serde: true,
        serde_feature: Some("serde".into()),
        ..EmitOptions::default()
    };
    let code = emit("type A struct { fooBar: u8 }", &options).unwrap();
    // The runtime folds the feature into the condition of every attribute.
    assert!(
        code.contains(r#"::verso::__serde_types!(__verso_types, feature = "serde");"#),
        "{code}"
    );
    assert!(
        code.contains("derive(::verso::serde::Serialize, ::verso::serde::Deserialize)")
            && code.contains(r#"#[cfg_attr($serde, serde(rename = "fooBar"))]"#),
        "{code}"
    );
}

#[test]
fn an_omitted_optional_field_reads_as_none_through_adapters_too() {
    let options = EmitOptions {
        serde: true,
        ..EmitOptions::default()
    };
    let code = emit(
        "type Maybe optional<f32>\n\
         type A struct { x: optional<f64> d: optional<data> m: Maybe n: optional<u8> l: list<f64> }",
        &options,
    )
    .unwrap();
    // serde reads a plain `Option` field left out as `None` by itself, but
    // not one read through `with`: those three say `default`.
    assert_eq!(
        code.matches("#[cfg_attr($serde, serde(default))]").count(),
        3,
        "{code}"
    );
    let before_n = code.split("pub n:").next().unwrap_or_default();
    assert!(
        before_n.trim_end().ends_with("pub m: Maybe,"),
        "no attribute on `n`: {code}"
    );
}

fn emit_family(versions: &[&str], options: &EmitOptions) -> String {
    let texts: Vec<(u16, &str)> = (1..).zip(versions.iter().copied()).collect();
    let loaded = load_texts("test", &texts, None, &Options::default(), options);
    match loaded.family.map(|f| f.generate()) {
        Some(Ok(code)) => code,
        other => panic!("{other:?}: {}", loaded.report.render_all(false)),
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

#[test]
fn a_union_member_much_larger_than_the_others_is_boxed() {
    let code = emit(
        "type Big struct { a: data[256] }\n\
         type Small struct { a: u64 }\n\
         type Slot union { Big | void }\n\
         type Even union { Big | Small | Big2 }\n\
         type Big2 struct { b: data[200] }",
        &EmitOptions::default(),
    )
    .unwrap();
    // A list of `Slot`s costs 16 bytes an element, not 264.
    assert!(
        code.contains("Big(::verso::alloc::boxed::Box<Big>),"),
        "{code}"
    );
    // Two members of similar size: nothing gained, nothing boxed.
    let even = &code[code.find("pub enum Even").unwrap()..];
    assert!(
        even.contains("Big(Big),") && even.contains("Big2(Big2),"),
        "{even}"
    );
}

/// The note of a missing hand-written converter, as the generated check
/// spells it for rustc (`{{` and `}}` are its escaped braces).
fn notes(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| l.trim().strip_prefix("note = \"write `"))
        .filter_map(|l| l.split_once("` where this family's"))
        .map(|(line, _)| line.replace("{{", "{").replace("}}", "}"))
        .collect()
}

#[test]
fn a_missing_converter_note_is_the_impl_line_of_the_scaffold_stub() {
    // A rename: the note names each side by its own name, as stubs do.
    let v1 = "type Reading struct { celsius: i16 }";
    let v2 = "type Sample struct { kelvin: u16 }";
    let manifest = "[renamed.v2]\nSample = \"Reading\"\n";
    let loaded = load_texts(
        "sensor",
        &[(1, v1), (2, v2)],
        Some(manifest),
        &Options::default(),
        &EmitOptions::default(),
    );
    let family = loaded.family.expect("a valid family");
    let code = family.generate().unwrap();
    assert_eq!(
        notes(&code),
        [
            "impl verso::Upgrade for v1::Reading { type Next = v2::Sample; fn upgrade(self) -> Result<v2::Sample, verso::ConvertError> { … } }",
            "impl verso::Downgrade for v2::Sample { type Prev = v1::Reading; fn downgrade(self) -> Result<v1::Reading, verso::ConvertError> { … } }",
        ]
    );
    assert!(
        code.contains(
            "message = \"missing converter: `v1::Reading` → `v2::Sample` is written by hand, \
             and there is no `impl verso::Upgrade for v1::Reading`\""
        ),
        "{code}"
    );
    // The scaffold writes each stub as the note's line, body aside, under
    // the `use` line that puts `v1` and `v2` in scope.
    let scaffold = family.scaffold(None, "crate::sensor").unwrap();
    assert!(
        scaffold.contains("use crate::sensor::{v1, v2};"),
        "{scaffold}"
    );
    let one_line = scaffold.split_whitespace().collect::<Vec<_>>().join(" ");
    for note in notes(&code) {
        let (head, _) = note.rsplit_once("{ … }").unwrap();
        assert!(one_line.contains(head), "{head}\nnot in\n{scaffold}");
    }
}

#[test]
fn arbitrary_impls_and_laws_come_only_with_the_option() {
    let src = "type Doc struct { e: Expr }\ntype Expr union { Lit | Add }\ntype Lit struct { v: int }\ntype Add struct { l: Expr r: Expr }";
    let plain = emit(src, &EmitOptions::default()).expect("generates");
    assert!(!plain.contains("testing"), "{plain}");
    let options = EmitOptions {
        arbitrary: true,
        ..EmitOptions::default()
    };
    let code = emit(src, &options).expect("generates");
    for expected in [
        "::verso::__testing! {",
        "::verso::__arbitrary!(v1::Doc, v1::Expr, v1::Lit, v1::Add);",
        "impl ::verso::testing::Generate for v1::Add",
        "impl ::verso::testing::Chain for DocVersioned",
        "pub fn laws() -> ::verso::testing::Laws",
        ".root::<DocVersioned>()",
    ] {
        assert!(code.contains(expected), "{expected:?} missing from\n{code}");
    }
    // At a spent budget the recursive union keeps only the member that
    // ends the recursion: `Lit`, never `Add`.
    let union = &code[code
        .find("impl ::verso::testing::Generate for v1::Expr")
        .expect("Expr's impl")..];
    let ground = &union[union.find("if depth == 0 {").expect("a ground branch")..];
    let ground = &ground[..ground.find("} else {").expect("an else branch")];
    assert!(
        ground.contains("Self::Lit") && !ground.contains("Self::Add"),
        "{ground}"
    );
}

#[test]
fn a_chain_lists_the_hand_written_conversions_of_each_step() {
    let v1 = "type Note struct { text: str }\ntype Log struct { notes: list<Note> }";
    let v2 = "type Note struct { text: str pinned: bool }\ntype Log struct { notes: list<Note> }";
    let options = EmitOptions {
        arbitrary: true,
        ..EmitOptions::default()
    };
    let loaded = load_texts(
        "test",
        &[(1, v1), (2, v2)],
        None,
        &Options::default(),
        &options,
    );
    let code = loaded
        .family
        .expect("a family")
        .generate()
        .expect("generates");
    let steps = &code[code.find("fn steps()").expect("steps")..];
    let steps = &steps[..steps.find("fn generate").expect("generate after steps")];
    // `Log` converts field by field, generated; the `Note` inside it is
    // written by hand both ways.
    assert!(steps.contains("from: 1"), "{steps}");
    for direction in ["Up", "Down"] {
        let conversion = format!(
            "::verso::testing::Conversion {{\n                        ty: \"Note\",\n                        direction: ::verso::testing::Direction::{direction},"
        );
        assert!(
            steps
                .replace(' ', "")
                .contains(&conversion.replace(' ', "")),
            "{direction}: {steps}"
        );
    }
    assert!(!steps.contains("ty: \"Log\""), "{steps}");
}

#[test]
fn bytes_option_types_data_and_str_as_shared_buffers() {
    let options = EmitOptions {
        bytes: true,
        ..EmitOptions::default()
    };
    let src = "type Note struct { title: str tags: list<str> body: data hash: data[4] \
               byName: map<str><data> }";
    let code = emit(src, &options).unwrap();
    // The feature check comes first, so its error is the first one.
    assert!(code.contains("\n::verso::__require_bytes!();\n"), "{code}");
    for field in [
        "pub title: ::verso::Str,",
        "pub tags: ::verso::alloc::vec::Vec<::verso::Str>,",
        "pub body: ::verso::bytes::Bytes,",
        "pub hash: [u8; 4],",
        // `Bytes` and `Str` read and write themselves, in maps too.
        "::verso::Encode::encode(&self.body, out);",
        "::verso::Encode::encode(&self.by_name, out);",
        "fn decode_bytes_with(",
        "::verso::from_bytes_with(bytes, limits)",
    ] {
        assert!(code.contains(field), "{field} in {code}");
    }
    // Without the option nothing of it appears.
    let plain = emit(src, &EmitOptions::default()).unwrap();
    assert!(!plain.contains("verso::Str") && !plain.contains("__require_bytes"));
    assert!(!plain.contains("decode_bytes"));

    let both = EmitOptions {
        bytes: true,
        borrowed: true,
        ..EmitOptions::default()
    };
    let problems = emit(src, &both).unwrap_err();
    assert!(
        problems[0].contains("`bytes(true)` and `borrowed(true)` together: choose one"),
        "{problems:?}"
    );
}
