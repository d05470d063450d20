//! The schema-driven codec of `verso decode`/`verso encode` against the
//! generated code: same bytes, same strictness, and JSON that re-encodes to
//! the bytes it came from.

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde_json::json;
use verso::{Decode, Encode};
use verso_codegen::{Options, ir};
use verso_tests::features::v1 as f;
use verso_tests::random;

fn schema(dir: &str) -> ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join("v1.bare");
    verso_codegen::check(&std::fs::read_to_string(path).unwrap(), &Options::default())
        .schema
        .unwrap()
}

fn id(schema: &ir::Schema, name: &str) -> ir::TypeId {
    schema.lookup(name).unwrap()
}

/// Random valid bytes: the generated decoder and the dynamic one agree, the
/// JSON re-encodes to exactly the input, and for map-free types generated
/// code writes the same bytes too.
fn differential<T: Encode + Decode + PartialEq + Debug>(
    s: &ir::Schema,
    name: &str,
    seed: u64,
    map_free: bool,
) {
    let bytes = random::message(s, name, seed);
    let typed: T = verso::from_slice(&bytes).unwrap();
    let value = verso_dynamic::decode(s, id(s, name), &bytes, verso::Limits::default())
        .unwrap_or_else(|e| panic!("{name} seed {seed}: {e}"));
    let again = verso_dynamic::encode(s, id(s, name), &value)
        .unwrap_or_else(|e| panic!("{name} seed {seed}: {e}\n{value}"));
    assert_eq!(again, bytes, "{name} seed {seed}: {value}");
    if map_free {
        assert_eq!(verso::to_vec(&typed), bytes, "{name} seed {seed}");
    }
    // The JSON survives a trip through text too.
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(verso_dynamic::parse_json(&text).unwrap(), value);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn dynamic_and_generated_codecs_agree(seed in any::<u64>()) {
        let s = schema("schemas/features");
        differential::<f::Person>(&s, "Person", seed, true);
        differential::<f::Message>(&s, "Message", seed, true);
        differential::<f::Numbers>(&s, "Numbers", seed, true);
        differential::<f::Containers>(&s, "Containers", seed, false);
        differential::<f::Anonymous>(&s, "Anonymous", seed, true);
        differential::<f::Keywords>(&s, "Keywords", seed, true);
        differential::<f::Tree>(&s, "Tree", seed, true);
        differential::<f::Expr>(&s, "Expr", seed, true);
        differential::<f::Event>(&s, "Event", seed, false);
    }

    #[test]
    fn dynamic_decoding_is_as_strict_as_generated(bytes in prop::collection::vec(any::<u8>(), 0..48)) {
        let s = schema("schemas/features");
        for name in ["Person", "Message", "Containers", "Event"] {
            let dynamic_ok = verso_dynamic::decode(&s, id(&s, name), &bytes, verso::Limits::default()).is_ok();
            let generated_ok = match name {
                "Person" => verso::from_slice::<f::Person>(&bytes).is_ok(),
                "Message" => verso::from_slice::<f::Message>(&bytes).is_ok(),
                "Containers" => verso::from_slice::<f::Containers>(&bytes).is_ok(),
                _ => verso::from_slice::<f::Event>(&bytes).is_ok(),
            };
            prop_assert_eq!(dynamic_ok, generated_ok, "{} on {:02x?}", name, bytes);
        }
    }
}

#[test]
fn json_mapping_follows_the_design() {
    let s = schema("schemas/features");
    let decode = |name: &str, bytes: &[u8]| {
        verso_dynamic::decode(&s, id(&s, name), bytes, verso::Limits::default()).unwrap()
    };
    // Golden rows 58 and 60 of the BARE notes.
    assert_eq!(
        decode("Person", &[0x02, 0x41, 0x6c, 0x1e, 0x00, 0x06]),
        json!({"name": "Al", "age": 30, "email": null, "color": "BLUE"})
    );
    assert_eq!(
        decode("Message", &[0x01, 0x02, 0x00]),
        json!({"Pair": {"a": 2, "b": ""}})
    );
    // Field order is the schema's.
    let person =
        serde_json::to_string(&decode("Person", &[0x02, 0x41, 0x6c, 0x1e, 0x00, 0x06])).unwrap();
    assert_eq!(
        person,
        r#"{"name":"Al","age":30,"email":null,"color":"BLUE"}"#
    );
    // Anonymous union members by tag, primitives by keyword, void by name.
    let value = f::Anonymous {
        kind: f::AnonymousKind::Small,
        inner: f::AnonymousInner {
            x: f64::INFINITY,
            y: -0.5,
        },
        choice: f::AnonymousChoice::Void,
        items: vec![],
    };
    let json = decode("Anonymous", &verso::to_vec(&value));
    assert_eq!(
        json,
        json!({"kind": "SMALL", "inner": {"x": "inf", "y": -0.5}, "choice": "void", "items": []})
    );
    let value = f::Anonymous {
        choice: f::AnonymousChoice::Struct9(f::AnonymousChoiceStruct9 { z: true }),
        ..value
    };
    assert_eq!(
        decode("Anonymous", &verso::to_vec(&value))["choice"],
        json!({"9": {"z": true}})
    );
    // u64 max is exact; data is lowercase hex.
    let numbers = random::message(&s, "Numbers", 3);
    let json = decode("Numbers", &numbers);
    assert!(
        json["hash"]
            .as_str()
            .unwrap()
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    let mut max = json.clone();
    max["d"] = json!(u64::MAX);
    let bytes = verso_dynamic::encode(&s, id(&s, "Numbers"), &max).unwrap();
    assert_eq!(
        decode("Numbers", &bytes)["d"],
        json!(18446744073709551615u64)
    );
}

#[test]
fn json_that_does_not_fit_names_the_path_and_the_expected_type() {
    let s = schema("schemas/features");
    let encode = |name: &str, json: serde_json::Value| {
        verso_dynamic::encode(&s, id(&s, name), &json)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        encode(
            "Person",
            json!({"name": "Al", "age": -1, "email": null, "color": "BLUE"})
        ),
        "$.age: expected an unsigned integer, found -1 (out of range or not an integer)"
    );
    assert!(
        encode(
            "Person",
            json!({"name": "Al", "age": 1, "email": null, "color": "PINK"})
        )
        .starts_with("$.color: unknown enum value \"PINK\"; expected one of RED, GREEN, BLUE")
    );
    // An optional field may be left out (it is `null`); others may not.
    assert_eq!(
        encode("Person", json!({"age": 1, "email": null, "color": "RED"})),
        "$: missing field \"name\""
    );
    assert_eq!(
        encode(
            "Person",
            json!({"name": "Al", "age": 1, "email": null, "color": "RED", "extra": 1})
        ),
        "$.extra: no such field in the schema"
    );
    assert!(encode("Message", json!({"Nope": {}})).contains("unknown union member \"Nope\""));
    assert!(encode("Containers", json!({})).contains("missing field"));
    let err = verso_dynamic::parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
    assert!(err.contains("duplicate key \"a\""), "{err}");
}

#[test]
fn only_recursive_types_count_towards_the_depth_limit_as_in_generated_code() {
    // 200 distinct types, each holding the next: deep, but not recursive,
    // so generated code (which counts only recursive types) decodes it,
    // and the dynamic codec must too.
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!("type T{i} struct {{ next: T{} }}\n", i + 1));
    }
    text.push_str("type T200 struct { value: u8 }\n");
    let schema = verso_codegen::check(&text, &Options::default())
        .schema
        .unwrap();
    let limits = verso::Limits::default();
    let value = verso_dynamic::decode(&schema, id(&schema, "T0"), &[7], limits).unwrap();
    let mut inner = &value;
    for _ in 0..200 {
        inner = &inner["next"];
    }
    assert_eq!(inner["value"], 7);
    // A recursive type still counts: 200 levels of `Node` pass the limit.
    let recursive = verso_codegen::check(
        "type Node struct { next: optional<Node> }",
        &Options::default(),
    )
    .schema
    .unwrap();
    let mut deep = vec![1u8; 200];
    deep.push(0);
    let err = verso_dynamic::decode(&recursive, id(&recursive, "Node"), &deep, limits).unwrap_err();
    assert!(
        matches!(err.kind(), verso::DecodeErrorKind::DepthLimitExceeded(128)),
        "{err}"
    );
    // 128 levels (127 present optionals below the root) are within it.
    assert!(verso_dynamic::decode(&recursive, id(&recursive, "Node"), &deep[73..], limits).is_ok());
}

#[test]
fn json_of_a_message_at_the_depth_limit_reads_back_and_one_level_more_is_refused() {
    // 128 levels of `Node`: the deepest message decoding accepts prints as
    // JSON deeper than serde_json's own 128-level limit; it must read back.
    let schema = verso_codegen::check(
        "type Node struct { value: u8 next: optional<Node> }",
        &Options::default(),
    )
    .schema
    .unwrap();
    let node = id(&schema, "Node");
    let mut bytes = Vec::new();
    for _ in 0..127 {
        bytes.extend([7, 1]);
    }
    bytes.extend([7, 0]);
    let value = verso_dynamic::decode(&schema, node, &bytes, verso::Limits::default()).unwrap();
    let text = serde_json::to_string(&value).unwrap();
    let parsed = verso_dynamic::parse_json(&text).unwrap();
    assert_eq!(
        verso_dynamic::encode(&schema, node, &parsed).unwrap(),
        bytes
    );
    // One level more: decoding refuses it, so encoding does too.
    let deeper = format!(r#"{{"value":7,"next":{text}}}"#);
    let err = verso_dynamic::encode(&schema, node, &verso_dynamic::parse_json(&deeper).unwrap())
        .unwrap_err();
    assert!(
        err.to_string().contains("more than 128 levels deep"),
        "{err}"
    );
    // Hostile nesting is refused, not a stack overflow.
    let hostile = "[".repeat(50_000) + &"]".repeat(50_000);
    let err = verso_dynamic::parse_json(&hostile).unwrap_err();
    assert!(err.contains("more than 10000 levels deep"), "{err}");
}
