//! Compiles the example families (person, television; todo is compiled by
//! `examples/todo`) and the test
//! schemas into Rust, exactly as a user's build script would, plus two
//! variants that exercise options: serde derives with a configured
//! attribute, and `HashMap` and `IndexMap` maps.

use verso_build::{Config, MapType};

fn main() -> Result<(), verso_build::Error> {
    Config::new().compile_all(&[
        "../schemas/person",
        "../schemas/television",
        "schemas/features",
        "schemas/interop",
        "schemas/telemetry",
        "schemas/bench_identical",
        "schemas/bench_chain",
        "schemas/amplify",
    ])?;
    // Regression families of schema evolution and the real-world rivet
    // families, each wired with its unedited `verso scaffold` stubs.
    Config::new().compile_all(&[
        "schemas/evolution/void_member",
        "schemas/evolution/members",
        "schemas/evolution/renames",
        "schemas/evolution/retired",
        "schemas/evolution/anonymous",
        "schemas/evolution/paths",
        "schemas/evolution/widenings",
        "schemas/evolution/drops",
        "schemas/rivet/client-protocol",
        "schemas/rivet/inspector-protocol",
        "schemas/rivet/ups-protocol",
    ])?;
    // OUT_DIR is always set for build scripts.
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    Config::new()
        .serde(true)
        .attribute("Note", r#"#[serde(rename_all = "camelCase")]"#)
        .out_dir(format!("{out}/verso-serde"))
        .compile("schemas/serde")?;
    // Every feature with serde on: its serde form must be the JSON mapping.
    Config::new()
        .serde(true)
        .out_dir(format!("{out}/verso-serde-features"))
        .compile("schemas/features")?;
    // Two versions with serde, converters and borrowed twins: the version
    // modules are generated inside a macro, which all of that refers to.
    Config::new()
        .serde(true)
        .borrowed(true)
        .out_dir(format!("{out}/verso-serde-chain"))
        .compile("schemas/borrowed_chain")?;
    Config::new()
        .map_type(MapType::HashMap)
        .out_dir(format!("{out}/verso-hashmap"))
        .compile("schemas/features")?;
    Config::new()
        .map_type(MapType::IndexMap)
        .out_dir(format!("{out}/verso-indexmap"))
        .compile("schemas/features")?;
    // Borrowed twins beside the owned types: every feature, and two versions
    // whose wire shapes differ, with generated conversions.
    Config::new()
        .borrowed(true)
        .out_dir(format!("{out}/verso-borrowed"))
        .compile_all(&["schemas/features", "schemas/borrowed_chain"])?;
    // A second copy of todo, wired with the unedited `verso scaffold` stubs.
    Config::new()
        .out_dir(format!("{out}/verso-scaffold"))
        .compile("../schemas/todo")
}
