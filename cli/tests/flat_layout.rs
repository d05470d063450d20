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
        stderr.contains("family `pegboard.namespace.runner_config`: pegboard.namespace.runner_config.v5.bare is not frozen"),
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

// Commands on one family of a flat folder: `DIR --family NAME`.

/// The family with the longest run in rivet's data folder (v1 … v6).
const CONFIG: &str = "pegboard.namespace.runner_config";

/// A copy of rivet's data folder to change.
fn rivet_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for entry in fs::read_dir(rivet_data()).expect("read rivet's data folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|x| x == "bare") {
            let name = path.file_name().expect("a file name");
            fs::copy(&path, dir.path().join(name)).expect("copy a schema");
        }
    }
    dir
}

/// `verso ARGS…`, its exit code, stdout and stderr.
fn run(args: &[&str], dir: &Path) -> (Option<i32>, String, String) {
    run_with_stdin(args, dir, "")
}

/// `verso COMMAND DIR ARGS…` with `stdin`.
fn run_with_stdin(args: &[&str], dir: &Path, stdin: &str) -> (Option<i32>, String, String) {
    let (command, rest) = args.split_first().expect("a command");
    let output = verso()
        .arg(command)
        .arg(dir)
        .args(rest)
        .write_stdin(stdin)
        .output()
        .expect("run verso");
    (
        output.status.code(),
        String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8"),
        stderr_of(&output),
    )
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn diff_scaffold_and_gen_work_on_one_family_named_with_family() {
    let data = rivet_data();
    let (code, diff, stderr) = run(&["diff", "--family", CONFIG, "--from", "5"], &data);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(diff.contains("v5 → v6"), "{diff}");
    assert!(
        diff.contains("Normal: needs a hand-written converter (was void, now a struct)"),
        "{diff}"
    );
    let (code, json, stderr) = run(&["diff", "--family", CONFIG, "--json"], &data);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&json).expect("diff --json is JSON");
    assert_eq!(report["steps"].as_array().map(Vec::len), Some(5), "{json}");

    // The scaffold's default module is the family's module name.
    let (code, scaffold, stderr) = run(&["scaffold", "--family", CONFIG, "--from", "5"], &data);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        scaffold.contains("impl verso::Upgrade for v5::Normal"),
        "{scaffold}"
    );
    assert!(
        scaffold.contains("crate::pegboard_namespace_runner_config"),
        "{scaffold}"
    );

    let (code, generated, stderr) = run(&["gen", "--family", "pegboard.runner.metadata"], &data);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(generated.contains("pub mod v1"), "{generated}");
    assert!(generated.contains("pub struct Data"), "{generated}");
    assert!(!generated.contains("pub mod v2"), "{generated}");
}

#[test]
fn encode_and_decode_pick_the_family_s_versions() {
    let data = rivet_data();
    let json = r#"{"metadata": "{}"}"#;
    let (code, hex, stderr) = run_with_stdin(
        &[
            "encode",
            "Data",
            "--family",
            "pegboard.runner.metadata",
            "--version",
            "1",
            "--hex",
        ],
        &data,
        json,
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(hex.trim(), "02 7b 7d");
    let (code, decoded, stderr) = run_with_stdin(
        &[
            "decode",
            "Data",
            "--family",
            "pegboard.runner.metadata",
            "--version",
            "1",
            "--hex",
        ],
        &data,
        &hex,
    );
    assert_eq!(code, Some(0), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&decoded).expect("decode prints JSON");
    assert_eq!(value["metadata"], "{}", "{decoded}");
    // Only that family's versions count: it has no v2, runner_config has.
    let (code, _, stderr) = run_with_stdin(
        &[
            "decode",
            "Data",
            "--family",
            "pegboard.runner.metadata",
            "--version",
            "2",
            "--hex",
        ],
        &data,
        &hex,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("--version asks for version 2, but this family has only version 1"),
        "{stderr}"
    );
}

/// Every command that works on one family, with the arguments it needs
/// besides `DIR` and `--family`.
const ONE_FAMILY_COMMANDS: &[&[&str]] = &[
    &["diff"],
    &["scaffold"],
    &["gen"],
    &["new"],
    &["lock"],
    &["retire", "--through", "1"],
    &["decode", "Data", "--version", "1"],
    &["encode", "Data", "--version", "1"],
];

#[test]
fn every_one_family_command_needs_family_in_a_folder_of_several() {
    let dir = rivet_copy();
    let before = files_in(dir.path());
    for args in ONE_FAMILY_COMMANDS {
        let (code, _, stderr) = run(args, dir.path());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("holds 6 families; choose one with `--family NAME`:"),
            "{args:?}: {stderr}"
        );
        for name in [
            "pegboard.namespace.actor_by_key",
            CONFIG,
            "pegboard.runner.metadata",
        ] {
            assert!(
                stderr.contains(&format!("\n  {name}\n"))
                    || stderr.ends_with(&format!("\n  {name}\n")),
                "{args:?}: {stderr}"
            );
        }

        // `new` starts a family of a new name (see below).
        if args[0] == "new" {
            continue;
        }
        let mut misspelt = args.to_vec();
        misspelt.extend(["--family", "pegboard.namespace.runner_confg"]);
        let (code, _, stderr) = run(&misspelt, dir.path());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(
                "has no family `pegboard.namespace.runner_confg` (did you mean `pegboard.namespace.runner_config`?); its families are:"
            ),
            "{args:?}: {stderr}"
        );
    }
    // Refusals change nothing.
    assert_eq!(files_in(dir.path()), before);

    // `new` with a name close to a family's starts the family asked for,
    // and says which one may have been meant.
    let (code, _, stderr) = run(
        &["new", "--family", "pegboard.namespace.runner_confg"],
        dir.path(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: `pegboard.namespace.runner_confg` is a new family, and close to `pegboard.namespace.runner_config`: if you meant that one, delete pegboard.namespace.runner_confg.v1.bare"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_name_far_from_every_family_gets_the_list_without_a_guess() {
    let (code, _, stderr) = run(&["diff", "--family", "orders"], &rivet_data());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "has no family `orders`; its families are:\n  pegboard.namespace.actor_by_key\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn family_on_a_one_family_folder_must_name_that_family() {
    let root = tempfile::tempdir().expect("temporary directory");
    let todo = root.path().join("todo");
    fs::create_dir(&todo).expect("create the family folder");
    fs::write(todo.join("v1.bare"), "type Todo struct { title: str }\n").expect("write");
    let (code, _, stderr) = run(&["diff", "--family", "todos"], &todo);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("holds one family, `todo` (`v1.bare` … in the folder itself), not `todos` (did you mean `todo`?); leave out `--family`"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["diff", "--family", "todo"], &todo);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(&["diff"], &todo);
    assert_eq!(code, Some(0), "{stderr}");
    // `new` would start a second family beside it: the layouts would mix.
    let (code, _, stderr) = run(&["new", "--family", "other"], &todo);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("would mix the two layouts"), "{stderr}");
    assert_eq!(files_in(&todo), ["v1.bare"]);
}

#[test]
fn a_flat_folder_of_one_family_needs_no_family() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for v in 1..=2 {
        let fields: String = (1..=v).map(|f| format!(" f{f}: u8")).collect();
        fs::write(
            dir.path().join(format!("common.v{v}.bare")),
            format!("type Msg struct {{{fields} }}\n"),
        )
        .expect("write");
    }
    let (code, diff, stderr) = run(&["diff"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(diff.contains("v1 → v2"), "{diff}");
    let (code, _, stderr) = run(&["lock"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        files_in(dir.path()),
        ["common.v1.bare", "common.v2.bare", "common.verso.lock"]
    );
}

#[test]
fn lock_writes_the_family_s_own_lock_and_check_verifies_it() {
    let dir = rivet_copy();
    let (code, _, stderr) = run(&["lock", "--family", CONFIG], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "frozen: v1, v2, v3, v4, v5 in {}",
            dir.path().join(format!("{CONFIG}.verso.lock")).display()
        )),
        "{stderr}"
    );
    let lock = fs::read_to_string(dir.path().join(format!("{CONFIG}.verso.lock")))
        .expect("the family's lock");
    assert!(
        lock.contains("\nv5 sha256:") && !lock.contains("\nv6 "),
        "{lock}"
    );
    assert!(!dir.path().join("verso.lock").exists());

    let (code, _, stderr) = run(&["check"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    // That family's unfrozen warnings are gone; the others' stay.
    assert!(!stderr.contains(&format!("family `{CONFIG}`")), "{stderr}");
    assert!(
        stderr.contains("family `pegboard.namespace.runner_alloc_idx`: pegboard.namespace.runner_alloc_idx.v1.bare is not frozen"),
        "{stderr}"
    );

    // A frozen file that changes meaning fails `check`, in that file.
    let v3 = dir.path().join(format!("{CONFIG}.v3.bare"));
    let text = fs::read_to_string(&v3).expect("read v3");
    fs::write(&v3, format!("{text}\ntype Extra struct {{ x: u8 }}\n")).expect("edit v3");
    let (code, _, stderr) = run(&["check"], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{CONFIG}.v3.bare")), "{stderr}");
    assert!(
        stderr.contains("published versions must never change"),
        "{stderr}"
    );
    // …and `lock` refuses to re-freeze it.
    let (code, _, stderr) = run(&["lock", "--family", CONFIG], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&format!("family `{CONFIG}`")), "{stderr}");
}

#[test]
fn new_and_retire_on_a_flat_folder_touch_only_that_family_s_files() {
    let dir = rivet_copy();
    let (code, _, stderr) = run(&["new", "--family", CONFIG], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join(format!("{CONFIG}.v7.bare"))).expect("v7"),
        fs::read_to_string(dir.path().join(format!("{CONFIG}.v6.bare"))).expect("v6")
    );
    assert!(
        stderr.contains(&format!(
            "from {CONFIG}.v6.bare; frozen: v1, v2, v3, v4, v5, v6 in"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "edit {CONFIG}.v7.bare, then `verso diff {} --family {CONFIG}` shows the converters to write",
            dir.path().display()
        )),
        "{stderr}"
    );
    let lock = fs::read_to_string(dir.path().join(format!("{CONFIG}.verso.lock"))).expect("lock");
    assert!(lock.contains("\nv6 sha256:"), "{lock}");

    let (code, _, stderr) = run(
        &["retire", "--family", CONFIG, "--through", "2"],
        dir.path(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("deleted {CONFIG}.v1.bare, {CONFIG}.v2.bare")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "recorded `retired through 2` in {}",
            dir.path().join(format!("{CONFIG}.verso.lock")).display()
        )),
        "{stderr}"
    );
    let lock = fs::read_to_string(dir.path().join(format!("{CONFIG}.verso.lock"))).expect("lock");
    assert!(lock.contains("retired through 2"), "{lock}");
    let files = files_in(dir.path());
    assert!(!files.contains(&format!("{CONFIG}.v2.bare")), "{files:?}");
    assert!(files.contains(&format!("{CONFIG}.v3.bare")), "{files:?}");
    // The other families are as they were.
    assert!(files.contains(&"pegboard.namespace.runner_alloc_idx.v1.bare".to_owned()));
    assert_eq!(files.len(), 12, "{files:?}");
    let (code, _, stderr) = run(&["check"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("in 6 families"), "{stderr}");

    // Retiring again names the family's own lock file.
    let (code, _, stderr) = run(
        &["retire", "--family", CONFIG, "--through", "1"],
        dir.path(),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("({CONFIG}.verso.lock: retired through 2)")),
        "{stderr}"
    );
}

#[test]
fn new_never_overwrites_what_is_in_the_way() {
    // A folder where the next version's file would go is not a version
    // file (the layout skips folders), but `new` must not replace it.
    let dir = rivet_copy();
    let v7 = dir.path().join(format!("{CONFIG}.v7.bare"));
    fs::create_dir(&v7).expect("create a folder in the way");
    fs::write(v7.join("keep.txt"), "mine\n").expect("write");
    let lock = dir.path().join(format!("{CONFIG}.verso.lock"));
    let (code, _, stderr) = run(&["new", "--family", CONFIG], dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{} already exists", v7.display())),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(v7.join("keep.txt")).expect("kept"),
        "mine\n"
    );
    // Refused before freezing anything.
    assert!(!lock.exists());

    // The same for a family's first version.
    let empty = tempfile::tempdir().expect("temporary directory");
    fs::create_dir(empty.path().join("v1.bare")).expect("create a folder in the way");
    let (code, _, stderr) = run(&["new"], empty.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(empty.path().join("v1.bare").is_dir());
}

#[test]
fn new_starts_a_family_with_a_skeleton_check_accepts() {
    // A new NAME beside the families of a flat folder.
    let dir = rivet_copy();
    let (code, _, stderr) = run(&["new", "--family", "pegboard.actor.state"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    let v1 = dir.path().join("pegboard.actor.state.v1.bare");
    let skeleton = fs::read_to_string(&v1).expect("the new v1");
    assert!(
        skeleton.starts_with("# pegboard.actor.state.v1.bare\n"),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("pegboard.actor.state.v2.bare"),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("verso new DIR --family pegboard.actor.state"),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("pegboard.actor.state.verso.lock"),
        "{skeleton}"
    );
    assert!(skeleton.contains("type Message struct {"), "{skeleton}");
    assert!(
        stderr.contains(&format!("created {}", v1.display())),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["check"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("13 files checked in 7 families"),
        "{stderr}"
    );
    // The skeleton is formatted, and strict checking accepts it too.
    let (code, _, stderr) = run(&["fmt", "--check"], &v1);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(&["check", "--pedantic", "--no-legacy"], &v1);
    assert_eq!(code, Some(0), "{stderr}");
    // A second `new` starts v2 from it.
    let (code, _, stderr) = run(&["new", "--family", "pegboard.actor.state"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("pegboard.actor.state.v2.bare")).expect("v2"),
        skeleton
    );

    // A name that cannot name a family is bad usage, and writes nothing.
    let before = files_in(dir.path());
    let (code, _, stderr) = run(&["new", "--family", "pegboard..state"], dir.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no empty parts"), "{stderr}");
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn new_on_an_empty_or_missing_folder_writes_v1() {
    let root = tempfile::tempdir().expect("temporary directory");
    // Missing: created, one-family layout.
    let orders = root.path().join("orders");
    let (code, _, stderr) = run(&["new"], &orders);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(files_in(&orders), ["v1.bare"]);
    let skeleton = fs::read_to_string(orders.join("v1.bare")).expect("v1");
    assert!(skeleton.starts_with("# v1.bare\n"), "{skeleton}");
    assert!(skeleton.contains("`orders` family"), "{skeleton}");
    assert!(skeleton.contains("    verso new DIR\n"), "{skeleton}");
    assert!(skeleton.contains("(verso.lock)"), "{skeleton}");
    let (code, _, stderr) = run(&["check"], &orders);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("ok: 1 file checked, 0 warnings"),
        "{stderr}"
    );
    let (code, code_out, stderr) = run(&["gen"], &orders);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(code_out.contains("pub struct Message"), "{code_out}");

    // Empty: v1.bare there; with --family, NAME.v1.bare.
    let empty = root.path().join("empty");
    fs::create_dir(&empty).expect("create");
    let (code, _, stderr) = run(&["new"], &empty);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(files_in(&empty), ["v1.bare"]);
    let flat = root.path().join("flat");
    fs::create_dir(&flat).expect("create");
    fs::write(flat.join("README.md"), "schemas\n").expect("write");
    let (code, _, stderr) = run(&["new", "--family", "shared.common"], &flat);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(files_in(&flat), ["README.md", "shared.common.v1.bare"]);
    let (code, _, stderr) = run(&["diff"], &flat);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn retire_fix_rewrites_the_family_s_own_manifest_and_decode_names_its_lock() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (version, text) in [
        (1, "type Msg struct { a: u8 }\n"),
        (2, "type Msg struct { a: u8 b: u8 }\n"),
        (3, "type Msg struct { a: u8 b: u8 c: u8 }\n"),
    ] {
        fs::write(dir.path().join(format!("notes.v{version}.bare")), text).expect("write");
    }
    // A second family, whose files must stay as they are.
    fs::write(
        dir.path().join("other.v1.bare"),
        "type Msg struct { a: u8 }\n",
    )
    .expect("write");
    fs::write(dir.path().join("other.verso.toml"), "[manual]\n").expect("write");
    let manifest = dir.path().join("notes.verso.toml");
    fs::write(&manifest, "[manual]\nMsg = [1, 2]\n").expect("write");
    let (code, _, stderr) = run(&["lock", "--family", "notes"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");

    let (code, _, stderr) = run(
        &["retire", "--family", "notes", "--through", "1"],
        dir.path(),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "notes.verso.toml names versions being retired: line 2: `1` in the list of `Msg`"
        ),
        "{stderr}"
    );
    assert!(dir.path().join("notes.v1.bare").exists());

    let (code, _, stderr) = run(
        &["retire", "--family", "notes", "--through", "1", "--fix"],
        dir.path(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("deleted notes.v1.bare"), "{stderr}");
    assert!(
        stderr.contains(&format!("removed from {}", manifest.display())),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(&manifest).expect("the manifest"),
        "[manual]\nMsg = [2]\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("other.verso.toml")).expect("other's manifest"),
        "[manual]\n"
    );
    assert_eq!(
        files_in(dir.path()),
        [
            "notes.v2.bare",
            "notes.v3.bare",
            "notes.verso.lock",
            "notes.verso.toml",
            "other.v1.bare",
            "other.verso.toml",
        ]
    );
    let (code, _, stderr) = run(&["check"], dir.path());
    assert_eq!(code, Some(0), "{stderr}");

    let (code, _, stderr) = run_with_stdin(
        &[
            "decode",
            "Msg",
            "--family",
            "notes",
            "--version",
            "1",
            "--hex",
        ],
        dir.path(),
        "07",
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("but v1 was retired (notes.verso.lock: retired through 1); this family has versions 2..=3"),
        "{stderr}"
    );
}
