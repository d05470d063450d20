//! Snapshots of the rendered diagnostics for hand-written invalid schemas in
//! `data/diagnostics/` (one `#[test]` per file, one snapshot per file in
//! `snapshots/diagnostics__<name>.snap`).
//!
//! Each case is checked the way `verso check` would show it: every
//! diagnostic rendered without colour, with the path shown as the bare file
//! name, separated by blank lines. Every case must produce at least one
//! error, so a snapshot of a clean run cannot slip in.
//!
//! # Options convention
//!
//! The first line of a case may be a comment choosing the options:
//!
//! ```text
//! # options: strict pedantic
//! ```
//!
//! with words among `legacy` (legacy syntax and forward references allowed,
//! the default), `strict` (legacy off, like `--no-legacy`) and `pedantic`
//! (like `--pedantic`). Without such a line a case is checked with
//! `Options::default()`, what `verso check` does without flags. Leave a blank
//! line after it so it does not document the first definition.
//!
//! To add a case: add `data/diagnostics/<name>.bare`, list `<name>` in
//! `cases!` below, run
//! `INSTA_UPDATE=always cargo test -p verso-tests --test diagnostics`, and
//! review the new snapshot.

use std::fs;
use std::path::{Path, PathBuf};

use verso_codegen::{Options, check};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/diagnostics")
}

/// Reads the `# options: …` line, if the case starts with one.
fn options(source: &str, file: &str) -> Options {
    let mut options = Options::default();
    let Some(words) = source
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# options:"))
    else {
        return options;
    };
    for word in words.split_whitespace() {
        match word {
            "legacy" => options.legacy = true,
            "strict" => options.legacy = false,
            "pedantic" => options.pedantic = true,
            other => panic!("{file}: unknown option `{other}` in the `# options:` line"),
        }
    }
    options
}

/// Checks one case, asserts it has an error, and snapshots the rendering.
fn snapshot(name: &str) {
    let file = format!("{name}.bare");
    let source = fs::read_to_string(data_dir().join(&file))
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let options = options(&source, &file);
    let checked = check(&source, &options);
    assert!(
        checked.has_errors(),
        "{file}: expected at least one error, got {:?}",
        checked.diagnostics
    );
    assert!(
        checked.schema.is_none(),
        "{file}: a schema with errors must not produce IR"
    );
    let rendered: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render(&file, &source, false))
        .collect();
    let rendered = rendered.join("\n");
    assert!(
        !rendered.contains('\u{1b}'),
        "{file}: colour codes in an uncoloured rendering"
    );
    insta::with_settings!({
        description => format!(
            "{file} (legacy: {}, pedantic: {})",
            options.legacy, options.pedantic
        ),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, rendered);
    });
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        /// Every case listed below, to compare with the data directory.
        const CASES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                snapshot(stringify!($name));
            }
        )*
    };
}

cases! {
    // Syntax errors.
    syntax_missing_brace_eof,
    syntax_missing_brace_mid,
    syntax_comma_fields,
    syntax_comma_enum,
    syntax_semicolon,
    syntax_equals_after_name,
    syntax_hex_length,
    syntax_hex_enum_value,
    syntax_unknown_char_accent,
    syntax_unknown_char_at,
    syntax_missing_colon,
    misspelt_type_keyword,
    nesting_too_deep,
    // Legacy syntax under strict options.
    strict_legacy_syntax,
    // Names and resolution.
    undefined_type,
    undefined_primitive_slip,
    duplicate_type,
    duplicate_field,
    duplicate_enum_value,
    bad_type_names,
    bad_enum_value_names,
    bad_field_names,
    use_before_definition,
    // Values, tags and lengths.
    enum_values_out_of_order,
    enum_value_too_large,
    union_tags_out_of_order,
    pedantic_missing_values,
    union_repeated_member,
    fixed_length_zero,
    fixed_length_too_large,
    // Placement of void and map keys.
    void_struct_field,
    void_through_alias,
    map_float_key,
    map_aggregate_key,
    // Empty aggregates and schemas.
    empty_struct,
    empty_enum,
    empty_union,
    empty_file,
    comment_only,
    // Recursion.
    infinite_cycle,
    // All at once.
    several_errors,
}

/// Every `.bare` file in the data directory has a test, and every test has
/// a file: a new case cannot be forgotten.
#[test]
fn every_data_file_is_a_case() {
    let mut on_disk: Vec<String> = fs::read_dir(data_dir())
        .expect("data/diagnostics exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "bare"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "data/diagnostics and `cases!` disagree");
}
