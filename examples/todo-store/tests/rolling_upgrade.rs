//! The whole rolling upgrade, on one SQLite file shared by the old build
//! (v2-era family: reads v1..v2, writes v2) and the new build (reads
//! v1..v3, writes v2 until switched to v3), interleaving their reads and
//! writes, then the bulk migration.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use verso_example_todo::todo::v3;
use verso_example_todo_store::migrate::{MigrateOptions, migrate};
use verso_example_todo_store::new_app::{self, NewStore};
use verso_example_todo_store::old_app::OldStore;
use verso_example_todo_store::store::{StoreError, open_database, version_stats};
use verso_example_todo_store::todo as old_family;

fn old_todo(id: u64, title: &str) -> old_family::v2::Todo {
    old_family::v2::Todo {
        id,
        title: title.to_owned(),
        status: old_family::v2::Status::Open,
        created_at: 1_000 * id as i64,
        completed_at: None,
        tags: vec!["home".to_owned()],
    }
}

fn header(body: &[u8]) -> u16 {
    verso::split_embedded(body).unwrap().0
}

#[test]
fn old_and_new_builds_share_the_table_then_migrate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");

    // Before the upgrade: the old build, with rows from the v1 days that
    // nobody rewrote.
    let mut old = OldStore::open(&path).unwrap();
    assert_eq!(old.write_version(), 2);
    let v1_row = old_family::TodoVersioned::V1(old_family::v1::Todo {
        id: 1,
        title: "from the v1 days".to_owned(),
        done: true,
    })
    .to_bytes_embedded();
    old.connection()
        .execute("INSERT INTO todos (id, body) VALUES (1, ?1)", [&v1_row])
        .unwrap();
    old.insert(old_todo(2, "buy milk")).unwrap();
    old.insert(old_todo(3, "call mum")).unwrap();
    assert_eq!(
        old.get(1).unwrap().unwrap().status,
        old_family::v2::Status::Done
    );

    // The new build is deployed next to it: reads everything, writes v2.
    let mut new = new_app::rolling_store(&path).unwrap();
    assert_eq!(new.write_version(), 2);
    let one = new.get(1).unwrap().unwrap();
    assert_eq!(one.detail.title, "from the v1 days");
    assert_eq!(one.status, v3::Status::Done);
    assert_eq!(new.get(2).unwrap().unwrap().detail.tags, ["home"]);

    // New writes are at v2, so the old build reads them.
    new.insert(new_app::new_todo(4, "written by the new build", 4_000))
        .unwrap();
    assert_eq!(header(&new.raw(4).unwrap().unwrap()), 2);
    assert_eq!(
        old.get(4).unwrap().unwrap().title,
        "written by the new build"
    );
    let updated = new
        .update(1, |todo| {
            todo.detail.title = "renamed by the new build".into()
        })
        .unwrap();
    assert_eq!(updated.detail.title, "renamed by the new build");
    assert_eq!(
        header(&new.raw(1).unwrap().unwrap()),
        2,
        "the v1 row is now v2"
    );
    assert_eq!(
        old.get(1).unwrap().unwrap().title,
        "renamed by the new build"
    );

    // …and the old build's writes reach the new one.
    old.update(4, |todo| todo.tags.push("seen by old".into()))
        .unwrap();
    assert_eq!(new.get(4).unwrap().unwrap().detail.tags, ["seen by old"]);

    // Writing old cannot hold v3's new fields: refused, nothing written,
    // instead of silently dropping the priority.
    let before = new.raw(2).unwrap().unwrap();
    let err = new
        .update(2, |todo| {
            todo.priority = v3::Priority::Urgent;
            todo.detail.notes = Some("semi-skimmed".into());
        })
        .unwrap_err();
    match &err {
        StoreError::WouldLoseData {
            id: 2,
            version: 2,
            fields,
        } => assert_eq!(fields, &["notes", "priority"]),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("notes, priority"), "{err}");
    assert_eq!(new.raw(2).unwrap().unwrap(), before);
    let mut urgent = new_app::new_todo(5, "urgent", 5_000);
    urgent.assignee = Some(v3::Assignee::Team(v3::Team { name: "ops".into() }));
    assert!(matches!(
        new.insert(urgent.clone()),
        Err(StoreError::WouldLoseData { id: 5, .. })
    ));
    assert_eq!(new.raw(5).unwrap(), None);

    // Every old instance is gone: switch the write version.
    new.set_write_version(3).unwrap();
    new.insert(urgent.clone()).unwrap();
    new.update(2, |todo| {
        todo.priority = v3::Priority::Urgent;
        todo.detail.notes = Some("semi-skimmed".into());
    })
    .unwrap();
    assert_eq!(header(&new.raw(2).unwrap().unwrap()), 3);

    // A straggling old instance meets the v3 rows: it cannot read them and
    // will not write them.
    let err = old.get(2).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Unreadable {
                id: 2,
                source: verso::Error::UnsupportedVersion {
                    version: 3,
                    oldest: 1,
                    latest: 2
                }
            }
        ),
        "{err:?}"
    );
    let v3_blob = new.raw(2).unwrap().unwrap();
    let mut called = false;
    let err = old
        .update(2, |todo| {
            called = true;
            todo.title = "overwritten by the old build".into();
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Unreadable { id: 2, .. }),
        "{err:?}"
    );
    assert!(!called, "the old build never saw the row");
    assert_eq!(
        old.raw(2).unwrap().unwrap(),
        v3_blob,
        "byte for byte intact"
    );
    assert!(matches!(
        old.insert(old_todo(2, "a new todo 2")),
        Err(StoreError::AlreadyExists { id: 2 })
    ));
    assert_eq!(old.raw(2).unwrap().unwrap(), v3_blob);
    // Rows it can read still work for it, and it writes them at v2.
    old.update(3, |todo| todo.status = old_family::v2::Status::InProgress)
        .unwrap();
    drop(old);

    // What the new build sees before the migration …
    let before: BTreeMap<u64, v3::Todo> = (1..=5)
        .map(|id| (id, new.get(id).unwrap().unwrap()))
        .collect();
    assert_eq!(before[&2].detail.notes.as_deref(), Some("semi-skimmed"));
    assert_eq!(before[&3].status, v3::Status::InProgress);
    assert_eq!(before[&5], urgent);

    // … the migration rewrites the v2 rows (1, 3, 4) and skips 2 and 5.
    let mut conn = open_database(&path).unwrap();
    let stats = version_stats(&conn).unwrap();
    assert_eq!(stats.by_version, BTreeMap::from([(2, 3), (3, 2)]));
    let report = migrate::<verso_example_todo::todo::TodoVersioned>(
        &mut conn,
        &MigrateOptions {
            batch_size: 2,
            ..MigrateOptions::default()
        },
        |_| ControlFlow::Continue(()),
    )
    .unwrap();
    assert!(report.completed);
    assert_eq!(report.found, BTreeMap::from([(2, 3), (3, 2)]));
    assert_eq!(
        (report.rewritten, report.already_latest, report.failed),
        (3, 2, 0)
    );
    assert_eq!(report.batches, 3);
    assert_eq!(
        version_stats(&conn).unwrap().by_version,
        BTreeMap::from([(3, 5)])
    );

    // … and nothing the user had changed.
    let after: BTreeMap<u64, v3::Todo> = (1..=5)
        .map(|id| (id, new.get(id).unwrap().unwrap()))
        .collect();
    assert_eq!(after, before);
}

#[test]
fn the_write_version_is_checked_against_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let mut new = NewStore::open(dir.path().join("db")).unwrap();
    assert_eq!(new.write_version(), 3, "a fresh store writes the latest");
    assert!(matches!(
        new.set_write_version(4),
        Err(StoreError::WriteVersion(verso::Error::UnsupportedVersion {
            version: 4,
            ..
        }))
    ));
    let mut old = OldStore::open(dir.path().join("db")).unwrap();
    assert!(
        old.set_write_version(3).is_err(),
        "the old build knows no v3"
    );
    old.set_write_version(1).unwrap();
    // v1 has no timestamps or tags: writing this todo at v1 would lose them.
    let err = old.insert(old_todo(1, "x")).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::WouldLoseData {
                id: 1,
                version: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("todo 1 has data v1 cannot hold (fields added after v1)"),
        "{err}"
    );
    assert_eq!(old.raw(1).unwrap(), None);
}

#[test]
fn ids_that_sqlite_cannot_key_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut new = NewStore::open(dir.path().join("db")).unwrap();
    let todo = new_app::new_todo(u64::MAX, "too big", 0);
    assert!(matches!(
        new.insert(todo),
        Err(StoreError::IdOutOfRange { id: u64::MAX })
    ));
    assert!(matches!(
        new.update(7, |_| {}),
        Err(StoreError::NotFound { id: 7 })
    ));
    new.insert(new_app::new_todo(7, "seven", 0)).unwrap();
    assert!(matches!(
        new.update(7, |todo| todo.id = 8),
        Err(StoreError::IdChanged { id: 7, new: 8 })
    ));
    assert_eq!(new.get(7).unwrap().unwrap().id, 7);
    assert_eq!(new.get(8).unwrap(), None);
}
