//! The `todo-store` binary on a seeded database, with stdout and stderr
//! piped (so indicatif's progress bar hides itself, as it must in scripts).

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;

fn run(args: &[&str], db: &Path) -> (i32, String, String) {
    let output = cargo_bin_cmd!("todo-store")
        .arg(args[0])
        .arg(db)
        .args(&args[1..])
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn seed_stats_and_migrate_print_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("todos.db");

    let (code, out, _) = run(&["seed", "--rows", "1200", "--versions", "1,2,3"], &db);
    assert_eq!(code, 0);
    assert_eq!(out, "wrote todos 1 to 1200\nv1: 400, v2: 400, v3: 400\n");

    let (code, out, _) = run(&["stats"], &db);
    assert_eq!(code, 0);
    assert_eq!(out, "1200 rows: v1: 400, v2: 400, v3: 400\n");

    let (code, out, err) = run(&["migrate", "--batch", "100"], &db);
    assert_eq!(code, 0, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "migrated to v3: 1200 rows in 12 batches");
    assert_eq!(lines[1], "found: v1: 400, v2: 400, v3: 400");
    assert_eq!(
        lines[2],
        "rewritten: 800, already v3: 400, left untouched: 0"
    );
    assert!(
        lines[3].starts_with("this run: 1200 rows (800 rewritten) in 12 batches"),
        "{out}"
    );
    assert_eq!(lines.len(), 4, "{out}");
    assert!(err.is_empty(), "no progress bar drawn into a pipe: {err:?}");

    let (_, out, _) = run(&["stats"], &db);
    assert_eq!(out, "1200 rows: v3: 1200\n");
}

#[test]
fn a_stopped_migration_says_so_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("todos.db");
    run(
        &["seed", "--rows", "10", "--versions", "2", "--broken", "2"],
        &db,
    );

    let (code, out, _) = run(&["migrate", "--batch", "4", "--max-batches", "1"], &db);
    assert_eq!(code, 1, "not finished: {out}");
    assert!(
        out.starts_with("stopped migrating to v3: 4 rows in 1 batches\n"),
        "{out}"
    );

    let (code, out, _) = run(&["migrate", "--batch", "4"], &db);
    assert_eq!(code, 1, "two rows are left untouched: {out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "migrated to v3: 12 rows in 3 batches (resumed)");
    assert_eq!(lines[1], "found: v2: 11, v9: 1");
    assert_eq!(lines[2], "rewritten: 10, already v3: 0, left untouched: 2");
    assert!(
        lines[3].starts_with("  todo 11 (v2): invalid version 2 message"),
        "{out}"
    );
    assert!(
        lines[4].starts_with("  todo 12 (v9): unsupported version 9"),
        "{out}"
    );
    let (_, out, _) = run(&["stats"], &db);
    assert_eq!(out, "12 rows: v2: 1, v3: 10, v9: 1\n");
}

#[test]
fn a_killed_migration_loses_nothing_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let killed = dir.path().join("killed.db");
    let whole = dir.path().join("whole.db");
    for db in [&killed, &whole] {
        let (code, ..) = run(&["seed", "--rows", "60000", "--broken", "3"], db);
        assert_eq!(code, 0);
    }
    run(&["migrate", "--batch", "50"], &whole);

    // Killed wherever it happens to be (between or inside a batch): the
    // batch in flight rolls back with its checkpoint.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_todo-store"))
        .arg("migrate")
        .arg(&killed)
        .args(["--batch", "50"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as it has committed a batch (SIGKILL: no cleanup).
    let reader = rusqlite::Connection::open(&killed).unwrap();
    let progress = || -> Option<(i64, bool)> {
        reader
            .query_row("SELECT scanned, completed FROM todo_migration", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok()
    };
    for _ in 0..10_000 {
        if progress().is_some_and(|(scanned, _)| scanned > 0) {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill();
    child.wait().unwrap();
    let (scanned, completed) = progress().unwrap();
    assert!(scanned > 0);

    let (code, out, _) = run(&["migrate", "--batch", "50"], &killed);
    assert_eq!(code, 1, "three rows are broken: {out}");
    if !completed {
        // The usual case: killed in the middle, so this run resumed.
        assert!(out.lines().next().unwrap().ends_with("(resumed)"), "{out}");
    }
    let (_, resumed_tail) = out.split_once('\n').unwrap();
    let (_, whole_out, _) = run(&["stats"], &whole);
    let (_, killed_out, _) = run(&["stats"], &killed);
    assert_eq!(killed_out, whole_out);
    assert_eq!(killed_out, "60003 rows: v2: 2, v3: 60000, v9: 1\n");
    assert!(
        resumed_tail.starts_with("found: v1: 20000, v2: 20002, v3: 20000, v9: 1\n"),
        "{out}"
    );

    let dump = |db: &Path| {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut statement = conn
            .prepare("SELECT id, body FROM todos ORDER BY id")
            .unwrap();
        statement
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    };
    assert!(dump(&killed) == dump(&whole), "same rows byte for byte");
}
