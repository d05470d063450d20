//! Generated code: golden files, determinism, golden wire vectors through
//! generated types, round trips of random valid messages for every type,
//! and strict decoding limits.
//!
//! The golden files live in `tests/generated/`; after an intended change in
//! the generator, refresh them with `VERSO_BLESS=1 cargo test -p verso-tests
//! --test generated`. The same code is compiled by this crate's `build.rs`
//! under `deny(warnings)`, so the golden files are known to compile.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use verso::{Decode, DecodeErrorKind, Encode};
use verso_codegen::{GenerateOptions, Options, generate_family, ir};
use verso_tests::features::v1 as f;
use verso_tests::{random, todo};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

fn family_dir(name: &str) -> PathBuf {
    match name {
        "todo" => root().join("../schemas/todo"),
        other => root().join("schemas").join(other),
    }
}

fn schema(family: &str, version: u16) -> ir::Schema {
    let path = family_dir(family).join(format!("v{version}.bare"));
    let source = std::fs::read_to_string(&path).unwrap();
    verso_codegen::check(&source, &Options::default())
        .schema
        .unwrap_or_else(|| panic!("{} has errors", path.display()))
}

#[test]
fn generated_code_matches_the_golden_files() {
    for family in ["todo", "features"] {
        let generated = generate_family(&family_dir(family), &GenerateOptions::default())
            .unwrap_or_else(|e| panic!("{family}: {e}"));
        let golden = root().join("generated").join(format!("{family}.rs"));
        if std::env::var_os("VERSO_BLESS").is_some() {
            std::fs::write(&golden, &generated.code).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            expected == generated.code,
            "{} is out of date; if the change is intended, run VERSO_BLESS=1 cargo test -p verso-tests --test generated",
            golden.display()
        );
    }
}

#[test]
fn generation_is_deterministic_whatever_the_directory_order() {
    let source = family_dir("todo");
    // The family's files (its `samples/` folder plays no part in generation).
    let mut names: Vec<String> = std::fs::read_dir(&source)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut outputs = Vec::new();
    for order in [names.clone(), names.iter().rev().cloned().collect()] {
        let dir = tempfile::tempdir().unwrap();
        let family = dir.path().join("todo");
        std::fs::create_dir(&family).unwrap();
        // Files are created in a different order each time, so directory
        // listing order differs too.
        for name in &order {
            std::fs::copy(source.join(name), family.join(name)).unwrap();
        }
        outputs.push(
            generate_family(&family, &GenerateOptions::default())
                .unwrap()
                .code,
        );
    }
    assert_eq!(outputs[0], outputs[1]);
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn vector<T: Encode + Decode + PartialEq + Debug>(value: T, bytes: &str) {
    let encoded = verso::to_vec(&value);
    assert_eq!(hex(&encoded), bytes, "{value:?}");
    assert_eq!(value.encoded_len(), encoded.len());
    assert_eq!(verso::from_slice::<T>(&encoded).unwrap(), value);
}

#[test]
fn golden_vectors_through_generated_types() {
    // Rows 41–43 and 57–61 of the project's BARE notes (checked against bare-ts).
    vector(f::Color::Red, "00");
    vector(f::Color::Green, "05");
    vector(f::Color::Blue, "06");
    vector(
        f::Pair {
            a: 1,
            b: "hi".into(),
        },
        "01 02 68 69",
    );
    let al = f::Person {
        name: "Al".into(),
        age: 30,
        email: None,
        color: f::Color::Blue,
    };
    vector(al.clone(), "02 41 6c 1e 00 06");
    vector(
        f::Person {
            name: "Bo".into(),
            age: 300,
            email: Some("b@x".into()),
            color: f::Color::Red,
        },
        "02 42 6f ac 02 01 03 62 40 78 00",
    );
    vector(
        f::Message::Pair(f::Pair {
            a: 2,
            b: String::new(),
        }),
        "01 02 00",
    );
    vector(f::Message::Person(al), "02 02 41 6c 1e 00 06");
    vector(f::Nothing, "");
}

#[test]
fn enums_and_unions_reject_unknown_values_with_a_path() {
    let err = verso::from_slice::<f::Color>(&[1]).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::UnknownEnumValue(1));
    let err = verso::from_slice::<f::Message>(&[3, 0]).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::UnknownUnionTag(3));
    let err = verso::from_slice::<f::Person>(&[2, b'A', b'l', 30, 0, 7]).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::UnknownEnumValue(7));
    assert_eq!(err.offset(), 5);
    assert!(err.to_string().contains("Person.color"), "{err}");
}

/// What a round trip can promise about the bytes.
#[derive(Clone, Copy)]
enum Bytes {
    /// Identical to the input (no maps).
    Exact,
    /// A `BTreeMap` may re-order the input's keys, but then always encodes
    /// the same way.
    Stable,
    /// A `HashMap`'s order differs between instances.
    Unordered,
}
use Bytes::{Exact, Stable, Unordered};

/// Decodes a random valid message, re-encodes it, and checks the value
/// survives, `encoded_len` is exact, and the bytes are as promised.
fn roundtrip<T: Encode + Decode + PartialEq + Debug>(
    schema: &ir::Schema,
    name: &str,
    seed: u64,
    bytes_promise: Bytes,
) {
    let bytes = random::message(schema, name, seed);
    let value: T = verso::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{name} seed {seed}: {e}\n{}", hex(&bytes)));
    let encoded = verso::to_vec(&value);
    assert_eq!(value.encoded_len(), encoded.len(), "{name} seed {seed}");
    let again: T = verso::from_slice(&encoded).unwrap();
    assert_eq!(again, value, "{name} seed {seed}");
    match bytes_promise {
        Exact => assert_eq!(hex(&encoded), hex(&bytes), "{name} seed {seed}"),
        Stable => assert_eq!(verso::to_vec(&again), encoded, "{name} seed {seed}"),
        Unordered => assert_eq!(encoded.len(), bytes.len(), "{name} seed {seed}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_feature_type_round_trips(seed in any::<u64>()) {
        let s = schema("features", 1);
        roundtrip::<f::Color>(&s, "Color", seed, Exact);
        roundtrip::<f::Pair>(&s, "Pair", seed, Exact);
        roundtrip::<f::Person>(&s, "Person", seed, Exact);
        roundtrip::<f::Message>(&s, "Message", seed, Exact);
        roundtrip::<f::Nothing>(&s, "Nothing", seed, Exact);
        roundtrip::<f::Numbers>(&s, "Numbers", seed, Exact);
        roundtrip::<f::Containers>(&s, "Containers", seed, Stable);
        roundtrip::<f::Anonymous>(&s, "Anonymous", seed, Exact);
        roundtrip::<f::Keywords>(&s, "Keywords", seed, Exact);
        roundtrip::<f::Tree>(&s, "Tree", seed, Exact);
        roundtrip::<f::Node>(&s, "Node", seed, Exact);
        roundtrip::<f::Expr>(&s, "Expr", seed, Exact);
        roundtrip::<f::Literal>(&s, "Literal", seed, Exact);
        roundtrip::<f::Add>(&s, "Add", seed, Exact);
        roundtrip::<f::Event>(&s, "Event", seed, Stable);
    }

    #[test]
    fn every_todo_type_round_trips(seed in any::<u64>()) {
        let v1 = schema("todo", 1);
        roundtrip::<todo::v1::Todo>(&v1, "Todo", seed, Exact);
        roundtrip::<todo::v1::App>(&v1, "App", seed, Exact);
        let v2 = schema("todo", 2);
        roundtrip::<todo::v2::Status>(&v2, "Status", seed, Exact);
        roundtrip::<todo::v2::Todo>(&v2, "Todo", seed, Exact);
        roundtrip::<todo::v2::App>(&v2, "App", seed, Stable);
        let v3 = schema("todo", 3);
        roundtrip::<todo::v3::Priority>(&v3, "Priority", seed, Exact);
        roundtrip::<todo::v3::User>(&v3, "User", seed, Exact);
        roundtrip::<todo::v3::Team>(&v3, "Team", seed, Exact);
        roundtrip::<todo::v3::Assignee>(&v3, "Assignee", seed, Exact);
        roundtrip::<todo::v3::TodoDetail>(&v3, "TodoDetail", seed, Exact);
        roundtrip::<todo::v3::Todo>(&v3, "Todo", seed, Exact);
        roundtrip::<todo::v3::Board>(&v3, "Board", seed, Exact);
        roundtrip::<todo::v3::App>(&v3, "App", seed, Stable);
    }

    #[test]
    fn arbitrary_bytes_never_panic_generated_decoders(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = verso::from_slice::<f::Event>(&bytes);
        let _ = verso::from_slice::<f::Containers>(&bytes);
        let _ = verso::from_slice::<todo::v3::App>(&bytes);
    }
}

#[test]
fn generated_types_read_naturally() {
    // Fields are snake_case and keywords escaped; varints are plain integers;
    // inline recursion is boxed; anonymous types get derived names.
    let keywords = f::Keywords {
        r#type: "t".into(),
        r#match: 1,
        self_: true,
        foo_bar: -1,
    };
    assert_eq!(
        verso::to_vec(&keywords),
        [1, b't', 1, 1, 0xff, 0xff, 0xff, 0xff]
    );
    let list = f::Node {
        value: 1,
        next: Some(Box::new(f::Node {
            value: 2,
            next: None,
        })),
    };
    assert_eq!(verso::to_vec(&list), [1, 1, 2, 0]);
    let anonymous = f::Anonymous {
        kind: f::AnonymousKind::Large,
        inner: f::AnonymousInner { x: 0.0, y: 1.0 },
        choice: f::AnonymousChoice::Struct9(f::AnonymousChoiceStruct9 { z: true }),
        items: vec![f::AnonymousItemsItem { id: 300 }],
    };
    let bytes = verso::to_vec(&anonymous);
    assert_eq!(
        verso::from_slice::<f::Anonymous>(&bytes).unwrap(),
        anonymous
    );
    assert_eq!(f::Color::from_value(5), Some(f::Color::Green));
    assert_eq!(f::Color::Blue.value(), 6);
}

#[test]
fn deep_recursive_input_is_an_error_not_a_stack_overflow() {
    // 100,000 nested `next` links, each: value 0, present 1.
    let mut bytes = [0u8, 1].repeat(100_000);
    bytes.extend([0, 0]);
    let err = verso::from_slice::<f::Node>(&bytes).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::DepthLimitExceeded(_)),
        "{err}"
    );

    // Trees nested through lists: value (4 bytes), one child, …
    let mut bytes = [0u8, 0, 0, 0, 1].repeat(100_000);
    bytes.extend([0, 0, 0, 0, 0]);
    let err = verso::from_slice::<f::Tree>(&bytes).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::DepthLimitExceeded(_)),
        "{err}"
    );

    // Expressions nested through a union: Add (tag 1) whose left is Add…
    let bytes = [1u8].repeat(100_000);
    let err = verso::from_slice::<f::Expr>(&bytes).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::DepthLimitExceeded(_)),
        "{err}"
    );

    // Within the limit, recursion decodes.
    let mut bytes = [0u8, 1].repeat(100);
    bytes.extend([0, 0]);
    assert!(verso::from_slice::<f::Node>(&bytes).is_ok());
}

#[test]
fn serde_derives_and_configured_attributes_apply() {
    use verso_tests::serde_check::v1;
    let note = v1::Note {
        title: "ship".into(),
        created_at: 1_700_000_000_000,
        status: v1::Status::Done,
        tags: [("work".to_owned(), 3)].into(),
        body: Some(v1::Body::Str("text".into())),
    };
    let json = serde_json::to_string(&note).unwrap();
    assert!(json.contains("\"createdAt\":1700000000000"), "{json}");
    let back: v1::Note = serde_json::from_str(&json).unwrap();
    assert_eq!(back, note);
    // The wire format is unaffected by serde.
    assert_eq!(
        verso::from_slice::<v1::Note>(&verso::to_vec(&note)).unwrap(),
        note
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn hashmap_variant_round_trips(seed in any::<u64>()) {
        use verso_tests::features_hashmap::v1 as h;
        let s = schema("features", 1);
        roundtrip::<h::Containers>(&s, "Containers", seed, Unordered);
        roundtrip::<h::Event>(&s, "Event", seed, Unordered);
    }

    #[test]
    fn indexmap_variant_keeps_the_wire_order(seed in any::<u64>()) {
        use verso_tests::features_indexmap::v1 as i;
        let s = schema("features", 1);
        roundtrip::<i::Containers>(&s, "Containers", seed, Exact);
        roundtrip::<i::Event>(&s, "Event", seed, Exact);
    }
}
