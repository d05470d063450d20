//! End-to-end tests of `verso retire DIR --through N` and of what `verso
//! check` says about retired and missing versions afterwards.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// The `verso` binary cargo built for these tests.
fn verso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verso"))
}

/// A family `v1.bare` … `vN.bare`, each version adding a field.
fn family(latest: u16) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for version in 1..=latest {
        let fields: String = (1..=version).map(|f| format!(" f{f}: u8")).collect();
        fs::write(
            dir.path().join(format!("v{version}.bare")),
            format!("type Msg struct {{{fields} }}\n"),
        )
        .expect("write a test schema");
    }
    dir
}

/// `verso lock DIR`: freezes every version but the latest.
fn lock(dir: &Path) {
    verso().arg("lock").arg(dir).assert().code(0);
}

fn retire(dir: &Path, through: &str) -> assert_cmd::assert::Assert {
    verso()
        .arg("retire")
        .arg(dir)
        .args(["--through", through])
        .assert()
}

/// `verso retire DIR --through N --fix`.
fn retire_fixing(dir: &Path, through: &str) -> assert_cmd::assert::Assert {
    verso()
        .arg("retire")
        .arg(dir)
        .args(["--through", through, "--fix"])
        .assert()
}

fn lock_text(dir: &Path) -> String {
    fs::read_to_string(dir.join("verso.lock")).expect("verso.lock exists")
}

fn present(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the family")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".bare"))
        .collect();
    names.sort();
    names
}

#[test]
fn retire_deletes_the_oldest_versions_and_the_lock_records_it() {
    let dir = family(4);
    lock(dir.path());
    retire(dir.path(), "2")
        .code(0)
        .stderr(predicate::str::contains("deleted v1.bare, v2.bare"))
        .stderr(predicate::str::contains("retired through 2"))
        .stderr(predicate::str::contains("the family now starts at v3"));
    assert_eq!(present(dir.path()), ["v3.bare", "v4.bare"]);
    let lock = lock_text(dir.path());
    assert!(lock.contains("\nretired through 2\n"), "{lock}");
    assert!(
        !lock.contains("v1 sha256:") && !lock.contains("v2 sha256:"),
        "{lock}"
    );
    assert!(lock.contains("\nv3 sha256:"), "{lock}");
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("ok: 3 files checked, 0 warnings\n");

    // Retiring further keeps at least the latest version.
    retire(dir.path(), "3")
        .code(0)
        .stderr(predicate::str::contains("deleted v3.bare"))
        .stderr(predicate::str::contains("v4 only"));
    assert_eq!(present(dir.path()), ["v4.bare"]);
    assert!(lock_text(dir.path()).contains("\nretired through 3\n"));
    verso().arg("check").arg(dir.path()).assert().code(0);
    // Nothing is left to retire.
    retire(dir.path(), "3")
        .code(1)
        .stderr(predicate::str::contains("nothing to retire"));
}

#[test]
fn retire_works_in_a_family_without_a_lock() {
    let dir = family(3);
    retire(dir.path(), "1").code(0);
    assert_eq!(present(dir.path()), ["v2.bare", "v3.bare"]);
    let lock = lock_text(dir.path());
    assert!(lock.contains("\nretired through 1\n"), "{lock}");
    assert!(!lock.contains("sha256:"), "nothing was frozen: {lock}");
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("v2.bare is not frozen"))
        .stderr(predicate::str::ends_with(
            "ok: 3 files checked, 1 warning\n",
        ));
}

#[test]
fn out_of_range_versions_are_refused_and_change_nothing() {
    let dir = family(3);
    lock(dir.path());
    let before = lock_text(dir.path());
    for through in ["3", "4", "65535"] {
        retire(dir.path(), through)
            .code(1)
            .stderr(predicate::str::contains("must stay"))
            .stderr(predicate::str::contains("N from 1 to 2"));
    }
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
    assert_eq!(lock_text(dir.path()), before);

    retire(dir.path(), "1").code(0);
    // One version reads as one.
    retire(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains(
            "v1 is already retired (verso.lock: retired through 1); use N = 2 (v3 stays)",
        ));
    assert_eq!(present(dir.path()), ["v2.bare", "v3.bare"]);

    // Not a version at all: bad usage.
    for through in ["0", "-1", "two", "65536"] {
        retire(dir.path(), through).code(2);
    }
    verso().arg("retire").arg(dir.path()).assert().code(2);
}

#[test]
fn a_frozen_file_deleted_by_hand_fails_check_and_names_verso_retire() {
    let dir = family(3);
    lock(dir.path());
    fs::remove_file(dir.path().join("v1.bare")).unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "v1.bare is frozen but missing: restore it, or retire it with `verso retire DIR --through 1`",
        ));
    // Doing what the message says settles it.
    retire(dir.path(), "1")
        .code(0)
        .stderr(predicate::str::contains("no file to delete"))
        .stderr(predicate::str::contains("the family now starts at v2"));
    assert!(lock_text(dir.path()).contains("\nretired through 1\n"));
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("ok: 3 files checked, 0 warnings\n");
}

#[test]
fn a_retired_file_put_back_fails_check() {
    let dir = family(3);
    lock(dir.path());
    let v1 = fs::read_to_string(dir.path().join("v1.bare")).unwrap();
    retire(dir.path(), "1").code(0);
    fs::write(dir.path().join("v1.bare"), v1).unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "v1.bare was retired (verso.lock: retired through 1) but is present",
        ));
}

#[test]
fn retire_refuses_when_the_lock_has_errors() {
    let dir = family(3);
    lock(dir.path());
    // A frozen version changed its meaning.
    fs::write(
        dir.path().join("v2.bare"),
        "type Msg struct { other: str }\n",
    )
    .unwrap();
    retire(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains("changed after it was frozen"))
        .stderr(predicate::str::contains("nothing was retired"));
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
    assert!(!lock_text(dir.path()).contains("retired"));

    fs::write(dir.path().join("verso.lock"), "garbage\n").unwrap();
    retire(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains("verso.lock:1:1"))
        .stderr(predicate::str::contains("not a lock line"))
        .stderr(predicate::str::contains("error: Error:").not());
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
}

#[test]
fn retire_refuses_when_the_manifest_would_name_a_retired_version() {
    let dir = family(3);
    fs::write(dir.path().join("verso.toml"), "[manual]\nMsg = [1, 2]\n").unwrap();
    retire(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains(
            "verso.toml names versions being retired: line 2: `1` in the list of `Msg`",
        ))
        .stderr(predicate::str::contains("run again with --fix"))
        .stderr(predicate::str::contains("there is no step v1 → v2"))
        .stderr(predicate::str::contains("verso.toml:2:8"));
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
    assert!(!dir.path().join("verso.lock").exists());
    fs::write(dir.path().join("verso.toml"), "[manual]\nMsg = [2]\n").unwrap();
    retire(dir.path(), "1").code(0);
}

/// A family whose `Msg` was called `Note` in v1 and `Memo` in v2, with a
/// manifest that says so, comments and all, and a converter written by
/// hand for each step.
fn renamed_family() -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (version, text) in [
        (1, "type Note struct { a: u8 }\n"),
        (2, "type Memo struct { a: u8 b: u8 }\n"),
        (3, "type Msg struct { a: u8 b: u8 c: u8 }\n"),
    ] {
        fs::write(dir.path().join(format!("v{version}.bare")), text).unwrap();
    }
    fs::write(dir.path().join("verso.toml"), RENAMES).unwrap();
    dir
}

const RENAMES: &str = "\
# The message type changed its name twice.
roots = [\"Msg\"]

[renamed.v2]
Memo = \"Note\"   # v1 called it a note

[renamed.v3]
# Memos became messages.
Msg = \"Memo\"
";

#[test]
fn retire_fix_removes_what_the_manifest_says_about_retired_versions_and_keeps_the_rest() {
    let dir = renamed_family();
    lock(dir.path());
    let before = lock_text(dir.path());
    // Without --fix: refused, naming what --fix would remove; nothing changes.
    retire(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains(
            "verso.toml names versions being retired: line 4: `[renamed.v2]`; line 5: `Memo = \"Note\"   # v1 called it a note`",
        ))
        .stderr(predicate::str::contains("[renamed.v2]`: nothing to rename from, v2 is the family's oldest version (v1 is retired)"))
        .stderr(predicate::str::contains("nothing was retired"));
    assert_eq!(
        fs::read_to_string(dir.path().join("verso.toml")).unwrap(),
        RENAMES
    );
    assert_eq!(lock_text(dir.path()), before);
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);

    let manifest = dir.path().join("verso.toml");
    retire_fixing(dir.path(), "1")
        .code(0)
        .stderr(predicate::str::contains("deleted v1.bare"))
        .stderr(predicate::str::contains(format!(
            "removed from {}: line 4: `[renamed.v2]`; line 5: `Memo = \"Note\"   # v1 called it a note`",
            manifest.display()
        )))
        .stderr(predicate::str::contains(
            "delete the hand-written converters to and from the retired versions, whose types are no longer generated: impl verso::Upgrade for v1::Note, impl verso::Downgrade for v2::Memo",
        ));
    assert_eq!(
        fs::read_to_string(&manifest).unwrap(),
        "# The message type changed its name twice.\nroots = [\"Msg\"]\n\n\n[renamed.v3]\n# Memos became messages.\nMsg = \"Memo\"\n"
    );
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("ok: 4 files checked, 0 warnings\n");
}

#[test]
fn retire_fix_leaves_entries_it_cannot_cut_cleanly_to_the_user() {
    let dir = renamed_family();
    let inline = "renamed = { v2 = { Memo = \"Note\" }, v3 = { Msg = \"Memo\" } }\n";
    fs::write(dir.path().join("verso.toml"), inline).unwrap();
    retire_fixing(dir.path(), "1")
        .code(1)
        .stderr(predicate::str::contains(
            "verso.toml:1: `renamed = { v2 = { Memo = \"Note\" }, v3 = { Msg = \"Memo\" } }` names a retired version, but verso can only remove an entry written on a line of its own; remove it by hand (nothing was retired)",
        ));
    assert_eq!(
        fs::read_to_string(dir.path().join("verso.toml")).unwrap(),
        inline
    );
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
}

#[test]
fn a_broken_family_is_not_retired() {
    let dir = family(3);
    fs::write(dir.path().join("v3.bare"), "type Msg struct {\n").unwrap();
    retire(dir.path(), "1").code(1);
    assert_eq!(present(dir.path()), ["v1.bare", "v2.bare", "v3.bare"]);
    let missing = tempfile::tempdir().unwrap();
    retire(&missing.path().join("nowhere"), "1").code(1);
}
