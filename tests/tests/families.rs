//! The example families end to end: `schemas/todo`, `schemas/person` and
//! `schemas/television`, through their generated `…Versioned` wrappers and
//! the converters in `tests/src/*_converters.rs`.
//!
//! For every family: a value built at every version, encoded plain and with
//! the embedded 2-byte version, decodes to the expected latest value (what
//! each upgrade fills in); the latest value encodes for every version and
//! decodes with that version's own types (what survives each downgrade, and
//! which downgrades refuse); bad versions, short headers and corrupted
//! payloads are errors that say which version they concern.

use std::collections::BTreeMap;
use std::fmt::Debug;

use verso::{ConvertError, DecodeErrorKind, Downgrade, Error, Upgrade, Versioned};
use verso_tests::person::{self, PersonVersioned};
use verso_tests::television::{self, TelevisionVersioned};
use verso_tests::todo::v3::App;
use verso_tests::todo::{self, AppVersioned};

// ---- helpers shared by the families

/// `payload` behind its 2-byte little-endian version.
fn embed(version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = version.to_le_bytes().to_vec();
    out.extend_from_slice(payload);
    out
}

/// Plain bytes written at `version` decode to `expected`, both with the
/// version out of band and embedded in the message.
fn decodes_to<V: Versioned>(bytes: &[u8], version: u16, expected: &V::Latest)
where
    V::Latest: PartialEq + Debug,
{
    assert_eq!(
        &V::decode(bytes, version).unwrap(),
        expected,
        "plain v{version}"
    );
    assert_eq!(
        &V::decode_embedded(&embed(version, bytes)).unwrap(),
        expected,
        "embedded v{version}"
    );
}

/// `latest` encoded for `version`, plain and embedded; the two must agree
/// (the embedded form is the plain one behind the version).
fn encode_for<V: Versioned>(latest: V::Latest, version: u16) -> Result<Vec<u8>, Error>
where
    V::Latest: Clone,
{
    let plain = V::encode(latest.clone(), version);
    let embedded = V::encode_embedded(latest, version);
    match (&plain, embedded) {
        (Ok(plain), Ok(embedded)) => assert_eq!(embedded, embed(version, plain)),
        (Err(a), Err(b)) => assert_eq!(a, &b),
        (a, b) => panic!("plain and embedded encodings disagree: {a:?} vs {b:?}"),
    }
    plain
}

/// The errors every family shares: versions out of range, embedded
/// headers too short, and corrupted payloads of every version. `samples`
/// holds a valid plain message of each version, oldest first.
fn rejects_bad_input<V: Versioned>(latest: V::Latest, samples: &[(u16, Vec<u8>)])
where
    V::Latest: Clone + Debug,
{
    let unsupported = |version| Error::UnsupportedVersion {
        version,
        oldest: V::OLDEST,
        latest: V::LATEST,
    };
    let below_oldest = V::OLDEST - 1;
    let (_, any_payload) = &samples[0];
    for version in [0, below_oldest, V::LATEST + 1, u16::MAX] {
        assert_eq!(
            V::decode(any_payload, version).unwrap_err(),
            unsupported(version)
        );
        assert_eq!(
            V::decode_embedded(&embed(version, any_payload)).unwrap_err(),
            unsupported(version)
        );
        assert_eq!(
            V::encode(latest.clone(), version).unwrap_err(),
            unsupported(version)
        );
        assert_eq!(
            V::encode_embedded(latest.clone(), version).unwrap_err(),
            unsupported(version)
        );
    }
    for short in [&[][..], &[1][..]] {
        assert_eq!(
            V::decode_embedded(short).unwrap_err(),
            Error::HeaderTooShort { len: short.len() }
        );
    }

    let versions: Vec<u16> = samples.iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, (V::OLDEST..=V::LATEST).collect::<Vec<_>>());
    for (version, bytes) in samples {
        let version = *version;
        let truncated = &bytes[..bytes.len() - 1];
        for err in [
            V::decode(truncated, version).unwrap_err(),
            V::decode_embedded(&embed(version, truncated)).unwrap_err(),
        ] {
            match err {
                Error::Decode { version: v, source } => {
                    assert_eq!(v, version);
                    // A string cut short is caught at its length prefix.
                    assert!(
                        matches!(
                            source.kind(),
                            DecodeErrorKind::Truncated { .. }
                                | DecodeErrorKind::LengthTooLarge { .. }
                        ),
                        "v{version}: {source}"
                    );
                }
                other => panic!("v{version}: expected a decode error, got {other:?}"),
            }
        }
        let mut trailing = bytes.clone();
        trailing.push(0);
        match V::decode_embedded(&embed(version, &trailing)).unwrap_err() {
            Error::Decode { version: v, source } => {
                assert_eq!(v, version);
                assert_eq!(source.kind(), &DecodeErrorKind::TrailingBytes(1));
                // Offsets count the 2-byte version header: they are
                // positions in what the caller passed.
                assert_eq!(source.offset(), 2 + bytes.len());
            }
            other => panic!("v{version}: expected a decode error, got {other:?}"),
        }
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

// ---- person: a rename, an added field, an optional turned into a list

/// Kleppmann's example record, as v1 writes it.
fn martin_v1() -> person::v1::Person {
    person::v1::Person {
        user_name: "Martin".into(),
        favourite_number: Some(1337),
        interests: strings(&["daydreaming", "hacking"]),
    }
}

fn martin_latest(emails: &[&str]) -> person::v3::Person {
    person::v3::Person {
        name: "Martin".into(),
        favourite_number: Some(1337),
        interests: strings(&["daydreaming", "hacking"]),
        emails: strings(emails),
    }
}

#[test]
fn person_v1_bytes_are_just_the_values() {
    // No field names, no tags: Kleppmann's record is 37 bytes in BARE
    // (his Avro encoding, also tag-free, is 32; Protobuf needs 33).
    let bytes = verso::to_vec(&martin_v1());
    let mut expected = vec![6];
    expected.extend_from_slice(b"Martin");
    expected.extend_from_slice(&[1, 0x39, 0x05, 0, 0, 0, 0, 0, 0]); // Some(1337)
    expected.push(2);
    expected.push(11);
    expected.extend_from_slice(b"daydreaming");
    expected.push(7);
    expected.extend_from_slice(b"hacking");
    assert_eq!(bytes, expected);
    assert_eq!(bytes.len(), 37);
}

#[test]
fn person_every_version_decodes_to_the_latest() {
    // v1: `userName` becomes `name`; v1 had no email, so none is made up.
    let v1 = verso::to_vec(&martin_v1());
    decodes_to::<PersonVersioned>(&v1, 1, &martin_latest(&[]));

    // v2: the single optional email becomes a list of one (or none).
    let v2 = person::v2::Person {
        name: "Martin".into(),
        favourite_number: Some(1337),
        interests: strings(&["daydreaming", "hacking"]),
        email: Some("martin@example.com".into()),
    };
    decodes_to::<PersonVersioned>(
        &verso::to_vec(&v2),
        2,
        &martin_latest(&["martin@example.com"]),
    );
    let v2_without_email = person::v2::Person { email: None, ..v2 };
    decodes_to::<PersonVersioned>(&verso::to_vec(&v2_without_email), 2, &martin_latest(&[]));

    // v3 is the latest: read as it is.
    let v3 = martin_latest(&["a@example.com", "b@example.com"]);
    decodes_to::<PersonVersioned>(&verso::to_vec(&v3), 3, &v3);
}

#[test]
fn person_latest_encodes_for_every_version() {
    let latest = martin_latest(&["martin@example.com"]);

    let v3 = encode_for::<PersonVersioned>(latest.clone(), 3).unwrap();
    assert_eq!(v3, verso::to_vec(&latest));
    assert_eq!(
        verso::from_slice::<person::v3::Person>(&v3).unwrap(),
        latest
    );

    // One address fits v2's optional email.
    let v2 = encode_for::<PersonVersioned>(latest.clone(), 2).unwrap();
    assert_eq!(
        verso::from_slice::<person::v2::Person>(&v2).unwrap(),
        person::v2::Person {
            name: "Martin".into(),
            favourite_number: Some(1337),
            interests: strings(&["daydreaming", "hacking"]),
            email: Some("martin@example.com".into()),
        }
    );

    // v1 has no email at all: it is left out, the rest is kept.
    let v1 = encode_for::<PersonVersioned>(latest, 1).unwrap();
    assert_eq!(
        verso::from_slice::<person::v1::Person>(&v1).unwrap(),
        martin_v1()
    );

    // No address: None in v2.
    let v2 = encode_for::<PersonVersioned>(martin_latest(&[]), 2).unwrap();
    assert_eq!(
        verso::from_slice::<person::v2::Person>(&v2).unwrap().email,
        None
    );
}

#[test]
fn person_with_two_emails_cannot_be_written_for_v2_or_v1() {
    let latest = martin_latest(&["a@example.com", "b@example.com"]);
    for version in [2, 1] {
        let err = encode_for::<PersonVersioned>(latest.clone(), version).unwrap_err();
        let Error::Convert {
            type_name,
            from,
            to,
            source,
        } = &err
        else {
            panic!("expected a conversion error, got {err:?}");
        };
        assert_eq!((*type_name, *from, *to), ("Person", 3, 2));
        assert_eq!(source.path().collect::<Vec<_>>(), ["emails"]);
        assert_eq!(
            err.to_string(),
            "cannot convert Person from v3 to v2: emails: 2 email addresses; v2 holds at most one"
        );
    }
    // The latest version still takes it.
    assert!(encode_for::<PersonVersioned>(latest, 3).is_ok());
}

#[test]
fn person_old_values_survive_the_round_trip_through_the_latest() {
    // Whatever a v1 or v2 writer knew comes back unchanged when the latest
    // value is written for it again.
    let v1 = martin_v1();
    let latest = PersonVersioned::decode(&verso::to_vec(&v1), 1).unwrap();
    let back = PersonVersioned::encode(latest, 1).unwrap();
    assert_eq!(verso::from_slice::<person::v1::Person>(&back).unwrap(), v1);

    let v2 = person::v2::Person {
        name: "Ada".into(),
        favourite_number: None,
        interests: Vec::new(),
        email: Some("ada@example.com".into()),
    };
    let latest = PersonVersioned::decode(&verso::to_vec(&v2), 2).unwrap();
    let back = PersonVersioned::encode(latest, 2).unwrap();
    assert_eq!(verso::from_slice::<person::v2::Person>(&back).unwrap(), v2);
}

#[test]
fn person_rejects_bad_input() {
    assert_eq!((PersonVersioned::OLDEST, PersonVersioned::LATEST), (1, 3));
    let v2 = person::v2::Person {
        name: "Martin".into(),
        favourite_number: None,
        interests: Vec::new(),
        email: Some("m@example.com".into()),
    };
    let samples = [
        (1, verso::to_vec(&martin_v1())),
        (2, verso::to_vec(&v2)),
        (3, verso::to_vec(&martin_latest(&["m@example.com"]))),
    ];
    rejects_bad_input::<PersonVersioned>(martin_latest(&[]), &samples);

    // A corrupted v1 payload: the optional's presence byte is 7.
    let mut bad = verso::to_vec(&martin_v1());
    bad[7] = 7;
    let err = PersonVersioned::decode_embedded(&embed(1, &bad)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid version 1 message: Person.favouriteNumber: invalid optional tag 0x07 (expected 00 or 01) at byte 9"
    );
}

// ---- television: rename + retype, removal, and no field numbers to reuse

fn tv_v1() -> television::v1::Television {
    television::v1::Television {
        brand: "Sony".into(),
        year: 2009,
    }
}

fn tv_v2(model: &str) -> television::v2::Television {
    television::v2::Television {
        brand: "LG".into(),
        model: model.into(),
        kind: Some(television::v2::Kind::Oled),
    }
}

fn tv_v3() -> television::v3::Television {
    television::v3::Television {
        brand: "Philips".into(),
        kind: Some(television::v3::Kind::Lcd),
    }
}

fn tv_v4() -> television::v4::Television {
    television::v4::Television {
        brand: "Panasonic".into(),
        kind: Some(television::v4::Kind::Oled),
        price: Some(149_900),
    }
}

#[test]
fn television_every_version_decodes_to_the_latest() {
    use television::v4::{Kind, Television};

    // v1: the year 2009 travels v1 → v2 as the model "2009" and is dropped
    // with the model in v3. It never becomes a price, as it would in the
    // Protobuf version that reuses `year`'s field number 2 for `price`.
    let v1 = verso::to_vec(&tv_v1());
    assert_eq!(v1, [4, b'S', b'o', b'n', b'y', 0xd9, 0x07]); // 2009 = 0x07d9
    let expected = Television {
        brand: "Sony".into(),
        kind: None,
        price: None,
    };
    decodes_to::<TelevisionVersioned>(&v1, 1, &expected);

    // v2: the model is dropped, the kind kept (generated Kind converters).
    let expected = Television {
        brand: "LG".into(),
        kind: Some(Kind::Oled),
        price: None,
    };
    decodes_to::<TelevisionVersioned>(&verso::to_vec(&tv_v2("OLED55C9")), 2, &expected);

    // v3: only the price is new, and unknown.
    let expected = Television {
        brand: "Philips".into(),
        kind: Some(Kind::Lcd),
        price: None,
    };
    decodes_to::<TelevisionVersioned>(&verso::to_vec(&tv_v3()), 3, &expected);

    // v4 is the latest.
    decodes_to::<TelevisionVersioned>(&verso::to_vec(&tv_v4()), 4, &tv_v4());
}

#[test]
fn television_the_chain_step_by_step() {
    // The intermediate values of the v1 → v4 walk, through the generated
    // `decode_version` and the converters themselves.
    let held = TelevisionVersioned::decode_version(&verso::to_vec(&tv_v1()), 1).unwrap();
    assert_eq!(held, TelevisionVersioned::V1(tv_v1()));
    assert_eq!(held.version(), 1);

    let v2 = tv_v1().upgrade().unwrap();
    assert_eq!(
        v2,
        television::v2::Television {
            brand: "Sony".into(),
            model: "2009".into(),
            kind: None,
        }
    );
    // A model that is a year goes back to v1 as that year…
    assert_eq!(v2.clone().downgrade().unwrap(), tv_v1());
    let v3 = v2.upgrade().unwrap();
    assert_eq!(
        v3,
        television::v3::Television {
            brand: "Sony".into(),
            kind: None,
        }
    );
    assert_eq!(v3.upgrade().unwrap().price, None);

    // …any other model has no v1 form, and the downgrade says so.
    let err = tv_v2("KDL-40V4100").downgrade().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"model: model "KDL-40V4100" is not a model year, and v1 records only the year"#
    );
    // The kind is dropped on the way to v1, which has none.
    let v1 = tv_v2("2019").downgrade().unwrap();
    assert_eq!(
        v1,
        television::v1::Television {
            brand: "LG".into(),
            year: 2019,
        }
    );
}

#[test]
fn television_latest_encodes_for_v4_and_v3_only() {
    let latest = tv_v4();

    let v4 = encode_for::<TelevisionVersioned>(latest.clone(), 4).unwrap();
    assert_eq!(
        verso::from_slice::<television::v4::Television>(&v4).unwrap(),
        latest
    );

    // v3 has no price: it is left out.
    let v3 = encode_for::<TelevisionVersioned>(latest.clone(), 3).unwrap();
    assert_eq!(
        verso::from_slice::<television::v3::Television>(&v3).unwrap(),
        television::v3::Television {
            brand: "Panasonic".into(),
            kind: Some(television::v3::Kind::Oled),
        }
    );

    // v2 requires the model that v3 removed: no model is invented, so v2
    // and v1 readers cannot be served, whatever the value.
    for version in [2, 1] {
        let err = encode_for::<TelevisionVersioned>(latest.clone(), version).unwrap_err();
        match &err {
            Error::Convert {
                type_name: "Television",
                from: 3,
                to: 2,
                source,
            } => assert_eq!(source.path().collect::<Vec<_>>(), ["model"]),
            other => panic!("expected the v3 → v2 step to fail, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            r#"cannot convert Television from v3 to v2: model: v2 requires a model, which v3 no longer records (brand "Panasonic")"#
        );
    }
    // Even a television that came from v1 and never had a price.
    let from_v1 = TelevisionVersioned::decode(&verso::to_vec(&tv_v1()), 1).unwrap();
    assert!(matches!(
        TelevisionVersioned::encode(from_v1, 1),
        Err(Error::Convert { from: 3, to: 2, .. })
    ));
}

#[test]
fn television_bytes_of_one_version_are_not_read_as_another() {
    // Protobuf would read the v1 record {brand = 1: "Sony", year = 2: 2009}
    // with a v4 schema that gave number 2 to `price` as price = 2009. Here
    // the bytes carry no numbers to match up: read as v1 they are a year;
    // mislabelled as v4, strict decoding rejects them (0xd9 is no optional
    // tag) instead of finding a price. Getting the version right is the
    // caller's part: embed it, or agree on it out of band.
    let v1 = verso::to_vec(&tv_v1());
    assert_eq!(TelevisionVersioned::decode(&v1, 1).unwrap().price, None);
    match TelevisionVersioned::decode(&v1, 4).unwrap_err() {
        Error::Decode { version, source } => {
            assert_eq!(version, 4);
            assert_eq!(source.kind(), &DecodeErrorKind::InvalidOptionalTag(0xd9));
            assert_eq!(source.offset(), 5);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn television_rejects_bad_input() {
    assert_eq!(
        (TelevisionVersioned::OLDEST, TelevisionVersioned::LATEST),
        (1, 4)
    );
    let samples = [
        (1, verso::to_vec(&tv_v1())),
        (2, verso::to_vec(&tv_v2("OLED55C9"))),
        (3, verso::to_vec(&tv_v3())),
        (4, verso::to_vec(&tv_v4())),
    ];
    rejects_bad_input::<TelevisionVersioned>(tv_v4(), &samples);

    // An unknown Kind value in a v3 payload.
    let mut bad = verso::to_vec(&tv_v3());
    let last = bad.len() - 1;
    bad[last] = 3;
    match TelevisionVersioned::decode_embedded(&embed(3, &bad)).unwrap_err() {
        Error::Decode { version, source } => {
            assert_eq!(version, 3);
            assert_eq!(source.kind(), &DecodeErrorKind::UnknownEnumValue(3));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---- todo: the bundled example

fn todo_v1_app() -> todo::v1::App {
    todo::v1::App {
        todos: vec![
            todo::v1::Todo {
                id: 2,
                title: "write docs".into(),
                done: false,
            },
            todo::v1::Todo {
                id: 1,
                title: "ship".into(),
                done: true,
            },
        ],
    }
}

fn todo_latest() -> todo::v3::App {
    use todo::v3::{Assignee, Board, Priority, Status, Todo, TodoDetail, User};
    let todo = |id, title: &str, status| Todo {
        id,
        detail: TodoDetail {
            title: title.into(),
            notes: None,
            tags: Vec::new(),
        },
        status,
        priority: Priority::Normal,
        created_at: 0,
        completed_at: None,
        assignee: None,
    };
    let mut review = todo(3, "review", Status::InProgress);
    review.detail.notes = Some("see *PR 12*".into());
    review.detail.tags = strings(&["docs"]);
    review.priority = Priority::Urgent;
    review.created_at = 1_700_000_000_000;
    review.assignee = Some(Assignee::User(User {
        id: 9,
        name: "Ada".into(),
    }));
    App {
        todos: BTreeMap::from([(1, todo(1, "ship", Status::Done)), (3, review)]),
        boards: vec![Board {
            name: "Launch".into(),
            todo_ids: vec![3, 1],
        }],
    }
}

#[test]
fn todo_every_version_decodes_to_the_latest() {
    use todo::v3::{Priority, Status, Todo, TodoDetail};

    // v1: the list becomes a map by id, `done` a status; what v1 did not
    // record is empty or the documented default.
    let upgraded = |id, title: &str, status| Todo {
        id,
        detail: TodoDetail {
            title: title.into(),
            notes: None,
            tags: Vec::new(),
        },
        status,
        priority: Priority::Normal,
        created_at: 0,
        completed_at: None,
        assignee: None,
    };
    let expected = App {
        todos: BTreeMap::from([
            (1, upgraded(1, "ship", Status::Done)),
            (2, upgraded(2, "write docs", Status::Open)),
        ]),
        boards: Vec::new(),
    };
    decodes_to::<AppVersioned>(&verso::to_vec(&todo_v1_app()), 1, &expected);

    // v2: title and tags move into the detail; no boards yet.
    let v2 = todo::v2::App {
        todos: BTreeMap::from([(
            5,
            todo::v2::Todo {
                id: 5,
                title: "test".into(),
                status: todo::v2::Status::InProgress,
                created_at: 42,
                completed_at: Some(43),
                tags: strings(&["ci"]),
            },
        )]),
    };
    let mut todo5 = upgraded(5, "test", Status::InProgress);
    todo5.detail.tags = strings(&["ci"]);
    todo5.created_at = 42;
    todo5.completed_at = Some(43);
    let expected = App {
        todos: BTreeMap::from([(5, todo5)]),
        boards: Vec::new(),
    };
    decodes_to::<AppVersioned>(&verso::to_vec(&v2), 2, &expected);

    decodes_to::<AppVersioned>(&verso::to_vec(&todo_latest()), 3, &todo_latest());
}

#[test]
fn todo_latest_encodes_for_every_version() {
    let latest = todo_latest();

    let v3 = encode_for::<AppVersioned>(latest.clone(), 3).unwrap();
    assert_eq!(verso::from_slice::<App>(&v3).unwrap(), latest);

    // v2: boards, notes, priority and assignee are left out.
    let v2 = encode_for::<AppVersioned>(latest.clone(), 2).unwrap();
    let v2 = verso::from_slice::<todo::v2::App>(&v2).unwrap();
    assert_eq!(
        v2.todos[&3],
        todo::v2::Todo {
            id: 3,
            title: "review".into(),
            status: todo::v2::Status::InProgress,
            created_at: 1_700_000_000_000,
            completed_at: None,
            tags: strings(&["docs"]),
        }
    );
    assert_eq!(v2.todos.keys().copied().collect::<Vec<_>>(), [1, 3]);

    // v1: a list in id order; only DONE counts as done.
    let v1 = encode_for::<AppVersioned>(latest, 1).unwrap();
    assert_eq!(
        verso::from_slice::<todo::v1::App>(&v1).unwrap(),
        todo::v1::App {
            todos: vec![
                todo::v1::Todo {
                    id: 1,
                    title: "ship".into(),
                    done: true,
                },
                todo::v1::Todo {
                    id: 3,
                    title: "review".into(),
                    done: false,
                },
            ],
        }
    );
}

#[test]
fn todo_v1_with_a_shared_id_fails_to_upgrade() {
    let mut app = todo_v1_app();
    app.todos[1].id = 2;
    let bytes = verso::to_vec(&app);
    for err in [
        AppVersioned::decode(&bytes, 1).unwrap_err(),
        AppVersioned::decode_embedded(&embed(1, &bytes)).unwrap_err(),
    ] {
        assert_eq!(
            err,
            Error::Convert {
                type_name: "App",
                from: 1,
                to: 2,
                source: ConvertError::new("two todos share id 2; v2 keys todos by id"),
            }
        );
        assert_eq!(
            err.to_string(),
            "cannot convert App from v1 to v2: two todos share id 2; v2 keys todos by id"
        );
    }
    // Decoding without converting still works: the bytes are a valid v1 App.
    assert_eq!(
        AppVersioned::decode_version(&bytes, 1).unwrap(),
        AppVersioned::V1(app)
    );
}

#[test]
fn todo_rejects_bad_input() {
    assert_eq!((AppVersioned::OLDEST, AppVersioned::LATEST), (1, 3));
    let latest = todo_latest();
    let samples = [
        (1, verso::to_vec(&todo_v1_app())),
        (2, AppVersioned::encode(latest.clone(), 2).unwrap()),
        (3, verso::to_vec(&latest)),
    ];
    rejects_bad_input::<AppVersioned>(latest, &samples);
}

// ---- the README's "Evolving a schema" walkthrough, as written there

#[test]
fn readme_evolving_a_schema() -> Result<(), Box<dyn std::error::Error>> {
    use television::{v1, v3, v4};

    // A v1 record from the archive: read with v1.bare, walked up v1 → v4.
    let old = verso::to_vec(&v1::Television {
        brand: "Sony".into(),
        year: 2009,
    });
    let tv = TelevisionVersioned::decode(&old, 1)?;
    assert_eq!(
        tv,
        v4::Television {
            brand: "Sony".into(),
            kind: None,
            price: None
        }
    );

    // The version in the message.
    let framed = TelevisionVersioned::encode_embedded(tv.clone(), 4)?;
    assert_eq!(framed[..2], [4, 0]);
    assert_eq!(TelevisionVersioned::decode_embedded(&framed)?, tv);

    // For a reader still on v3 (the price, had there been one, is left out).
    let bytes = TelevisionVersioned::encode(tv.clone(), 3)?;
    let seen: v3::Television = verso::from_slice(&bytes)?;
    assert_eq!(
        seen,
        v3::Television {
            brand: "Sony".into(),
            kind: None
        }
    );

    // For a v2 reader there is no honest message.
    let err = TelevisionVersioned::encode(tv, 2).unwrap_err();
    assert!(matches!(err, verso::Error::Convert { from: 3, to: 2, .. }));
    assert_eq!(
        err.to_string(),
        r#"cannot convert Television from v3 to v2: model: v2 requires a model, which v3 no longer records (brand "Sony")"#
    );
    Ok(())
}

#[test]
fn the_versioned_api_decodes_under_the_callers_limits() {
    use verso::Limits;
    let v1 = todo::v1::App {
        todos: (0..100)
            .map(|id| todo::v1::Todo {
                id,
                title: "a title long enough to count".into(),
                done: false,
            })
            .collect(),
    };
    let bytes = embed(1, &verso::to_vec(&v1));
    assert!(AppVersioned::decode_embedded_with(&bytes, Limits::default()).is_ok());
    let tight = Limits::default().with_max_alloc(1_000);
    match AppVersioned::decode_embedded_with(&bytes, tight).unwrap_err() {
        Error::Decode { version: 1, source } => assert!(
            matches!(
                source.kind(),
                DecodeErrorKind::AllocationLimitExceeded { limit: 1_000, .. }
            ),
            "{source}"
        ),
        other => panic!("{other}"),
    }
    // The same limits reach decoding without converting.
    assert!(AppVersioned::decode_version_with(&bytes[2..], 1, tight).is_err());
    let shallow = Limits::default().with_max_depth(0);
    assert!(
        AppVersioned::decode_with(&bytes[2..], 1, shallow).is_ok(),
        "no recursion in todo"
    );
}
