//! `verso scaffold`: the stubs for `schemas/todo` are exactly the converters
//! the analysis says must be written, they compile unedited (this crate
//! includes them), and until a decision is made they fail with a clear
//! `ConvertError` instead of panicking.

use std::path::Path;

use verso::Versioned;
use verso_tests::scaffolded_todo::{AppVersioned, v1};

const HEADER: &str = "//! The output of `verso scaffold schemas/todo --module crate::scaffolded_todo`,\n//! unedited (kept up to date by `tests/tests/scaffold.rs`).\n\n";

#[test]
fn checked_in_stubs_match_the_scaffold_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let family =
        verso_codegen::generate::load_family(&root.join("../schemas/todo"), &Default::default())
            .unwrap();
    let stubs = family.scaffold(None, "crate::scaffolded_todo").unwrap();
    let expected = format!("{HEADER}{stubs}");
    let path = root.join("src/scaffolded_todo_converters.rs");
    if std::env::var_os("VERSO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected,
        "re-run with VERSO_BLESS=1"
    );
    // One Upgrade and one Downgrade per changed type and step: App and Todo, twice.
    assert_eq!(stubs.matches("impl verso::Upgrade for").count(), 4);
    assert_eq!(stubs.matches("impl verso::Downgrade for").count(), 4);
    // Unchanged fields are moved across; decisions are marked.
    assert!(stubs.contains("id: self.id,"), "{stubs}");
    assert!(
        stubs.contains("// DECIDE: `status` has no counterpart in v1"),
        "{stubs}"
    );
    assert!(!stubs.contains("todo!"), "no panicking placeholders");
}

#[test]
fn undecided_stubs_fail_with_a_clear_error() {
    let app = v1::App {
        todos: vec![v1::Todo {
            id: 1,
            title: "a".into(),
            done: false,
        }],
    };
    let bytes = verso::to_vec(&app);
    let err = AppVersioned::decode(&bytes, 1).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, verso::Error::Convert { from: 1, to: 2, .. }),
        "{text}"
    );
    assert!(text.contains("decide how to convert `todos`"), "{text}");
    // The latest version needs no converter at all.
    assert!(
        AppVersioned::decode(
            &verso::to_vec(&verso_tests::scaffolded_todo::v3::App {
                todos: Default::default(),
                boards: vec![]
            }),
            3
        )
        .is_ok()
    );
}
