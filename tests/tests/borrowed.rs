//! Borrowed twins (`Config::borrowed`): they decode exactly what the owned
//! types decode, refuse exactly what they refuse (with the same error),
//! borrow their strings and byte strings from the input, convert both ways
//! without loss, and the versioned wrapper's `decode_borrowed` borrows when
//! the version has the latest wire shape and upgrades otherwise.

use std::borrow::Cow;
use std::path::Path;

use verso::{Encode, Versioned};
use verso_codegen::{Options, ir};
use verso_tests::borrowed::borrowed_chain::{self as chain, DocVersioned};
use verso_tests::borrowed::features::v1 as owned;
use verso_tests::borrowed::features::v1::borrowed as twin;
use verso_tests::random;

fn features() -> ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/features/v1.bare");
    verso_codegen::check(&std::fs::read_to_string(path).unwrap(), &Options::default())
        .schema
        .unwrap()
}

/// Valid random messages of a type and damaged copies of them (every
/// truncation, and bytes overwritten with a few values).
fn inputs(schema: &ir::Schema, name: &str, seed: u64) -> (Vec<u8>, Vec<Vec<u8>>) {
    let bytes = random::message(schema, name, seed);
    let mut damaged: Vec<Vec<u8>> = (0..bytes.len()).map(|n| bytes[..n].to_vec()).collect();
    for at in 0..bytes.len().min(64) {
        for byte in [0x00, 0x01, 0x80, 0xff] {
            let mut copy = bytes.clone();
            copy[at] = byte;
            damaged.push(copy);
        }
    }
    (bytes, damaged)
}

/// For each type: the owned type and its twin agree on every outcome.
macro_rules! agree {
    ($schema:expr, $($name:ident),*) => {$(
        for seed in 0..40 {
            let name = stringify!($name);
            let (bytes, damaged) = inputs($schema, name, seed);
            let value: owned::$name = verso::from_slice(&bytes).unwrap();
            let borrowed: twin::$name = verso::from_slice_borrowed(&bytes).unwrap();
            assert_eq!(verso::to_vec(&borrowed), verso::to_vec(&value), "{name} {seed}");
            assert_eq!(borrowed.encoded_len(), value.encoded_len(), "{name} {seed}");
            // Compared through their bytes (maps re-encode sorted), since a
            // NaN is not equal to itself.
            let canonical = verso::to_vec(&value);
            let moved = twin::$name::from(value.clone());
            assert_eq!(verso::to_vec(&moved), canonical, "{name} {seed}");
            assert_eq!(verso::to_vec(&borrowed.into_owned()), canonical, "{name} {seed}");
            for input in damaged {
                let a = verso::from_slice::<owned::$name>(&input);
                let b = verso::from_slice_borrowed::<twin::$name>(&input);
                match (a, b) {
                    (Ok(a), Ok(b)) => assert_eq!(
                        verso::to_vec(&b.into_owned()),
                        verso::to_vec(&a),
                        "{name} {input:02x?}"
                    ),
                    (Err(a), Err(b)) => assert_eq!(a, b, "{name} {input:02x?}"),
                    (a, b) => panic!("{name} {input:02x?}: owned {a:?}, borrowed {b:?}"),
                }
            }
        }
    )*};
}

#[test]
fn twins_decode_and_refuse_exactly_what_owned_types_do() {
    let schema = features();
    agree!(
        &schema, Pair, Person, Message, Numbers, Containers, Anonymous, Keywords, Event
    );
}

#[test]
fn types_with_nothing_to_borrow_are_their_own_twins() {
    let tree = owned::Tree::default();
    let same: twin::Tree = tree.clone();
    assert_eq!(same, tree);
    let status: twin::Color = owned::Color::Blue;
    assert_eq!(status, owned::Color::Blue);
}

/// Whether `part` lies inside `whole` (so it was not copied).
fn within(part: &[u8], whole: &[u8]) -> bool {
    let range = whole.as_ptr_range();
    range.contains(&part.as_ptr()) && part.as_ptr_range().end <= range.end
}

#[test]
fn strings_and_byte_strings_point_into_the_input() {
    let mut value: owned::Numbers =
        verso::from_slice(&random::message(&features(), "Numbers", 1)).unwrap();
    value.blob = vec![7; 4096];
    let bytes = verso::to_vec(&value);
    let numbers: twin::Numbers<'_> = verso::from_slice_borrowed(&bytes).unwrap();
    let Cow::Borrowed(blob) = &numbers.blob else {
        panic!("blob was copied");
    };
    assert!(within(blob, &bytes));
    assert_eq!(numbers.hash, value.hash);

    let person = owned::Person {
        name: "Ada Lovelace".into(),
        age: 36,
        email: Some("ada@example.org".into()),
        color: owned::Color::Blue,
    };
    let bytes = verso::to_vec(&person);
    let decoded: twin::Person<'_> = verso::from_slice_borrowed(&bytes).unwrap();
    for text in [&decoded.name, decoded.email.as_ref().unwrap()] {
        let Cow::Borrowed(text) = text else {
            panic!("{text} was copied");
        };
        assert!(within(text.as_bytes(), &bytes));
    }
    // A twin made from an owned value owns its strings, moved in.
    let moved = twin::Person::from(person.clone());
    assert!(matches!(moved.name, Cow::Owned(_)));
    assert_eq!(moved, decoded);
}

#[test]
fn errors_of_borrowed_decoding_name_the_root_type() {
    let err = verso::from_slice_borrowed::<twin::Person<'_>>(&[0x02, 0xff, 0xfe]).unwrap_err();
    assert_eq!(err.to_string(), "Person.name: invalid UTF-8 at byte 1");
}

fn doc_v1() -> chain::v1::Doc {
    chain::v1::Doc {
        notes: vec![chain::v1::Note {
            title: "groceries".into(),
            body: b"milk, eggs".to_vec(),
        }],
        tags: [("home".to_owned(), 3)].into(),
    }
}

#[test]
fn decode_borrowed_borrows_the_latest_shape_and_upgrades_older_ones() {
    let old = doc_v1();
    let latest = DocVersioned::V1(old.clone()).into_latest().unwrap();

    // v2 bytes have the latest shape: nothing is copied.
    let v2_bytes = DocVersioned::encode(latest.clone(), 2).unwrap();
    let doc = DocVersioned::decode_borrowed(&v2_bytes, 2).unwrap();
    assert!(matches!(&doc.notes[0].title, Cow::Borrowed(t) if within(t.as_bytes(), &v2_bytes)));
    assert!(matches!(&doc.notes[0].body, Cow::Borrowed(b) if within(b, &v2_bytes)));
    assert_eq!(doc.clone().into_owned(), latest);

    // v1 bytes decode owned, upgrade, and move into the same twin type.
    let v1_bytes = verso::to_vec(&old);
    let upgraded = DocVersioned::decode_borrowed(&v1_bytes, 1).unwrap();
    assert!(matches!(upgraded.notes[0].title, Cow::Owned(_)));
    assert_eq!(upgraded, doc);

    // Unsupported versions and bad bytes are the versioned API's errors.
    let err = DocVersioned::decode_borrowed(&v2_bytes, 3).unwrap_err();
    assert!(matches!(
        err,
        verso::Error::UnsupportedVersion { version: 3, .. }
    ));
    let err = DocVersioned::decode_borrowed(&v2_bytes[..3], 2).unwrap_err();
    assert_eq!(
        err.to_string(),
        DocVersioned::decode(&v2_bytes[..3], 2)
            .unwrap_err()
            .to_string()
    );
}
