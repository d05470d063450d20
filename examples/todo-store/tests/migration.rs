//! The bulk migration: counts per version, rows it cannot migrate left
//! untouched and reported, resumability, and cheap skipping of latest rows.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;

use rusqlite::Connection;
use verso_example_todo::todo::{AppVersioned, TodoVersioned, v1};
use verso_example_todo_store::migrate::{MigrateOptions, MigrationReport, migrate};
use verso_example_todo_store::new_app::{SeedOptions, seed};
use verso_example_todo_store::store::{open_database, version_stats};

fn seeded(path: &Path, rows: u64, broken: u64) -> Connection {
    let mut conn = open_database(path).unwrap();
    seed(
        &mut conn,
        &SeedOptions {
            rows,
            versions: vec![1, 2, 3],
            broken,
        },
    )
    .unwrap();
    conn
}

fn table(conn: &Connection) -> Vec<(i64, Vec<u8>)> {
    let mut statement = conn
        .prepare("SELECT id, body FROM todos ORDER BY id")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn run(conn: &mut Connection, batch_size: usize, max_batches: Option<u64>) -> MigrationReport {
    migrate::<TodoVersioned>(
        conn,
        &MigrateOptions {
            batch_size,
            max_batches,
            ..MigrateOptions::default()
        },
        |_| ControlFlow::Continue(()),
    )
    .unwrap()
}

/// The report without what differs between one call and several.
fn totals(report: &MigrationReport) -> MigrationReport {
    MigrationReport {
        resumed: false,
        batches_this_run: 0,
        scanned_this_run: 0,
        rewritten_this_run: 0,
        ..report.clone()
    }
}

#[test]
fn counts_every_version_and_rewrites_to_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = seeded(&dir.path().join("db"), 1000, 0);
    let before = table(&conn);
    let report = run(&mut conn, 64, None);
    assert!(report.completed && !report.resumed);
    assert_eq!(report.target, 3);
    assert_eq!(report.found, BTreeMap::from([(1, 334), (2, 333), (3, 333)]));
    assert_eq!(
        (report.scanned, report.rewritten, report.already_latest),
        (1000, 667, 333)
    );
    assert_eq!((report.failed, report.no_header), (0, 0));
    assert_eq!(report.batches, 16, "15 full batches of 64 and one of 40");
    assert_eq!(
        (report.scanned_this_run, report.rewritten_this_run),
        (1000, 667)
    );
    assert_eq!(
        version_stats(&conn).unwrap().by_version,
        BTreeMap::from([(3, 1000)])
    );

    // Every row means what it meant, and v3 rows were not rewritten.
    for ((id, old), (_, new)) in before.iter().zip(table(&conn)) {
        let old_value = <TodoVersioned as verso::Versioned>::decode_embedded(old).unwrap();
        let new_value = <TodoVersioned as verso::Versioned>::decode_embedded(&new).unwrap();
        assert_eq!(old_value, new_value, "todo {id}");
        if verso::split_embedded(old).unwrap().0 == 3 {
            assert_eq!(old, &new, "todo {id} was at v3 already");
        }
    }

    // A second pass starts over and finds nothing to do.
    let again = run(&mut conn, 64, None);
    assert!(again.completed && !again.resumed);
    assert_eq!(again.found, BTreeMap::from([(3, 1000)]));
    assert_eq!((again.rewritten, again.already_latest), (0, 1000));
}

#[test]
fn rows_that_cannot_be_migrated_are_reported_and_left_untouched() {
    // No upgrade of `Todo` can fail (v1 → v2 → v3 always succeeds), so the
    // failures here are a truncated v2 body, a version from the future (9)
    // and a blob too short for its header; the converter failure is below.
    let dir = tempfile::tempdir().unwrap();
    let mut conn = seeded(&dir.path().join("db"), 9, 2);
    conn.execute("INSERT INTO todos (id, body) VALUES (100, x'02')", [])
        .unwrap();
    let broken: Vec<(i64, Vec<u8>)> = table(&conn)
        .into_iter()
        .filter(|(id, _)| *id >= 10)
        .collect();
    assert_eq!(broken.len(), 3);

    let report = run(&mut conn, 4, None);
    assert!(report.completed);
    assert_eq!(
        report.found,
        BTreeMap::from([(1, 3), (2, 4), (3, 3), (9, 1)])
    );
    assert_eq!(report.no_header, 1);
    assert_eq!(
        (report.rewritten, report.already_latest, report.failed),
        (6, 3, 3)
    );
    let ids: Vec<(i64, Option<u16>)> = report.failures.iter().map(|f| (f.id, f.version)).collect();
    assert_eq!(ids, [(10, Some(2)), (11, Some(9)), (100, None)]);
    assert!(
        report.failures[0]
            .error
            .starts_with("invalid version 2 message"),
        "{:?}",
        report.failures[0]
    );
    assert!(
        report.failures[1]
            .error
            .starts_with("unsupported version 9"),
        "{:?}",
        report.failures[1]
    );
    assert!(
        report.failures[2]
            .error
            .contains("too short for its 2-byte version header")
    );

    let after: Vec<(i64, Vec<u8>)> = table(&conn)
        .into_iter()
        .filter(|(id, _)| *id >= 10)
        .collect();
    assert_eq!(after, broken, "byte for byte");
    let recorded: i64 = conn
        .query_row("SELECT count(*) FROM todo_migration_failures", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(recorded, 3);

    // The report lists only the first failures, but counts them all.
    let report = migrate::<TodoVersioned>(
        &mut conn,
        &MigrateOptions {
            max_reported_failures: 1,
            ..MigrateOptions::default()
        },
        |_| ControlFlow::Continue(()),
    )
    .unwrap();
    assert_eq!((report.failed, report.failures.len()), (3, 1));
}

#[test]
fn a_converter_refusal_is_reported_and_the_row_kept() {
    // Saved `App` states (one per user): v1 allowed two todos with one id,
    // v2 keys todos by id, and the v1 → v2 converter refuses to pick one.
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_database(dir.path().join("db")).unwrap();
    let todo = |id, title: &str| v1::Todo {
        id,
        title: title.into(),
        done: false,
    };
    let good = AppVersioned::V1(v1::App {
        todos: vec![todo(1, "a"), todo(2, "b")],
    })
    .to_bytes_embedded();
    let clash = AppVersioned::V1(v1::App {
        todos: vec![todo(1, "a"), todo(1, "a again")],
    })
    .to_bytes_embedded();
    for (id, body) in [(1, &good), (2, &clash)] {
        conn.execute(
            "INSERT INTO todos (id, body) VALUES (?1, ?2)",
            rusqlite::params![id, body],
        )
        .unwrap();
    }
    let report = migrate::<AppVersioned>(&mut conn, &MigrateOptions::default(), |_| {
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!((report.rewritten, report.failed), (1, 1));
    assert_eq!(report.failures[0].id, 2);
    assert_eq!(
        report.failures[0].error,
        "cannot convert App from v1 to v2: two todos share id 1; v2 keys todos by id"
    );
    assert_eq!(table(&conn)[1], (2, clash), "left as it was");
    assert_eq!(verso::split_embedded(&table(&conn)[0].1).unwrap().0, 3);
}

#[test]
fn rows_at_the_latest_version_are_skipped_from_their_header() {
    // The payload is garbage, but the header says v3: the migration does
    // not decode it (that is what makes re-runs cheap), so it is counted as
    // already migrated and left alone.
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_database(dir.path().join("db")).unwrap();
    conn.execute("INSERT INTO todos (id, body) VALUES (1, x'0300ffff')", [])
        .unwrap();
    let report = run(&mut conn, 10, None);
    assert_eq!(
        (report.already_latest, report.rewritten, report.failed),
        (1, 0, 0)
    );
    assert_eq!(table(&conn), [(1, vec![3, 0, 0xff, 0xff])]);
}

#[test]
fn a_stopped_migration_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut whole = seeded(&dir.path().join("whole"), 1000, 4);
    let mut parts = seeded(&dir.path().join("parts"), 1000, 4);
    assert_eq!(table(&whole), table(&parts));
    let original = table(&parts);

    let uninterrupted = run(&mut whole, 100, None);
    assert!(uninterrupted.completed);

    // Three batches, then stop, as a kill between batches would.
    let first = run(&mut parts, 100, Some(3));
    assert!(!first.completed && !first.resumed);
    assert_eq!((first.batches, first.scanned), (3, 300));
    let now = table(&parts);
    for (i, ((id, old), (_, new))) in original.iter().zip(&now).enumerate() {
        if i < 300 {
            assert_eq!(verso::split_embedded(new).unwrap().0, 3, "todo {id} done");
        } else {
            assert_eq!(old, new, "todo {id} not reached yet");
        }
    }

    // Resume with a callback that stops after every second batch, until done.
    let mut calls = 0;
    let last = loop {
        calls += 1;
        let mut seen = 0;
        let report = migrate::<TodoVersioned>(
            &mut parts,
            &MigrateOptions {
                batch_size: 100,
                ..MigrateOptions::default()
            },
            |progress| {
                seen += 1;
                assert_eq!(progress.total, 1004);
                if seen == 2 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
        .unwrap();
        assert!(report.resumed, "call {calls} continues the pass");
        if report.completed {
            break report;
        }
        assert_eq!(report.batches_this_run, 2);
    };
    assert_eq!(calls, 4, "batches 4-5, 6-7, 8-9, 10-11");
    assert_eq!(table(&parts), table(&whole), "same rows, byte for byte");
    assert_eq!(totals(&last), totals(&uninterrupted), "same totals");
    assert_eq!(
        last.found,
        BTreeMap::from([(1, 334), (2, 335), (3, 333), (9, 2)])
    );
    assert_eq!(last.failed, 4);
}

#[test]
fn an_empty_table_is_migrated_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_database(dir.path().join("db")).unwrap();
    let report = run(&mut conn, 10, None);
    assert!(report.completed);
    assert_eq!((report.scanned, report.batches), (0, 0));
}
