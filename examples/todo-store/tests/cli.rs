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

#[test]
fn only_seed_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("todso.db");
    for command in ["stats", "migrate", "verify"] {
        let (code, out, err) = run(&[command], &typo);
        assert_eq!(code, 1, "{command}: {out}{err}");
        assert!(out.is_empty(), "{command} reports nothing: {out}");
        assert!(
            err.contains(&format!("there is no database at {}", typo.display()))
                && err.contains("only `todo-store seed` creates a database"),
            "{command}: {err}"
        );
        let created: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(created.is_empty(), "{command} created {created:?}");
    }

    // An SQLite file of something else (here an empty one) is refused too,
    // and left as it was.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"").unwrap();
    for command in ["stats", "migrate", "verify"] {
        let (code, _, err) = run(&[command], &other);
        assert_eq!(code, 1, "{command}: {err}");
        assert!(err.contains("has no `todos` table"), "{command}: {err}");
        assert_eq!(std::fs::read(&other).unwrap(), b"", "{command} wrote to it");
    }

    let (code, _, err) = run(&["stats"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is a directory, not a database file"), "{err}");

    let (code, out, _) = run(&["seed", "--rows", "3"], &typo);
    assert_eq!(code, 0);
    assert_eq!(out, "wrote todos 1 to 3\nv1: 1, v2: 1, v3: 1\n");
}

#[test]
fn seed_help_shows_the_versions_default_as_it_is_typed() {
    let help = cargo_bin_cmd!("todo-store")
        .args(["seed", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let line = help
        .lines()
        .find(|line| line.trim_start().starts_with("--versions"))
        .unwrap_or_else(|| panic!("no --versions in:\n{help}"));
    let (_, default) = line.split_once("[default: ").unwrap();
    let (default, _) = default.split_once(']').unwrap();
    assert_eq!(default, "1,2,3", "{line}");

    // What the help shows is what the option takes.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("todos.db");
    let (code, out, err) = run(&["seed", "--rows", "3", "--versions", default], &db);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "wrote todos 1 to 3\nv1: 1, v2: 1, v3: 1\n");
}

#[test]
fn verify_lists_the_rows_that_do_not_read_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("todos.db");
    run(&["seed", "--rows", "6", "--broken", "2"], &db);
    run(&["migrate"], &db);
    // A row whose header says v3 but whose body is cut short: migrate
    // skips it by its header, so only verify can find it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut torn = verso_example_todo_store::new_app::sample_todo(9, 3);
    torn.truncate(torn.len() - 1);
    conn.execute("INSERT INTO todos (id, body) VALUES (9, ?1)", [torn])
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();

    let (code, out, err) = run(&["verify"], &db);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "verified 9 rows: 6 read as v3, 3 do not");
    assert_eq!(lines[1], "found: v2: 1, v3: 7, v9: 1");
    assert!(
        lines[2].starts_with("  todo 7 (v2): invalid version 2 message"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("  todo 8 (v9): unsupported version 9"),
        "{out}"
    );
    assert!(
        lines[4].starts_with("  todo 9 (v3): invalid version 3 message"),
        "{out}"
    );
    assert_eq!(lines.len(), 5, "{out}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "verify wrote to the file"
    );

    // Once the damaged rows are gone, everything reads.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM todos WHERE id > 6", []).unwrap();
    drop(conn);
    let (code, out, _) = run(&["verify"], &db);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "verified 6 rows: all read as v3\nfound: v3: 6\n");
}
