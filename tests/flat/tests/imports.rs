//! `#import` end to end: `fleet` imports `Position` from `common`
//! (`tests/schemas/imports`). Both are generated side by side; `fleet`'s
//! versions name `common`'s types rather than copies, its step v1 → v2
//! (both importing `common` v1) moves them as they are, and its step v2 → v3
//! (`common` v1 → v2) converts them with `common`'s own converters.

use verso::Versioned;
use verso_tests_flat::imports::{common, fleet};

fn ship_v1() -> fleet::v1::Ship {
    let at = common::v1::Position {
        lat: 59.9,
        lon: 10.7,
    };
    fleet::v1::Ship {
        name: "Fram".to_owned(),
        at,
        trail: vec![
            common::v1::Position {
                lat: 59.0,
                lon: 10.0,
            },
            at,
        ],
    }
}

#[test]
fn the_importer_uses_the_imported_types_themselves() {
    // Not a copy: the same Rust type under both paths.
    let at: common::v1::Position = fleet::v1::Position { lat: 1.0, lon: 2.0 };
    let _: fleet::v2::Position = at;
    let _: common::v2::Position = fleet::v3::Position {
        lat: 1.0,
        lon: 2.0,
        altitude_m: None,
    };
}

#[test]
fn an_old_message_upgrades_through_both_families_converters() {
    let v1 = fleet::v1::Fleet {
        ships: vec![ship_v1()],
    };
    let bytes = verso::to_vec(&v1);
    let latest = fleet::FleetVersioned::decode(&bytes, 1).expect("upgrades");
    let ship = &latest.ships[0];
    assert_eq!(ship.name, "Fram");
    assert_eq!(
        ship.at,
        common::v2::Position {
            lat: 59.9,
            lon: 10.7,
            altitude_m: None
        }
    );
    assert_eq!(ship.trail.len(), 2);
    assert_eq!(ship.home, None);
}

#[test]
fn the_latest_downgrades_for_an_old_reader_and_back() {
    let latest = fleet::v3::Fleet {
        ships: vec![fleet::v3::Ship {
            name: "Gjøa".to_owned(),
            at: common::v2::Position {
                lat: 69.0,
                lon: -100.0,
                altitude_m: Some(3.5),
            },
            trail: vec![],
            home: None,
        }],
    };
    let bytes = fleet::FleetVersioned::encode(latest.clone(), 1).expect("downgrades");
    let old: fleet::v1::Fleet = verso::from_slice(&bytes).expect("v1 bytes");
    assert_eq!(
        old.ships[0].at,
        common::v1::Position {
            lat: 69.0,
            lon: -100.0
        }
    );
    // v2 still imports common v1: the altitude is gone there too, by
    // common's own downgrade.
    let bytes = fleet::FleetVersioned::encode(latest.clone(), 2).expect("downgrades");
    let v2: fleet::v2::Fleet = verso::from_slice(&bytes).expect("v2 bytes");
    assert_eq!(v2.ships[0].at.lat, 69.0);
    // The latest version needs no converter at all.
    let bytes = fleet::FleetVersioned::encode(latest.clone(), 3).expect("encodes");
    assert_eq!(fleet::FleetVersioned::decode(&bytes, 3).unwrap(), latest);
}

#[test]
fn fleets_own_converter_refusal_reaches_the_caller() {
    let latest = fleet::v3::Fleet {
        ships: vec![fleet::v3::Ship {
            name: "Maud".to_owned(),
            at: common::v2::Position {
                lat: 0.0,
                lon: 0.0,
                altitude_m: None,
            },
            trail: vec![],
            home: Some(common::v2::Position {
                lat: 1.0,
                lon: 1.0,
                altitude_m: None,
            }),
        }],
    };
    let error = fleet::FleetVersioned::encode(latest, 1).unwrap_err();
    assert!(
        error.to_string().contains("v1 cannot carry the home port"),
        "{error}"
    );
}

#[test]
fn serde_and_borrowed_twins_of_an_importer_use_the_imported_familys() {
    use verso_tests_flat::imports_serde::{common as c, fleet as f};
    let note = f::v3::Note {
        tag: c::v2::Tag {
            text: "depot".to_owned(),
        },
        at: c::v2::Position {
            lat: 1.5,
            lon: 2.5,
            altitude_m: None,
        },
    };
    let json = serde_json::to_value(&note).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({"tag": {"text": "depot"}, "at": {"lat": 1.5, "lon": 2.5, "altitudeM": null}})
    );
    let bytes = verso::to_vec(&note);
    let twin: f::v3::borrowed::Note<'_> = verso::from_slice_borrowed(&bytes).expect("decodes");
    // The imported twin, borrowing from the bytes.
    let tag: &c::v2::borrowed::Tag<'_> = &twin.tag;
    assert!(matches!(tag.text, std::borrow::Cow::Borrowed("depot")));
    assert_eq!(twin.into_owned(), note);
}
