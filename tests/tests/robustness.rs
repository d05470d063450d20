//! Hostile input never panics, overflows the stack or hangs the front end:
//! every text gets diagnostics or a clean result.

use proptest::prelude::*;
use verso_codegen::{Options, check};

/// Runs `f` on a thread with a deliberately small stack (256 KiB, well under
/// the 2 MiB of a test thread or build script), so unbounded recursion shows
/// up as a crash here rather than on a user's machine.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic or overflow")
}

fn first_error(src: String, options: Options) -> Option<String> {
    on_small_stack(move || {
        check(&src, &options)
            .diagnostics
            .into_iter()
            .find(|d| d.is_error())
            .map(|d| d.message)
    })
}

#[test]
fn ten_thousand_nested_lists_are_an_error_not_a_crash() {
    let deep = format!("type A {}u8{}", "list<".repeat(10_000), ">".repeat(10_000));
    let error = first_error(deep, Options::default()).expect("rejected");
    assert!(error.contains("nested more than 64 levels"), "{error}");
}

#[test]
fn deep_legacy_prefixes_and_structs_are_errors_too() {
    for deep in [
        format!("type A {}u8", "[]".repeat(10_000)),
        format!("type A {}u8", "map[str]".repeat(10_000)),
        format!(
            "type A {}u8{}",
            "struct { a: ".repeat(10_000),
            "}".repeat(10_000)
        ),
        format!(
            "type A {}u8{}",
            "union { ".repeat(10_000),
            "}".repeat(10_000)
        ),
        "(".repeat(100_000),
    ] {
        let error = first_error(deep, Options::default()).expect("rejected");
        assert!(error.contains("nested more than"), "{error}");
    }
}

#[test]
fn nesting_up_to_the_limit_is_accepted_on_a_small_stack() {
    let ok = format!("type A {}u8{}", "list<".repeat(63), ">".repeat(63));
    assert_eq!(first_error(ok, Options::default()), None);
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    for src in ["", "   \n\n", "# just a comment\n"] {
        let error = first_error(src.to_owned(), Options::default()).expect("rejected");
        assert!(error.contains("at least one definition"), "{error}");
    }
}

#[test]
fn a_ten_megabyte_schema_is_checked() {
    // 10 MB of valid definitions: must finish (quickly) with no errors.
    let mut src = String::with_capacity(10 << 20);
    let mut i = 0;
    while src.len() < 10 << 20 {
        src.push_str(&format!(
            "type T{i} struct {{ a: u8 b: list<str> c: optional<T{i}> }}\n"
        ));
        i += 1;
    }
    assert_eq!(first_error(src, Options::default()), None);
}

#[test]
fn ten_megabytes_of_garbage_get_one_clear_error() {
    let garbage: String = (0..10 << 20)
        .map(|i| char::from(b"@{<[|=,;:)"[i % 10]))
        .collect();
    let checked = on_small_stack(move || {
        let checked = check(&garbage, &Options::default());
        let rendered: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| d.render("garbage.bare", &garbage, false))
            .collect();
        (checked.has_errors(), rendered)
    });
    assert!(checked.0);
    // The 10 MB line is not reproduced in the output.
    assert!(checked.1.iter().all(|r| r.len() < 2_000), "{:?}", checked.1);
    assert!(
        checked.1[0].contains("garbage.bare:1:1"),
        "{}",
        checked.1[0]
    );
}

#[test]
fn control_characters_and_non_ascii_are_reported_in_context() {
    let error =
        first_error("type A \u{0}\u{7f}é".to_owned(), Options::default()).expect("rejected");
    assert_eq!(error, "unexpected character '\\0'");
}

/// Fragments of the schema language, so random inputs get past the lexer
/// and exercise the parser and checker rather than just the first token.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "type ",
        "A ",
        "B ",
        "Tree ",
        "enum ",
        "struct ",
        "union ",
        "{ ",
        "} ",
        "< ",
        "> ",
        "[ ",
        "] ",
        "( ",
        ") ",
        "| ",
        "= ",
        ": ",
        "u8 ",
        "str ",
        "void ",
        "data",
        "list",
        "map",
        "optional",
        "string ",
        "1 ",
        "0 ",
        "99999999999999999999 ",
        "a: ",
        "X ",
        "# c\n",
        "\n",
        ", ",
        "f64 ",
        "é",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_text_never_panics(src in ".{0,200}") {
        let options = Options::default();
        let checked = check(&src, &options);
        for d in &checked.diagnostics {
            let _ = d.render("fuzz.bare", &src, false);
            prop_assert!(d.primary.span.end <= src.len());
        }
        prop_assert_eq!(checked.schema.is_some(), !checked.has_errors());
    }

    #[test]
    fn token_soup_never_panics(parts in prop::collection::vec(fragment(), 0..60), strict in any::<bool>(), pedantic in any::<bool>()) {
        let src: String = parts.concat();
        let options = Options::default().with_legacy(!strict).with_pedantic(pedantic);
        let checked = check(&src, &options);
        for d in &checked.diagnostics {
            let _ = d.render("fuzz.bare", &src, false);
            prop_assert!(d.primary.span.start <= src.len());
        }
        prop_assert_eq!(checked.schema.is_some(), !checked.has_errors());
    }
}
