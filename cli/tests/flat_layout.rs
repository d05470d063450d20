//! `verso check` on a folder of many families in vbare's layout
//! (`NAME.vN.bare`): rivet's stored-data schemas, six families side by side
//! (`tests/schemas/rivet/data`, see its NOTICE).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn rivet_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/rivet/data")
}

fn verso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_verso"))
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn a_folder_of_six_families_checks_clean_and_says_how_many() {
    let output = verso()
        .arg("check")
        .arg(rivet_data())
        .output()
        .expect("run verso");
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    // 12 schemas and runner_config's manifest (its v1 → v2 rename).
    assert!(
        stderr.contains("ok: 13 files checked in 6 families"),
        "{stderr}"
    );
    // Unfrozen warnings name the family they are about (no lock is bundled).
    assert!(
        stderr.contains("family `pegboard.namespace.runner_config`: v5.bare is not frozen"),
        "{stderr}"
    );
    assert!(!stderr.contains("not named like a version"), "{stderr}");
}

#[test]
fn an_error_in_one_family_of_a_flat_folder_points_into_its_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    fs::write(dir.path().join("a.v1.bare"), "type A struct { x: u8 }\n").expect("write");
    fs::write(dir.path().join("b.v1.bare"), "type B struct { x: u88 }\n").expect("write");
    let output = verso()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run verso");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("b.v1.bare:1:"), "{stderr}");
    assert!(!stderr.contains("a.v1.bare:"), "{stderr}");
}

#[test]
fn a_folder_mixing_the_layouts_is_rejected_naming_the_files() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for name in ["v1.bare", "common.v1.bare"] {
        fs::write(dir.path().join(name), "type A struct { x: u8 }\n").expect("write");
    }
    let output = verso()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run verso");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("mixes the two layouts"), "{stderr}");
    assert!(stderr.contains("`v1.bare`"), "{stderr}");
    assert!(stderr.contains("`common.v1.bare`"), "{stderr}");
}
