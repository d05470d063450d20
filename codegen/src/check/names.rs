//! Naming rules: PascalCase types, CONSTANT_CASE enum values, fields that
//! start lower-case (and, in pedantic mode, are camelCase or snake_case).

use heck::{ToLowerCamelCase, ToShoutySnakeCase, ToUpperCamelCase};

/// Why a type name is not PascalCase, with a suggested replacement.
pub(super) fn type_name_problem(name: &str) -> Option<(String, String)> {
    let first = name.chars().next()?;
    let ok = first.is_ascii_uppercase() && name.chars().all(|c| c.is_ascii_alphanumeric());
    if ok {
        return None;
    }
    let why = if first.is_ascii_digit() {
        format!("type name `{name}` starts with a digit")
    } else {
        format!("type name `{name}` is not in PascalCase")
    };
    Some((why, suggestion(type_name_for(name))))
}

/// A PascalCase type name made from `name` (`my_type` → `MyType`, `8u` →
/// `T8u`): what to call a type that `name` cannot name.
pub(super) fn type_name_for(name: &str) -> String {
    legal_start(name.to_upper_camel_case(), "T")
}

/// Why an enum value name is not CONSTANT_CASE, with a suggestion.
pub(super) fn enum_value_problem(name: &str) -> Option<(String, String)> {
    let first = name.chars().next()?;
    let ok = first.is_ascii_uppercase()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        return None;
    }
    Some((
        format!("enum value `{name}` is not in CONSTANT_CASE"),
        suggestion(legal_start(name.to_shouty_snake_case(), "V")),
    ))
}

/// Why a field name is not allowed, with a suggestion.
pub(super) fn field_name_problem(name: &str, pedantic: bool) -> Option<(String, String)> {
    let first = name.chars().next()?;
    let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !first.is_ascii_lowercase() || !chars_ok {
        return Some((
            format!("field name `{name}` must start with a lower-case letter"),
            suggestion(legal_start(name.to_lower_camel_case(), "f")),
        ));
    }
    // camelCase has no `_`; snake_case has no upper-case letter.
    let mixed = name.contains('_') && name.chars().any(|c| c.is_ascii_uppercase());
    if pedantic && mixed {
        return Some((
            format!("field name `{name}` mixes camelCase and snake_case"),
            format!(
                "pick one style: `{}` or `{}` (mixed names are allowed without --pedantic)",
                name.to_lower_camel_case(),
                heck::ToSnakeCase::to_snake_case(name)
            ),
        ));
    }
    None
}

/// `candidate`, with `prefix` in front unless it starts with a letter:
/// heck keeps leading digits, and a name still has to start with a letter.
fn legal_start(candidate: String, prefix: &str) -> String {
    match candidate.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => candidate,
        _ => format!("{prefix}{candidate}"),
    }
}

fn suggestion(candidate: String) -> String {
    format!("rename it, for example to `{candidate}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert!(type_name_problem("Person").is_none());
        assert!(type_name_problem("U8Alias").is_none());
        assert!(type_name_problem("lowerCase").is_some());
        assert!(type_name_problem("8u").unwrap().0.contains("digit"));
        assert!(type_name_problem("My_Type").is_some());
    }

    #[test]
    fn enum_values() {
        assert!(enum_value_problem("IN_PROGRESS").is_none());
        assert!(enum_value_problem("V2").is_none());
        assert!(enum_value_problem("fluid").unwrap().1.contains("FLUID"));
    }

    #[test]
    fn field_names() {
        assert!(field_name_problem("createdAt", true).is_none());
        assert!(field_name_problem("created_at", true).is_none());
        assert!(field_name_problem("first_Name", false).is_none());
        assert!(field_name_problem("first_Name", true).is_some());
        assert!(field_name_problem("Name", false).is_some());
    }
}
