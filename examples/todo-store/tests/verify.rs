//! `verify` decodes every row, the ones whose header already says latest
//! included — which `migrate` skips unread — and never writes.

use std::ops::ControlFlow;
use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::Type;
use verso_example_todo::todo::TodoVersioned;
use verso_example_todo_store::migrate::{MigrateOptions, migrate};
use verso_example_todo_store::new_app::{SeedOptions, sample_todo, seed};
use verso_example_todo_store::store::{Access, open_database, open_existing_database};
use verso_example_todo_store::verify::{RowError, verify};

/// Ids of the damaged rows [`damaged_database`] adds after the 30 good ones
/// and seed's two broken ones (31: a truncated v2 body, 32: version 9).
const LATEST_TRUNCATED: i64 = 33;
const LATEST_TRAILING: i64 = 34;
const NO_HEADER: i64 = 35;
const TEXT_BODY: i64 = 36;

/// 30 good rows at v1, v2 and v3, then rows that do not read, of every
/// kind: two from `seed --broken 2`, and four written by hand — a v3 row
/// cut short and one with a byte too many (both with a header that says
/// latest), a 1-byte body and a text body.
fn damaged_database(path: &Path) {
    let mut conn = open_database(path).unwrap();
    let options = SeedOptions {
        rows: 30,
        versions: vec![1, 2, 3],
        broken: 2,
    };
    seed(&mut conn, &options).unwrap();
    let mut truncated = sample_todo(LATEST_TRUNCATED as u64, 3);
    truncated.truncate(truncated.len() - 3);
    let mut trailing = sample_todo(LATEST_TRAILING as u64, 3);
    trailing.push(0);
    let mut insert = conn
        .prepare("INSERT INTO todos (id, body) VALUES (?1, ?2)")
        .unwrap();
    insert.execute((LATEST_TRUNCATED, truncated)).unwrap();
    insert.execute((LATEST_TRAILING, trailing)).unwrap();
    insert.execute((NO_HEADER, vec![3u8])).unwrap();
    insert.execute((TEXT_BODY, "not bytes")).unwrap();
}

fn table(conn: &Connection) -> Vec<(i64, rusqlite::types::Value)> {
    let mut statement = conn
        .prepare("SELECT id, body FROM todos ORDER BY id")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_row_that_does_not_read_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");
    damaged_database(&path);
    let file_before = std::fs::read(&path).unwrap();

    let conn = open_existing_database(&path, Access::ReadOnly).unwrap();
    let before = table(&conn);
    let report = verify::<TodoVersioned>(&conn, 100).unwrap();
    assert_eq!(table(&conn), before);
    drop(conn);
    assert!(
        std::fs::read(&path).unwrap() == file_before,
        "not a byte written"
    );

    assert_eq!((report.target, report.scanned()), (3, 36));
    assert_eq!((report.readable, report.unreadable), (30, 6));
    assert_eq!(
        report.found.to_string(),
        "v1: 10, v2: 11, v3: 12, v9: 1, no header: 2"
    );
    let listed: Vec<(i64, Option<u16>)> = report
        .failures
        .iter()
        .map(|failure| (failure.id, failure.version))
        .collect();
    assert_eq!(
        listed,
        [
            (31, Some(2)),
            (32, Some(9)),
            (LATEST_TRUNCATED, Some(3)),
            (LATEST_TRAILING, Some(3)),
            (NO_HEADER, None),
            (TEXT_BODY, None),
        ]
    );
    let errors: Vec<&RowError> = report.failures.iter().map(|f| &f.error).collect();
    assert!(
        matches!(
            errors[2],
            RowError::Unreadable(verso::Error::Decode { version: 3, .. })
        ),
        "{:?}",
        errors[2]
    );
    assert!(errors[3].to_string().contains("trailing"), "{}", errors[3]);
    assert!(
        matches!(
            errors[4],
            RowError::Unreadable(verso::Error::HeaderTooShort { len: 1 })
        ),
        "{:?}",
        errors[4]
    );
    assert_eq!(*errors[5], RowError::NotABlob(Type::Text));
}

#[test]
fn verify_finds_what_migrate_skips_by_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");
    damaged_database(&path);
    let mut conn = open_database(&path).unwrap();
    let migration = migrate::<TodoVersioned>(&mut conn, &MigrateOptions::default(), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    let skipped_unread: Vec<i64> = [LATEST_TRUNCATED, LATEST_TRAILING]
        .into_iter()
        .filter(|id| migration.failures.iter().all(|f| f.id != *id))
        .collect();
    assert_eq!(
        skipped_unread,
        [LATEST_TRUNCATED, LATEST_TRAILING],
        "migrate counts them as already v3"
    );

    let report = verify::<TodoVersioned>(&conn, 100).unwrap();
    let listed: Vec<i64> = report.failures.iter().map(|f| f.id).collect();
    assert_eq!(
        listed,
        [
            31,
            32,
            LATEST_TRUNCATED,
            LATEST_TRAILING,
            NO_HEADER,
            TEXT_BODY
        ]
    );
    assert_eq!(report.readable, 30, "every migrated row reads");
}

#[test]
fn all_unreadable_rows_are_counted_and_the_first_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");
    damaged_database(&path);
    let conn = open_existing_database(&path, Access::ReadOnly).unwrap();
    let report = verify::<TodoVersioned>(&conn, 2).unwrap();
    assert_eq!(report.unreadable, 6);
    let listed: Vec<i64> = report.failures.iter().map(|f| f.id).collect();
    assert_eq!(listed, [31, 32]);
}

#[test]
fn a_database_that_reads_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");
    let mut conn = open_database(&path).unwrap();
    let options = SeedOptions {
        rows: 9,
        versions: vec![1, 2, 3],
        broken: 0,
    };
    seed(&mut conn, &options).unwrap();
    let report = verify::<TodoVersioned>(&conn, 100).unwrap();
    assert_eq!((report.readable, report.unreadable), (9, 0));
    assert!(report.failures.is_empty());
    assert_eq!(report.found.to_string(), "v1: 3, v2: 3, v3: 3");
}
