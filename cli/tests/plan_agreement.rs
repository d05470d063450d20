//! The family plan is the one source of truth: for every step of every
//! bundled, regression and real-world family, the generated code, the
//! scaffold and `verso diff --json` say exactly what the plan says.
//!
//! - each direction the plan generates has its impl in the generated code,
//!   and no other direction does;
//! - each direction the user writes has its one entry (the compile-time
//!   check) in the generated code and a stub in the scaffold, and nothing
//!   else has;
//! - `diff --json` lists the same hand-written directions and ways.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use verso_codegen::GenerateOptions;
use verso_codegen::evolve::{Direction, Way};
use verso_codegen::load::{self, LockCheck};
use verso_codegen::source::{FamilySource, Layout};

/// Every family of every schema folder: one per one-family folder, one per
/// NAME in a flat folder (rivet's `data`).
fn families() -> Vec<FamilySource> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut families = Vec::new();
    for parent in [
        "schemas",
        "tests/schemas",
        "tests/schemas/evolution",
        "tests/schemas/rivet",
        "tests/compile_fail/ui/families",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(parent)) else {
            panic!("{parent} is missing");
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let has_schema = std::fs::read_dir(&path)
                .map(|mut e| {
                    e.any(|f| f.is_ok_and(|f| f.path().extension().is_some_and(|x| x == "bare")))
                })
                .unwrap_or(false);
            if !(path.is_dir() && has_schema) {
                continue;
            }
            // Folders that break the layout rules on purpose are the
            // loader's tests, not the plan's.
            if let Ok(found) = verso_codegen::source::families_in(&path) {
                families.extend(found);
            }
        }
    }
    families.sort_by(|a, b| (a.dir(), a.name()).cmp(&(b.dir(), b.name())));
    families
}

/// How the assertions name a family.
fn shown(source: &FamilySource) -> String {
    match source.layout() {
        Layout::Folder => source.dir().display().to_string(),
        Layout::Flat => format!("{} --family {}", source.dir().display(), source.name()),
    }
}

fn key(way: Way) -> &'static str {
    match way {
        Way::Generated => "generated",
        Way::Manual => "manual",
        Way::Configured => "configured",
        Way::NotNeeded => "not_needed",
    }
}

#[test]
fn generated_code_scaffold_and_diff_render_the_same_plan() {
    let families = families();
    assert!(families.len() >= 29, "found only {families:?}");
    let flat = families
        .iter()
        .filter(|f| f.layout() == Layout::Flat)
        .count();
    assert!(flat >= 6, "only {flat} families of flat folders");
    let mut steps = 0;
    for source in families {
        let options = GenerateOptions::default();
        let loaded = load::load_source(&source, &options.check, &options.emit, LockCheck::Verify);
        let dir = shown(&source);
        let family = loaded
            .family
            .unwrap_or_else(|| panic!("{dir}: {}", loaded.report.render_all(false)));
        let code = family.generate().unwrap();
        let scaffold = family.scaffold(None, "crate::family").unwrap();
        let mut diff = Command::cargo_bin("verso").unwrap();
        diff.args(["diff", "--json"]).arg(source.dir());
        if source.layout() == Layout::Flat {
            diff.args(["--family", source.name()]);
        }
        let json = diff.output().unwrap();
        assert!(json.status.success(), "{dir}");
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();

        let mut planned_generated = BTreeSet::new();
        let mut planned_manual = BTreeSet::new();
        for (index, step) in family.plan.steps.iter().enumerate() {
            steps += 1;
            let shown = &report["steps"][index];
            assert_eq!(shown["from"], step.from, "{dir}");
            let types = shown["types"].as_array().unwrap();
            assert_eq!(types.len(), step.pairs.len(), "{dir}");
            for (pair, shown) in step.pairs.iter().zip(types) {
                assert_eq!(shown["name"], pair.new_name.as_str());
                assert_eq!(shown["upgrade"], key(pair.up), "{}", pair.new_name);
                assert_eq!(shown["downgrade"], key(pair.down), "{}", pair.new_name);
                for direction in Direction::BOTH {
                    let (trait_name, version, rust) = match direction {
                        Direction::Up => ("Upgrade", step.from, &pair.old_rust),
                        Direction::Down => ("Downgrade", step.to, &pair.new_rust),
                    };
                    let name = format!("{trait_name} for v{version}::{rust}");
                    match pair.way(direction) {
                        Way::Generated => planned_generated.insert(name),
                        Way::Manual | Way::Configured => planned_manual.insert(name),
                        Way::NotNeeded => false,
                    };
                }
            }
            for (direction, field) in [(Direction::Up, "upgrade"), (Direction::Down, "downgrade")] {
                let listed: Vec<String> = shown["to_write"][field]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect();
                let planned: Vec<String> = step
                    .to_write(direction)
                    .map(|p| match direction {
                        Direction::Up => format!("v{}::{}", step.from, p.old_rust),
                        Direction::Down => format!("v{}::{}", step.to, p.new_rust),
                    })
                    .collect();
                assert_eq!(listed, planned, "{dir}");
            }
        }

        // The generated impls: `impl ::verso::Upgrade for v1::T {`, or the
        // one-line form `::verso::move_fields!(Upgrade v1::T => v2::T { … })`
        // (which the formatter may break after the parenthesis).
        let mut generated: BTreeSet<String> = code
            .lines()
            .filter_map(|l| l.trim().strip_prefix("impl ::verso::"))
            .filter(|l| l.starts_with("Upgrade for") || l.starts_with("Downgrade for"))
            .map(|l| l.trim_end_matches(" {").to_owned())
            .collect();
        for call in code.split("::verso::move_fields!(").skip(1) {
            let mut words = call.split_whitespace();
            let (trait_name, source) = (words.next().unwrap(), words.next().unwrap());
            generated.insert(format!("{trait_name} for {source}"));
        }
        assert_eq!(generated, planned_generated, "{dir}");
        // The compile-time check of each hand-written one, whose message
        // ends "there is no `impl verso::Upgrade for v1::T`".
        let checked: BTreeSet<String> = code
            .lines()
            .filter_map(|l| {
                let l = l.trim().strip_prefix("message = \"missing converter: ")?;
                let (_, wanted) = l.split_once("there is no `impl verso::")?;
                Some(wanted.strip_suffix("`\",")?.to_owned())
            })
            .collect();
        assert_eq!(checked, planned_manual, "{dir}");
        // The scaffold's stubs: `impl verso::Upgrade for v1::T {`.
        let stubs: BTreeSet<String> = scaffold
            .lines()
            .filter_map(|l| l.strip_prefix("impl verso::"))
            .map(|l| l.trim_end_matches(" {").to_owned())
            .collect();
        assert_eq!(stubs, planned_manual, "{dir}");
    }
    assert!(steps >= 30, "only {steps} steps compared");
}
