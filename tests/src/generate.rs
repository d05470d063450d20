//! Generators of realistic schema text, for benchmarks and scale tests.
//!
//! Output is deterministic (a small xorshift generator seeded per call), so
//! benchmark runs compare like with like.

use std::fmt::Write as _;

use crate::rng::Rng;

const PRIMITIVES: &[&str] = &[
    "uint", "int", "u8", "u16", "u32", "u64", "i32", "i64", "f64", "bool", "str", "data",
    "data[16]",
];

/// One schema of `types` definitions: a mix of enums, unions and structs
/// whose fields use every kind of type and refer to earlier definitions
/// (so it is valid even without legacy mode). `seed` varies the content.
pub fn schema(types: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let mut enums: Vec<String> = Vec::new();
    let mut defined: Vec<String> = Vec::new();
    for i in 0..types {
        let name = format!("Type{i}");
        let _ = writeln!(out, "# Documentation for {name}.");
        match (i % 7, defined.len()) {
            (0, _) | (_, 0) => {
                let _ = writeln!(out, "type {name} enum {{");
                for v in 0..3 + rng.below(6) {
                    let _ = writeln!(out, "    VALUE_{v}");
                }
                out.push_str("}\n\n");
                enums.push(name.clone());
            }
            (1, _) => {
                let _ = write!(out, "type {name} union {{ ");
                let mut members: Vec<String> = Vec::new();
                while members.len() < 2 + rng.below(3) {
                    let member = defined[rng.below(defined.len())].clone();
                    if !members.contains(&member) {
                        members.push(member);
                    }
                    if members.len() >= defined.len() {
                        break;
                    }
                }
                members.push("void".to_owned());
                out.push_str(&members.join(" | "));
                out.push_str(" }\n\n");
            }
            _ => {
                let _ = writeln!(out, "type {name} struct {{");
                for f in 0..4 + rng.below(8) {
                    let ty = field_type(&mut rng, &defined, &enums);
                    let _ = writeln!(out, "    # Field {f}.\n    field{f}: {ty}");
                }
                out.push_str("}\n\n");
            }
        }
        defined.push(name);
    }
    out
}

fn field_type(rng: &mut Rng, defined: &[String], enums: &[String]) -> String {
    let primitive = |rng: &mut Rng| PRIMITIVES[rng.below(PRIMITIVES.len())].to_owned();
    match rng.below(10) {
        0..=3 => primitive(rng),
        4 => format!("optional<{}>", defined[rng.below(defined.len())]),
        5 => format!("list<{}>", primitive(rng)),
        6 => format!("list<{}>", defined[rng.below(defined.len())]),
        7 => {
            let key = if enums.is_empty() || rng.below(2) == 0 {
                "str".to_owned()
            } else {
                enums[rng.below(enums.len())].clone()
            };
            format!("map<{key}><{}>", defined[rng.below(defined.len())])
        }
        8 => format!("list<u8>[{}]", 1 + rng.below(32)),
        _ => defined[rng.below(defined.len())].clone(),
    }
}

/// A family of `versions` schemas of `types` definitions each, as
/// `(file name, text)` pairs: `v1.bare`, `v2.bare`, …
pub fn family(versions: usize, types: usize) -> Vec<(String, String)> {
    (1..=versions)
        .map(|v| (format!("v{v}.bare"), schema(types, v as u64)))
        .collect()
}

#[cfg(test)]
mod tests {
    use verso_codegen::{Options, check};

    #[test]
    fn generated_schemas_are_valid_and_deterministic() {
        for seed in 0..20 {
            let text = super::schema(40, seed);
            let checked = check(&text, &Options::strict());
            assert!(
                !checked.has_errors(),
                "seed {seed}: {:?}",
                checked.diagnostics.first()
            );
            assert_eq!(text, super::schema(40, seed));
        }
        assert_eq!(super::family(3, 5).len(), 3);
    }
}
