//! Builds the todo family once per release, the way each release shipped:
//! `OUT_DIR/releases/todo_vK/` holds `v1.bare` … `vK.bare` and compiles to
//! the module `todo_vK`, which knows nothing of later versions. Versions 1
//! to 3 are the bundled `schemas/todo` (copied, so every release reads the
//! same bytes as the frozen files); version 4 is this crate's
//! `schemas/todo-v4/v4.bare`. Each release also gets the lock of its day:
//! every version before its latest frozen, as `verso lock` left it once
//! that release was current (`schemas/todo-v4/verso.lock` freezes v1–v3,
//! as it stands now v4 is being written; a release keeps the lines of the
//! versions it had published).
//!
//! The release of the bundled family (v3) also gets serde derives, so the
//! benchmark can send the same values as JSON.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// The bundled family, relative to this crate.
const BUNDLED: &str = "../../schemas/todo";
/// This crate's next version of it.
const NEXT: &str = "schemas/todo-v4/v4.bare";
/// The lock of the newest release, v1–v3 frozen.
const LOCK: &str = "schemas/todo-v4/verso.lock";
/// The releases built, by latest version.
const RELEASES: [u16; 4] = [1, 2, 3, 4];
/// The release built with serde derives.
const SERDE_RELEASE: u16 = 3;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let lock_file = manifest.join(LOCK);
    println!("cargo:rerun-if-changed={}", lock_file.display());
    let lock =
        fs::read_to_string(&lock_file).map_err(|e| format!("{}: {e}", lock_file.display()))?;
    for release in RELEASES {
        let dir = out.join("releases").join(format!("todo_v{release}"));
        fs::create_dir_all(&dir)?;
        for version in 1..=release {
            let source = schema_file(&manifest, version);
            println!("cargo:rerun-if-changed={}", source.display());
            copy_if_changed(&source, &dir.join(format!("v{version}.bare")))?;
        }
        write_if_changed(
            &dir.join("verso.lock"),
            published_before(&lock, release).as_bytes(),
        )?;
        // `Todo` is the message; the app's saved state (`App`) is not sent.
        verso_build::Config::new()
            .root("Todo")
            .serde(release == SERDE_RELEASE)
            .out_dir(out.join("verso"))
            .compile(&dir)?;
    }
    Ok(())
}

/// Where version `version` of the family is kept.
fn schema_file(manifest: &Path, version: u16) -> PathBuf {
    if version == 4 {
        manifest.join(NEXT)
    } else {
        manifest.join(BUNDLED).join(format!("v{version}.bare"))
    }
}

/// The lines of `lock` that a release whose latest is `release` had: its
/// comments, and the versions before `release` (each lock line starts with
/// its version, `vN …`).
fn published_before(lock: &str, release: u16) -> String {
    lock.lines()
        .filter(|line| {
            let version = line
                .split_whitespace()
                .next()
                .and_then(|word| word.strip_prefix('v'));
            version
                .and_then(|n| n.parse::<u16>().ok())
                .is_none_or(|v| v < release)
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// Copies `from` to `to` unless `to` already holds the same bytes, so that
/// an unchanged schema keeps its copy's modification time (cargo watches
/// the copies through `compile`).
fn copy_if_changed(from: &Path, to: &Path) -> Result<(), Box<dyn Error>> {
    let bytes = fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    write_if_changed(to, &bytes)
}

/// Writes `bytes` to `to` unless it already holds them.
fn write_if_changed(to: &Path, bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    if fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(())
}
