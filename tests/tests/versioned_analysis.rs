//! For the bundled families, the converters a user writes are exactly the
//! directions the family plan leaves to the user, and verso generates all
//! the others.

use std::collections::BTreeSet;
use std::path::Path;

use verso_codegen::evolve::{Direction, Way};
use verso_codegen::{GenerateOptions, generate::load_family};

/// `(impl line, way)` of every reachable, non-alias direction of a family:
/// `Upgrade for v1::Todo`.
fn directions(dir: &Path) -> Vec<(String, Way)> {
    let family = load_family(dir, &GenerateOptions::default()).unwrap();
    let mut out = Vec::new();
    for step in &family.plan.steps {
        for pair in &step.pairs {
            for direction in Direction::BOTH {
                let name = match direction {
                    Direction::Up => format!("Upgrade for v{}::{}", step.from, pair.old_rust),
                    Direction::Down => format!("Downgrade for v{}::{}", step.to, pair.new_rust),
                };
                out.push((name, pair.way(direction)));
            }
        }
    }
    out
}

/// The `impl Upgrade for …`/`impl Downgrade for …` lines of a hand-written
/// converter file (or of every file in a converter directory), without the
/// `impl ` and crate paths.
fn written(file: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(&path)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|file| std::fs::read_to_string(file).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        std::fs::read_to_string(&path).unwrap()
    };
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("impl "))
        .filter(|l| l.contains("grade for "))
        .map(|l| {
            l.trim_end_matches(" {")
                .replace("verso::", "")
                .replace("$old::", "")
                .replace("$new::", "")
        })
        .collect()
}

fn family(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn hand_written_converters_are_exactly_the_plans_manual_directions() {
    for (dir, file) in [
        ("../schemas/todo", "../examples/todo/src/converters"),
        ("../schemas/person", "src/person_converters.rs"),
        ("../schemas/television", "src/television_converters.rs"),
    ] {
        let manual: BTreeSet<String> = directions(&family(dir))
            .into_iter()
            .filter(|(_, way)| way.is_hand_written())
            .map(|(name, _)| name)
            .collect();
        assert_eq!(written(file), manual, "{dir}");
    }
    let todo: Vec<String> = directions(&family("../schemas/todo"))
        .into_iter()
        .filter(|(_, way)| way.is_hand_written())
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        todo,
        [
            "Upgrade for v1::App",
            "Downgrade for v2::App",
            "Upgrade for v1::Todo",
            "Downgrade for v2::Todo",
            "Upgrade for v2::App",
            "Downgrade for v3::App",
            "Upgrade for v2::Todo",
            "Downgrade for v3::Todo",
        ]
    );
}

#[test]
fn an_enum_that_gains_a_value_asks_only_for_its_downgrade() {
    // bench_chain adds one `Level` value per step: nine generated Upgrades,
    // nine hand-written Downgrades (tests/src/bench_families.rs).
    let dir = family("schemas/bench_chain");
    let levels: Vec<(String, Way)> = directions(&dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with("::Level"))
        .collect();
    assert_eq!(levels.len(), 18);
    for (name, way) in &levels {
        let expected = if name.starts_with("Upgrade") {
            Way::Generated
        } else {
            Way::Manual
        };
        assert_eq!(*way, expected, "{name}");
    }
    let code = verso_codegen::generate_family(&dir, &GenerateOptions::default())
        .unwrap()
        .code;
    for (name, way) in levels {
        let generated = code.contains(&format!("impl ::verso::{name} "));
        assert_eq!(generated, way == Way::Generated, "{name}");
    }
}
