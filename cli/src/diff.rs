//! `verso diff DIR [--from K --to K+1] [--json] [--fail-on-manual]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use verso_codegen::evolve::{self, Change, Step};
use verso_codegen::{Options, ir};

/// Options of `verso diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[command(flatten)]
    step: StepRange,
    /// Print a stable machine-readable report.
    #[arg(long)]
    json: bool,
    /// Exit 1 when any converter must be written by hand (for CI gates).
    #[arg(long)]
    fail_on_manual: bool,
}

/// `--from K --to K+1`: one step of a family (default: every step).
#[derive(Debug, Args)]
pub(crate) struct StepRange {
    /// Only the step from this version (default: every consecutive pair).
    #[arg(long, value_name = "K", requires = "to")]
    from: Option<u16>,
    /// Must be `--from` + 1.
    #[arg(long, value_name = "K", requires = "from")]
    to: Option<u16>,
}

impl StepRange {
    /// The one step asked for (its older version), or `None` for all.
    pub(crate) fn only(&self, latest: u16) -> Result<Option<u16>, String> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if to != from.wrapping_add(1) || from == 0 || to > latest => {
                Err(format!(
                    "--from {from} --to {to}: give two consecutive versions between 1 and {latest}"
                ))
            }
            (from, _) => Ok(from),
        }
    }
}

pub(crate) fn run(args: &DiffArgs) -> ExitCode {
    match diff(args) {
        Ok(manual) if manual && args.fail_on_manual => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the report; returns whether any converter must be hand-written.
fn diff(args: &DiffArgs) -> Result<bool, String> {
    let versions = load(&args.dir)?;
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let pairs: Vec<usize> = match args.step.only(latest)? {
        Some(from) => vec![usize::from(from) - 1],
        None => (0..versions.len().saturating_sub(1)).collect(),
    };
    let roots = evolve::roots(&versions, &[]);
    let steps: Vec<Step> = pairs
        .iter()
        .map(|&i| evolve::step(versions[i].0, &versions[i].1, &versions[i + 1].1))
        .collect();
    let manual = steps
        .iter()
        .any(|s| s.types.values().any(|c| matches!(c, Change::Changed(_))));
    if args.json {
        println!("{}", json_report(&versions, &roots, &steps));
    } else {
        print!("{}", human_report(&versions, &roots, &steps));
    }
    Ok(manual)
}

/// The checked versions of a family, frozen versions verified; schema
/// errors come back rendered.
pub(crate) fn load(dir: &Path) -> Result<Vec<(u16, ir::Schema)>, String> {
    verso_codegen::generate::load_family(dir, &Options::default()).map_err(|e| e.to_string())
}

/// The checked versions of a family, without consulting `verso.lock` (for
/// the commands that write it).
pub(crate) fn load_unlocked(dir: &Path) -> Result<Vec<(u16, ir::Schema)>, String> {
    verso_codegen::generate::load_family_unlocked(dir, &Options::default())
        .map_err(|e| e.to_string())
}

fn verdict(change: &Change) -> &'static str {
    match change {
        Change::Identical => "identical",
        Change::Convertible(_) => "converted automatically",
        Change::Changed(_) => "needs a hand-written converter",
    }
}

fn reasons(change: &Change) -> Vec<String> {
    match change {
        Change::Identical => Vec::new(),
        Change::Convertible(r) | Change::Changed(r) => r.iter().map(ToString::to_string).collect(),
    }
}

/// Roots whose values change between the two versions of `step`: some type
/// they reach (in the older version) is not identical.
fn affected_roots(
    versions: &[(u16, ir::Schema)],
    roots: &[(String, u16)],
    step: &Step,
) -> Vec<String> {
    let old = &versions[usize::from(step.from) - 1].1;
    roots
        .iter()
        .filter(|(_, oldest)| *oldest <= step.from)
        .filter(|(name, _)| {
            evolve::reachable(old, std::slice::from_ref(name))
                .iter()
                .any(|t| !matches!(step.types.get(t), Some(Change::Identical)))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

fn human_report(versions: &[(u16, ir::Schema)], roots: &[(String, u16)], steps: &[Step]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let roots_line: Vec<String> = roots
        .iter()
        .map(|(n, v)| format!("{n} (from v{v})"))
        .collect();
    let _ = writeln!(out, "root types: {}", roots_line.join(", "));
    for step in steps {
        let _ = writeln!(out, "\nv{} → v{}", step.from, step.from + 1);
        for name in &step.added {
            let _ = writeln!(out, "  {name}: added");
        }
        for name in &step.removed {
            let _ = writeln!(out, "  {name}: removed");
        }
        for (name, change) in &step.types {
            let reasons = reasons(change);
            if reasons.is_empty() {
                let _ = writeln!(out, "  {name}: {}", verdict(change));
            } else {
                let _ = writeln!(
                    out,
                    "  {name}: {} ({})",
                    verdict(change),
                    reasons.join(", ")
                );
            }
        }
        let affected = affected_roots(versions, roots, step);
        if !affected.is_empty() {
            let _ = writeln!(out, "  roots affected: {}", affected.join(", "));
        }
        let manual: Vec<&String> = step
            .types
            .iter()
            .filter(|(_, c)| matches!(c, Change::Changed(_)))
            .map(|(n, _)| n)
            .collect();
        if !manual.is_empty() {
            let names: Vec<String> = manual.iter().map(|n| format!("`{n}`")).collect();
            let _ = writeln!(
                out,
                "  to write: Upgrade for v{from}::… and Downgrade for v{to}::… of {}",
                names.join(", "),
                from = step.from,
                to = step.from + 1
            );
        }
    }
    out
}

fn json_report(versions: &[(u16, ir::Schema)], roots: &[(String, u16)], steps: &[Step]) -> String {
    let steps: Vec<serde_json::Value> = steps
        .iter()
        .map(|step| {
            let types: Vec<serde_json::Value> = step
                .types
                .iter()
                .map(|(name, change)| {
                    let kind = match change {
                        Change::Identical => "identical",
                        Change::Convertible(_) => "generated",
                        Change::Changed(_) => "manual",
                    };
                    json!({ "name": name, "change": kind, "reasons": reasons(change) })
                })
                .collect();
            json!({
                "from": step.from,
                "to": step.from + 1,
                "added": step.added,
                "removed": step.removed,
                "types": types,
                "roots_affected": affected_roots(versions, roots, step),
            })
        })
        .collect();
    let roots: Vec<serde_json::Value> = roots
        .iter()
        .map(|(name, oldest)| json!({ "name": name, "oldest": oldest }))
        .collect();
    let report = json!({ "roots": roots, "steps": steps });
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
