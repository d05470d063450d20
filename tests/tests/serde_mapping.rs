//! With `Config::serde(true)`, the serde form of generated types is verso's
//! JSON mapping: for random values of every type of a schema with every
//! BARE feature, `serde_json::to_value` equals what `verso decode` (the
//! dynamic codec) prints for the same bytes, and serde reading that JSON
//! gives back the same value — so JSON written by the CLI, by bare-ts or
//! by a browser reads with serde, and the other way round.

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use verso::{Decode, Encode, Limits};
use verso_codegen::{Options, dynamic, ir};
use verso_tests::features_serde::v1 as f;
use verso_tests::random;

fn schema() -> ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/features/v1.bare");
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
    let mapped = dynamic::decode(schema, id, &canonical, Limits::default()).unwrap();
    let json = serde_json::to_value(&value).unwrap();
    assert_eq!(json, mapped, "{name} seed {seed}");
    // The mapping's text (what `verso decode` prints) reads with serde.
    let text = serde_json::to_string(&mapped).unwrap();
    let back: T =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} seed {seed}: {e}\n{text}"));
    assert_eq!(back, value, "{name} seed {seed}");
    assert_eq!(verso::to_vec(&back), canonical, "{name} seed {seed}");
    // And serde's JSON encodes, through the dynamic codec, to the same bytes.
    let encoded = dynamic::encode(schema, id, &json).unwrap();
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
