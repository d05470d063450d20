//! The plan of small two-version families: the verdict of every rule, the
//! reasons as `diff` prints them, renames and anonymous types.

use crate::check::Options;
use crate::evolve::{Direction, Pair, Way};
use crate::load::load_texts;
use crate::model::EmitOptions;

/// The plan's pair named `name` (its new name) in the step v1 → v2.
fn pair(old: &str, new: &str, manifest: Option<&str>, name: &str) -> Pair {
    let loaded = load_texts(
        "test",
        &[(1, old), (2, new)],
        manifest,
        &Options::default(),
        &EmitOptions::default(),
    );
    let Some(family) = loaded.family else {
        panic!("{}", loaded.report.render_all(false));
    };
    let step = &family.plan.steps[0];
    match step.pairs.iter().find(|p| p.new_name == name) {
        Some(p) => p.clone(),
        None => panic!("no pair {name} in {:?}", step.pairs),
    }
}

fn reasons(p: &Pair) -> Vec<String> {
    p.reasons.iter().map(ToString::to_string).collect()
}

fn ways(p: &Pair) -> (Way, Way) {
    (p.up, p.down)
}

const ROOT: &str = "type Root struct { t: T }\n";

#[test]
fn identical_types_compare_deeply() {
    let s = "type E enum { A B }\ntype T struct { e: E list: list<T> }\n";
    let p = pair(s, s, None, "T");
    assert!(p.identical);
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
    let changed = "type E enum { A B = 5 }\ntype T struct { e: E list: list<T> }\n";
    let p = pair(s, changed, None, "T");
    assert!(!p.identical);
    assert_eq!(reasons(&p), ["refers to `E`, which changed"]);
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
}

#[test]
fn structs_convert_by_field_name_or_need_both_directions_by_hand() {
    let p = pair(
        &format!("{ROOT}type T struct {{ a: u8 b: str }}"),
        &format!("{ROOT}type T struct {{ b: str a: u8 }}"),
        None,
        "T",
    );
    assert_eq!(reasons(&p), ["fields reordered"]);
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
    let p = pair(
        &format!("{ROOT}type T struct {{ a: u8 done: bool }}"),
        &format!("{ROOT}type T struct {{ a: u8 status: u8 }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        ["field `done` removed", "field `status` added"]
    );
    assert_eq!(ways(&p), (Way::Manual, Way::Manual));
    let p = pair(
        &format!("{ROOT}type T struct {{ id: u32 }}"),
        &format!("{ROOT}type T struct {{ id: u64 }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        ["field `id` retyped u32 → u64 (upgrades every value)"]
    );
    assert_eq!(ways(&p), (Way::Generated, Way::Manual), "a widening");
    // Aliases are looked through.
    let p = pair(
        &format!("{ROOT}type T struct {{ at: i64 }}"),
        &format!("{ROOT}type Ts i64\ntype T struct {{ at: Ts }}"),
        None,
        "T",
    );
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
}

#[test]
fn a_field_whose_alias_changed_says_so() {
    let p = pair(
        &format!("{ROOT}type Id data[16]\ntype T struct {{ messageId: Id }}"),
        &format!("{ROOT}type Id data[20]\ntype T struct {{ messageId: Id }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        ["field `messageId`: its type `Id` changed (data[16] → data[20])"]
    );
    let alias = pair(
        &format!("{ROOT}type Id data[16]\ntype T struct {{ messageId: Id }}"),
        &format!("{ROOT}type Id data[20]\ntype T struct {{ messageId: Id }}"),
        None,
        "Id",
    );
    assert!(alias.alias);
    assert_eq!(ways(&alias), (Way::NotNeeded, Way::NotNeeded));
}

#[test]
fn enums_and_unions_decide_each_direction_on_its_own() {
    let root = "type Root struct { e: E u: U }\ntype X u8\n";
    let p = pair(
        &format!("{root}type E enum {{ A B }}\ntype U union {{ X | str }}"),
        &format!("{root}type E enum {{ A B CANCELLED = 10 }}\ntype U union {{ X | str | u8 }}"),
        None,
        "E",
    );
    assert_eq!(reasons(&p), ["value CANCELLED added"]);
    assert_eq!(ways(&p), (Way::Generated, Way::Manual));
    let p = pair(
        &format!("{root}type E enum {{ A B }}\ntype U union {{ X | str }}"),
        &format!("{root}type E enum {{ A }}\ntype U union {{ str }}"),
        None,
        "U",
    );
    assert_eq!(reasons(&p), ["member `X` removed", "member `str` retagged"]);
    assert_eq!(ways(&p), (Way::Manual, Way::Generated));
    assert_eq!(p.blocking(Direction::Up).count(), 1);
    assert_eq!(p.blocking(Direction::Down).count(), 0);
    // Retagged members convert both ways.
    let p = pair(
        &format!("{root}type E enum {{ A }}\ntype U union {{ X | str }}"),
        &format!("{root}type E enum {{ A }}\ntype U union {{ X = 4 | str }}"),
        None,
        "U",
    );
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
}

#[test]
fn a_member_that_turns_void_is_the_same_member() {
    let old = "type Stop struct { g: u32 }\ntype Start struct { id: u8 }\ntype C union { Start | Stop }\ntype Root struct { c: C }";
    let new = "type Stop void\ntype Start struct { id: u8 }\ntype C union { Start | Stop }\ntype Root struct { c: C }";
    let union = pair(old, new, None, "C");
    assert_eq!(ways(&union), (Way::Generated, Way::Generated));
    assert_eq!(reasons(&union), ["refers to `Stop`, which changed"]);
    let member = pair(old, new, None, "Stop");
    assert_eq!(reasons(&member), ["was a struct, now void"]);
    assert_eq!(ways(&member), (Way::Manual, Way::Manual));
}

#[test]
fn renamed_types_pair_with_their_old_names() {
    let old = "type PersistedActor struct { conns: list<PersistedConnection> }\ntype PersistedConnection struct { id: str }";
    let new = "type Actor struct { conns: list<Conn> }\ntype Conn struct { id: str }";
    let manifest = "[renamed.v2]\nActor = \"PersistedActor\"\nConn = \"PersistedConnection\"\n";
    let p = pair(old, new, Some(manifest), "Actor");
    assert!(p.identical && p.renamed(), "{p:?}");
    assert_eq!(p.old_name, "PersistedActor");
    // Without the manifest they are different types.
    let loaded = load_texts(
        "t",
        &[(1, old), (2, new)],
        None,
        &Options::default(),
        &EmitOptions::default(),
    );
    let plan = loaded.family.unwrap().plan;
    assert_eq!(plan.steps[0].added, ["Actor", "Conn"]);
    assert_eq!(plan.roots[0].oldest, 2);
    let loaded = load_texts(
        "t",
        &[(1, old), (2, new)],
        Some(manifest),
        &Options::default(),
        &EmitOptions::default(),
    );
    let root = &loaded.family.unwrap().plan.roots[0];
    assert_eq!(
        (root.name.as_str(), root.oldest, root.direct_from),
        ("Actor", 1, 1)
    );
}

#[test]
fn anonymous_types_pair_by_place_and_plan_on_their_own() {
    let old = "type Task struct { title: str state: enum { OPEN DONE } }";
    let new =
        "type Task struct { title: str state: enum { OPEN DONE BLOCKED } due: optional<i64> }";
    let task = pair(old, new, None, "Task");
    assert_eq!(ways(&task), (Way::Manual, Way::Manual));
    let state = pair(old, new, None, "Task.State");
    assert!(state.lifted);
    assert_eq!(reasons(&state), ["value BLOCKED added"]);
    assert_eq!(ways(&state), (Way::Generated, Way::Manual));
}

#[test]
fn types_no_root_reaches_need_no_converter() {
    let p = pair(
        "type Root struct { a: u8 }\ntype Loose struct { a: u8 }",
        "type Root struct { a: u8 }\ntype Loose struct { b: u8 }",
        Some("roots = [\"Root\"]\n"),
        "Loose",
    );
    assert!(!p.reachable);
    assert_eq!(ways(&p), (Way::NotNeeded, Way::NotNeeded));
}

/// The ways of the field `f` retyped from `old` to `new`.
fn retyped(old: &str, new: &str) -> (Way, Way) {
    let p = pair(
        &format!(
            "{ROOT}type S struct {{ x: u8 }}\ntype R struct {{ y: u8 }}\ntype T struct {{ f: {old} }}"
        ),
        &format!(
            "{ROOT}type S struct {{ x: u8 }}\ntype R struct {{ y: u8 }}\ntype T struct {{ f: {new} }}"
        ),
        None,
        "T",
    );
    ways(&p)
}

#[test]
fn widenings_are_generated_in_their_lossless_direction_only() {
    use Way::{Generated as G, Manual as M};
    let cases = [
        ("u8", "u16", (G, M)),
        ("u16", "u8", (M, G)),
        ("u8", "u64", (G, M)),
        ("u32", "i64", (G, M)),
        ("u32", "i32", (M, M)),
        ("i8", "u64", (M, M)),
        ("i16", "int", (G, M)),
        ("u64", "uint", (G, G)),
        ("int", "i64", (G, G)),
        ("f32", "f64", (G, M)),
        ("u32", "f64", (M, M)),
        ("bool", "u8", (M, M)),
        ("data", "optional<data>", (G, M)),
        ("optional<data>", "data", (M, G)),
        ("str", "optional<str>", (G, M)),
        ("u8", "optional<u16>", (G, M)),
        ("u16", "optional<u8>", (M, M)),
        ("data[16]", "data", (G, M)),
        ("data[16]", "data[20]", (M, M)),
        ("data", "data[16]", (M, G)),
        ("list<u8>", "list<u8>[4]", (M, G)),
        ("list<u8>[4]", "list<u8>[3]", (M, M)),
        ("S", "R", (M, M)),
        ("list<u8>[4]", "list<u8>", (G, M)),
        ("list<u8>[4]", "list<u16>", (G, M)),
        ("list<u8>", "data", (M, M)),
        ("optional<list<u8>>", "optional<list<u32>>", (G, M)),
        ("map<str><u8>", "map<str><u32>", (G, M)),
        ("map<u8><u32>", "map<u16><u16>", (M, M)),
        ("S", "optional<S>", (G, M)),
        ("list<S>[2]", "list<S>", (G, M)),
        ("optional<S>", "S", (M, G)),
    ];
    for (old, new, expected) in cases {
        assert_eq!(retyped(old, new), expected, "{old} → {new}");
    }
}

#[test]
fn parts_of_the_same_fixed_shape_convert_both_ways_beside_a_widening() {
    let p = pair(
        &format!("{ROOT}type T struct {{ a: data[4] b: list<u8>[2] x: u8 }}"),
        &format!("{ROOT}type T struct {{ a: data[4] b: list<u8>[2] x: u16 }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        ["field `x` retyped u8 → u16 (upgrades every value)"]
    );
    assert_eq!(ways(&p), (Way::Generated, Way::Manual));
}

#[test]
fn a_widening_through_an_alias_says_which_way_is_lossless() {
    let p = pair(
        &format!("{ROOT}type Id data[16]\ntype T struct {{ id: Id }}"),
        &format!("{ROOT}type Id data\ntype T struct {{ id: Id }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        ["field `id`: its type `Id` changed (data[16] → data) (upgrades every value)"]
    );
    assert_eq!(ways(&p), (Way::Generated, Way::Manual));
    let p = pair(
        &format!("{ROOT}type T struct {{ id: u64 }}"),
        &format!("{ROOT}type T struct {{ id: uint }}"),
        None,
        "T",
    );
    assert_eq!(reasons(&p), ["field `id` retyped u64 → uint (same values)"]);
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
}

#[test]
fn a_field_spelt_anew_with_the_same_rust_name_and_type_is_the_same_field() {
    let old = format!("{ROOT}type T struct {{ request_lifespan: u32 slots: u8 }}");
    // In its place, or moved (fields match in any order; here a field
    // added before it shifts it, as in rivet's runner_config v5).
    for new in [
        "type T struct { requestLifespan: u32 slots: u8 }",
        "type T struct { slots: u8 requestLifespan: u32 }",
        "type T struct { drain: bool slots: u8 requestLifespan: u32 }",
    ] {
        let p = pair(&old, &format!("{ROOT}{new}"), None, "T");
        let renamed = "field `requestLifespan`: renamed from `request_lifespan` (same Rust name)";
        if new.contains("drain") {
            assert_eq!(reasons(&p), ["field `drain` added", renamed], "{new}");
            assert_eq!(ways(&p), (Way::Manual, Way::Manual), "{new}");
        } else {
            assert_eq!(reasons(&p), [renamed], "{new}");
            assert_eq!(ways(&p), (Way::Generated, Way::Generated), "{new}");
        }
    }
    // Another type: a field removed and one added.
    let p = pair(
        &old,
        &format!("{ROOT}type T struct {{ requestLifespan: u64 slots: u8 }}"),
        None,
        "T",
    );
    assert_eq!(
        reasons(&p),
        [
            "field `request_lifespan` removed",
            "field `requestLifespan` added"
        ]
    );
    assert_eq!(ways(&p), (Way::Manual, Way::Manual));
}

#[test]
fn fields_and_enum_values_renamed_in_the_manifest_convert() {
    let manifest = "[renamed.v2]\n\"T.title\" = \"name\"\n\"E.DONE\" = \"FINISHED\"\n";
    let old = format!("{ROOT}type E enum {{ OPEN FINISHED }}\ntype T struct {{ name: str e: E }}");
    let new = format!("{ROOT}type E enum {{ OPEN DONE }}\ntype T struct {{ title: str e: E }}");
    let p = pair(&old, &new, Some(manifest), "T");
    assert_eq!(reasons(&p), ["field `title`: renamed from `name`"]);
    assert_eq!(ways(&p), (Way::Generated, Way::Generated));
    let e = pair(&old, &new, Some(manifest), "E");
    assert_eq!(reasons(&e), ["`DONE`: renamed from `FINISHED`"]);
    assert_eq!(ways(&e), (Way::Generated, Way::Generated));
    // Without the manifest: removed and added.
    let p = pair(&old, &new, None, "T");
    assert_eq!(ways(&p), (Way::Manual, Way::Manual));
}

#[test]
fn a_type_removed_and_one_added_with_the_same_definition_is_a_rename_hint() {
    let loaded = load_texts(
        "test",
        &[
            (
                1,
                "type Reading struct { at: u64 celsius: f64 }\ntype Log struct { r: list<Reading> }\n",
            ),
            (
                2,
                "type Sample struct { at: u64 celsius: f64 }\ntype Other struct { at: u64 }\ntype Log struct { r: list<Sample> }\n",
            ),
        ],
        None,
        &Options::default(),
        &EmitOptions::default(),
    );
    let family = loaded.family.expect("loads");
    let step = &family.plan.steps[0];
    assert_eq!(
        step.rename_hints,
        [("Sample".to_owned(), "Reading".to_owned())]
    );
}
