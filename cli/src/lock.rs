//! `verso lock DIR [--all]` and `verso new DIR`: freezing published versions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::output::report;
use verso_codegen::lock::{self, Lock, LockProblem};

/// Options of `verso lock`.
#[derive(Debug, Args)]
pub(crate) struct LockArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Freeze the latest version too (it is left open by default, for work
    /// in progress).
    #[arg(long)]
    all: bool,
}

/// Options of `verso new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

pub(crate) fn run_lock(args: &LockArgs) -> ExitCode {
    report(freeze(&args.dir, args.all, None).map(|frozen| format!("frozen: {frozen}")))
}

/// Adds fingerprints for every version up to `up_to` (default: all but the
/// latest, or all with `all`). Refuses when a frozen version has changed:
/// re-locking it would hide exactly what the lock is for.
fn freeze(dir: &Path, all: bool, up_to: Option<u16>) -> Result<String, String> {
    let versions = crate::diff::load_unlocked(dir)?.versions;
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let mut lock = Lock::read(dir).map_err(|e| e.to_string())?;
    if let Some(changed) = lock::verify(&lock, &versions)
        .into_iter()
        .find(LockProblem::is_error)
    {
        return Err(format!("{}: {changed}", dir.display()));
    }
    let limit = up_to.unwrap_or(if all {
        latest
    } else {
        latest.saturating_sub(1)
    });
    for (version, schema) in versions.iter().filter(|(v, _)| *v <= limit) {
        lock.freeze(*version, schema);
    }
    lock.write(dir)?;
    let list: Vec<String> = lock.frozen.keys().map(|v| format!("v{v}")).collect();
    Ok(if list.is_empty() {
        "nothing (the only version is the latest; use --all to freeze it)".to_owned()
    } else {
        list.join(", ")
    })
}

pub(crate) fn run_new(args: &NewArgs) -> ExitCode {
    report((|| {
        let versions = crate::diff::load_unlocked(&args.dir)?.versions;
        let latest = versions.last().map_or(0, |(v, _)| *v);
        let next = latest
            .checked_add(1)
            .ok_or_else(|| format!("v{latest} is the last possible version"))?;
        let from = args.dir.join(format!("v{latest}.bare"));
        let to = args.dir.join(format!("v{next}.bare"));
        if to.exists() {
            return Err(format!("{} already exists", to.display()));
        }
        let frozen = freeze(&args.dir, true, Some(latest))?;
        std::fs::copy(&from, &to).map_err(|e| format!("{}: cannot create: {e}", to.display()))?;
        Ok(format!(
            "created {} from v{latest}.bare; frozen: {frozen}\nedit v{next}.bare, then `verso diff {}` shows the converters to write",
            to.display(),
            args.dir.display()
        ))
    })())
}
