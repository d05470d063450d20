//! End-to-end tests of what `verso encode` and `verso decode` accept and
//! how they say what they refuse: optional fields left out of the JSON,
//! versions the family does not have (from `--version` or from the 2-byte
//! header, retired or never written), and hex input that is not hex.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The `verso` binary cargo built for these tests.
fn verso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verso"))
}

/// A bundled example family.
fn family(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(name)
}

/// Runs `verso ARGS…` with `stdin`; its exit code and what it printed.
fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let output = verso().args(args).write_stdin(stdin).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

fn path(dir: &Path) -> &str {
    dir.to_str().expect("a UTF-8 path")
}

#[test]
fn encode_takes_an_omitted_optional_field_as_null() {
    let dir = family("television");
    let encode = |json| {
        let (code, hex, stderr) = run(
            &[
                "encode",
                path(&dir),
                "Television",
                "--version",
                "2",
                "--hex",
            ],
            json,
        );
        assert_eq!(code, Some(0), "{json}: {stderr}");
        hex
    };
    let with_null = encode(r#"{"brand": "Sony", "model": "KDL-40V4100", "kind": null}"#);
    let left_out = encode(r#"{"brand": "Sony", "model": "KDL-40V4100"}"#);
    assert_eq!(left_out, with_null);
    // Output still writes the field.
    let (code, json, _) = run(
        &[
            "decode",
            path(&dir),
            "Television",
            "--version",
            "2",
            "--hex",
        ],
        &left_out,
    );
    assert_eq!(code, Some(0));
    assert!(json.contains("\"kind\": null"), "{json}");
    // A field that is not optional is still required.
    let (code, _, stderr) = run(
        &["encode", path(&dir), "Television", "--version", "2"],
        r#"{"brand": "Sony", "kind": null}"#,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "error: the JSON does not fit `Television`: $: missing field \"model\"\n"
    );
}

/// The todo family's files, with v1 retired by `verso retire`.
fn retired_todo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["v1.bare", "v2.bare", "v3.bare"] {
        fs::copy(family("todo").join(name), dir.path().join(name)).unwrap();
    }
    verso()
        .arg("retire")
        .arg(dir.path())
        .args(["--through", "1"])
        .assert()
        .code(0);
    dir
}

#[test]
fn a_version_the_family_lacks_is_named_with_where_it_came_from() {
    let todo = family("todo");
    let header = run(
        &["decode", path(&todo), "App", "--embedded", "--hex"],
        "09 00 00",
    );
    assert_eq!(
        header,
        (
            Some(1),
            String::new(),
            "error: the 2-byte header says version 9, but this family has versions 1..=3\n"
                .to_owned()
        )
    );
    let flag = run(&["decode", path(&todo), "App", "--version", "4"], "");
    assert_eq!(
        flag.2,
        "error: --version asks for version 4, but this family has versions 1..=3\n"
    );

    // A retired version says so, and where that is recorded.
    let retired = retired_todo();
    let header = run(
        &["decode", path(retired.path()), "App", "--embedded", "--hex"],
        "01 00 00",
    );
    assert_eq!(
        header.2,
        "error: the 2-byte header says version 1, but v1 was retired (verso.lock: retired through 1); this family has versions 2..=3\n"
    );
    let flag = run(
        &["encode", path(retired.path()), "App", "--version", "1"],
        "{}",
    );
    assert_eq!(
        flag.2,
        "error: --version asks for version 1, but v1 was retired (verso.lock: retired through 1); this family has versions 2..=3\n"
    );
    // Past the latest is no retirement.
    let newer = run(
        &["encode", path(retired.path()), "App", "--version", "7"],
        "{}",
    );
    assert_eq!(
        newer.2,
        "error: --version asks for version 7, but this family has versions 2..=3\n"
    );

    let single = tempfile::tempdir().unwrap();
    fs::write(single.path().join("v1.bare"), "type App struct { n: u8 }\n").unwrap();
    let only = run(
        &["encode", path(single.path()), "App", "--version", "2"],
        "{}",
    );
    assert_eq!(
        only.2,
        "error: --version asks for version 2, but this family has only version 1\n"
    );
}

#[test]
fn hex_input_errors_name_the_character_and_where_it_was_typed() {
    let todo = family("todo");
    let decode = |hex: &[u8]| {
        let output = verso()
            .args(["decode", path(&todo), "App", "--version", "1", "--hex"])
            .write_stdin(hex)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8(output.stderr).unwrap()
    };
    // Columns count characters as typed, spaces included.
    assert_eq!(
        decode(b"01 0z 00\n"),
        "error: the hex input has `z` at column 5, which is not a hex digit (0-9, a-f)\n"
    );
    assert_eq!(
        decode("é1".as_bytes()),
        "error: the hex input has `é` at column 1, which is not a hex digit (0-9, a-f)\n"
    );
    assert_eq!(
        decode("01 ‑02".as_bytes()),
        "error: the hex input has `‑` at column 4, which is not a hex digit (0-9, a-f)\n"
    );
    // With several lines, the line too.
    assert_eq!(
        decode(b"01 02\n  03 g4\n"),
        "error: the hex input has `g` at line 2, column 6, which is not a hex digit (0-9, a-f)\n"
    );
    assert_eq!(
        decode(b"01\t\x07"),
        "error: the hex input has `\\u{7}` at column 4, which is not a hex digit (0-9, a-f)\n"
    );
    assert_eq!(
        decode(b"01 02\n0"),
        "error: the hex input has an odd number of digits (5): the last one, at line 2, column 1, has no pair\n"
    );
    assert_eq!(
        decode(b"01 \xff"),
        "error: the hex input is not text: byte 0xff at column 4 is not UTF-8\n"
    );
}
