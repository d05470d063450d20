//! Compiles the two families this crate uses:
//!
//! - the todo family *as it was at version 2* (`schemas/todo/v1.bare` and
//!   `v2.bare`, copied into `OUT_DIR/todo_v2/`), for the old app build that a
//!   rolling upgrade still has to serve next to the new one. Copying at build
//!   time, rather than checking in copies, keeps the old build's schemas
//!   byte-identical to the frozen files the new build also reads.
//! - this crate's event family `schemas/todo-events` (v1..v3).

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let todo = manifest.join("../../schemas/todo");

    // The old build knows v1 and v2 only; v3.bare (and any lock or manifest
    // that mentions v3) stays out.
    let v2_era = out_dir.join("todo_v2");
    std::fs::create_dir_all(&v2_era)?;
    for file in ["v1.bare", "v2.bare"] {
        copy_if_changed(&todo.join(file), &v2_era.join(file))?;
        println!("cargo:rerun-if-changed={}", todo.join(file).display());
    }
    // Its lock froze what was published then: v1, the version before its
    // latest (so its build checks v1 as the new one does, and has nothing
    // unfrozen to warn about).
    let lock = todo.join("verso.lock");
    let frozen = std::fs::read_to_string(&lock)?;
    write_if_changed(&v2_era.join("verso.lock"), &lock_through(&frozen, 1))?;
    println!("cargo:rerun-if-changed={}", lock.display());
    verso_build::Config::new()
        .root("App")
        .root("Todo")
        .out_dir(out_dir.join("old_app"))
        .compile(&v2_era)?;

    verso_build::Config::new().compile("schemas/todo-events")?;
    Ok(())
}

/// Copies unless the target already has the same bytes, so an unchanged
/// schema does not look new to cargo.
fn copy_if_changed(from: &Path, to: &Path) -> std::io::Result<()> {
    write_if_changed(to, &std::fs::read(from)?)
}

/// Writes unless the target already has the same bytes.
fn write_if_changed(to: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(to, bytes)
}

/// The lines of a `verso.lock` about versions up to `release` (`vN …`
/// lines), and every line that names no version (comments).
fn lock_through(lock: &str, release: u16) -> Vec<u8> {
    let mut kept = String::new();
    for line in lock.lines() {
        let version = line
            .split_whitespace()
            .next()
            .and_then(|word| word.strip_prefix('v'))
            .and_then(|n| n.parse::<u16>().ok());
        if version.is_none_or(|v| v <= release) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept.into_bytes()
}
