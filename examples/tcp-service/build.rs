//! Compiles the notes protocol for the server (every version), and once
//! more for each older client release, from the schema files that existed
//! when it shipped: `OUT_DIR/releases/notes_v1/` holds only `v1.bare`,
//! `notes_v2/` holds `v1.bare` and `v2.bare`. A client module built from
//! such a directory knows nothing of later versions, as the old binary
//! did.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// The protocol family, relative to this crate.
const FAMILY: &str = "schemas/notes";
/// The family's manifest (its root types), copied into every release.
const MANIFEST: &str = "verso.toml";
/// The fingerprints of the frozen versions.
const LOCK: &str = "verso.lock";

fn main() -> Result<(), Box<dyn Error>> {
    verso_build::Config::new().compile(FAMILY)?;

    let family = Path::new(env!("CARGO_MANIFEST_DIR")).join(FAMILY);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let versions = schema_versions(&family)?;
    let Some((&latest, _)) = versions.split_last() else {
        return Err(format!("{}: no vN.bare files", family.display()).into());
    };
    for &release in versions.iter().filter(|&&v| v < latest) {
        let dir = out.join("releases").join(format!("notes_v{release}"));
        fs::create_dir_all(&dir)?;
        for version in versions.iter().filter(|&&v| v <= release) {
            let file = format!("v{version}.bare");
            copy_if_changed(&family.join(&file), &dir.join(&file))?;
        }
        copy_if_changed(&family.join(MANIFEST), &dir.join(MANIFEST))?;
        // What the release shipped was frozen with it: its part of the lock
        // (which also keeps cargo from finding a watched file missing).
        let lock = fs::read_to_string(family.join(LOCK))
            .map_err(|e| format!("{}: {e}", family.join(LOCK).display()))?;
        write_if_changed(&dir.join(LOCK), lock_through(&lock, release))?;
        // The generated `notes_vK.rs` goes next to the full family's
        // `notes.rs`, where `verso::include_family!("notes_vK")` looks.
        verso_build::Config::new()
            .out_dir(out.join("verso"))
            .compile(&dir)?;
    }
    Ok(())
}

/// The versions `N` of the `vN.bare` files in `dir`, ascending.
fn schema_versions(dir: &Path) -> Result<Vec<u16>, Box<dyn Error>> {
    let mut versions = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let version = name
            .to_str()
            .and_then(|n| n.strip_prefix('v'))
            .and_then(|n| n.strip_suffix(".bare"))
            .and_then(|n| n.parse::<u16>().ok());
        versions.extend(version);
    }
    versions.sort_unstable();
    Ok(versions)
}

/// The lines of `lock` that concern versions up to `release` (and every
/// line that names no version, such as comments).
fn lock_through(lock: &str, release: u16) -> String {
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
    kept
}

/// Copies `from` to `to` (see [`write_if_changed`]).
fn copy_if_changed(from: &Path, to: &Path) -> Result<(), Box<dyn Error>> {
    let bytes = fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    write_if_changed(to, bytes)
}

/// Writes `to` unless it already holds the same bytes, so that an unchanged
/// schema leaves the copy's modification time alone (cargo watches it,
/// through `compile`).
fn write_if_changed(to: &Path, bytes: impl AsRef<[u8]>) -> Result<(), Box<dyn Error>> {
    let bytes = bytes.as_ref();
    if fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(())
}
