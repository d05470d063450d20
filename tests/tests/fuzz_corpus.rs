//! The fuzz targets' smoke test, without libFuzzer: every seed of every
//! target (`fuzz/seeds/<target>/`), every regression input
//! (`tests/data/fuzz-regressions/<target>/`) and every crash libFuzzer left
//! behind (`fuzz/artifacts/<target>/`) goes through the same check as the
//! fuzz target ([`verso_tests::fuzz_checks`]); a check panics when a
//! property fails.
//!
//! The seeds are generated from checked-in material (golden vectors,
//! random valid messages of the schemas, the conformance schemas, the
//! families' manifests and locks); after a change to that material,
//! refresh them with `scripts/fuzz.sh --seed`, which runs
//! `checked_in_seeds_are_up_to_date` below with `VERSO_BLESS=1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use verso_codegen::lock::Lock;
use verso_codegen::{Options, ir};
use verso_tests::features::v1 as f;
use verso_tests::fuzz_checks::{self, TARGETS};
use verso_tests::{random, rng::Rng};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

fn seeds_dir() -> PathBuf {
    tests_dir().join("../fuzz/seeds")
}

/// The files directly inside `dir`, sorted (none when it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("readable directory").path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Runs `check` on every file of `dir`, naming the file that fails.
fn replay(check: fn(&[u8]), dir: &Path) -> usize {
    let files = files(dir);
    for path in &files {
        let data = std::fs::read(path).expect("readable input");
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!(
                "{} fails its fuzz check (see the panic above)",
                path.display()
            );
        }
    }
    files.len()
}

#[test]
fn every_seed_passes_its_target_check() {
    for (target, check) in TARGETS {
        let replayed = replay(*check, &seeds_dir().join(target));
        // A target without seeds would silently test nothing here.
        assert!(
            replayed >= 5,
            "fuzz/seeds/{target} has {replayed} files; run scripts/fuzz.sh --seed"
        );
    }
}

#[test]
fn every_regression_and_crash_input_passes_its_target_check() {
    for (target, check) in TARGETS {
        replay(
            *check,
            &tests_dir().join("data/fuzz-regressions").join(target),
        );
        replay(*check, &tests_dir().join("../fuzz/artifacts").join(target));
    }
}

#[test]
fn every_target_has_a_check_and_every_check_a_target() {
    let sources: Vec<String> = files(&tests_dir().join("../fuzz/fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    let checks: Vec<String> = TARGETS.iter().map(|(name, _)| (*name).to_owned()).collect();
    let mut sorted = checks.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn the_checks_accept_valid_and_degenerate_inputs() {
    // A valid message must pass the strictest check, and the builder must
    // make messages generated code reads.
    let person = fuzz_checks::named_types()
        .iter()
        .position(|n| *n == "Person")
        .unwrap() as u8;
    let mut valid = vec![person];
    valid.extend(verso::to_vec(&f::Person {
        name: "Al".into(),
        age: 30,
        email: None,
        color: f::Color::Blue,
    }));
    fuzz_checks::differential(&valid);
    fuzz_checks::roundtrip(&[person, 1, 2, 3]);
    // Every input, however short, is accepted without a panic.
    for check in TARGETS.iter().map(|(_, c)| c) {
        check(&[]);
        check(&[0]);
        check(&[0xff; 70_000]);
    }
    let built = fuzz_checks::build_message(&schema("schemas/features/v1.bare"), "Tree", &[7; 64]);
    assert!(verso::from_slice::<f::Tree>(&built).is_ok());
}

fn schema(path: &str) -> ir::Schema {
    let text = std::fs::read_to_string(tests_dir().join(path)).unwrap();
    verso_codegen::check(&text, &Options::default())
        .schema
        .unwrap_or_else(|| panic!("{path} has errors"))
}

/// The seed files of every target, by target and file name.
fn seeds() -> BTreeMap<&'static str, BTreeMap<String, Vec<u8>>> {
    let mut out: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let features = schema("schemas/features/v1.bare");
    let named = fuzz_checks::named_types();

    // Typed messages: the golden vectors of `generated.rs`, tried as every
    // type they decode as, and random valid messages of every type.
    let mut typed = BTreeMap::new();
    let golden = std::fs::read_to_string(tests_dir().join("tests/generated.rs")).unwrap();
    let start = golden
        .find("fn golden_vectors_through_generated_types")
        .unwrap();
    let body = &golden[start..start + golden[start..].find("\n}\n").unwrap()];
    let vectors: Vec<Vec<u8>> = body
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|lit| {
            lit.split(' ')
                .all(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit()))
                || lit.is_empty()
        })
        .map(|lit| {
            lit.split(' ')
                .filter(|b| !b.is_empty())
                .map(|b| u8::from_str_radix(b, 16).unwrap())
                .collect()
        })
        .collect();
    assert!(vectors.len() >= 8, "golden vectors not found");
    for (index, name) in named.iter().enumerate() {
        let id = features.lookup(name).unwrap();
        for (n, bytes) in vectors.iter().enumerate() {
            if verso_dynamic::decode(&features, id, bytes, verso::Limits::default()).is_ok() {
                typed.insert(format!("golden-{name}-{n}"), prefixed(index, bytes));
            }
        }
        for seed in 0..2 {
            let bytes = random::message(&features, name, seed);
            typed.insert(format!("random-{name}-{seed}"), prefixed(index, &bytes));
        }
    }
    out.insert("decode_dynamic", typed.clone());
    out.insert("differential", typed.clone());
    // The anonymous types, taken from decoded random `Anonymous` values.
    let generated = fuzz_checks::generated_types();
    let at = |name: &str| generated.iter().position(|n| *n == name).unwrap();
    for seed in 0..2 {
        let bytes = random::message(&features, "Anonymous", seed);
        let value: f::Anonymous = verso::from_slice(&bytes).unwrap();
        let parts = [
            ("AnonymousKind", verso::to_vec(&value.kind)),
            ("AnonymousInner", verso::to_vec(&value.inner)),
            ("AnonymousChoice", verso::to_vec(&value.choice)),
            (
                "AnonymousChoiceStruct9",
                verso::to_vec(&f::AnonymousChoiceStruct9 { z: seed == 1 }),
            ),
            (
                "AnonymousItemsItem",
                verso::to_vec(&f::AnonymousItemsItem { id: 300 << seed }),
            ),
        ];
        for (name, bytes) in parts {
            typed.insert(format!("random-{name}-{seed}"), prefixed(at(name), &bytes));
        }
    }
    out.insert("decode_generated", typed);

    // Builder decisions for the round trip: a few pseudo-random bytes each.
    let mut choices = BTreeMap::new();
    for (index, name) in named.iter().enumerate() {
        for seed in 0..2u64 {
            let mut rng = Rng::new(seed);
            let bytes: Vec<u8> = (0..8 + 16 * seed).map(|_| rng.next_u64() as u8).collect();
            choices.insert(format!("choices-{name}-{seed}"), prefixed(index, &bytes));
        }
    }
    out.insert("roundtrip", choices);

    // Embedded-version messages of every version of every family root.
    let mut versioned = BTreeMap::new();
    for (index, (dir, root)) in fuzz_checks::versioned_roots().into_iter().enumerate() {
        let mut versions: Vec<(u16, PathBuf)> = files(&tests_dir().join(dir))
            .into_iter()
            .filter_map(|p| {
                let stem = p.file_stem()?.to_str()?;
                let v = stem.strip_prefix('v')?.parse().ok()?;
                (p.extension()? == "bare").then_some((v, p))
            })
            .collect();
        versions.sort();
        for (version, path) in versions {
            let text = std::fs::read_to_string(&path).unwrap();
            let schema = verso_codegen::check(&text, &Options::default())
                .schema
                .unwrap();
            // A root renamed in a later version has no seed before that.
            if schema.lookup(root).is_none() {
                continue;
            }
            let mut bytes = version.to_le_bytes().to_vec();
            bytes.extend(random::message(&schema, root, u64::from(version)));
            let family = dir.rsplit('/').next().unwrap();
            versioned.insert(
                format!("{family}-{root}-v{version}"),
                prefixed(index, &bytes),
            );
        }
    }
    out.insert("decode_versioned", versioned);

    // Schemas: the conformance corpus and two real schemas.
    let mut schemas = BTreeMap::new();
    for kind in ["valid", "invalid"] {
        let base = tests_dir().join("data/bare-schema").join(kind);
        let mut cases: Vec<_> = std::fs::read_dir(&base)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        cases.sort();
        for case in cases {
            let name = case.file_name().unwrap().to_str().unwrap().to_owned();
            let text = std::fs::read(case.join("schema.bare")).unwrap();
            schemas.insert(format!("{kind}-{name}"), text);
        }
    }
    for path in ["schemas/features/v1.bare", "../schemas/todo/v3.bare"] {
        let name = path.replace(['/', '.'], "_");
        schemas.insert(
            format!("schema-{}", name.trim_start_matches('_')),
            std::fs::read(tests_dir().join(path)).unwrap(),
        );
    }
    out.insert("schema_front_end", schemas);

    // Manifests and locks of the repository, and locks written by verso.
    let mut manifests = BTreeMap::new();
    for path in [
        "../examples/tcp-service/schemas/notes/verso.toml",
        "../examples/tcp-service/schemas/notes/verso.lock",
        "../examples/todo-store/schemas/todo-events/verso.toml",
        "schemas/evolution/renames/verso.toml",
        "schemas/evolution/retired/verso.lock",
    ] {
        let name = path
            .trim_start_matches("../")
            .replace(['/', '.'], "_")
            .replace("schemas_", "");
        manifests.insert(name, std::fs::read(tests_dir().join(path)).unwrap());
    }
    let mut lock = Lock::default();
    for version in 1..=2 {
        lock.freeze(
            version,
            &schema(&format!("../schemas/todo/v{version}.bare")),
        );
    }
    manifests.insert("written-todo-lock".into(), lock.render().into_bytes());
    lock.retire_through(1);
    manifests.insert(
        "written-todo-lock-retired".into(),
        lock.render().into_bytes(),
    );
    manifests.insert(
        "written-todo-manifest".into(),
        b"roots = [\"App\", \"Todo\"]\n\n[manual]\nTodo = [2]\n".to_vec(),
    );
    out.insert("manifest_and_lock", manifests);

    // JSON as `verso decode` writes it, for random messages of every type.
    let mut json = BTreeMap::new();
    for name in &named {
        let id = features.lookup(name).unwrap();
        for seed in 0..2 {
            let bytes = random::message(&features, name, seed);
            let value =
                verso_dynamic::decode(&features, id, &bytes, verso::Limits::default()).unwrap();
            json.insert(
                format!("json-{name}-{seed}"),
                serde_json::to_vec(&value).unwrap(),
            );
        }
    }
    out.insert("json_encode", json);
    out
}

fn prefixed(selector: usize, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![u8::try_from(selector).expect("a selector byte")];
    out.extend_from_slice(bytes);
    out
}

/// The checked-in `fuzz/seeds/` are exactly what the material above makes
/// (so they follow the schemas); `VERSO_BLESS=1` (what `scripts/fuzz.sh
/// --seed` sets) rewrites them.
#[test]
fn checked_in_seeds_are_up_to_date() {
    let bless = std::env::var_os("VERSO_BLESS").is_some();
    for (target, files) in seeds() {
        let dir = seeds_dir().join(target);
        if bless {
            if dir.exists() {
                std::fs::remove_dir_all(&dir).unwrap();
            }
            std::fs::create_dir_all(&dir).unwrap();
        }
        for (name, bytes) in files {
            let path = dir.join(&name);
            if bless {
                std::fs::write(&path, &bytes).unwrap();
            }
            assert_eq!(
                std::fs::read(&path).ok().as_deref(),
                Some(bytes.as_slice()),
                "{} is out of date: run scripts/fuzz.sh --seed",
                path.display()
            );
        }
    }
}
