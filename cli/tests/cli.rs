//! End-to-end tests of the `verso` binary: `verso check` on files and family
//! directories, its exit codes (0 clean, 1 errors or unreadable path, 2 bad
//! usage), its options, and what it prints on stderr.
//!

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// The workspace root (`tests/..`).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The bundled example family.
fn todo_family() -> PathBuf {
    workspace().join("schemas/todo")
}

/// A copy of the todo family's schema files, without its lock.
fn todo_versions() -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for name in ["v1.bare", "v2.bare", "v3.bare"] {
        fs::copy(todo_family().join(name), dir.path().join(name)).expect("copy a schema");
    }
    dir
}

/// The `verso` binary cargo built for these tests.
fn verso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verso"))
}

/// A temporary directory with the given files.
fn dir_with(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, contents) in files {
        fs::write(dir.path().join(name), contents).expect("write a test file");
    }
    dir
}

/// A small valid schema.
const VALID: &str = "type Message struct { text: str }\n";

/// Two legacy forms: two warnings by default, two errors with --no-legacy.
const LEGACY: &str = "struct Person {\n    tags: []str\n}\n";

/// No `= N` on the enum values: fine unless --pedantic.
const IMPLICIT_VALUES: &str = "type Color enum { RED GREEN }\n";

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn the_todo_family_is_clean() {
    // Three versions and the lock that freezes v1 and v2.
    verso()
        .arg("check")
        .arg(todo_family())
        .assert()
        .code(0)
        .stderr("ok: 4 files checked, 0 warnings\n");
}

#[test]
fn each_todo_version_checks_clean_as_a_file() {
    for version in 1..=3 {
        verso()
            .arg("check")
            .arg(todo_family().join(format!("v{version}.bare")))
            .assert()
            .code(0)
            .stderr("ok: 1 file checked, 0 warnings\n");
    }
}

#[test]
fn a_broken_family_member_is_reported_at_its_line_and_column() {
    let dir = todo_versions();
    let v2 = dir.path().join("v2.bare");
    let source = fs::read_to_string(&v2).unwrap();
    // Line 16 is `    status: Status`; misspell the type.
    assert_eq!(source.lines().nth(15), Some("    status: Status"));
    assert_eq!(source.matches("status: Status").count(), 1);
    fs::write(&v2, source.replace("status: Status", "status: Stauts")).unwrap();

    let output = verso().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(&format!("{}:16:13", v2.display())),
        "no v2.bare:16:13 in:\n{stderr}"
    );
    assert!(stderr.contains("type `Stauts` is not defined"), "{stderr}");
    assert!(!stderr.contains("v1.bare"), "v1 is clean:\n{stderr}");
    assert!(!stderr.contains("v3.bare"), "v3 is clean:\n{stderr}");
    assert!(
        stderr.ends_with("error: 1 error and 0 warnings in 3 files checked\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_path_is_one_error_plus_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.bare");
    let output = verso().arg("check").arg(&missing).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    let shown = missing.display().to_string();
    let naming: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("error:") && l.contains(&shown))
        .collect();
    assert_eq!(naming.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with(&format!("error: {shown}: cannot read")),
        "{stderr}"
    );
    assert_eq!(lines[1], "error: 1 error and 0 warnings in 0 files checked");
}

#[test]
fn a_missing_path_does_not_stop_the_other_paths() {
    let dir = tempfile::tempdir().unwrap();
    verso()
        .arg("check")
        .arg(dir.path().join("nowhere.bare"))
        .arg(todo_family())
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "error: 1 error and 0 warnings in 4 files checked\n",
        ));
}

#[test]
fn no_arguments_is_bad_usage() {
    verso()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage: verso <COMMAND>"));
}

#[test]
fn check_without_paths_is_bad_usage() {
    verso()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<PATH>"));
}

#[test]
fn an_unknown_option_is_bad_usage() {
    verso()
        .args(["check", "--strict"])
        .arg(todo_family())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--strict"));
}

#[test]
fn a_gap_in_the_versions_names_the_missing_file() {
    let dir = dir_with(&[("v1.bare", VALID), ("v3.bare", VALID)]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid schema family"))
        .stderr(predicate::str::contains("`v2.bare` is missing"));
}

#[test]
fn a_wider_gap_names_the_missing_range() {
    // A family may start above v1 (older versions retired): only the gap
    // between present files is a problem.
    let dir = dir_with(&[("v2.bare", VALID), ("v5.bare", VALID)]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`v1.bare`").not())
        .stderr(predicate::str::contains(
            "`v3.bare` to `v4.bare` are missing",
        ));
}

#[test]
fn a_stray_schema_in_a_family_is_an_error() {
    let dir = dir_with(&[
        ("v1.bare", VALID),
        ("v2.bare", VALID),
        ("common.bare", VALID),
    ]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`common.bare`"))
        .stderr(predicate::str::contains("not named like a version"));
}

#[test]
fn other_files_and_subdirectories_in_a_family_are_ignored() {
    let dir = dir_with(&[
        ("v1.bare", VALID),
        ("v2.bare", VALID),
        ("README.md", "# The message family\n"),
        ("notes.txt", "not a schema"),
    ]);
    let old = dir.path().join("old");
    fs::create_dir(&old).unwrap();
    fs::write(old.join("draft.bare"), "not a schema at all").unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(format!(
            "warning: {}: v1.bare is not frozen although newer versions exist; run `verso lock` once it is published\n\
             ok: 2 files checked, 1 warning\n",
            dir.path().display()
        ));
}

#[test]
fn version_zero_is_rejected() {
    let dir = dir_with(&[("v0.bare", VALID), ("v1.bare", VALID)]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`v0.bare`: versions start at 1"));
}

#[test]
fn a_leading_zero_is_rejected() {
    let dir = dir_with(&[("v1.bare", VALID), ("v01.bare", VALID)]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`v01.bare`"))
        .stderr(predicate::str::contains("leading zeros"));
}

#[test]
fn an_empty_directory_is_not_a_family() {
    let dir = tempfile::tempdir().unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no schema files"));
}

#[test]
fn a_non_utf8_file_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.bare");
    // `é` in Latin-1: byte 0xE9 on line 2, after 19 characters.
    fs::write(&path, b"type A struct {\n    name: str # caf\xe9\n}\n").unwrap();
    verso()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "error: {}:2:20: the file is not valid UTF-8",
            path.display()
        )))
        .stderr(predicate::str::ends_with(
            "error: 1 error and 0 warnings in 1 file checked\n",
        ));
}

#[test]
fn legacy_syntax_warns_by_default_and_fails_with_no_legacy() {
    let dir = dir_with(&[("person.bare", LEGACY)]);
    let path = dir.path().join("person.bare");
    for flags in [&[][..], &["--legacy"][..], &["--no-legacy", "--legacy"][..]] {
        verso()
            .arg("check")
            .args(flags)
            .arg(&path)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("Warning: legacy syntax"))
            .stderr(predicate::str::ends_with(
                "ok: 1 file checked, 2 warnings\n",
            ));
    }
    for flags in [&["--no-legacy"][..], &["--legacy", "--no-legacy"][..]] {
        verso()
            .arg("check")
            .args(flags)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "Error: legacy syntax `struct Name { … }` is not allowed without --legacy",
            ))
            .stderr(predicate::str::ends_with(
                "error: 2 errors and 0 warnings in 1 file checked\n",
            ));
    }
}

#[test]
fn forward_references_need_legacy() {
    let dir = dir_with(&[(
        "forward.bare",
        "type A struct { b: B }\ntype B struct { x: u8 }\n",
    )]);
    let path = dir.path().join("forward.bare");
    verso()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stderr("ok: 1 file checked, 0 warnings\n");
    verso()
        .args(["check", "--no-legacy"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "type `B` is used before its definition",
        ))
        .stderr(predicate::str::contains(format!("{}:1:20", path.display())));
}

#[test]
fn pedantic_requires_explicit_values() {
    let dir = dir_with(&[("color.bare", IMPLICIT_VALUES)]);
    let path = dir.path().join("color.bare");
    verso()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stderr("ok: 1 file checked, 0 warnings\n");
    verso()
        .args(["check", "--pedantic"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "expected `=` and a value after `RED`",
        ))
        .stderr(predicate::str::contains(
            "expected `=` and a value after `GREEN`",
        ))
        .stderr(predicate::str::ends_with(
            "error: 2 errors and 0 warnings in 1 file checked\n",
        ));
}

#[test]
fn warnings_alone_keep_exit_zero_across_files() {
    let dir = dir_with(&[("a.bare", LEGACY), ("b.bare", "type B string\n")]);
    verso()
        .arg("check")
        .arg(dir.path().join("a.bare"))
        .arg(dir.path().join("b.bare"))
        .assert()
        .code(0)
        .stderr(predicate::str::ends_with(
            "ok: 2 files checked, 3 warnings\n",
        ));
}

#[test]
fn every_error_in_a_file_is_counted() {
    let dir = dir_with(&[(
        "many.bare",
        "type a struct { x: Nope x: u8 }\ntype C enum {}\ntype D data[0]\n",
    )]);
    verso()
        .arg("check")
        .arg(dir.path().join("many.bare"))
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "error: 5 errors and 0 warnings in 1 file checked\n",
        ));
}

#[test]
fn nothing_goes_to_stdout() {
    let dir = dir_with(&[("bad.bare", "type A struct {}\n")]);
    verso()
        .arg("check")
        .arg(dir.path().join("bad.bare"))
        .arg(todo_family())
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn check_help() {
    let output = verso().args(["check", "--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).expect("help is UTF-8");
    insta::assert_snapshot!("check_help", stdout);
}

#[test]
fn no_colour_when_stderr_is_not_a_terminal() {
    // Errors, warnings and a family problem, with colour not disabled by
    // NO_COLOR: only the missing terminal turns colour off.
    let dir = dir_with(&[
        ("v1.bare", LEGACY),
        ("v2.bare", "type A struct { x: Missing }\n"),
    ]);
    let gap = dir_with(&[("v2.bare", VALID)]);
    let output = verso()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .env("FORCE_COLOR", "1")
        .arg("check")
        .arg(dir.path())
        .arg(gap.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("Warning:") && stderr.contains("Error:"));
    assert!(!stderr.contains('\u{1b}'), "escape codes in:\n{stderr}");
    assert!(!output.stdout.contains(&0x1b));
}

#[test]
fn gen_writes_the_generated_rust() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("todo.rs");
    verso()
        .arg("gen")
        .arg(todo_family())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let code = fs::read_to_string(&out).unwrap();
    assert!(code.starts_with("// @generated"), "{code}");
    assert!(code.contains("pub mod v3"), "{code}");
    assert!(code.contains("pub use v3 as latest;"), "{code}");
    // Standard output gets the same text.
    let stdout = verso()
        .arg("gen")
        .arg(todo_family())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(stdout).unwrap(), code);
}

#[test]
fn gen_reports_schema_errors_with_locations() {
    let dir = dir_with(&[("v1.bare", "type A struct { a: Missing }\n")]);
    verso()
        .arg("gen")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("v1.bare:1:20"))
        .stderr(predicate::str::contains("`Missing` is not defined"));
}

#[test]
fn diff_reports_each_type_with_reasons() {
    let output = verso()
        .arg("diff")
        .arg(todo_family())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("root types: App (from v1)"), "{text}");
    assert!(text.contains("v1 → v2"), "{text}");
    assert!(
        text.contains(
            "Todo: needs a hand-written converter (field `done` removed, field `status` added"
        ),
        "{text}"
    );
    assert!(text.contains("Status: identical"), "{text}");
    assert!(text.contains("Status: added"), "{text}");
    assert!(text.contains("roots affected: App"), "{text}");
}

#[test]
fn diff_fail_on_manual_gates_ci() {
    let frozen = todo_versions();
    verso()
        .arg("diff")
        .arg(frozen.path())
        .arg("--fail-on-manual")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "step v1 → v2 (v2 is not frozen) needs 4 hand-written converters: Upgrade for v1::App",
        ))
        .stderr(predicate::str::contains(
            "step v2 → v3 (v3 is not frozen) needs 4 hand-written converters",
        ));
    // Once a step's newer version is frozen, its converters were reviewed
    // and written: only the step in progress fails the gate, and only
    // until it is frozen too.
    verso().arg("lock").arg(frozen.path()).assert().code(0);
    verso()
        .arg("diff")
        .arg(frozen.path())
        .arg("--fail-on-manual")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "step v2 → v3 (v3 is not frozen) needs 4 hand-written converters",
        ))
        .stderr(predicate::str::contains("step v1 → v2").not())
        .stderr(predicate::str::contains(
            "(skipped, frozen and so reviewed when published: v1 → v2)",
        ));
    verso()
        .arg("lock")
        .arg(frozen.path())
        .arg("--all")
        .assert()
        .code(0);
    verso()
        .arg("diff")
        .arg(frozen.path())
        .arg("--fail-on-manual")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("--fail-on-manual: passed"));
    // A step where everything converts automatically passes the gate.
    let dir = dir_with(&[
        (
            "v1.bare",
            "type E enum { A B }\ntype S struct { e: E n: u8 }\n",
        ),
        (
            "v2.bare",
            "type E enum { A = 1 B }\ntype S struct { n: u8 e: E }\n",
        ),
    ]);
    let output = verso()
        .arg("diff")
        .arg(dir.path())
        .arg("--fail-on-manual")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(
        text.contains("E: converted automatically (value A renumbered"),
        "{text}"
    );
    assert!(
        text.contains("S: converted automatically (fields reordered)"),
        "{text}"
    );
}

#[test]
fn diff_json_is_machine_readable() {
    let output = verso()
        .args(["diff", "--json", "--from", "2", "--to", "3"])
        .arg(todo_family())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["roots"][0]["name"], "App");
    let step = &report["steps"][0];
    assert_eq!(
        (step["from"].as_u64(), step["to"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(report["steps"].as_array().unwrap().len(), 1);
    let status = step["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Status")
        .unwrap();
    assert_eq!(status["change"], "identical");
    let todo = step["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Todo")
        .unwrap();
    assert_eq!(todo["change"], "manual");
    assert!(
        todo["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "field `detail` added")
    );
}

#[test]
fn diff_rejects_bad_ranges_and_broken_families() {
    verso()
        .args(["diff", "--from", "1", "--to", "3"])
        .arg(todo_family())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("consecutive versions"));
    // Ranges are checked without overflowing.
    verso()
        .args(["diff", "--from", "65535", "--to", "0"])
        .arg(todo_family())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a step of this family"));
    // `--from K` alone means the step to K+1.
    verso()
        .args(["diff", "--from", "1"])
        .arg(todo_family())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("v1 → v2"))
        .stdout(predicate::str::contains("v2 → v3").not());
    let dir = dir_with(&[("v1.bare", "type A struct { a: Missing }\n")]);
    verso()
        .arg("diff")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("v1.bare:1:20"))
        .stderr(predicate::str::contains("`Missing` is not defined"));
}

#[test]
fn scaffold_prints_stubs_for_exactly_the_changed_types() {
    let output = verso()
        .args(["scaffold", "--from", "2", "--to", "3"])
        .arg(todo_family())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("use crate::todo::{v2, v3};"), "{text}");
    assert!(
        text.contains("impl verso::Upgrade for v2::Todo {"),
        "{text}"
    );
    assert!(
        text.contains("impl verso::Downgrade for v3::App {"),
        "{text}"
    );
    assert!(!text.contains("v2::Status"), "Status is generated: {text}");
    assert!(
        text.contains("// DECIDE: `priority` has no counterpart in v2"),
        "{text}"
    );
    assert!(!text.contains("todo!"), "{text}");
    verso()
        .args(["scaffold", "--from", "1", "--to", "3"])
        .arg(todo_family())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("consecutive versions"));
}

#[test]
fn scaffold_of_a_family_without_changes_prints_no_stubs() {
    let dir = dir_with(&[("v1.bare", VALID), ("v2.bare", VALID)]);
    let output = verso()
        .arg("scaffold")
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(!text.contains("impl "), "{text}");
}

#[test]
fn encode_then_decode_round_trips_through_json() {
    let json = r#"{"todos":[{"id":1,"title":"Hi","done":true}]}"#;
    let hex = verso()
        .args(["encode"])
        .arg(todo_family())
        .args(["App", "--version", "1", "--embed", "--hex"])
        .write_stdin(json)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(hex.clone()).unwrap(),
        "01 00 01 01 00 00 00 00 00 00 00 02 48 69 01\n"
    );
    let output = verso()
        .arg("decode")
        .arg(todo_family())
        .args(["App", "--embedded", "--hex"])
        .write_stdin(hex)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let decoded: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(
        decoded,
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
    // Raw bytes, version given out of band.
    let raw = verso()
        .arg("encode")
        .arg(todo_family())
        .args(["App", "--version", "1"])
        .write_stdin(json)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    verso()
        .arg("decode")
        .arg(todo_family())
        .args(["App", "--version", "1"])
        .write_stdin(raw)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"title\": \"Hi\""));
}

#[test]
fn codec_errors_are_one_clear_line() {
    let one_line = |stderr: &[u8]| {
        let text = String::from_utf8_lossy(stderr).into_owned();
        assert_eq!(text.lines().count(), 1, "{text}");
        text
    };
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["encode", "App", "--version", "1"],
            "{not json",
            "invalid JSON",
        ),
        (
            vec!["encode", "App", "--version", "1"],
            r#"{"a": 1, "a": 2}"#,
            "duplicate key",
        ),
        (
            vec!["encode", "App", "--version", "1"],
            r#"{"todos": 3}"#,
            "$.todos: expected an array, found a number",
        ),
        (
            vec!["encode", "Nope", "--version", "1"],
            "{}",
            "no type `Nope`",
        ),
        (
            vec!["encode", "App", "--version", "9"],
            "{}",
            "error: --version asks for version 9, but this family has versions 1..=3",
        ),
        (
            vec!["decode", "App", "--version", "0"],
            "",
            "error: --version asks for version 0, but this family has versions 1..=3",
        ),
        (
            vec!["decode", "App", "--embedded", "--hex"],
            "09 00 00",
            "error: the 2-byte header says version 9, but this family has versions 1..=3",
        ),
        (
            vec!["decode", "App", "--version", "1", "--hex"],
            "01 05",
            "invalid version 1 `App` message",
        ),
        (
            vec!["decode", "App", "--version", "1", "--hex"],
            "zz",
            "the hex input has `z` at column 1, which is not a hex digit",
        ),
        (
            vec!["decode", "App", "--version", "1", "--hex"],
            "0",
            "odd number of digits",
        ),
        (
            vec!["decode", "App", "--embedded"],
            "\u{1}",
            "too short for its 2-byte version header",
        ),
        (
            vec!["decode", "App", "--version", "1"],
            "\u{0}\u{0}",
            "trailing",
        ),
    ];
    for (args, stdin, expected) in cases {
        let mut command = verso();
        command
            .arg(args[0])
            .arg(todo_family())
            .args(&args[1..])
            .write_stdin(stdin);
        let output = command.assert().code(1).get_output().stderr.clone();
        let text = one_line(&output);
        assert!(text.contains(expected), "{args:?}: {text}");
    }
    verso()
        .args(["decode", "/no/such/dir", "App", "--version", "1"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/dir"));
    // --version or --embedded is required.
    verso()
        .arg("decode")
        .arg(todo_family())
        .arg("App")
        .assert()
        .code(2);
}

#[test]
fn lock_new_and_check_protect_frozen_versions() {
    let dir = dir_with(&[
        ("v1.bare", "type Msg struct { text: str }\n"),
        ("v2.bare", "type Msg struct { text: str at: i64 }\n"),
    ]);
    verso()
        .arg("lock")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("frozen: v1"));
    let lock = fs::read_to_string(dir.path().join("verso.lock")).unwrap();
    assert!(
        lock.contains("\nv1 sha256:") && !lock.contains("\nv2 "),
        "{lock}"
    );

    // `new` copies the latest and freezes it; it refuses to overwrite.
    verso()
        .arg("new")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("created"));
    assert_eq!(
        fs::read_to_string(dir.path().join("v3.bare")).unwrap(),
        fs::read_to_string(dir.path().join("v2.bare")).unwrap()
    );
    assert!(
        fs::read_to_string(dir.path().join("verso.lock"))
            .unwrap()
            .contains("\nv2 sha256:")
    );
    verso().arg("check").arg(dir.path()).assert().code(0);

    // Reformatting a frozen file and editing its comments is allowed…
    fs::write(
        dir.path().join("v1.bare"),
        "# Messages.\ntype Msg struct {\n    text: string\n}\n",
    )
    .unwrap();
    verso().arg("check").arg(dir.path()).assert().code(0);
    // …changing what its bytes mean is not, in check and in lock.
    fs::write(
        dir.path().join("v1.bare"),
        "type Msg struct { body: str }\n",
    )
    .unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "v1.bare changed after it was frozen (field Msg.text removed; field Msg.body added); published versions must never change — undo it there and put the change in v3.bare, which is not frozen yet",
        ));
    verso()
        .arg("lock")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("changed after it was frozen"));
}

#[test]
fn older_unfrozen_versions_are_a_warning_with_or_without_a_lock() {
    let dir = dir_with(&[("v1.bare", VALID), ("v2.bare", VALID), ("v3.bare", VALID)]);
    // No lock yet: the likeliest state of a new family.
    let shown = dir.path().display();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(format!(
            "warning: {shown}: v1.bare is not frozen although newer versions exist; run `verso lock` once it is published\n\
             warning: {shown}: v2.bare is not frozen although newer versions exist; run `verso lock` once it is published\n\
             ok: 3 files checked, 2 warnings\n"
        ));
    // One version is the latest, and nothing to freeze.
    let single = dir_with(&[("v1.bare", VALID)]);
    verso()
        .arg("check")
        .arg(single.path())
        .assert()
        .code(0)
        .stderr("ok: 1 file checked, 0 warnings\n");
    verso().arg("lock").arg(dir.path()).assert().code(0);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("ok: 4 files checked, 0 warnings\n");
    let lock = fs::read_to_string(dir.path().join("verso.lock")).unwrap();
    let without_v2: String = lock
        .lines()
        .filter(|l| !l.starts_with("v2 "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("verso.lock"), without_v2).unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning:"))
        .stderr(predicate::str::contains("v2.bare is not frozen"));
    fs::write(dir.path().join("verso.lock"), "garbage\n").unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("verso.lock:1:1 ]"))
        .stderr(predicate::str::contains("not a lock line"));
}

#[test]
fn fmt_rewrites_in_place_and_check_lists_files() {
    let dir = dir_with(&[
        ("v1.bare", "# Doc.\nstruct Msg { text: string # inline\n}\n"),
        ("v2.bare", "type Msg struct {\n    text: str\n}\n"),
    ]);
    let output = verso()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8(output).unwrap();
    assert!(
        listed.contains("v1.bare") && !listed.contains("v2.bare"),
        "{listed}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("v1.bare")).unwrap(),
        "# Doc.\nstruct Msg { text: string # inline\n}\n",
        "--check changes nothing"
    );
    verso().arg("fmt").arg(dir.path()).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("v1.bare")).unwrap(),
        "# Doc.\ntype Msg struct {\n    text: str # inline\n}\n"
    );
    verso()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .code(0);
    // Syntax errors: reported, file untouched.
    fs::write(dir.path().join("v2.bare"), "type Msg struct {\n").unwrap();
    verso()
        .arg("fmt")
        .arg(dir.path().join("v2.bare"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was not formatted"));
    assert_eq!(
        fs::read_to_string(dir.path().join("v2.bare")).unwrap(),
        "type Msg struct {\n"
    );
}

#[test]
fn every_bundled_schema_is_formatted() {
    for family in ["todo", "person", "television"] {
        verso()
            .args(["fmt", "--check"])
            .arg(workspace().join("schemas").join(family))
            .assert()
            .code(0);
    }
}

#[test]
fn every_subcommand_has_help() {
    for command in [
        "diff", "scaffold", "new", "lock", "retire", "decode", "encode", "fmt", "gen",
    ] {
        let output = verso().args([command, "--help"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{command}");
        let stdout = String::from_utf8(output.stdout).expect("help is UTF-8");
        insta::assert_snapshot!(format!("{command}_help"), stdout);
    }
    let output = verso().args(["sample", "add", "--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "sample add");
    insta::assert_snapshot!("sample_add_help", String::from_utf8(output.stdout).unwrap());
    let output = verso().arg("--help").output().unwrap();
    insta::assert_snapshot!("verso_help", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn decode_reads_a_file_with_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("msg.bin");
    // A v1 App with no todos.
    fs::write(&file, [0u8]).unwrap();
    verso()
        .arg("decode")
        .arg(todo_family())
        .args(["App", "--version", "1", "--input"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"todos\": []"));
}

#[test]
fn check_runs_everything_the_build_runs() {
    // Rust names that collide only show when the family is lowered to Rust.
    let dir = dir_with(&[("v1.bare", "type A struct { fooBar: u8 foo_bar: u8 }\n")]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("both become `foo_bar`"))
        .stderr(predicate::str::contains("v1.bare:1:"));
    // The manifest is checked against the versions, at its line and column.
    let dir = dir_with(&[
        ("v1.bare", "type A struct { a: u8 }\n"),
        ("v2.bare", "type B struct { a: u8 }\n"),
        (
            "verso.toml",
            "roots = [\"B\"]\n\n[renamed.v2]\nB = \"Missing\"\n",
        ),
    ]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("verso.toml:4:"))
        .stderr(predicate::str::contains("Missing"));
    // A rename makes one type of two: `diff` and the wrapper follow it.
    let dir = dir_with(&[
        ("v1.bare", "type A struct { a: u8 }\n"),
        ("v2.bare", "type B struct { a: u8 }\n"),
        ("verso.toml", "[renamed.v2]\nB = \"A\"\n"),
    ]);
    verso().arg("check").arg(dir.path()).assert().code(0);
    verso()
        .arg("diff")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("root types: B (from v1)"))
        .stdout(predicate::str::contains("A → B (renamed): identical"));
    // Unknown manifest keys are errors, not ignored.
    let dir = dir_with(&[
        ("v1.bare", "type A struct { a: u8 }\n"),
        ("verso.toml", "rootz = [\"A\"]\n"),
    ]);
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("verso.toml:1:1"));
}

#[test]
fn a_manual_entry_makes_a_generated_direction_hand_written() {
    let v = "type E enum { A B }\ntype S struct { e: E }\n";
    let dir = dir_with(&[
        ("v1.bare", v),
        ("v2.bare", v),
        ("verso.toml", "[manual]\nE = [1]\n"),
    ]);
    verso()
        .arg("diff")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "E: identical; hand-written (configured `manual`)",
        ))
        .stdout(predicate::str::contains(
            "to write: Upgrade for v1::E, Downgrade for v2::E",
        ));
}

#[test]
fn every_command_writing_to_stdout_ends_quietly_on_a_closed_pipe() {
    // The reader end is closed before the command starts (`verso … | head`
    // once head has exited), so every write fails with a broken pipe.
    let todo = todo_family();
    let todo = todo.to_str().unwrap();
    let unformatted = dir_with(&[("a.bare", "type A   struct { a: u8 }\n")]);
    let unformatted_file = unformatted.path().join("a.bare");
    let commands: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["diff", todo], b""),
        (vec!["diff", todo, "--json"], b""),
        (vec!["scaffold", todo], b""),
        (vec!["decode", todo, "App", "--version", "1"], b"\x00"),
        (
            vec!["encode", todo, "App", "--version", "1"],
            b"{\"todos\":[]}",
        ),
        (
            vec!["fmt", "--check", unformatted_file.to_str().unwrap()],
            b"",
        ),
        (vec!["gen", todo], b""),
    ];
    for (args, stdin) in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_verso"))
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

#[test]
fn decode_suggests_the_type_meant_and_counts_the_header_in_offsets() {
    verso()
        .arg("decode")
        .arg(todo_family())
        .args(["app", "--version", "1"])
        .write_stdin([0u8])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "version 1 has no type `app` (did you mean `App`?)",
        ));
    // A v1 App claiming one todo that is not there: the count is at byte 2
    // of the embedded message (byte 0 of the payload).
    verso()
        .arg("decode")
        .arg(todo_family())
        .args(["App", "--embedded"])
        .write_stdin([1u8, 0, 1])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("left at byte 2"));
    verso()
        .arg("decode")
        .arg(todo_family())
        .args(["App", "--embedded"])
        .write_stdin([1u8])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "message of 1 byte is too short for its 2-byte version header",
        ));
}

#[test]
fn check_prints_one_json_object_per_diagnostic() {
    let dir = dir_with(&[
        (
            "v1.bare",
            "type A struct {\n  a: Nope\n}\nstruct B { b: u8 }\n",
        ),
        ("verso.toml", "rots = []\n"),
    ]);
    let output = verso()
        .arg("check")
        .arg(dir.path().join("v1.bare"))
        .arg(dir.path())
        .args(["--message-format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    let undefined: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|d| d["code"] == "undefined-type")
        .collect();
    // The file alone, then as part of its family.
    assert_eq!(undefined.len(), 2, "{lines:#?}");
    let d = undefined[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "type `Nope` is not defined");
    assert!(d["file"].as_str().unwrap().ends_with("v1.bare"), "{d}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(6))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(2), Some(10))
    );
    assert_eq!(d["label"], "no type of this name in the schema");
    assert!(
        d["rendered"].as_str().unwrap().contains("v1.bare:2:6"),
        "{d}"
    );
    let legacy = lines
        .iter()
        .find(|d| d["code"] == "legacy-syntax")
        .expect("a warning");
    assert_eq!(legacy["severity"], "warning");
    assert_eq!(legacy["line"].as_u64(), Some(4));
    assert!(
        legacy["help"]
            .as_str()
            .unwrap()
            .contains("type Name struct"),
        "{legacy}"
    );
    // Nothing but JSON on stdout; the human summary stays on stderr.
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("error: 2 errors"),
        "summary on stderr"
    );
    // A problem of the family as a whole has a code and no position.
    let missing = dir_with(&[("notes.txt", "no schemas here\n")]);
    let output = verso()
        .arg("check")
        .arg(missing.path())
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    let d: serde_json::Value =
        serde_json::from_str(String::from_utf8(output.stdout).unwrap().trim()).unwrap();
    assert_eq!(d["severity"], "error");
    assert!(d.get("line").is_none(), "{d}");
    assert_eq!(d["code"], "family-layout", "{d}");
}

#[test]
fn schema_files_above_the_size_limit_are_refused_unread() {
    // 16 MiB and a byte: a schema no one writes, refused with a reason.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.bare");
    let mut text = String::from("type A struct { a: u8 }\n");
    text.push_str(&"#".repeat((16 << 20) + 1 - text.len()));
    fs::write(&path, &text).unwrap();
    for command in ["check", "fmt"] {
        verso()
            .arg(command)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "the file is larger than 16 MiB, the most verso reads",
            ));
    }
    // At the limit it is read.
    text.truncate(16 << 20);
    fs::write(&path, &text).unwrap();
    verso().arg("check").arg(&path).assert().code(0);
}

#[test]
fn check_counts_every_file_it_read_on_success_and_on_failure() {
    let dir = dir_with(&[
        ("v1.bare", VALID),
        ("v2.bare", VALID),
        ("verso.toml", "roots = [\"Message\"]\n"),
        ("README.md", "not read\n"),
    ]);
    verso().arg("lock").arg(dir.path()).assert().code(0);
    // Two versions, the manifest and the lock.
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("ok: 4 files checked, 0 warnings\n");
    // An error in a version stops checking before the manifest and the
    // lock, but they were read, and count the same.
    fs::write(
        dir.path().join("v2.bare"),
        "type Message struct { text: Nope }\n",
    )
    .unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "error: 1 error and 0 warnings in 4 files checked\n",
        ));
    // So does a manifest with an error, with the lock read after it.
    fs::write(dir.path().join("v2.bare"), VALID).unwrap();
    fs::write(dir.path().join("verso.toml"), "roots = [\"Nope\"]\n").unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "error: 1 error and 0 warnings in 4 files checked\n",
        ));
    // A lock that does not parse was read too.
    fs::write(dir.path().join("verso.toml"), "roots = [\"Message\"]\n").unwrap();
    fs::write(dir.path().join("verso.lock"), "garbage\n").unwrap();
    verso()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "error: 1 error and 0 warnings in 4 files checked\n",
        ));
}

#[test]
fn diff_hints_at_a_rename_and_names_respelled_and_widened_fields() {
    let dir = dir_with(&[
        (
            "v1.bare",
            "type Reading struct { at: u64 celsius: f64 }\ntype Log struct { request_lifespan: u32 count: u8 readings: list<Reading> }\n",
        ),
        (
            "v2.bare",
            "type Sample struct { at: u64 celsius: f64 }\ntype Log struct { requestLifespan: u32 count: u16 readings: list<Sample> }\n",
        ),
    ]);
    let output = verso().arg("diff").arg(dir.path()).assert().code(0);
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains(
            "hint: `Reading` removed and `Sample` added with the same definition: if it is a rename, declare `[renamed.v2] Sample = \"Reading\"` in the manifest"
        ),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("field `requestLifespan`: renamed from `request_lifespan` (same Rust name)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("field `count` retyped u8 → u16 (upgrades every value)"),
        "{stdout}"
    );
    let json = verso()
        .args(["diff", "--json"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        report["steps"][0]["rename_hints"],
        serde_json::json!([{ "added": "Sample", "removed": "Reading" }])
    );
}
