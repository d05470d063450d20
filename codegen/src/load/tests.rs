//! Loading a family from disk: what the lock check reports, and where.

use std::fs;

use super::*;

/// A family in a temporary directory whose v1, as `frozen`, is in its lock,
/// and whose v1.bare now reads `now`.
fn family_with_v1_changed(frozen: &str, now: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let schema = check(frozen, &Options::default()).schema.unwrap();
    let mut lock = Lock::default();
    lock.freeze(1, &schema);
    lock.write(&dir.path().join(lock::FILE_NAME)).unwrap();
    fs::write(dir.path().join("v1.bare"), now).unwrap();
    fs::write(dir.path().join("v2.bare"), now).unwrap();
    dir
}

fn loaded(dir: &tempfile::TempDir) -> Report {
    let loaded = load(
        dir.path(),
        &Options::default(),
        &EmitOptions::default(),
        LockCheck::Verify,
    );
    assert!(
        loaded.family.is_none(),
        "a changed frozen version is an error"
    );
    loaded.report
}

#[test]
fn a_changed_frozen_version_points_at_the_change_in_its_file() {
    let dir = family_with_v1_changed(
        "type Todo struct {\n    id: u64\n    done: bool\n}\n",
        "type Todo struct {\n    id: u64\n    done: u8\n}\n",
    );
    let report = loaded(&dir);
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    let finding = &report.findings[0];
    assert_eq!(finding.code(), "frozen-version-changed");
    let Finding::Spanned { file, diagnostic } = finding else {
        panic!("no position: {finding:?}")
    };
    assert!(report.sources[*file].path.ends_with("v1.bare"));
    let rendered = report.render(finding, false);
    assert!(
        rendered.contains("v1.bare:3:5"),
        "line and column of `done`: {rendered}"
    );
    assert!(
        rendered.contains("field Todo.done: bool → u8"),
        "{rendered}"
    );
    assert!(
        rendered.contains("put the change in v2.bare, which is not frozen yet"),
        "{rendered}"
    );
    assert_eq!(
        report.render_line(finding),
        format!(
            "{}:3:5: {}",
            dir.path().join("v1.bare").display(),
            diagnostic.message
        )
    );
}

#[test]
fn a_frozen_version_that_lost_a_type_is_a_problem_of_the_family() {
    let dir = family_with_v1_changed("type A u8\ntype B u8\n", "type A u8\n");
    let report = loaded(&dir);
    let [finding] = report.findings.as_slice() else {
        panic!("{:#?}", report.findings)
    };
    let Finding::Plain { code, message, .. } = finding else {
        panic!("a removed type has no place in the file: {finding:?}")
    };
    assert_eq!(*code, "frozen-version-changed");
    assert!(
        message.ends_with(
            "v1.bare changed after it was frozen (type B removed); published versions must \
             never change — undo it there and put the change in v2.bare, which is not frozen yet"
        ),
        "{message}"
    );
}
