//! Compiles every family the project's tests and examples use, once more,
//! with `Config::arbitrary(true)`: random values of every type and each
//! family's `laws()`. The families are the same folders the other crates
//! compile (nothing copied but the nats example's release folder, which
//! its own build script assembles the same way); the hand-written
//! converters are theirs too, included with `#[path]` (`src/lib.rs`).
//!
//! They live here, apart from `verso-tests`, so the `Arbitrary` impls cost
//! only this crate's build: trybuild recompiles `verso-tests`' library.

use std::path::{Path, PathBuf};

use verso_build::Config;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    Config::new().arbitrary(true).compile_all(&[
        "../../schemas/person",
        "../../schemas/television",
        "../schemas/features",
        "../schemas/interop",
        "../schemas/telemetry",
        "../schemas/amplify",
        "../schemas/bench_identical",
        "../schemas/bench_chain",
        "../schemas/borrowed_chain",
        "../schemas/serde",
        "../schemas/evolution/void_member",
        "../schemas/evolution/members",
        "../schemas/evolution/renames",
        "../schemas/evolution/retired",
        "../schemas/evolution/anonymous",
        "../schemas/evolution/paths",
        "../schemas/evolution/widenings",
        "../schemas/evolution/drops",
        "../schemas/rivet/client-protocol",
        "../schemas/rivet/inspector-protocol",
        "../schemas/rivet/ups-protocol",
        "../schemas/rivet/data",
        "../schemas/imports/common",
        "../schemas/imports/fleet",
        "../../examples/tcp-service/schemas/notes",
        "../../examples/todo-store/schemas/todo-events",
        // Converters that drop a field and panic, which the laws must catch.
        "schemas/wrong",
    ])?;
    // The import pair again: the converters shared with `tests/flat` are
    // written for two builds of it.
    Config::new()
        .arbitrary(true)
        .out_dir(out.join("verso-imports-again"))
        .compile_all(&["../schemas/imports/common", "../schemas/imports/fleet"])?;
    Config::new()
        .arbitrary(true)
        .root("App")
        .root("Todo")
        .compile("../../schemas/todo")?;
    // The nats example's v4 release: the bundled todo files and its own v4,
    // in one folder, as `nats/testkit/build.rs` assembles them.
    let release = out.join("nats-todo");
    std::fs::create_dir_all(&release)?;
    for (from, file) in [
        ("../../schemas/todo", "v1.bare"),
        ("../../schemas/todo", "v2.bare"),
        ("../../schemas/todo", "v3.bare"),
        ("../../nats/testkit/schemas/todo-v4", "v4.bare"),
        ("../../nats/testkit/schemas/todo-v4", "verso.lock"),
    ] {
        copy_if_changed(&Path::new(from).join(file), &release.join(file))?;
    }
    Config::new()
        .arbitrary(true)
        .root("Todo")
        .out_dir(out.join("verso-nats"))
        .compile(&release)?;
    Ok(())
}

fn copy_if_changed(from: &Path, to: &Path) -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={}", from.display());
    let bytes = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    if std::fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(())
}
