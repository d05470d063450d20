//! What a user sees when a converter is missing or wrong: compile-fail
//! tests with trybuild, one `.stderr` snapshot per case in `tests/ui/`.
//!
//! Each case has a small family in `tests/ui/families/<case>/` where one
//! type changed shape between v1 and v2. The test first generates each
//! family's Rust into `tests/ui/generated/<case>.rs` (checked in, rewritten
//! only when the generator's output changed, so the snapshots' paths and
//! line numbers stay stable), then compiles `tests/ui/<case>.rs`, which
//! includes that code and writes some of the converters, and compares the
//! compiler's errors with `tests/ui/<case>.stderr`.
//!
//! After an intended change in the messages or the generated code, refresh
//! the snapshots with `TRYBUILD=overwrite cargo test -p verso-tests-ui --test
//! compile_fail` and read the diff.

use std::path::Path;

use verso_codegen::{GenerateOptions, generate_family};

/// Regenerates `ui/generated/<case>.rs` for every family in
/// `ui/families/`, writing only the files whose content changed; once per
/// run, so that tests running side by side never read a half-written file.
fn generate_ui_families(ui: &Path) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| regenerate(ui));
}

fn regenerate(ui: &Path) {
    let mut cases: Vec<_> = std::fs::read_dir(ui.join("families"))
        .expect("tests/ui/families is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no families in tests/ui/families");
    for dir in cases {
        let case = dir.file_name().expect("named directory").to_string_lossy();
        let generated = generate_family(&dir, &GenerateOptions::default())
            .unwrap_or_else(|e| panic!("tests/ui/families/{case}: {e}"));
        let out = ui.join("generated").join(format!("{case}.rs"));
        if std::fs::read_to_string(&out).ok().as_deref() != Some(generated.code.as_str()) {
            std::fs::write(&out, &generated.code)
                .unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
        }
    }
}

#[test]
fn missing_and_wrong_converters_are_compile_errors() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    generate_ui_families(&ui);
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}

/// The impls the notes of a family's missing-converter errors tell the user
/// to write, as the generated checks spell them for rustc (which prints
/// `{{` and `}}` as braces).
fn notes(generated: &str) -> Vec<String> {
    generated
        .lines()
        .filter_map(|l| l.trim().strip_prefix("note = \"write `"))
        .filter_map(|l| l.split_once("` where this family's"))
        .map(|(line, _)| line.replace("{{", "{").replace("}}", "}"))
        .collect()
}

/// The note of a missing converter, pasted as it is (its `…` given a body)
/// beside the `use` line `verso scaffold` writes, compiles: for every ui
/// family, a crate made of the family and every converter its notes name.
#[test]
fn the_missing_converter_notes_compile_where_scaffold_puts_converters() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    generate_ui_families(&ui);
    // What rustc shows is what the generated code says.
    let stderr = std::fs::read_to_string(ui.join("missing_upgrade.stderr")).unwrap();
    let shown = stderr
        .split("= note: write `")
        .nth(1)
        .and_then(|rest| rest.split_once("` where this family's"))
        .map(|(line, _)| line.to_owned())
        .expect("the snapshot shows the note");
    let generated = std::fs::read_to_string(ui.join("generated/missing_upgrade.rs")).unwrap();
    assert!(notes(&generated).contains(&shown), "{shown}");

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pasted-notes");
    std::fs::create_dir_all(&out).unwrap();
    let cases = trybuild::TestCases::new();
    for case in ["missing_downgrade", "missing_upgrade", "wrong_target"] {
        let family = ui.join("families").join(case);
        let scaffold = verso_codegen::generate::load_family(&family, &GenerateOptions::default())
            .unwrap()
            .scaffold(None, "crate::family")
            .unwrap();
        let use_line = scaffold
            .lines()
            .find(|l| l.starts_with("use "))
            .expect("the scaffold's `use` line");
        let generated = ui.join("generated").join(format!("{case}.rs"));
        let impls: Vec<String> = notes(&std::fs::read_to_string(&generated).unwrap())
            .iter()
            .map(|line| {
                line.replace(
                    '…',
                    "Err(verso::ConvertError::new(\"pasted from the note\"))",
                )
            })
            .collect();
        assert!(!impls.is_empty(), "{case}: no notes");
        let crate_text = format!(
            "#[allow(unused)]\nmod family {{\n    include!({:?});\n}}\n\n\
             mod converters {{\n    {use_line}\n\n    {}\n}}\n\nfn main() {{}}\n",
            generated.display().to_string(),
            impls.join("\n    ")
        );
        let file = out.join(format!("{case}.rs"));
        std::fs::write(&file, crate_text).unwrap();
        cases.pass(&file);
    }
}

/// A crate of `files` (its `[features]` table in `features`) that depends
/// on the runtime alone with its default features, as a user's crate does
/// before turning any on — which trybuild cannot show, its crates having
/// this crate's dependencies, features and `OUT_DIR`. Built offline with
/// this workspace's dependency versions, in a target directory these tests
/// share so the runtime builds once. Returns whether it built, and cargo's
/// messages with the crate's directory written `$DIR`.
fn build_with_runtime_only(
    files: &[(&str, &str)],
    features: &str,
    args: &[&str],
) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = tempfile::tempdir().unwrap();
    let runtime = root.join("runtime").canonicalize().unwrap();
    std::fs::write(
        tmp.path().join("Cargo.toml"),
        format!(
            "[package]\nname = \"user-crate\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nverso = {{ path = {:?} }}\n\n[features]\n{features}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    // The same dependency versions as this workspace, so nothing is fetched.
    std::fs::copy(root.join("Cargo.lock"), tmp.path().join("Cargo.lock")).unwrap();
    for (path, text) in files {
        let path = tmp.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let output = std::process::Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "--color", "never"])
        .args(args)
        .current_dir(tmp.path())
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-only"),
        )
        .env_remove("OUT_DIR")
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&tmp.path().display().to_string(), "$DIR");
    (output.status.success(), stderr)
}

/// A crate that includes a family but has no build script is told to add
/// one (trybuild cannot show this: its crates inherit this crate's
/// `OUT_DIR`).
#[test]
fn including_a_family_without_a_build_script_says_to_add_one() {
    let lib = "pub mod todo {\n    verso::include_family!(\"todo\");\n}\n";
    let (built, stderr) = build_with_runtime_only(&[("src/lib.rs", lib)], "", &[]);
    assert!(!built, "{stderr}");
    assert!(
        stderr.contains("verso::include_family! needs a build script: add `build.rs`"),
        "{stderr}"
    );
    assert!(!stderr.contains("std::env::var"), "{stderr}");
}

/// Compares cargo's messages with `ui/without_serde_feature/<case>.stderr`
/// (`TRYBUILD=overwrite` writes it, as for the trybuild cases).
fn assert_snapshot(case: &str, stderr: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/without_serde_feature")
        .join(format!("{case}.stderr"));
    if std::env::var_os("TRYBUILD").is_some_and(|v| v == "overwrite") {
        std::fs::write(&path, stderr).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(stderr, expected, "{}", path.display());
}

/// A crate using a family generated with serde derives, and `uses` of its
/// types, built without verso's `serde` feature.
fn build_serde_family_without_the_feature(
    emit: verso_codegen::EmitOptions,
    features: &str,
    args: &[&str],
) -> (bool, String) {
    let family = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/serde");
    let mut options = GenerateOptions::default();
    options.emit = emit;
    let code = generate_family(&family, &options).unwrap().code;
    // User code naming the types: no follow-on errors there either.
    let lib = "pub mod notes {\n    include!(\"notes.rs\");\n}\n\n\
               pub fn title(note: &notes::v1::Note) -> &str {\n    &note.title\n}\n";
    build_with_runtime_only(
        &[("src/lib.rs", lib), ("src/notes.rs", &code)],
        features,
        args,
    )
}

/// `Config::serde(true)` with a `verso` dependency that lacks its `serde`
/// feature is one error, saying which feature to turn on: the types still
/// compile, without their serde attributes.
#[test]
fn serde_derives_without_the_runtime_feature_are_one_error() {
    let mut emit = verso_codegen::EmitOptions::default();
    emit.serde = true;
    let (built, stderr) = build_serde_family_without_the_feature(emit, "", &[]);
    assert!(!built, "{stderr}");
    assert_snapshot("serde", &stderr);
}

/// Behind a feature of the user's crate (`Config::serde_feature`) that
/// forgets to enable `verso/serde`: one error once the feature is on, none
/// while it is off.
#[test]
fn serde_derives_behind_a_feature_without_the_runtime_one_are_one_error() {
    let mut emit = verso_codegen::EmitOptions::default();
    emit.serde = true;
    emit.serde_feature = Some("serde".into());
    let (built, stderr) = build_serde_family_without_the_feature(emit.clone(), "serde = []", &[]);
    assert!(built, "the feature is off: {stderr}");
    let (built, stderr) =
        build_serde_family_without_the_feature(emit, "serde = []", &["--features", "serde"]);
    assert!(!built, "{stderr}");
    assert_snapshot("serde_feature", &stderr);
}
