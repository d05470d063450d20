//! With `Config::serde(true)`, the serde form of generated types is verso's
//! JSON mapping: for random values of every type of a schema with every
//! BARE feature, `serde_json::to_value` equals what `verso decode` (the
//! dynamic codec) prints for the same bytes, and serde reading that JSON
//! gives back the same value — so JSON written by the CLI, by bare-ts or
//! by a browser reads with serde, and the other way round. Both readers
//! also take the same JSON input: an optional field left out is `None`.

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use verso::{Decode, Encode, Limits};
use verso_codegen::{Options, ir};
use verso_tests::features_serde::v1 as f;
use verso_tests::random;

fn schema() -> ir::Schema {
    checked("schemas/features/v1.bare")
}

/// A schema file of this crate, checked.
fn checked(path: &str) -> ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let source = std::fs::read_to_string(path).unwrap();
    verso_codegen::check(&source, &Options::default())
        .schema
        .unwrap()
}

/// For a random message of `name`: serde's JSON is the mapping's, and it
/// reads back into the same value and bytes.
fn same_json<T>(schema: &ir::Schema, name: &str, seed: u64)
where
    T: Encode + Decode + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let bytes = random::message(schema, name, seed);
    let value: T = verso::from_slice(&bytes).unwrap();
    // Canonical bytes (map keys sorted, as generated code writes them), so
    // both sides see pairs in the same order.
    let canonical = verso::to_vec(&value);
    let id = schema.lookup(name).unwrap();
    let mapped = verso_dynamic::decode(schema, id, &canonical, Limits::default()).unwrap();
    let json = serde_json::to_value(&value).unwrap();
    assert_eq!(json, mapped, "{name} seed {seed}");
    // The mapping's text (what `verso decode` prints) reads with serde.
    let text = serde_json::to_string(&mapped).unwrap();
    let back: T =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} seed {seed}: {e}\n{text}"));
    assert_eq!(back, value, "{name} seed {seed}");
    assert_eq!(verso::to_vec(&back), canonical, "{name} seed {seed}");
    // And serde's JSON encodes, through the dynamic codec, to the same bytes.
    let encoded = verso_dynamic::encode(schema, id, &json).unwrap();
    assert_eq!(encoded, canonical, "{name} seed {seed}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn serde_form_is_the_json_mapping(seed in any::<u64>()) {
        let s = schema();
        same_json::<f::Color>(&s, "Color", seed);
        same_json::<f::Pair>(&s, "Pair", seed);
        same_json::<f::Person>(&s, "Person", seed);
        same_json::<f::Message>(&s, "Message", seed);
        same_json::<f::Nothing>(&s, "Nothing", seed);
        same_json::<f::Numbers>(&s, "Numbers", seed);
        same_json::<f::Containers>(&s, "Containers", seed);
        same_json::<f::Anonymous>(&s, "Anonymous", seed);
        same_json::<f::Keywords>(&s, "Keywords", seed);
        same_json::<f::Tree>(&s, "Tree", seed);
        same_json::<f::Node>(&s, "Node", seed);
        same_json::<f::Expr>(&s, "Expr", seed);
        same_json::<f::Event>(&s, "Event", seed);
    }
}

#[test]
fn the_mapping_by_example() {
    let numbers = f::Numbers {
        u: u64::MAX,
        i: i64::MIN,
        a: 1,
        b: 2,
        c: 3,
        d: u64::MAX,
        e: -1,
        f: -2,
        g: -3,
        h: -4,
        x: f32::NEG_INFINITY,
        y: f64::NAN,
        flag: true,
        blob: vec![0xca, 0xfe],
        hash: [0xab; 32],
        big: [0; 100],
    };
    let json = serde_json::to_value(&numbers).unwrap();
    assert_eq!(json["u"], serde_json::json!(u64::MAX));
    assert_eq!(json["x"], "-inf");
    assert_eq!(json["y"], "NaN");
    assert_eq!(json["blob"], "cafe");
    assert_eq!(json["hash"], "ab".repeat(32));
    assert_eq!(json["big"], "00".repeat(100));
    let event = f::Event::Anonymous(f::Anonymous {
        kind: f::AnonymousKind::Large,
        inner: f::AnonymousInner { x: 0.5, y: -0.5 },
        choice: f::AnonymousChoice::Void,
        items: Vec::new(),
    });
    let text = serde_json::to_string(&event).unwrap();
    assert!(
        text.starts_with(
            r#"{"Anonymous":{"kind":"LARGE","inner":{"x":0.5,"y":-0.5},"choice":"void""#
        ),
        "{text}"
    );
    let keywords = f::Keywords {
        r#type: "t".into(),
        r#match: 1,
        self_: false,
        foo_bar: 7,
    };
    assert_eq!(
        serde_json::to_string(&keywords).unwrap(),
        r#"{"type":"t","match":1,"self":false,"fooBar":7}"#
    );
}

/// Reads `text` with serde and with the dynamic codec (`verso encode`):
/// both succeed with the same message, or both refuse.
fn both_readers<T>(schema: &ir::Schema, name: &str, text: &str) -> Result<T, (String, String)>
where
    T: Encode + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let id = schema.lookup(name).unwrap();
    let json = verso_dynamic::parse_json(text).unwrap();
    match (
        serde_json::from_str::<T>(text),
        verso_dynamic::encode(schema, id, &json),
    ) {
        (Ok(typed), Ok(bytes)) => {
            assert_eq!(bytes, verso::to_vec(&typed), "{name} {text}");
            // Output writes every field, `null` included, from either side.
            let written = verso_dynamic::decode(schema, id, &bytes, Limits::default()).unwrap();
            assert_eq!(
                written,
                serde_json::to_value(&typed).unwrap(),
                "{name} {text}"
            );
            Ok(typed)
        }
        (Err(serde), Err(dynamic)) => Err((serde.to_string(), dynamic.to_string())),
        (serde, dynamic) => {
            panic!("{name} {text}: the readers disagree: serde {serde:?}, dynamic {dynamic:?}")
        }
    }
}

#[test]
fn both_readers_take_an_omitted_optional_field_as_none() {
    use verso_tests::serde_check::v1 as s;
    let schema = checked("schemas/serde/v1.bare");
    let none = s::Reading {
        label: None,
        value: None,
        raw: None,
        at: None,
    };
    assert_eq!(both_readers(&schema, "Reading", "{}"), Ok(none.clone()));
    // A plain optional, and the ones read through adapters (float, data)
    // or an alias, each left out while the others are given.
    let read = |text| both_readers::<s::Reading>(&schema, "Reading", text).unwrap();
    assert_eq!(
        read(r#"{"value": 0.5, "raw": "cafe", "at": 7}"#).label,
        None
    );
    assert_eq!(
        read(r#"{"label": "x", "raw": "cafe", "at": 7}"#).value,
        None
    );
    assert_eq!(read(r#"{"label": "x", "value": "NaN", "at": 7}"#).raw, None);
    assert_eq!(read(r#"{"label": "x", "value": 0.5, "raw": ""}"#).at, None);
    let all = read(r#"{"label": "x", "value": 0.5, "raw": "cafe", "at": 7}"#);
    assert_eq!(all.raw, Some(vec![0xca, 0xfe]));
    // `null` still reads as `None`.
    assert_eq!(
        both_readers(
            &schema,
            "Reading",
            r#"{"label": null, "value": null, "raw": null, "at": null}"#
        ),
        Ok(none)
    );

    let features = self::schema();
    let person = both_readers::<f::Person>(
        &features,
        "Person",
        r#"{"name": "Al", "age": 1, "color": "RED"}"#,
    );
    assert_eq!(person.map(|p| p.email), Ok(None));
    // A field that is not optional is required by both.
    let (serde, dynamic) = both_readers::<f::Person>(
        &features,
        "Person",
        r#"{"age": 1, "email": null, "color": "RED"}"#,
    )
    .unwrap_err();
    assert!(serde.contains("missing field `name`"), "{serde}");
    assert_eq!(dynamic, "$: missing field \"name\"");
}

/// A family of several versions with serde: old bytes decode into the
/// latest types through the generated conversions, and those serialize.
#[test]
fn a_family_of_several_versions_keeps_its_serde_derives() {
    use verso::Versioned;
    use verso_tests::serde_chain::{DocVersioned, v1, v2};
    let old = v1::Doc {
        notes: vec![v1::Note {
            title: "Plan".into(),
            body: vec![0xab],
        }],
        tags: [("x".to_owned(), 1)].into_iter().collect(),
    };
    let latest: v2::Doc = DocVersioned::decode(&verso::to_vec(&old), 1).unwrap();
    assert_eq!(
        serde_json::to_string(&latest).unwrap(),
        r#"{"notes":[{"body":"ab","title":"Plan"}],"tags":{"x":1}}"#
    );
    let back: v2::Doc = serde_json::from_str(&serde_json::to_string(&latest).unwrap()).unwrap();
    assert_eq!(back, latest);
}
