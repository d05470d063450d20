//! Identifier hygiene in one place: casing (heck), keyword escaping, and the
//! names derived for anonymous types and union variants.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust keywords (all editions, reserved ones included) that need escaping.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A Rust identifier for `name`, escaped when it is a keyword: `r#type`, or
/// `self_` for the few keywords that cannot be raw.
pub(crate) fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust name of a field: snake_case (`createdAt` → `created_at`).
pub(crate) fn field_name(name: &str) -> String {
    name.to_snake_case()
}

/// The Rust name of an enum value: UpperCamelCase (`IN_PROGRESS` →
/// `InProgress`). A value that starts with a digit after casing cannot
/// occur: enum values start with a letter.
pub(crate) fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// UpperCamelCase for a derived type or variant name part.
pub(crate) fn camel(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The module name of a family directory: snake_case, keywords escaped by
/// a trailing underscore so `include!` output stays valid.
pub(crate) fn module_name(directory: &str) -> String {
    let name = directory.to_snake_case();
    let name = match name.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        None => "family".to_owned(),
        _ => name,
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("title").to_string(), "title");
    }

    #[test]
    fn casing() {
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("first_Name"), "first_name");
        assert_eq!(variant_name("IN_PROGRESS"), "InProgress");
        assert_eq!(variant_name("V2"), "V2");
        assert_eq!(module_name("todo"), "todo");
        assert_eq!(module_name("my-protocol"), "my_protocol");
        assert_eq!(module_name("type"), "type_");
    }
}
