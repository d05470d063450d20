//! Builds the todo family once per release, the way each release shipped,
//! each included as `todo@vK` and knowing nothing of later versions.
//!
//! - Releases 1 to 3 are the bundled `schemas/todo` as it stood at each
//!   version (`Config::up_to`). Release 3 also gets serde derives, so the
//!   benchmark can send the same values as JSON.
//! - Release 4 adds this crate's next version, `schemas/todo-v4/v4.bare`,
//!   which is not in the bundled folder: the build assembles
//!   `OUT_DIR/releases/todo/` from the bundled v1–v3 (copied, so the release
//!   reads the same bytes as the frozen files), that `v4.bare`, and
//!   `schemas/todo-v4/verso.lock` (v1–v3 frozen, as it stands now that v4
//!   is being written).

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// The bundled family, relative to this crate.
const BUNDLED: &str = "../../schemas/todo";
/// This crate's next version of it, and the lock that goes with it.
const NEXT: &str = "schemas/todo-v4";

fn main() -> Result<(), Box<dyn Error>> {
    // `Todo` is the message; the app's saved state (`App`) is not sent.
    for release in [1, 2, 3] {
        verso_build::Config::new()
            .root("Todo")
            .serde(release == 3)
            .up_to(release)
            .compile(BUNDLED)?;
    }

    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no manifest dir")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let release = out.join("releases").join("todo");
    fs::create_dir_all(&release)?;
    let bundled = manifest.join(BUNDLED);
    let next = manifest.join(NEXT);
    for (from, file) in [
        (&bundled, "v1.bare"),
        (&bundled, "v2.bare"),
        (&bundled, "v3.bare"),
        (&next, "v4.bare"),
        (&next, "verso.lock"),
    ] {
        let source = from.join(file);
        println!("cargo:rerun-if-changed={}", source.display());
        copy_if_changed(&source, &release.join(file))?;
    }
    verso_build::Config::new()
        .root("Todo")
        .up_to(4)
        .compile(&release)?;
    Ok(())
}

/// Copies `from` to `to` unless `to` already holds the same bytes, so that
/// an unchanged schema keeps its copy's modification time (cargo watches
/// the copies through `compile`).
fn copy_if_changed(from: &Path, to: &Path) -> Result<(), Box<dyn Error>> {
    let bytes = fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    if fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
    Ok(())
}
