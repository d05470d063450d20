//! Compiles every family of rivet's stored-data folder (vbare's flat
//! layout, `NAME.vN.bare`; see `../schemas/rivet/NOTICE`), and writes the
//! converter stubs `verso scaffold` prints for its six-version family,
//! unedited, to `OUT_DIR/runner_config_scaffold.rs` — compiled against a
//! second copy of the family (`crate::unedited`), so the stubs are proven
//! to compile without touching the decided converters.
//!
//! Also the `#import` regression pair (`../schemas/imports`: `fleet`
//! imports `common`), plainly and with serde derives and borrowed twins.

use verso_codegen::generate::{GenerateOptions, load_family_source};
use verso_codegen::source::FamilySource;

/// The flat folder, relative to this crate.
const DATA: &str = "../schemas/rivet/data";
/// Its family with six versions.
const RUNNER_CONFIG: &str = "pegboard.namespace.runner_config";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    verso_build::Config::new().compile(DATA)?;
    imports()?;

    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let source = FamilySource::flat(manifest.join(DATA), RUNNER_CONFIG);
    let family = load_family_source(&source, &GenerateOptions::default())?;
    let scaffold = family.scaffold(None, "crate::unedited::pegboard_namespace_runner_config")?;
    let path = out.join("runner_config_scaffold.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(scaffold.as_str()) {
        std::fs::write(&path, scaffold)?;
    }
    Ok(())
}

/// A family importing a shared one (`#import`), across a step where the
/// shared type changed; and the same pair with serde derives and borrowed
/// twins, whose importer's twins and serde impls use the imported family's.
fn imports() -> Result<(), verso_build::Error> {
    const PAIR: [&str; 2] = ["../schemas/imports/common", "../schemas/imports/fleet"];
    verso_build::Config::new().compile_all(&PAIR)?;
    verso_build::Config::new()
        .serde(true)
        .borrowed(true)
        .out_dir(format!(
            "{}/verso-imports-serde",
            std::env::var("OUT_DIR").unwrap_or_default()
        ))
        .compile_all(&PAIR)
}
