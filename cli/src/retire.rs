//! `verso retire DIR --through N`: stop supporting a family's oldest versions.
//!
//! Deletes `vK.bare` … `vN.bare` (K the oldest present) and records
//! `retired through N` in `verso.lock`, so the family starts at `vN+1` and a
//! frozen file that goes missing by accident is still told apart from one
//! retired on purpose.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use verso_codegen::lock::{self, Lock, LockProblem};
use verso_codegen::manifest::{self, Manifest};

/// Options of `verso retire`.
#[derive(Debug, Args)]
pub(crate) struct RetireArgs {
    /// A family directory (`vK.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Retire every version up to and including N; the latest version
    /// always stays.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    through: u16,
}

pub(crate) fn run(args: &RetireArgs) -> ExitCode {
    crate::output::report(retire(&args.dir, args.through))
}

/// Checks everything first and deletes last, so a refusal changes nothing.
fn retire(dir: &Path, through: u16) -> Result<String, String> {
    let shown = dir.display();
    // Unlocked: a frozen file already gone is what retiring may be for.
    let versions = crate::diff::load_unlocked(dir)?;
    let (Some(&(oldest, _)), Some(&(latest, _))) = (versions.first(), versions.last()) else {
        return Err(format!("{shown}: the family has no versions"));
    };
    let mut lock = Lock::read(dir).map_err(|e| e.to_string())?;
    // Versions below the oldest file may still be unretired (frozen but
    // deleted by hand): retiring them only records it.
    let first_open = lock.retired_through.map_or(1, |r| r.saturating_add(1));
    if first_open >= latest {
        return Err(format!(
            "{shown}: nothing to retire: v{latest} is the only version left, and the latest version always stays"
        ));
    }
    let range = format!("N from {first_open} to {} (v{latest} stays)", latest - 1);
    if through >= latest {
        return Err(format!(
            "{shown}: cannot retire through v{through}: the latest version is v{latest} and must stay; use {range}"
        ));
    }
    if through < first_open {
        return Err(format!(
            "{shown}: v1 to v{} are already retired ({}: retired through {}); use {range}",
            first_open - 1,
            lock::FILE_NAME,
            first_open - 1
        ));
    }
    // Retiring settles "frozen but missing" for the versions it covers;
    // any other lock error must be fixed first.
    let blocking: Vec<String> = lock::verify(&lock, &versions)
        .into_iter()
        .filter(|p| p.is_error() && !matches!(p, LockProblem::Missing(v) if *v <= through))
        .map(|p| format!("{shown}: {p}"))
        .collect();
    if !blocking.is_empty() {
        return Err(format!(
            "{}\nnothing was retired: fix {} first",
            blocking.join("\n"),
            lock::FILE_NAME
        ));
    }
    let kept: Vec<_> = versions.iter().filter(|(v, _)| *v > through).collect();
    check_manifest(dir, &kept)?;

    lock.retire_through(through);
    // The lock first: if a deletion fails below, `verso check` names the
    // file left to delete, instead of taking it for a frozen file lost.
    lock.write(dir)?;
    let mut deleted = Vec::new();
    for version in (oldest..=through).filter(|v| versions.iter().any(|(p, _)| p == v)) {
        let path = dir.join(format!("v{version}.bare"));
        std::fs::remove_file(&path).map_err(|e| {
            format!(
                "{}: cannot delete: {e}\n{} already records the versions through v{through} as retired; delete the file by hand",
                path.display(),
                lock::FILE_NAME
            )
        })?;
        deleted.push(format!("v{version}.bare"));
    }
    let deleted = if deleted.is_empty() {
        "no file to delete (they were already gone)".to_owned()
    } else {
        format!("deleted {}", deleted.join(", "))
    };
    let supported = if through + 1 == latest {
        format!("v{latest} only")
    } else {
        format!("v{} to v{latest}", through + 1)
    };
    Ok(format!(
        "{deleted}\nrecorded `retired through {through}` in {}\nthe family now starts at v{}: it reads and writes {supported}",
        dir.join(lock::FILE_NAME).display(),
        through + 1
    ))
}

/// Refuses when `verso.toml` would name a retired version afterwards (a
/// rename into the new oldest version, a manual step out of a retired one,
/// a root gone with them): the family would not check any more.
fn check_manifest(dir: &Path, kept: &[&(u16, verso_codegen::ir::Schema)]) -> Result<(), String> {
    let path = dir.join(manifest::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let versions: Vec<(u16, &verso_codegen::ir::Schema)> =
        kept.iter().map(|(v, schema)| (*v, schema)).collect();
    let problems = match Manifest::parse(&text) {
        Ok(manifest) => manifest.validate(&versions),
        Err(problems) => problems,
    };
    if problems.iter().any(|d| d.is_error()) {
        let shown = path.display().to_string();
        let rendered: String = problems
            .iter()
            .map(|d| d.render(&shown, &text, false))
            .collect();
        return Err(format!(
            "{shown} would not fit the family after retiring: update it first (nothing was retired)\n{rendered}"
        ));
    }
    Ok(())
}
