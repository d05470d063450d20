//! Loading a family from disk: what the lock check reports, and where.

use std::fs;

use super::*;
use crate::source::FamilySource;

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

/// A flat folder with family `orders` at v1..v3: v1 and v2 frozen in its
/// lock, v3 broken (a type that does not exist), and a manifest about v3.
fn orders_at_three_with_a_broken_v3() -> (tempfile::TempDir, FamilySource) {
    let dir = tempfile::tempdir().unwrap();
    let source = FamilySource::flat(dir.path(), "shop.orders");
    let v1 = "type Order struct { id: u64 }\n";
    let v2 = "type Order struct { id: u64 note: str }\n";
    fs::write(source.version_path(1), v1).unwrap();
    fs::write(source.version_path(2), v2).unwrap();
    fs::write(
        source.version_path(3),
        "type Order struct { id: u64 note: Missing }\n",
    )
    .unwrap();
    let mut lock = Lock::default();
    for (version, text) in [(1, v1), (2, v2)] {
        lock.freeze(version, &check(text, &Options::default()).schema.unwrap());
    }
    // v3 frozen too, with a fingerprint no file of the release has.
    let other = check("type Other u8\n", &Options::default())
        .schema
        .unwrap();
    lock.frozen.insert(3, lock::fingerprint(&other));
    fs::write(source.lock_path(), lock.render()).unwrap();
    fs::write(
        source.manifest_path(),
        "roots = [\"Order\", \"Receipt\"]\n\n[manual]\nOrder = [1, 2]\n\n[renamed.v3]\n\"Order.memo\" = \"note\"\n",
    )
    .unwrap();
    (dir, source)
}

fn load_at(source: &FamilySource, up_to: Option<u16>) -> Loaded {
    load_source_up_to(
        source,
        up_to,
        &Options::default(),
        &EmitOptions::default(),
        LockCheck::Verify,
    )
}

#[test]
fn up_to_reads_only_the_versions_the_release_had() {
    let (_dir, source) = orders_at_three_with_a_broken_v3();
    // The whole family fails: v3 is broken.
    assert!(load_at(&source, None).family.is_none());
    let loaded = load_at(&source, Some(2));
    let report = loaded.report.render_all(false);
    let family = loaded.family.expect(&report);
    assert_eq!((family.oldest(), family.latest()), (1, 2));
    assert_eq!(
        loaded.inputs,
        [source.version_path(1), source.version_path(2)]
    );
    assert!(!loaded.report.read.contains(&source.version_path(3)));
    // Nothing about v3 is checked: its lock line, its manifest table, the
    // root `Receipt` (not a type of v2) and the manual step v2 → v3.
    assert_eq!(loaded.report.findings, [], "{report}");
    assert_eq!(
        family.lock.frozen.keys().copied().collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(family.manifest.renamed.is_empty());
    assert_eq!(
        family
            .manifest
            .manual
            .iter()
            .map(|m| m.from)
            .collect::<Vec<_>>(),
        [1]
    );
    let roots: Vec<&str> = family
        .manifest
        .roots
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(roots, ["Order"]);
    let code = family.generate().unwrap();
    assert!(code.contains("pub mod v2"), "{code}");
    assert!(!code.contains("pub mod v3"), "{code}");
}

#[test]
fn up_to_still_checks_the_lock_of_the_versions_it_reads() {
    let (_dir, source) = orders_at_three_with_a_broken_v3();
    fs::write(source.version_path(1), "type Order struct { id: u32 }\n").unwrap();
    let loaded = load_at(&source, Some(2));
    assert!(loaded.family.is_none());
    let report = loaded.report.render_all(false);
    assert!(report.contains("changed after it was frozen"), "{report}");
}

#[test]
fn up_to_a_version_the_family_lacks_is_an_error_naming_its_versions() {
    let (_dir, source) = orders_at_three_with_a_broken_v3();
    for k in [0, 4] {
        let loaded = load_at(&source, Some(k));
        assert!(loaded.family.is_none());
        assert_eq!(loaded.report.findings.len(), 1);
        assert_eq!(loaded.report.findings[0].code(), "up-to-not-a-version");
        let report = loaded.report.render_all(false);
        assert!(
            report.contains(&format!(
                "family `shop.orders`: cannot build the family as it stood at v{k}: it has versions v1 to v3"
            )),
            "{report}"
        );
    }
}
