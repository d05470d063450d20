//! The bare-ts schema conformance corpus (see `data/bare-schema/NOTICE`):
//! every valid case must check cleanly under its options, and every invalid
//! case must be rejected with its first error starting exactly at the
//! offset bare-ts records.

use std::fs;
use std::path::{Path, PathBuf};

use verso_codegen::{Options, check};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bare-schema")
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus().join(kind))
        .expect("corpus directory")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    cases.sort();
    cases
}

/// Options from the case's `config.json`: only `legacy` and `pedantic`
/// matter; missing means false (the reference compiler's defaults).
fn options(case: &Path) -> Options {
    let mut options = Options::strict();
    if let Ok(text) = fs::read_to_string(case.join("config.json")) {
        let config: serde_json::Value = serde_json::from_str(&text).expect("config.json is JSON");
        options.legacy = config["legacy"].as_bool().unwrap_or(false);
        options.pedantic = config["pedantic"].as_bool().unwrap_or(false);
    }
    options
}

fn name(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_valid_case_is_accepted() {
    let cases = cases("valid");
    assert_eq!(cases.len(), 81);
    let mut failures = Vec::new();
    for case in &cases {
        let source = fs::read_to_string(case.join("schema.bare")).unwrap();
        let checked = check(&source, &options(case));
        if checked.has_errors() || checked.schema.is_none() {
            let rendered: Vec<String> = checked
                .diagnostics
                .iter()
                .map(|d| d.render("schema.bare", &source, false))
                .collect();
            failures.push(format!("{}:\n{}", name(case), rendered.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} valid cases rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_invalid_case_is_rejected_at_the_recorded_offset() {
    let cases = cases("invalid");
    assert_eq!(cases.len(), 69);
    let mut failures = Vec::new();
    for case in &cases {
        let source = fs::read_to_string(case.join("schema.bare")).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(case.join("error.gen.json")).unwrap())
                .unwrap();
        let offset = expected["offset"].as_u64().unwrap() as usize;
        let checked = check(&source, &options(case));
        let first_error = checked.diagnostics.iter().find(|d| d.is_error());
        match first_error {
            None => failures.push(format!(
                "{}: accepted, expected an error at {offset}",
                name(case)
            )),
            Some(error) if error.primary.span.start != offset => failures.push(format!(
                "{}: first error at {} ({}), bare-ts reports {offset} ({})",
                name(case),
                error.primary.span.start,
                error.message,
                expected["message"]
            )),
            Some(_) => {}
        }
        assert!(
            checked.schema.is_none(),
            "{}: rejected schemas yield no IR",
            name(case)
        );
    }
    assert!(
        failures.is_empty(),
        "{} of 69 invalid cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Cases that need `legacy` must fail without it and pass with it, so the
/// option really switches behaviour (and is not silently always on).
#[test]
fn legacy_only_cases_depend_on_the_option() {
    for case in [
        "list-legacy",
        "map-legacy",
        "string-legacy",
        "use-before-defined",
        "struct-legacy",
    ] {
        let source =
            fs::read_to_string(corpus().join("invalid").join(case).join("schema.bare")).unwrap();
        assert!(
            check(&source, &Options::strict()).has_errors(),
            "{case} strict"
        );
        let lenient = check(&source, &Options::default());
        assert!(
            !lenient.has_errors(),
            "{case} legacy: {:?}",
            lenient.diagnostics
        );
        assert!(
            lenient.diagnostics.iter().any(|d| !d.is_error()) || case == "use-before-defined",
            "{case}: legacy syntax is accepted with a warning"
        );
    }
}
