//! A v1 todo has no creation time, and v2 requires one: the v1 → v2
//! upgrade fills in the sentinel the schema defines, not a value of its
//! own, and readers show it as unknown.

use std::path::Path;

use verso::{Upgrade, Versioned};
use verso_example_todo::converters::CREATED_AT_UNKNOWN;
use verso_example_todo::known_created_at;
use verso_example_todo::todo::{TodoVersioned, v1};

fn v1_todo() -> v1::Todo {
    v1::Todo {
        id: 7,
        title: "Ship v2".into(),
        done: true,
    }
}

/// The doc comment directly above `field:` inside `type Todo struct` of
/// `schemas/todo/vN.bare`, its `#` lines joined with spaces.
fn todo_field_doc(version: u16, field: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../schemas/todo/v{version}.bare"));
    let source = std::fs::read_to_string(&path).unwrap();
    let (_, todo) = source.split_once("type Todo struct {").unwrap();
    let (body, _) = todo.split_once('}').unwrap();
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|line| line.starts_with(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no field {field} in Todo of {}", path.display()));
    let doc: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .collect();
    doc.into_iter().rev().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_upgrade_fills_in_the_sentinel_the_schema_defines() {
    let upgraded = v1_todo().upgrade().unwrap();
    assert_eq!(upgraded.created_at, CREATED_AT_UNKNOWN);
    // The only other thing v1 could not say: when a done todo was done.
    assert_eq!(upgraded.completed_at, None);

    // What the schema says of that value, in the frozen v2 and in v3,
    // which carries it forward.
    let defined = format!("{CREATED_AT_UNKNOWN} means unknown: the todo was upgraded from v1");
    for version in [2, 3] {
        let doc = todo_field_doc(version, "createdAt");
        assert!(doc.contains(&defined), "v{version}.bare says {doc:?}");
    }
}

#[test]
fn the_sentinel_survives_the_chain_and_reads_as_unknown() {
    let bytes = verso::to_vec(&v1_todo());
    let latest = TodoVersioned::decode(&bytes, 1).unwrap();
    assert_eq!(latest.created_at, CREATED_AT_UNKNOWN);
    assert_eq!(known_created_at(latest.created_at), None);

    let recorded = 1_700_000_000_000;
    assert_eq!(known_created_at(recorded), Some(recorded));
}

#[test]
fn the_default_priority_of_an_upgraded_v2_todo_is_the_schemas() {
    let latest = TodoVersioned::decode(&verso::to_vec(&v1_todo()), 1).unwrap();
    assert_eq!(
        latest.priority,
        verso_example_todo::todo::v3::Priority::Normal
    );
    let doc = todo_field_doc(3, "priority");
    assert!(
        doc.contains("NORMAL for a todo upgraded from v2"),
        "v3.bare says {doc:?}"
    );
}
