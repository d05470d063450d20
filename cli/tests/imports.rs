//! The CLI on a family that imports another (`tests/schemas/imports`:
//! `fleet` imports `common`): checking one file follows its imports, the
//! dynamic codec sees the imported types, and `fmt` leaves the imports in
//! place.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn imports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/imports")
}

fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_verso"))
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run verso");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn checking_one_file_follows_its_imports() {
    let file = imports().join("fleet/v3.bare");
    let (code, _, stderr) = run(&["check", arg(&file)], "");
    assert_eq!(code, Some(0), "{stderr}");
    // The file and the one it imports.
    assert!(stderr.contains("ok: 2 files checked"), "{stderr}");
}

#[test]
fn encode_and_decode_see_the_imported_types() {
    let fleet = imports().join("fleet");
    let json = r#"{"tag":{"text":"depot"},"at":{"lat":1.5,"lon":-2.0,"altitudeM":100.0}}"#;
    let (code, hex, stderr) = run(
        &["encode", arg(&fleet), "Note", "--version", "3", "--hex"],
        json,
    );
    assert_eq!(code, Some(0), "{stderr}");
    let (code, decoded, stderr) = run(
        &["decode", arg(&fleet), "Note", "--version", "3", "--hex"],
        &hex,
    );
    assert_eq!(code, Some(0), "{stderr}");
    let decoded: serde_json::Value = serde_json::from_str(&decoded).expect("JSON");
    let sent: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(decoded, sent);
    // v1's Position has no altitude: the schema of v1 is common v1's.
    let (code, _, stderr) = run(
        &["encode", arg(&fleet), "Fleet", "--version", "1"],
        r#"{"ships":[{"name":"Fram","at":{"lat":1.0,"lon":2.0,"altitudeM":3.0},"trail":[]}]}"#,
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("altitudeM"), "{stderr}");
}

#[test]
fn fmt_keeps_the_imports_first() {
    let (code, stdout, stderr) = run(
        &[
            "fmt",
            "--check",
            arg(&imports().join("fleet/v1.bare")),
            arg(&imports().join("fleet/v3.bare")),
        ],
        "",
    );
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn a_file_two_families_read_is_counted_once() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(
        dir.path().join("common.v1.bare"),
        "type Position struct { lat: f64 lon: f64 }\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("fleet.v1.bare"),
        "#import \"common.v1.bare\"\ntype Ship struct { at: Position }\n",
    )
    .expect("write");
    let (code, _, stderr) = run(&["check", arg(dir.path())], "");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("ok: 2 files checked in 2 families"),
        "{stderr}"
    );
}
