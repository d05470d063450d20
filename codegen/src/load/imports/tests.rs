//! `#import`: what a family sees of the files it imports, and each problem
//! an import can have, at its line and column.

use std::fs;
use std::path::Path;

use crate::check::Options;
use crate::load::{Loaded, LockCheck, load_source};
use crate::model::EmitOptions;
use crate::source::FamilySource;

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn load_flat(dir: &Path, name: &str) -> Loaded {
    load_source(
        &FamilySource::flat(dir, name),
        &Options::default(),
        &EmitOptions::default(),
        LockCheck::Verify,
    )
}

/// Every error of a failed load on one line each (`path:line:col: message`).
fn problems(loaded: &Loaded) -> Vec<(String, String)> {
    assert!(loaded.family.is_none(), "the load should fail");
    loaded
        .report
        .findings
        .iter()
        .filter(|f| f.severity() == crate::Severity::Error)
        .map(|f| (f.code().to_owned(), loaded.report.render_line(f)))
        .collect()
}

/// The one error of a failed load: its code and its one-line rendering.
fn only_problem(loaded: &Loaded) -> (String, String) {
    let all = problems(loaded);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.into_iter().next().unwrap()
}

const COMMON: &str = "type Position struct {\n    x: f64\n    y: f64\n}\n";

#[test]
fn imported_types_are_part_of_the_importers_schema_with_their_origin() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "fleet.v1.bare",
                "#import \"common.v1.bare\"\n\ntype Ship struct {\n    name: str\n    at: Position\n}\n",
            ),
        ],
    );
    let loaded = load_flat(dir.path(), "fleet");
    let family = loaded.family.expect("loads");
    let schema = &family.versions[0].1;
    let position = schema.get(schema.lookup("Position").unwrap());
    let origin = position.origin.as_ref().expect("imported");
    assert_eq!(
        (
            origin.family.as_str(),
            origin.module.as_str(),
            origin.version
        ),
        ("common", "common", 1)
    );
    assert!(schema.get(schema.lookup("Ship").unwrap()).origin.is_none());
    // Imported files are inputs of the family (rerun-if-changed).
    assert!(loaded.inputs.contains(&dir.path().join("common.v1.bare")));
    let code = family.generate().unwrap();
    assert!(code.contains("use super::common;"), "{code}");
    assert!(
        code.contains("pub use super::common::v1::Position;"),
        "{code}"
    );
    assert!(!code.contains("pub struct Position"), "{code}");
    // Roots are this family's own types.
    assert_eq!(family.plan.roots.len(), 1);
    assert_eq!(family.plan.roots[0].name, "Ship");
}

#[test]
fn a_one_family_folder_imports_from_the_folder_that_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common/v1.bare", COMMON),
            (
                "orders/v1.bare",
                "#import \"common/v1.bare\"\ntype Order struct { at: Position }\n",
            ),
        ],
    );
    let loaded = load_source(
        &FamilySource::folder(dir.path().join("orders")),
        &Options::default(),
        &EmitOptions::default(),
        LockCheck::Verify,
    );
    let family = loaded.family.expect("loads");
    let schema = &family.versions[0].1;
    assert!(schema.is_imported(schema.lookup("Position").unwrap()));
}

#[test]
fn a_cycle_is_reported_with_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "a.v1.bare",
                "#import \"b.v1.bare\"\ntype A struct { b: B }\n",
            ),
            (
                "b.v1.bare",
                "#import \"a.v1.bare\"\ntype B struct { x: u8 }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-cycle");
    assert!(
        line.ends_with("b.v1.bare:1:10: import cycle: a.v1.bare → b.v1.bare → a.v1.bare (help: move the types both files need into a third file that both import)"),
        "{line}"
    );
}

#[test]
fn a_missing_file_is_reported_at_its_path() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[(
            "a.v1.bare",
            "#import \"comon.v1.bare\"\ntype A struct { x: u8 }\n",
        )],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-missing");
    assert!(
        line.contains("a.v1.bare:1:10: imported file `comon.v1.bare` does not exist"),
        "{line}"
    );
}

#[test]
fn a_name_from_two_imported_files_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            ("geo.v1.bare", "type Position struct { lat: f64 }\n"),
            (
                "a.v1.bare",
                "#import \"common.v1.bare\"\n#import \"geo.v1.bare\"\ntype A struct { p: Position }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-conflict");
    assert!(
        line.contains("a.v1.bare:2:10: type `Position` is defined in two imported files (help: common.v1.bare defines it too"),
        "{line}"
    );
}

#[test]
fn the_same_file_reached_twice_is_no_conflict() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "geo.v1.bare",
                "#import \"common.v1.bare\"\ntype Area struct { corner: Position }\n",
            ),
            (
                "a.v1.bare",
                "#import \"common.v1.bare\"\n#import \"geo.v1.bare\"\ntype A struct { p: Position a: Area }\n",
            ),
        ],
    );
    let loaded = load_flat(dir.path(), "a");
    let family = loaded.family.expect("loads");
    // Position once, from common; Area from geo.
    assert_eq!(family.versions[0].1.len(), 3);
}

#[test]
fn a_local_type_may_not_shadow_an_imported_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "a.v1.bare",
                "#import \"common.v1.bare\"\ntype Position struct { x: u8 }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-shadowed");
    assert!(
        line.contains("a.v1.bare:2:1: type `Position` is also imported from common.v1.bare"),
        "{line}"
    );
}

#[test]
fn an_import_after_the_first_type_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "a.v1.bare",
                "type A struct { x: u8 }\n#import \"common.v1.bare\"\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-after-type");
    assert!(
        line.contains("a.v1.bare:2:1: `#import` after the first definition"),
        "{line}"
    );
}

#[test]
fn a_malformed_import_line_says_how_to_write_one() {
    for text in [
        "#import common.v1.bare\n",
        "#import \"common.v1.bare\" extra\n",
        "#import \"\"\n",
        "#import\"common.v1.bare\"\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let source = format!("{text}type A struct {{ x: u8 }}\n");
        write(
            dir.path(),
            &[("common.v1.bare", COMMON), ("a.v1.bare", &source)],
        );
        let (code, line) = only_problem(&load_flat(dir.path(), "a"));
        assert_eq!(code, "malformed-import", "{text}");
        assert!(
            line.contains("a.v1.bare:1:1: malformed `#import` line"),
            "{line}"
        );
    }
}

#[test]
fn an_import_may_not_leave_the_schema_root() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "inner/a.v1.bare",
                "#import \"../common.v1.bare\"\ntype A struct { p: Position }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(&dir.path().join("inner"), "a"));
    assert_eq!(code, "import-outside-root");
    assert!(
        line.contains("a.v1.bare:1:10: `../common.v1.bare` is outside the schema root"),
        "{line}"
    );
}

#[test]
fn two_families_may_not_map_to_one_module() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            ("shared/common.v1.bare", "type Stamp struct { at: u64 }\n"),
            (
                "a.v1.bare",
                "#import \"common.v1.bare\"\n#import \"shared/common.v1.bare\"\ntype A struct { p: Position s: Stamp }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-module-clash");
    assert!(
        line.contains("a.v1.bare:2:10: two families map to the Rust module `common`"),
        "{line}"
    );
}

#[test]
fn errors_in_an_imported_file_are_shown_in_that_file_only() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", "type Position struct { x: f6 }\n"),
            (
                "a.v1.bare",
                "#import \"common.v1.bare\"\ntype A struct { p: Position }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "undefined-type");
    assert!(line.contains("common.v1.bare:1:27:"), "{line}");
}

#[test]
fn a_type_that_changes_family_across_a_step_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            (
                "a.v1.bare",
                "type Position struct { x: f64 y: f64 }\ntype A struct { p: Position }\n",
            ),
            (
                "a.v2.bare",
                "#import \"common.v1.bare\"\ntype A struct { p: Position }\n",
            ),
        ],
    );
    let (code, line) = only_problem(&load_flat(dir.path(), "a"));
    assert_eq!(code, "import-step");
    assert!(line.contains("`Position` is imported from common.v1.bare in one of v1 and v2 and defined in the other"), "{line}");
}

#[test]
fn a_frozen_importer_changes_when_what_it_imports_changes() {
    let dir = tempfile::tempdir().unwrap();
    let fleet = "#import \"common.v1.bare\"\ntype Ship struct { at: Position }\n";
    write(
        dir.path(),
        &[
            ("common.v1.bare", COMMON),
            ("fleet.v1.bare", fleet),
            ("fleet.v2.bare", fleet),
        ],
    );
    let family = load_flat(dir.path(), "fleet").family.expect("loads");
    let mut lock = crate::lock::Lock::default();
    lock.freeze(1, &family.versions[0].1);
    // Without its imports, v1 would mean something else.
    let alone = crate::check("type Ship struct { at: u8 }", &Options::default());
    assert_ne!(
        crate::lock::fingerprint(alone.schema.as_ref().unwrap()),
        lock.frozen[&1]
    );
    fs::write(
        FamilySource::flat(dir.path(), "fleet").lock_path(),
        lock.render(),
    )
    .unwrap();
    assert!(load_flat(dir.path(), "fleet").family.is_some());
    write(
        dir.path(),
        &[(
            "common.v1.bare",
            "type Position struct {\n    x: f64\n    y: f32\n}\n",
        )],
    );
    let all = problems(&load_flat(dir.path(), "fleet"));
    assert!(
        all.iter()
            .any(|(code, line)| code == "frozen-version-changed"
                && line.contains("fleet.v1.bare changed after it was frozen")
                && line.contains("common.v1:Position.y")),
        "{all:#?}"
    );
}
