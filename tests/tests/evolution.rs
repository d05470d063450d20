//! The regression families of `tests/schemas/evolution/` and rivet's
//! real-world families, end to end: their checked-in scaffolds are exactly
//! what `verso scaffold` prints (and compile unedited, since this crate
//! includes them), the plan asks for the converters it should, and the
//! chain runs up and down through generated impls and unedited stubs —
//! succeeding where nothing was left to decide and failing with the stub's
//! clear error where something was.

use std::path::{Path, PathBuf};

use verso::{Error, Versioned};
use verso_codegen::GenerateOptions;
use verso_codegen::evolve::Direction;
use verso_codegen::generate::load_family;
use verso_tests::evolution::{
    anonymous, members, paths, renames, retired, ups_protocol, void_member,
};

const FAMILIES: [&str; 11] = [
    "evolution/void_member",
    "evolution/members",
    "evolution/renames",
    "evolution/retired",
    "evolution/anonymous",
    "evolution/paths",
    "evolution/widenings",
    "evolution/drops",
    "rivet/client-protocol",
    "rivet/inspector-protocol",
    "rivet/ups-protocol",
];

fn dir(family: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(family)
}

/// The hand-written impls the plan asks for, per step: `(from, count)`.
fn to_write(family: &str) -> Vec<(u16, usize)> {
    let family = load_family(&dir(family), &GenerateOptions::default()).unwrap();
    family
        .plan
        .steps
        .iter()
        .map(|s| {
            let n = s.to_write(Direction::Up).count() + s.to_write(Direction::Down).count();
            (s.from, n)
        })
        .collect()
}

#[test]
fn checked_in_scaffolds_are_the_scaffold_output() {
    for family in FAMILIES {
        let name = family.rsplit('/').next().unwrap().replace('-', "_");
        let loaded = load_family(&dir(family), &GenerateOptions::default()).unwrap();
        let stubs = loaded
            .scaffold(None, &format!("crate::evolution::{name}"))
            .unwrap();
        let expected = format!(
            "//! `verso scaffold` of `schemas/{family}`, unedited (kept up to date by\n//! `tests/tests/evolution.rs`).\n\n{stubs}"
        );
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/scaffolds/{name}.rs"));
        if std::env::var_os("VERSO_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            expected,
            "{family}: re-run with VERSO_BLESS=1"
        );
        assert!(!stubs.contains("todo!"), "{family}: no panicking stubs");
    }
}

#[test]
fn the_plan_asks_for_what_each_change_leaves_to_decide() {
    // struct ↔ void: both directions of the member type, twice.
    assert_eq!(to_write("evolution/void_member"), [(1, 2), (2, 2)]);
    // Added: only downgrades; removed: only upgrades; retagged: nothing.
    assert_eq!(to_write("evolution/members"), [(1, 2), (2, 2), (3, 0)]);
    // The field added in v2 is the only decision; the rename is free.
    assert_eq!(to_write("evolution/renames"), [(1, 2), (2, 0)]);
    assert_eq!(to_write("evolution/retired"), [(3, 2)]);
    // The struct around the anonymous enum, then the enum's downgrade.
    assert_eq!(to_write("evolution/anonymous"), [(1, 2), (2, 1)]);
}

#[test]
fn rivet_families_need_a_fraction_of_the_hand_written_impls() {
    assert_eq!(to_write("rivet/ups-protocol"), [(1, 2), (2, 4)]);
    assert_eq!(to_write("rivet/client-protocol"), [(1, 2), (2, 0), (3, 4)]);
    assert_eq!(
        to_write("rivet/inspector-protocol"),
        [(1, 6), (2, 2), (3, 2), (4, 2), (5, 4)]
    );
}

// ---- a union member that is a struct in v1 and v3, void in v2

#[test]
fn a_member_turning_void_converts_through_its_unit_type() {
    use void_member::{EnvelopeVersioned, v1, v2, v3};
    let start = v1::Envelope {
        seq: 1,
        command: v1::Command::CommandStartActor(v1::CommandStartActor {
            actor_id: "a".into(),
        }),
    };
    let latest = EnvelopeVersioned::decode(&verso::to_vec(&start), 1).unwrap();
    assert_eq!(
        latest.command,
        v3::Command::CommandStartActor(v3::CommandStartActor {
            actor_id: "a".into()
        })
    );
    // v1 Stop → v2 Stop would drop `generation`: the stub leaves that
    // decision open rather than dropping it silently.
    let stop = v1::Envelope {
        seq: 2,
        command: v1::Command::CommandStopActor(v1::CommandStopActor { generation: 7 }),
    };
    let err = EnvelopeVersioned::decode(&verso::to_vec(&stop), 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 1, to: 2, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("decide whether dropping the value is right"),
        "{err}"
    );
    // v2 Stop → v3 Stop: a decision the stub leaves open too.
    let v2_stop = v2::Envelope {
        seq: 2,
        command: v2::Command::CommandStopActor,
    };
    let err = EnvelopeVersioned::decode(&verso::to_vec(&v2_stop), 2).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 3, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("write this conversion"), "{err}");
    // Going down, v3 Stop would become v2's unit member and lose
    // `generation`: the stub asks first, naming the member's field.
    let v3_stop = v3::Envelope {
        seq: 3,
        command: v3::Command::CommandStopActor(v3::CommandStopActor { generation: 9 }),
    };
    let err = EnvelopeVersioned::encode(v3_stop, 2).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 3, to: 2, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("command: CommandStopActor v3 → v2: v2's `CommandStopActor` carries nothing"),
        "{err}"
    );
}

// ---- values and members added, removed, retagged

#[test]
fn added_values_upgrade_and_removed_ones_downgrade_without_a_converter() {
    use members::{EntryVersioned, v1, v2, v4};
    let v1_entry = v1::Entry {
        status: v1::Status::Open,
        event: v1::Event::Deleted(v1::Deleted {
            reason: "spam".into(),
        }),
    };
    let latest = EntryVersioned::decode(&verso::to_vec(&v1_entry), 1).unwrap();
    assert_eq!(
        latest,
        v4::Entry {
            status: v4::Status::Open,
            event: v4::Event::Deleted(v4::Deleted {
                reason: "spam".into()
            }),
        }
    );
    // Retagged and renumbered on the wire: OPEN = 1, Deleted = 5.
    assert_eq!(verso::to_vec(&latest)[..2], [1, 5]);
    // Back to v1 through generated downgrades (v4 → v3 → v2) and the v2
    // stub, which maps what still exists.
    let bytes = EntryVersioned::encode(latest, 1).unwrap();
    assert_eq!(verso::from_slice::<v1::Entry>(&bytes).unwrap(), v1_entry);
    // What v1 cannot express is the stub's clear error.
    let cancelled = v4::Entry {
        status: v4::Status::Cancelled,
        event: v4::Event::Archived(v4::Archived { at: 5 }),
    };
    let err = EntryVersioned::encode(cancelled.clone(), 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 1, .. }),
        "{err}"
    );
    // v2 has both, through generated downgrades only.
    let bytes = EntryVersioned::encode(cancelled, 2).unwrap();
    assert_eq!(
        verso::from_slice::<v2::Entry>(&bytes).unwrap().status,
        v2::Status::Cancelled
    );
    // Going up, the removed value and member are the decisions left.
    let done = v1::Entry {
        status: v1::Status::Done,
        event: v1::Event::Created(v1::Created { title: "t".into() }),
    };
    let err = EntryVersioned::decode(&verso::to_vec(&done), 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 3, .. }),
        "{err}"
    );
}

// ---- a root and a nested type renamed

#[test]
fn a_renamed_root_keeps_its_history() {
    use renames::{ActorVersioned, v1, v3};
    assert_eq!((ActorVersioned::OLDEST, ActorVersioned::LATEST), (1, 3));
    let old = v1::PersistedActor {
        name: "counter".into(),
        connections: vec![v1::PersistedConnection {
            id: "c1".into(),
            token: "t".into(),
        }],
    };
    let actor = ActorVersioned::decode(&verso::to_vec(&old), 1).unwrap();
    // The scaffold's suggestion for the new optional field: v1 never
    // recorded it.
    assert_eq!(
        actor,
        v3::Actor {
            name: "counter".into(),
            connections: vec![v3::Conn {
                id: "c1".into(),
                token: "t".into(),
                last_seen: None
            }],
        }
    );
    // Down to v1, the stub does not drop `lastSeen` silently.
    let err = ActorVersioned::encode_embedded(actor.clone(), 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 1, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("decide what becomes of `lastSeen`"),
        "{err}"
    );
    let framed = ActorVersioned::encode_embedded(actor.clone(), 2).unwrap();
    assert_eq!(framed[..2], [2, 0]);
    // v2 and v3 have the same shape: v2 bytes are v3 bytes.
    let v2_bytes = ActorVersioned::encode(actor.clone(), 2).unwrap();
    assert_eq!(v2_bytes, verso::to_vec(&actor));
    assert!(matches!(
        ActorVersioned::decode_version(&v2_bytes, 2).unwrap(),
        ActorVersioned::V2(_)
    ));
}

// ---- a family whose oldest versions were retired

#[test]
fn retired_versions_are_unsupported() {
    use retired::{ReadingVersioned, v3, v4};
    assert_eq!((ReadingVersioned::OLDEST, ReadingVersioned::LATEST), (3, 4));
    let reading = v3::Reading {
        sensor: "s".into(),
        celsius: 21.5,
    };
    let bytes = verso::to_vec(&reading);
    for version in [1, 2] {
        assert_eq!(
            ReadingVersioned::decode(&bytes, version).unwrap_err(),
            Error::UnsupportedVersion {
                version,
                oldest: 3,
                latest: 4
            }
        );
    }
    assert_eq!(
        ReadingVersioned::decode(&bytes, 3).unwrap(),
        v4::Reading {
            sensor: "s".into(),
            celsius: 21.5,
            humidity: None
        }
    );
}

// ---- an anonymous enum inside a struct that changed

#[test]
fn an_anonymous_enum_converts_inside_a_hand_written_struct() {
    use anonymous::{TaskVersioned, v1, v2, v3};
    let task = v1::Task {
        title: "t".into(),
        state: v1::TaskState::Done,
    };
    // v1 → v2: the stub calls the generated conversion of `TaskState`.
    let latest = TaskVersioned::decode(&verso::to_vec(&task), 1).unwrap();
    assert_eq!(
        latest,
        v3::Task {
            title: "t".into(),
            state: v3::TaskState::Done,
            due: None
        }
    );
    // Down, the stub does not drop `due` silently.
    let err = TaskVersioned::encode(latest, 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 1, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("decide what becomes of `due`"),
        "{err}"
    );
    let blocked = v3::Task {
        title: "t".into(),
        state: v3::TaskState::Blocked,
        due: Some(5),
    };
    let err = TaskVersioned::encode(blocked, 2).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 3, to: 2, .. }),
        "{err}"
    );
    let _: Option<v2::Task> = None;
}

// ---- rivet's UPS protocol

#[test]
fn rivet_ups_messages_upgrade_until_a_decision() {
    use ups_protocol::{UpsMessageVersioned, v1, v2, v3};
    let chunk = v1::UpsMessage {
        body: v1::MessageBody::MessageChunk(v1::MessageChunk {
            message_id: [7; 16],
            chunk_index: 2,
            payload: vec![1, 2, 3],
        }),
    };
    let bytes = verso::to_vec(&chunk);
    // v1 → v2 is free for a chunk (identical); v2 → v3 added `timestamp`,
    // which the stub leaves to decide.
    let v2 = UpsMessageVersioned::decode_version(&bytes, 1)
        .unwrap()
        .to_bytes();
    assert_eq!(verso::from_slice::<v1::UpsMessage>(&v2).unwrap(), chunk);
    let err = UpsMessageVersioned::decode(&bytes, 1).unwrap_err();
    assert!(
        matches!(err, Error::Convert { from: 2, to: 3, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("decide how to fill `timestamp`"),
        "{err}"
    );
    let _: Option<(v2::UpsMessage, v3::UpsMessage)> = None;
}

// ---- where a failing conversion sits

#[test]
fn conversion_errors_name_list_indices_and_map_keys() {
    use paths::{InventoryVersioned, v2};
    use std::collections::BTreeMap;
    let slot = |level| v2::Slot { level };
    let fine = || v2::Inventory {
        items: vec![slot(v2::Level::Low), slot(v2::Level::High)],
        labels: BTreeMap::from([("a".to_owned(), slot(v2::Level::Low))]),
        by_level: BTreeMap::from([(v2::Level::High, 1)]),
        fixed: [slot(v2::Level::Low), slot(v2::Level::Low)],
    };
    let reason = "Level v2 → v1: EXTREME does not exist in v1";
    let downgrade = |inventory| match InventoryVersioned::encode(inventory, 1).unwrap_err() {
        Error::Convert { source, .. } => source.to_string(),
        other => panic!("{other}"),
    };
    assert!(InventoryVersioned::encode(fine(), 1).is_ok());

    let mut bad = fine();
    bad.items[1] = slot(v2::Level::Extreme);
    assert_eq!(downgrade(bad), format!("items[1].level: {reason}"));

    let mut bad = fine();
    bad.labels
        .insert("say \"hi\"".to_owned(), slot(v2::Level::Extreme));
    assert_eq!(
        downgrade(bad),
        format!(r#"labels["say \"hi\""].level: {reason}"#)
    );

    let mut bad = fine();
    bad.by_level.insert(v2::Level::Extreme, 3);
    assert_eq!(downgrade(bad), format!(r#"byLevel["EXTREME"]: {reason}"#));

    let mut bad = fine();
    bad.fixed[1] = slot(v2::Level::Extreme);
    assert_eq!(downgrade(bad), format!("fixed[1].level: {reason}"));
}

// ---- widenings: every upgrade generated, the downgrade stubs narrow back

mod widening {
    use std::collections::BTreeMap;

    use verso::{ConvertError, Downgrade, Upgrade, Versioned};
    use verso_tests::evolution::widenings::{ReadingVersioned, v1, v2};

    fn old() -> v1::Reading {
        v1::Reading {
            id: [7; 16],
            count: 200,
            total: u32::MAX,
            offset: -300,
            value: 1.5,
            note: "n".into(),
            blob: vec![1, 2],
            samples: [1, 2, 3, 255],
            point: v1::Point { x: 0.25, y: -2.0 },
            tags: BTreeMap::from([("a".to_owned(), u16::MAX)]),
            request_lifespan: 30,
            kind: v1::Kind::FahrenheitOld,
            label: "t".into(),
        }
    }

    fn new() -> v2::Reading {
        v2::Reading {
            id: vec![7; 16],
            count: 200,
            total: i64::from(u32::MAX),
            offset: -300,
            value: 1.5,
            note: Some("n".into()),
            blob: Some(vec![1, 2]),
            samples: vec![1, 2, 3, 255],
            point: Some(v2::Point { x: 0.25, y: -2.0 }),
            tags: BTreeMap::from([("a".to_owned(), u32::from(u16::MAX))]),
            request_lifespan: 30,
            kind: v2::Kind::Fahrenheit,
            title: "t".into(),
        }
    }

    #[test]
    fn every_value_upgrades_and_what_fits_downgrades_back_unedited() {
        assert_eq!(old().upgrade().unwrap(), new());
        assert_eq!(
            ReadingVersioned::decode(&verso::to_vec(&old()), 1).unwrap(),
            new()
        );
        // The scaffold's checked narrowings, unedited, give v1 its value back.
        assert_eq!(new().downgrade().unwrap(), old());
        assert_eq!(
            ReadingVersioned::encode(new(), 1).unwrap(),
            verso::to_vec(&old())
        );
    }

    #[test]
    fn what_does_not_fit_is_refused_with_the_field_named() {
        type Change = fn(&mut v2::Reading);
        let cases: [(Change, &str); 11] = [
            (|r| r.count = 256, "count: does not fit in u8"),
            (|r| r.total = -1, "total: does not fit in u32"),
            (|r| r.offset = 40_000, "offset: does not fit in i16"),
            (|r| r.value = 0.1, "value: is not exactly an f32"),
            (|r| r.note = None, "note: is absent (None)"),
            (|r| r.blob = None, "blob: is absent (None)"),
            (|r| r.id = vec![7; 15], "id: must hold exactly 16 bytes"),
            (
                |r| r.samples = vec![1, 2, 3],
                "samples: must hold exactly 4 items",
            ),
            (|r| r.samples[1] = 256, "samples[1]: does not fit in u8"),
            (|r| r.point = None, "point: is absent (None)"),
            (
                |r| {
                    r.tags.insert("b".into(), 70_000);
                },
                "tags[\"b\"]: does not fit in u16",
            ),
        ];
        for (change, expected) in cases {
            let mut value = new();
            change(&mut value);
            let err: ConvertError = value.downgrade().unwrap_err();
            assert_eq!(err.to_string(), expected);
        }
        let mut point = new();
        point.point = Some(v2::Point { x: 1e300, y: 0.0 });
        assert_eq!(
            point.downgrade().unwrap_err().to_string(),
            "point.x: is not exactly an f32"
        );
    }
}

// ---- drops: every stub whose default would lose or invent data fails

mod drops {
    use verso::{Downgrade, Upgrade};
    use verso_tests::evolution::drops::{v1, v2};

    #[test]
    fn every_stub_that_would_drop_or_invent_data_fails_until_decided() {
        fn message<T>(result: Result<T, verso::ConvertError>) -> String {
            match result {
                Ok(_) => panic!("an undecided stub converted"),
                Err(e) => e.to_string(),
            }
        }
        let sample = v1::Sample {
            at: 1,
            celsius: 20.0,
        };
        let cases = [
            // A field with no counterpart, each way.
            (
                message(sample.upgrade()),
                "Sample v1 → v2: decide what becomes of `celsius`, which v2 has no field for",
            ),
            (
                message(
                    v2::Sample {
                        at: 1,
                        value: 68.0,
                        unit: v2::Unit::Fahrenheit,
                    }
                    .downgrade(),
                ),
                "Sample v2 → v1: decide what becomes of `value`, which v1 has no field for",
            ),
            (
                message(
                    v1::Log {
                        events: vec![],
                        legacy: None,
                    }
                    .upgrade(),
                ),
                "Log v1 → v2: decide what becomes of `legacy`, which v2 has no field for",
            ),
            (
                message(
                    v2::Log {
                        events: vec![],
                        source: None,
                    }
                    .downgrade(),
                ),
                "Log v2 → v1: decide what becomes of `source`, which v1 has no field for",
            ),
            // A struct turned void drops what it held.
            (
                message(v1::Stop { reason: "r".into() }.upgrade()),
                "Stop v1 → v2: v2's `Stop` carries nothing; decide whether dropping the value is right",
            ),
            (
                message(v2::Stop.downgrade()),
                "Stop v2 → v1: write this conversion",
            ),
            // A value or member with no counterpart.
            (
                message(v2::Unit::Fahrenheit.downgrade()),
                "Unit v2 → v1: FAHRENHEIT does not exist in v1",
            ),
            (
                message(v2::Event::Start(v2::Start { at: 1 }).downgrade()),
                "Event v2 → v1: member `Start` does not exist in v1",
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn only_a_new_optional_field_on_upgrade_is_pre_filled() {
        let scaffold = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/scaffolds/drops.rs"
        ))
        .unwrap();
        let (upgrade, downgrade) = scaffold
            .split_once("impl verso::Downgrade for v2::Log")
            .and_then(|(before, after)| {
                let up = before.split("impl verso::Upgrade for v1::Log").nth(1)?;
                Some((up, after.split("\nimpl ").next()?))
            })
            .expect("both Log stubs");
        assert!(upgrade.contains("source: None,"), "{upgrade}");
        assert!(!downgrade.contains("None"), "{downgrade}");
        assert!(
            downgrade.contains("decide how to fill `legacy`"),
            "{downgrade}"
        );
        // Every stub of the family holds an error until decided.
        for stub in scaffold.split("\nimpl ").skip(1) {
            assert!(stub.contains("ConvertError::new("), "{stub}");
        }
    }
}
