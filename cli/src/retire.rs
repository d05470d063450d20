//! `verso retire DIR [--family NAME] --through N`: stop supporting a
//! family's oldest versions.
//!
//! Deletes `vK.bare` … `vN.bare` (K the oldest present; `NAME.vK.bare` …
//! in a flat folder) and records `retired through N` in the family's lock,
//! so the family starts at `vN+1` and a frozen file that goes missing by
//! accident is still told apart from one retired on purpose.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use verso_codegen::family::versions_are;
use verso_codegen::ir::Schema;
use verso_codegen::lock::{self, Lock, LockProblem};
use verso_codegen::manifest::{Manifest, Pruned};
use verso_codegen::source::FamilySource;
use verso_codegen::{Family, load};

use crate::family::{FamilyArgs, label, lock_file, version_file};

/// Options of `verso retire`.
#[derive(Debug, Args)]
pub(crate) struct RetireArgs {
    #[command(flatten)]
    family: FamilyArgs,
    /// Retire every version up to and including N; the latest version
    /// always stays.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    through: u16,
    /// Also remove what the manifest (`verso.toml`, `NAME.verso.toml`) says
    /// about the retired versions
    /// (renames out of them, manual steps from them); everything else in it
    /// stays as written, comments included.
    #[arg(long)]
    fix: bool,
}

pub(crate) fn run(args: &RetireArgs) -> ExitCode {
    let retired = args
        .family
        .source()
        .and_then(|source| Ok(retire(&source, args.through, args.fix)?));
    crate::output::report(retired)
}

/// Checks everything first and writes last, so a refusal changes nothing.
fn retire(source: &FamilySource, through: u16, fix: bool) -> Result<String, String> {
    // Unlocked: a frozen file already gone is what retiring may be for.
    let family = crate::diff::load_unlocked(source)?;
    let lock_path = source.lock_path();
    let mut lock = Lock::read(&lock_path).map_err(|e| e.to_string())?;
    check_through(source, &family, &lock, through)?;
    let kept: Vec<(u16, &Schema)> = family
        .versions
        .iter()
        .filter(|(v, _)| *v > through)
        .map(|(v, schema)| (*v, schema))
        .collect();
    let rewrite = manifest_after(source, through, fix, &kept)?;
    let converters = retired_converters(&family, through);

    if let Some(rewrite) = &rewrite {
        rewrite.write(&rewrite.pruned.text)?;
    }
    lock.retire_through(through);
    // The lock before the deletions: if one fails below, `verso check`
    // names the file left to delete, instead of taking it for a frozen
    // file lost.
    if let Err(error) = lock.write(&lock_path) {
        // Put the manifest back, so that nothing changed. If even that
        // fails, the error says what the manifest held.
        return Err(match rewrite.map(|r| r.write(&r.text)) {
            Some(Err(restoring)) => format!("{error}\n{restoring}"),
            _ => format!("{error}\nnothing was retired"),
        });
    }
    let deleted = delete_through(source, &family, through)?;
    let mut lines = vec![deleted];
    if let Some(rewrite) = &rewrite {
        lines.push(format!(
            "removed from {}: {}",
            rewrite.path.display(),
            rewrite.pruned.removed.join("; ")
        ));
    }
    let latest = family.latest();
    let supported = if through + 1 == latest {
        format!("v{latest} only")
    } else {
        format!("v{} to v{latest}", through + 1)
    };
    lines.push(format!(
        "recorded `retired through {through}` in {}\nthe family now starts at v{}: it reads and writes {supported}",
        lock_path.display(),
        through + 1
    ));
    if !converters.is_empty() {
        lines.push(format!(
            "delete the hand-written converters to and from the retired versions, whose types are no longer generated: {}",
            converters.join(", ")
        ));
    }
    Ok(lines.join("\n"))
}

/// Refuses a `--through` that retires nothing new or the latest version,
/// and a lock with errors other than the frozen files this retirement
/// settles (missing ones it covers).
fn check_through(
    source: &FamilySource,
    family: &Family,
    lock: &Lock,
    through: u16,
) -> Result<(), String> {
    let shown = label(source);
    let lock_file = lock_file(source);
    let latest = family.latest();
    // Versions below the oldest file may still be unretired (frozen but
    // deleted by hand): retiring them only records it.
    let first_open = lock.retired_through.map_or(1, |r| r.saturating_add(1));
    if first_open >= latest {
        return Err(format!(
            "{shown}: nothing to retire: v{latest} is the only version left, and the latest version always stays"
        ));
    }
    let range = if first_open + 1 == latest {
        format!("N = {first_open} (v{latest} stays)")
    } else {
        format!("N from {first_open} to {} (v{latest} stays)", latest - 1)
    };
    if through >= latest {
        return Err(format!(
            "{shown}: cannot retire through v{through}: the latest version is v{latest} and must stay; use {range}"
        ));
    }
    if through < first_open {
        return Err(format!(
            "{shown}: {} already retired ({lock_file}: retired through {}); use {range}",
            versions_are(1, first_open - 1),
            first_open - 1
        ));
    }
    let blocking: Vec<String> = lock::verify(lock, &family.versions)
        .into_iter()
        .filter(|p| p.is_error() && !matches!(p, LockProblem::Missing(v) if *v <= through))
        .map(|p| format!("{shown}: {p}"))
        .collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\nnothing was retired: fix {lock_file} first",
            blocking.join("\n"),
        ))
    }
}

/// Deletes the files of v`oldest`…v`through`; what was deleted, in words.
fn delete_through(source: &FamilySource, family: &Family, through: u16) -> Result<String, String> {
    let mut deleted = Vec::new();
    for (version, _) in family.versions.iter().filter(|(v, _)| *v <= through) {
        let path = source.version_path(*version);
        std::fs::remove_file(&path).map_err(|e| {
            format!(
                "{}: cannot delete: {e}\n{} already records the versions through v{through} as retired; delete the file by hand",
                path.display(),
                lock_file(source)
            )
        })?;
        deleted.push(version_file(source, *version));
    }
    Ok(if deleted.is_empty() {
        "no file to delete (they were already gone)".to_owned()
    } else {
        format!("deleted {}", deleted.join(", "))
    })
}

/// The hand-written converters of the steps out of v1…v`through`, as
/// `impl verso::Upgrade for v1::Todo`: retired with those versions.
fn retired_converters(family: &Family, through: u16) -> Vec<String> {
    family
        .plan
        .steps
        .iter()
        .filter(|step| step.from <= through)
        .flat_map(crate::diff::to_write)
        .map(|converter| format!("impl verso::{converter}"))
        .collect()
}

/// The manifest rewritten without what it says about retired versions.
struct Rewrite {
    path: PathBuf,
    /// The text as it was.
    text: String,
    /// The text to write, and what it leaves out.
    pruned: Pruned,
}

impl Rewrite {
    fn write(&self, text: &str) -> Result<(), String> {
        std::fs::write(&self.path, text).map_err(|e| {
            format!(
                "{}: cannot write: {e}; it should read:\n{text}",
                self.path.display()
            )
        })
    }
}

/// What the manifest becomes once v1…v`through` are retired: `None` when
/// it stays as it is. Refuses when it would name a retired version (a
/// rename out of one, a manual step from one) unless `fix` removes those
/// entries, and when it would not fit the versions kept for any other
/// reason.
fn manifest_after(
    source: &FamilySource,
    through: u16,
    fix: bool,
    kept: &[(u16, &Schema)],
) -> Result<Option<Rewrite>, String> {
    let path = source.manifest_path();
    if !path.exists() {
        return Ok(None);
    }
    let text = load::read_source(&path)
        .map_err(|finding| load::Report::of_finding(*finding).render_all(false))?;
    let shown = path.display();
    let refusal = format!(
        "{shown} would not fit the family after retiring: update it first (nothing was retired)"
    );
    let pruned = match Manifest::parse(&text) {
        Ok(manifest) => manifest.without_retired(&text, through),
        // The family loaded, so it parsed a moment ago; say what is wrong now.
        Err(problems) => return Err(rendered(&refusal, &path, &text, &problems)),
    };
    let pruned = match pruned {
        Ok(pruned) => pruned,
        Err(cannot) => {
            let refusal = format!("{cannot} (nothing was retired)");
            return Err(rendered(&refusal, &path, &text, &fit(&text, kept)));
        }
    };
    if pruned.removed.is_empty() {
        let problems = fit(&text, kept);
        if problems.iter().any(|d| d.is_error()) {
            return Err(rendered(&refusal, &path, &text, &problems));
        }
        return Ok(None);
    }
    if !fix {
        let refusal = format!(
            "{shown} names versions being retired: {}\nrun again with --fix to remove these entries too (the rest of the file stays as written); nothing was retired",
            pruned.removed.join("; ")
        );
        return Err(rendered(&refusal, &path, &text, &fit(&text, kept)));
    }
    let problems = fit(&pruned.text, kept);
    if problems.iter().any(|d| d.is_error()) {
        let refusal = format!(
            "{shown} would not fit the family after retiring, even without what it says about retired versions: update it first (nothing was retired)"
        );
        return Err(rendered(&refusal, &path, &pruned.text, &problems));
    }
    Ok(Some(Rewrite { path, text, pruned }))
}

/// The problems of a manifest's text against the versions kept.
fn fit(text: &str, kept: &[(u16, &Schema)]) -> Vec<verso_codegen::Diagnostic> {
    match Manifest::parse(text) {
        Ok(manifest) => manifest.validate(kept),
        Err(problems) => problems,
    }
}

/// `headline`, then `problems` rendered against the manifest's `text`.
fn rendered(
    headline: &str,
    path: &Path,
    text: &str,
    problems: &[verso_codegen::Diagnostic],
) -> String {
    let shown = path.display().to_string();
    let problems: String = problems
        .iter()
        .map(|d| d.render(&shown, text, false))
        .collect();
    format!("{headline}\n{problems}")
}
