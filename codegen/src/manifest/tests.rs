//! Unit tests of `verso.toml` parsing and validation: one test per rule,
//! with the spans and the rendered locations the user sees.

use proptest::prelude::*;

use super::*;
use crate::check::{Options, check};

fn schema(src: &str) -> Schema {
    check(src, &Options::default())
        .schema
        .unwrap_or_else(|| panic!("a valid test schema: {src}"))
}

/// The parse errors of `text` (which must not parse).
fn parse_errors(text: &str) -> Vec<Diagnostic> {
    match Manifest::parse(text) {
        Ok(manifest) => panic!("expected errors for {text:?}, parsed {manifest:?}"),
        Err(errors) => errors,
    }
}

fn parsed(text: &str) -> Manifest {
    Manifest::parse(text).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors
            .iter()
            .map(|d| d.render(FILE_NAME, text, false))
            .collect();
        panic!("expected {text:?} to parse:\n{}", shown.concat())
    })
}

/// The problems `text` has against a family of `(version, schema source)`.
fn problems(text: &str, family: &[(u16, &str)]) -> Vec<Diagnostic> {
    let schemas: Vec<(u16, Schema)> = family.iter().map(|(v, s)| (*v, schema(s))).collect();
    let versions: Vec<(u16, &Schema)> = schemas.iter().map(|(v, s)| (*v, s)).collect();
    parsed(text).validate(&versions)
}

/// The one problem `text` has against `family`.
fn problem(text: &str, family: &[(u16, &str)]) -> Diagnostic {
    let mut found = problems(text, family);
    assert_eq!(
        found.len(),
        1,
        "expected one problem for {text:?}: {found:#?}"
    );
    found.remove(0)
}

/// The text a diagnostic's primary span covers.
fn at<'t>(text: &'t str, diagnostic: &Diagnostic) -> &'t str {
    &text[diagnostic.primary.span.range()]
}

/// The family of the design example: `PersistedActor` and
/// `PersistedConnection` in v1 and v2, renamed `Actor` and `Conn` in v3.
const V1: &str = "type PersistedActor struct { id: u64 }\n\
                  type PersistedConnection struct { id: u64 }\n\
                  type Todo struct { title: str }\n";
const V2: &str = "type PersistedActor struct { id: u64 name: str }\n\
                  type PersistedConnection struct { id: u64 }\n\
                  type Todo struct { title: str }\n";
const V3: &str = "type Actor struct { id: u64 name: str }\n\
                  type Conn struct { id: u64 }\n\
                  type Todo struct { title: str done: bool }\n";
const FAMILY: &[(u16, &str)] = &[(1, V1), (2, V2), (3, V3)];

const EXAMPLE: &str = "\
# Root types.
roots = [\"Actor\", \"Conn\"]

[renamed.v3]
Actor = \"PersistedActor\"     # in v3, `Actor` is what v2 called `PersistedActor`
Conn = \"PersistedConnection\"

[manual]
Todo = [2]
";

#[test]
fn the_documented_example_parses_with_spans_on_every_name() {
    let manifest = parsed(EXAMPLE);
    let roots: Vec<&str> = manifest.roots.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(roots, ["Actor", "Conn"]);
    // Roots span their quoted strings.
    assert_eq!(&EXAMPLE[manifest.roots[1].span.range()], "\"Conn\"");

    assert_eq!(manifest.renamed.len(), 2);
    let actor = &manifest.renamed[0];
    assert_eq!((actor.version, actor.new.name.as_str()), (3, "Actor"));
    assert_eq!(actor.old.name, "PersistedActor");
    assert_eq!(&EXAMPLE[actor.new.span.range()], "Actor");
    assert_eq!(&EXAMPLE[actor.old.span.range()], "\"PersistedActor\"");
    assert_eq!(&EXAMPLE[actor.version_span.range()], "v3");
    assert_eq!(manifest.renamed[1].new.name, "Conn");

    assert_eq!(manifest.manual.len(), 1);
    let todo = &manifest.manual[0];
    assert_eq!((todo.name.name.as_str(), todo.from), ("Todo", 2));
    assert_eq!(&EXAMPLE[todo.span.range()], "2");
    assert_eq!(&EXAMPLE[todo.name.span.range()], "Todo");

    assert_eq!(problems(EXAMPLE, FAMILY), []);
}

#[test]
fn entries_keep_the_order_they_are_written_in() {
    let text = "[renamed.v3]\nZeta = \"A\"\nAlpha = \"B\"\n[manual]\nZ = [3, 1]\nA = [2]\n";
    let manifest = parsed(text);
    let new: Vec<&str> = manifest
        .renamed
        .iter()
        .map(|r| r.new.name.as_str())
        .collect();
    assert_eq!(new, ["Zeta", "Alpha"]);
    let manual: Vec<(&str, u16)> = manifest
        .manual
        .iter()
        .map(|m| (m.name.name.as_str(), m.from))
        .collect();
    assert_eq!(manual, [("Z", 3), ("Z", 1), ("A", 2)]);
}

#[test]
fn an_empty_manifest_names_nothing() {
    for text in ["", "# Nothing yet.\n", "\n\n", "roots = []\n"] {
        assert_eq!(parsed(text), Manifest::default(), "{text:?}");
    }
    assert_eq!(problems("", FAMILY), []);
    // Without versions there is nothing to check against.
    assert_eq!(parsed(EXAMPLE).validate(&[]), []);
}

#[test]
fn queries_answer_for_the_step_they_name() {
    let manifest = parsed(EXAMPLE);
    assert_eq!(manifest.old_name(3, "Actor"), Some("PersistedActor"));
    assert_eq!(manifest.old_name(3, "Conn"), Some("PersistedConnection"));
    assert_eq!(manifest.old_name(2, "Actor"), None);
    assert_eq!(manifest.old_name(3, "Todo"), None);
    assert_eq!(manifest.new_name(3, "PersistedActor"), Some("Actor"));
    assert_eq!(manifest.new_name(3, "Actor"), None);
    assert!(manifest.is_manual("Todo", 2));
    assert!(!manifest.is_manual("Todo", 1));
    assert!(!manifest.is_manual("Actor", 2));
}

#[test]
fn a_syntax_error_is_one_diagnostic_at_its_line_and_column() {
    let text = "roots = [\"Actor\"]\n\n[manual\nTodo = [2]\n";
    let errors = parse_errors(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let shown = errors[0].render("verso.toml", text, false);
    assert!(shown.contains("invalid TOML"), "{shown}");
    assert!(shown.contains("verso.toml:3:"), "{shown}");
    assert!(shown.contains("[manual"), "{shown}");

    // An unclosed list: one error, not one per following line.
    let unclosed = "roots = [\"A\"\nfoo = \n[x";
    assert_eq!(parse_errors(unclosed).len(), 1);

    // Duplicate keys are TOML errors too.
    let twice = "[manual]\nTodo = [2]\nTodo = [3]\n";
    let errors = parse_errors(twice);
    assert!(
        errors[0]
            .render("verso.toml", twice, false)
            .contains("verso.toml:3:1"),
        "{errors:#?}"
    );
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let text = "root = [\"Actor\"]\n\n[manuals]\nTodo = [2]\n[colour]\n";
    let errors = parse_errors(text);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(at(text, &errors[0]), "root");
    assert_eq!(errors[0].message, "unknown key `root` in verso.toml");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `roots`?"));
    assert_eq!(at(text, &errors[1]), "manuals");
    assert_eq!(errors[1].help.as_deref(), Some("did you mean `manual`?"));
    assert!(
        errors[2]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("roots")
    );
    let shown = errors[0].render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:1:1"), "{shown}");
    let shown = errors[1].render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:3:2"), "{shown}");
}

#[test]
fn renamed_tables_are_keyed_by_a_version() {
    for good in ["v1", "v3", "v65535", "\"v12\""] {
        let text = format!("[renamed.{good}]\nA = \"B\"\n");
        parsed(&text);
    }
    for bad in [
        "v0",
        "v01",
        "v65536",
        "v99999999999",
        "x3",
        "V3",
        "3",
        "v",
        "v3a",
        "\"v 3\"",
    ] {
        let text = format!("[renamed.{bad}]\nA = \"B\"\nC = \"D\"\n");
        let errors = parse_errors(&text);
        assert_eq!(errors.len(), 1, "one error per table: {bad}: {errors:#?}");
        assert_eq!(at(&text, &errors[0]), bad);
        assert!(errors[0].message.contains("is not a version"), "{bad}");
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("[renamed.v3]"),
            "{bad}"
        );
    }
}

#[test]
fn values_of_the_wrong_type_are_errors_at_the_value() {
    let cases = [
        ("roots = \"Actor\"\n", "\"Actor\"", "`roots` must be a list"),
        ("roots = [\"A\", 1]\n", "1", "a root must be a type name"),
        (
            "renamed = 3\n",
            "3",
            "`renamed` must hold one table per version",
        ),
        (
            "[renamed]\nv3 = \"A\"\n",
            "\"A\"",
            "`renamed.v3` must be a table",
        ),
        ("[renamed.v3]\nA = 3\n", "3", "the old name of `A`"),
        (
            "[renamed.v3]\nA = [\"B\"]\n",
            "[\"B\"]",
            "the old name of `A`",
        ),
        ("manual = [1]\n", "[1]", "`manual` must be a table"),
        ("[manual]\nTodo = 2\n", "2", "`manual.Todo` must be a list"),
        ("[manual]\nTodo = [0]\n", "0", "a manual step is a version"),
        (
            "[manual]\nTodo = [65536]\n",
            "65536",
            "a manual step is a version",
        ),
        (
            "[manual]\nTodo = [-1]\n",
            "-1",
            "a manual step is a version",
        ),
        (
            "[manual]\nTodo = [\"2\"]\n",
            "\"2\"",
            "a manual step is a version",
        ),
        (
            "[manual]\nTodo = [1.5]\n",
            "1.5",
            "a manual step is a version",
        ),
        (
            "[manual]\nTodo = [true]\n",
            "true",
            "a manual step is a version",
        ),
    ];
    for (text, span, message) in cases {
        let errors = parse_errors(text);
        assert_eq!(errors.len(), 1, "{text:?}: {errors:#?}");
        assert_eq!(at(text, &errors[0]), span, "{text:?}");
        assert!(
            errors[0].message.contains(message),
            "{text:?}: {}",
            errors[0].message
        );
        assert!(errors[0].help.is_some(), "{text:?}");
        assert!(!errors[0].primary.message.is_empty(), "{text:?}");
    }
    // Other integer spellings are fine.
    let manual = parsed("[manual]\nTodo = [0x2, 1_0, +3, 65535]\n").manual;
    let steps: Vec<u16> = manual.iter().map(|m| m.from).collect();
    assert_eq!(steps, [2, 10, 3, 65535]);
}

#[test]
fn names_listed_twice_point_at_both() {
    let text = "roots = [\"A\", \"B\", \"A\"]\n[manual]\nTodo = [2, 3, 2]\n";
    let errors = parse_errors(text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].message, "root `A` is listed twice");
    assert_eq!(errors[0].primary.span.start, text.rfind("\"A\"").unwrap());
    assert_eq!(
        errors[0].secondary[0].span.start,
        text.find("\"A\"").unwrap()
    );
    assert_eq!(errors[1].message, "step 2 of `Todo` is listed twice");
    assert_eq!(errors[1].secondary[0].span.start, text.find("2,").unwrap());
}

#[test]
fn every_shape_problem_is_reported_in_one_run() {
    let text = "roots = 1\nextra = true\n[renamed.v0]\nA = \"B\"\n[manual]\nT = [0]\n";
    let lines: Vec<usize> = parse_errors(text)
        .iter()
        .map(|d| crate::diagnostic::line_column(text, d.primary.span.start).0)
        .collect();
    assert_eq!(lines, [1, 2, 3, 6]);
}

#[test]
fn a_root_must_be_a_type_of_the_latest_version() {
    let text = "roots = [\"Actor\", \"Conm\", \"PersistedActor\"]\n";
    let found = problems(text, FAMILY);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].message,
        "root `Conm` is not defined in the latest version, v3"
    );
    assert_eq!(at(text, &found[0]), "\"Conm\"");
    assert_eq!(found[0].help.as_deref(), Some("did you mean `Conn`?"));
    // An old name is no root: the wrapper is named after the latest name.
    assert_eq!(at(text, &found[1]), "\"PersistedActor\"");
    assert!(
        found[1]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("v3.bare")
    );
    let shown = found[0].render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:1:19"), "{shown}");
}

#[test]
fn a_rename_table_must_name_a_version_of_the_family() {
    let text = "[renamed.v7]\nActor = \"PersistedActor\"\nConn = \"PersistedConnection\"\n";
    let found = problem(text, FAMILY);
    assert_eq!(found.message, "`[renamed.v7]`: the family has no v7");
    assert_eq!(at(text, &found), "v7");
    assert!(
        found
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("from v1 to v3")
    );
    let shown = found.render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:1:10"), "{shown}");
}

#[test]
fn the_oldest_version_has_nothing_to_rename_from() {
    let text = "[renamed.v1]\nActor = \"PersistedActor\"\nConn = \"X\"\n";
    let found = problem(text, FAMILY);
    assert!(
        found.message.contains("nothing to rename from"),
        "{}",
        found.message
    );
    assert_eq!(at(text, &found), "v1");
    // In a family whose v1 and v2 were retired, v3 is the oldest.
    let retired = problem(
        "[renamed.v3]\nActor = \"PersistedActor\"\n",
        &[(3, V3), (4, V3)],
    );
    assert!(
        retired.message.contains("v1 to v2 are retired"),
        "{}",
        retired.message
    );
    // One retired version reads as one.
    let one = problem(
        "[renamed.v2]\nActor = \"PersistedActor\"\n",
        &[(2, V3), (3, V3)],
    );
    assert!(one.message.ends_with("(v1 is retired)"), "{}", one.message);
}

#[test]
fn new_and_old_names_must_exist_on_their_side_of_the_step() {
    let text = "[renamed.v3]\nActr = \"PersistedActor\"\nConn = \"Connection\"\n";
    let found = problems(text, FAMILY);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].message, "`Actr` is not defined in v3");
    assert_eq!(at(text, &found[0]), "Actr");
    assert_eq!(found[0].help.as_deref(), Some("did you mean `Actor`?"));
    assert_eq!(found[1].message, "`Connection` is not defined in v2");
    assert_eq!(at(text, &found[1]), "\"Connection\"");
    assert!(
        found[1]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("v2.bare")
    );
}

#[test]
fn a_type_renamed_to_itself_is_an_error() {
    let text = "[renamed.v2]\nTodo = \"Todo\"\n";
    let found = problem(text, FAMILY);
    assert_eq!(found.message, "`Todo` is renamed to itself");
    assert_eq!(at(text, &found), "\"Todo\"");
    assert!(
        found
            .help
            .as_deref()
            .unwrap_or_default()
            .starts_with("remove this line")
    );
}

#[test]
fn one_old_name_renamed_twice_in_a_step_collides() {
    let v3 = "type Actor struct { id: u64 name: str }\ntype Actor2 struct { id: u64 name: str }\n\
              type Conn struct { id: u64 }\ntype Todo struct { title: str }\n";
    let text = "[renamed.v3]\nActor = \"PersistedActor\"\nActor2 = \"PersistedActor\"\nConn = \"PersistedConnection\"\n";
    let found = problem(text, &[(2, V2), (3, v3)]);
    assert_eq!(
        found.message,
        "`PersistedActor` is renamed twice in v3: to `Actor` and to `Actor2`"
    );
    assert_eq!(
        found.primary.span.start,
        text.rfind("\"PersistedActor\"").unwrap()
    );
    assert_eq!(found.secondary.len(), 1);
    assert_eq!(
        found.secondary[0].span.start,
        text.find("\"PersistedActor\"").unwrap()
    );
    assert!(found.secondary[0].message.contains("first renamed here"));
    let shown = found.render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:3:10"), "{shown}");
}

#[test]
fn a_new_name_also_defined_before_the_step_is_ambiguous() {
    // v2 has both `Actor` and `PersistedActor`; renaming the latter to
    // `Actor` would make v3's `Actor` follow both.
    let v2 = "type Actor struct { id: u64 }\ntype PersistedActor struct { id: u64 }\n";
    let v3 = "type Actor struct { id: u64 }\n";
    let text = "[renamed.v3]\nActor = \"PersistedActor\"\n";
    let found = problem(text, &[(2, v2), (3, v3)]);
    assert!(
        found.message.contains("`Actor` is also defined in v2"),
        "{}",
        found.message
    );
    assert_eq!(at(text, &found), "Actor");
    assert!(
        found
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("[renamed.v3]")
    );
}

#[test]
fn an_old_name_still_defined_after_the_step_is_ambiguous() {
    let v2 = "type PersistedActor struct { id: u64 }\n";
    let v3 = "type Actor struct { id: u64 }\ntype PersistedActor struct { id: u64 }\n";
    let text = "[renamed.v3]\nActor = \"PersistedActor\"\n";
    let found = problem(text, &[(2, v2), (3, v3)]);
    assert!(
        found
            .message
            .contains("`PersistedActor` is still defined in v3"),
        "{}",
        found.message
    );
    assert_eq!(at(text, &found), "\"PersistedActor\"");
    assert!(
        found
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("remove `PersistedActor` from v3.bare")
    );
}

#[test]
fn swaps_and_chains_of_renames_are_unambiguous() {
    let two = "type A struct { a: u8 }\ntype B struct { b: u8 }\n";
    let three = "type A struct { b: u8 }\ntype B struct { a: u8 }\n";
    assert_eq!(
        problems(
            "[renamed.v3]\nA = \"B\"\nB = \"A\"\n",
            &[(2, two), (3, three)]
        ),
        []
    );
    // A → B and B → C in one step.
    let chained = "type B struct { a: u8 }\ntype C struct { b: u8 }\n";
    assert_eq!(
        problems(
            "[renamed.v3]\nB = \"A\"\nC = \"B\"\n",
            &[(2, two), (3, chained)]
        ),
        []
    );
}

#[test]
fn a_manual_step_must_be_a_step_of_the_family() {
    let text = "[manual]\nTodo = [1, 2, 3, 0x0]\n";
    // `0x0` is out of range already at parse time; leave it out here.
    assert_eq!(parse_errors(text).len(), 1);
    let text = "[manual]\nTodo = [1, 2, 3, 65535]\n";
    let found = problems(text, FAMILY);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].message, "there is no step v3 → v4 in this family");
    assert_eq!(at(text, &found[0]), "3");
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("v1 → v2 to v2 → v3")
    );
    assert_eq!(
        found[1].message,
        "there is no step v65535 → v65536 in this family"
    );
    // Below a retired family's oldest version.
    let retired = problem("[manual]\nTodo = [2]\n", &[(3, V3), (4, V3)]);
    assert_eq!(retired.message, "there is no step v2 → v3 in this family");
    let pair = problem("[manual]\nTodo = [1]\n", &[(2, V2), (3, V3)]);
    assert_eq!(
        pair.help.as_deref(),
        Some("the family's only step is v2 → v3: write `Todo = [2]`")
    );
    let single = problem("[manual]\nTodo = [1]\n", &[(1, V1)]);
    assert!(
        single
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("one version")
    );
}

#[test]
fn a_manual_name_must_exist_on_either_side_of_its_step() {
    // `PersistedActor` exists in v2 only, `Actor` in v3 only: both fine.
    assert_eq!(
        problems("[manual]\nPersistedActor = [2]\nActor = [2]\n", FAMILY),
        []
    );
    let text = "[manual]\nTodoo = [2]\nActor = [1]\n";
    let found = problems(text, FAMILY);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].message, "`Todoo` is defined in neither v2 nor v3");
    assert_eq!(at(text, &found[0]), "Todoo");
    assert_eq!(found[0].help.as_deref(), Some("did you mean `Todo`?"));
    assert_eq!(found[1].message, "`Actor` is defined in neither v1 nor v2");
    let shown = found[1].render("verso.toml", text, false);
    assert!(shown.contains("verso.toml:3:1"), "{shown}");
}

/// Text shaped like TOML, to reach past the syntax checks.
fn tomlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "roots",
        "renamed",
        "manual",
        "[",
        "]",
        "[[",
        "]]",
        "=",
        "\"",
        "'",
        ",",
        ".",
        "\n",
        " ",
        "#",
        "v3",
        "v0",
        "v65535",
        "Actor",
        "Todo",
        "0",
        "2",
        "65536",
        "-1",
        "1.5",
        "true",
        "{",
        "}",
        "\"Actor\"",
        "[renamed.v2]",
        "[manual]",
        "\u{e9}",
        "\\",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

/// Parses, validates and renders everything `text` yields, which must not panic.
fn exercise(text: &str) {
    let family = [(2, schema(V2)), (3, schema(V3))];
    let versions: Vec<(u16, &Schema)> = family.iter().map(|(v, s)| (*v, s)).collect();
    let diagnostics = match Manifest::parse(text) {
        Ok(manifest) => manifest.validate(&versions),
        Err(errors) => errors,
    };
    for diagnostic in diagnostics {
        let _ = diagnostic.render(FILE_NAME, text, false);
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        exercise(&text);
    }

    #[test]
    fn toml_like_text_never_panics(text in tomlish()) {
        exercise(&text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!("roots = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Manifest::parse(&text).is_err());
}

/// A struct and an enum whose parts are renamed in v2, and a union.
const PARTS: [(u16, &str); 2] = [
    (
        1,
        "type E enum { OPEN FINISHED }\ntype T struct { name: str e: E }\ntype U union { T | E }\n",
    ),
    (
        2,
        "type E enum { OPEN DONE }\ntype T struct { title: str e: E }\ntype U union { T | E }\n",
    ),
];

#[test]
fn fields_and_enum_values_are_renamed_with_a_dotted_key() {
    let text = "[renamed.v2]\n\"T.title\" = \"name\"\n\"E.DONE\" = \"FINISHED\"\n";
    let manifest = parsed(text);
    let owners: Vec<_> = manifest
        .renamed
        .iter()
        .map(|r| {
            (
                r.owner.as_ref().map(|o| o.name.as_str()),
                r.new.name.as_str(),
                r.old.name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            (Some("T"), "title", "name"),
            (Some("E"), "DONE", "FINISHED")
        ]
    );
    assert_eq!(problems(text, &PARTS), []);
    // A part rename is not a type rename.
    assert_eq!(manifest.old_name(2, "title"), None);
}

#[test]
fn a_bad_part_rename_says_what_is_wrong_and_where() {
    let cases = [
        (
            "\"X.title\" = \"name\"",
            "`X` is not defined in v2",
            "\"X.title\"",
        ),
        (
            "\"T.titel\" = \"name\"",
            "`T` has no field `titel` in v2",
            "\"T.titel\"",
        ),
        (
            "\"T.title\" = \"nam\"",
            "`T` has no field `nam` in v1",
            "\"nam\"",
        ),
        (
            "\"E.DONE\" = \"CLOSED\"",
            "`E` has no value `CLOSED` in v1",
            "\"CLOSED\"",
        ),
        ("\"T.e\" = \"e\"", "`T.e` is renamed to itself", "\"e\""),
        (
            "\"U.T\" = \"E\"",
            "`U` has no fields or values to rename",
            "\"U.T\"",
        ),
        (
            "\"T.e\" = \"name\"",
            "`T` also has a field `e` in v1, so v2's `e` would follow both it and `name`",
            "\"T.e\"",
        ),
    ];
    for (line, message, place) in cases {
        let text = format!("[renamed.v2]\n{line}\n");
        let found = problems(&text, &PARTS);
        let first = found
            .first()
            .unwrap_or_else(|| panic!("{line}: no problem"));
        assert_eq!(first.message, message, "{line}");
        assert_eq!(at(&text, first), place, "{line}");
        assert_eq!(first.code, "manifest-rename", "{line}");
    }
    let text = "[renamed.v2]\n\"T..x\" = \"name\"\n";
    let found = parse_errors(text);
    assert_eq!(found[0].message, "`T..x` is neither a type nor `Type.part`");
    assert_eq!(at(text, &found[0]), "\"T..x\"");
    let union = problem("[renamed.v2]\n\"U.T\" = \"E\"\n", &PARTS);
    assert!(
        union
            .help
            .as_deref()
            .unwrap_or("")
            .contains("rename the member's type instead"),
        "{union:?}"
    );
    let near = problem("[renamed.v2]\n\"T.titel\" = \"name\"\n", &PARTS);
    assert_eq!(near.help.as_deref(), Some("did you mean `T.title`?"));
}
