//! `verso sample add`: what it stores (hex, JSON, raw bytes, with or
//! without the version header), where, and what it refuses — bytes that do
//! not decode, a name already taken, a type it cannot tell.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A copy of the bundled todo family (schemas and lock, no samples).
fn todo() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("todo");
    fs::create_dir_all(&dir).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/todo");
    for file in ["v1.bare", "v2.bare", "v3.bare", "verso.lock"] {
        fs::copy(bundled.join(file), dir.join(file)).unwrap();
    }
    (tmp, dir)
}

/// Runs `verso sample add DIR ARGS…` with `stdin`: exit code and stderr.
fn add(dir: &Path, args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_verso"))
        .args(["sample", "add", dir.to_str().unwrap()])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(output.stdout.is_empty(), "{output:?}");
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A v1 todo: id 3, "Buy milk", done.
const DONE: [u8; 18] = [
    3, 0, 0, 0, 0, 0, 0, 0, 8, b'B', b'u', b'y', b' ', b'm', b'i', b'l', b'k', 1,
];

#[test]
fn stores_hex_json_and_raw_bytes_under_version_and_type() {
    let (_tmp, dir) = todo();
    let samples = dir.join("samples");
    let (code, stderr) = add(
        &dir,
        &["--version", "1", "--name", "hex", "--type", "Todo", "--hex"],
        b"03 00 00 00 00 00 00 00\n08 42 75 79 20 6d 69 6c 6b 01\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(fs::read(samples.join("v1/Todo/hex.bin")).unwrap(), DONE);
    assert_eq!(
        stderr,
        format!(
            "wrote {} (18 bytes, version 1 `Todo`); `VERSO_BLESS=1 cargo test` in the crate built with `samples(true)` writes hex.latest.json, what it reads as in v3\n",
            samples.join("v1/Todo/hex.bin").display()
        )
    );
    // JSON, encoded as the version asked for; with --embedded, the header
    // is added and the file says so.
    let (code, stderr) = add(
        &dir,
        &[
            "--version",
            "1",
            "--name",
            "json",
            "--type",
            "Todo",
            "--json",
            "--embedded",
        ],
        br#"{"id": 3, "title": "Buy milk", "done": true}"#,
    );
    assert_eq!(code, Some(0), "{stderr}");
    let stored = fs::read(samples.join("v1/Todo/json.embedded.bin")).unwrap();
    assert_eq!(stored[..2], [1, 0]);
    assert_eq!(stored[2..], DONE);
    // Raw bytes, as stored by a release: here with its header.
    let (code, stderr) = add(
        &dir,
        &["--version", "1", "--name", "raw", "--embedded"],
        &[1, 0, 0],
    );
    assert_eq!(code, Some(0), "{stderr}");
    // The family's one inferred root, `App`, needs no --type.
    assert_eq!(
        fs::read(samples.join("v1/App/raw.embedded.bin")).unwrap(),
        [1, 0, 0]
    );
    // Never a `.latest.json`: only the crate's test can run the converters.
    assert!(!samples.join("v1/App/raw.latest.json").exists());
}

#[test]
fn refuses_bytes_that_do_not_decode_and_stores_nothing() {
    let (_tmp, dir) = todo();
    let mut truncated = DONE.to_vec();
    truncated.pop();
    let cases: [(&[&str], &[u8], &str); 4] = [
        (
            &[],
            &truncated,
            "error: not stored: the input is not a version 1 `Todo` message: Todo.done: unexpected end of input (needs 1 byte, 0 left) at byte 17",
        ),
        (
            &["--embedded"],
            &[2, 0, 0],
            "error: the message's 2-byte header says version 2, but --version is 1",
        ),
        (
            &["--json"],
            br#"{"id": 3, "title": "Buy milk"}"#,
            "error: the JSON does not fit version 1 `Todo`: $: missing field \"done\"",
        ),
        (
            &["--hex"],
            b"03 0",
            "error: the hex input has an odd number of digits (3)",
        ),
    ];
    for (extra, input, expected) in cases {
        let mut args = vec!["--version", "1", "--name", "bad", "--type", "Todo"];
        args.extend(extra);
        let (code, stderr) = add(&dir, &args, input);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with(expected), "{args:?}: {stderr}");
    }
    assert!(!dir.join("samples").exists());
}

#[test]
fn never_replaces_a_sample_with_or_without_its_header() {
    let (_tmp, dir) = todo();
    let args = ["--version", "1", "--name", "done", "--type", "Todo"];
    assert_eq!(add(&dir, &args, &DONE).0, Some(0));
    let stored = dir.join("samples/v1/Todo/done.bin");
    for extra in [&[][..], &["--embedded"][..]] {
        let mut args = args.to_vec();
        args.extend(extra);
        let mut input = if extra.is_empty() { vec![] } else { vec![1, 0] };
        input.extend([9, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let (code, stderr) = add(&dir, &args, &input);
        assert_eq!(code, Some(1), "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: {} exists already; samples are never replaced: delete it first, or choose another --name\n",
                stored.display()
            )
        );
    }
    assert_eq!(fs::read(&stored).unwrap(), DONE);
}

#[test]
fn the_type_must_be_a_root_there_and_then() {
    let (_tmp, dir) = todo();
    fs::write(dir.join("verso.toml"), "roots = [\"App\", \"Todo\"]\n").unwrap();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["--version", "1", "--name", "x"],
            2,
            "error: the family has 2 root types (`App`, `Todo`); say which this message is with `--type TYPE`\n",
        ),
        (
            &["--version", "1", "--name", "x", "--type", "Task"],
            2,
            "error: the latest version, v3, has no type `Task`; --type takes a root type by its latest name (the family's roots: `App`, `Todo`)\n",
        ),
        (
            &["--version", "1", "--name", "x", "--type", "Board"],
            1,
            "error: `Board` is not in version 1: it exists from v3 on\n",
        ),
        (
            &["--version", "1", "--name", "a.b", "--type", "App"],
            2,
            "error: the sample name `a.b` has `.`; sample names are ASCII letters, digits, `_` and `-`\n",
        ),
    ];
    for (args, code, expected) in cases {
        assert_eq!(
            add(&dir, args, &[0]),
            (Some(code), expected.to_owned()),
            "{args:?}"
        );
    }
}
