//! The golden samples of `schemas/todo` catch a converter that changes what
//! old data means. The build's `samples(true)` test checks them with the
//! crate's converters; here the same check runs with a changed v2 → v3
//! `Todo` upgrade (priority HIGH instead of NORMAL for todos that had
//! none), and fails on exactly the samples it reaches, with a diff.

use std::path::PathBuf;

use verso::Versioned;
use verso_dynamic::samples::{Generated, SampleCodec, Samples};
use verso_example_todo::todo::{AppVersioned, TodoVersioned, v3};

/// `TodoVersioned` with the changed upgrade: what the real converters
/// give, then the priority a changed `impl Upgrade for v2::Todo` would set.
struct ChangedUpgrade;

impl SampleCodec for ChangedUpgrade {
    fn oldest(&self) -> u16 {
        TodoVersioned::OLDEST
    }

    fn latest(&self) -> u16 {
        TodoVersioned::LATEST
    }

    fn upgrade(&self, bytes: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        let mut todo = TodoVersioned::decode(bytes, version)?;
        if version < 3 {
            todo.priority = v3::Priority::High;
        }
        Ok(verso::to_vec(&todo))
    }

    fn downgrade(&self, latest: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        Generated::<TodoVersioned>::new().downgrade(latest, version)
    }
}

fn family() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/todo")
}

#[test]
fn a_changed_converter_fails_the_samples_it_reaches() {
    // Never bless here: the samples are the repository's.
    let outcome = Samples::folder(family())
        .root::<AppVersioned>("App", &[3])
        .root_with("Todo", ChangedUpgrade, &[3])
        .bless(false)
        .run();
    // Every sample of every version, App and Todo, was read.
    assert_eq!(outcome.checked, 7, "{outcome:?}");
    let failed: Vec<String> = outcome
        .failures
        .iter()
        .map(|f| {
            let path = f.path.strip_prefix(family().join("samples")).unwrap();
            path.display().to_string()
        })
        .collect();
    // The v3 todo is read as it was written; App samples use the real
    // converters.
    assert_eq!(failed, ["v1/Todo/done.bin", "v2/Todo/open.embedded.bin"]);
    for failure in &outcome.failures {
        assert!(
            failure
                .message
                .contains("-   \"priority\": \"NORMAL\",\n+   \"priority\": \"HIGH\","),
            "{failure}"
        );
    }
}

#[test]
fn the_real_converters_read_every_sample_as_recorded() {
    let outcome = Samples::folder(family())
        .root::<AppVersioned>("App", &[3])
        .root::<TodoVersioned>("Todo", &[3])
        .bless(false)
        .run();
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert_eq!(outcome.checked, 7);
}
