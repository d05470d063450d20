//! `verso diff DIR [--family NAME] [--from K [--to K+1]] [--json]
//! [--fail-on-manual]`: the family plan, rendered for people or for tools.

use std::process::ExitCode;

use clap::Args;
use serde_json::json;
use verso_codegen::Family;
use verso_codegen::evolve::{Direction, FamilyPlan, Pair, StepPlan, Way};
use verso_codegen::load::LockCheck;
use verso_codegen::source::FamilySource;

use crate::output::{Failure, print_out};

/// Options of `verso diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    #[command(flatten)]
    step: StepRange,
    /// Print a stable machine-readable report.
    #[arg(long)]
    json: bool,
    /// Exit 1 when a step to a version not yet frozen in the lock needs
    /// converters written by hand, naming them on stderr: a CI gate for
    /// changes in progress (steps to frozen versions were reviewed when
    /// they were frozen). With `--from K`, only that step counts.
    #[arg(long)]
    fail_on_manual: bool,
}

/// `--from K [--to K+1]`: one step of a family (default: every step).
#[derive(Debug, Args)]
pub(crate) struct StepRange {
    /// Only the step from this version to the next.
    #[arg(long, value_name = "K")]
    from: Option<u16>,
    /// Must be `--from` + 1 (implied when left out).
    #[arg(long, value_name = "K", requires = "from")]
    to: Option<u16>,
}

impl StepRange {
    /// The one step asked for (its older version), or `None` for all; a
    /// range that is not a step of the family is bad usage.
    pub(crate) fn only(&self, family: &Family) -> Result<Option<u16>, Failure> {
        let Some(from) = self.from else {
            return Ok(None);
        };
        let (oldest, latest) = (family.oldest(), family.latest());
        let to = self.to.unwrap_or(from.saturating_add(1));
        let is_step = from >= oldest && from < latest && from.checked_add(1) == Some(to);
        if is_step {
            Ok(Some(from))
        } else {
            let steps = if oldest < latest {
                format!("from {oldest} to {}", latest - 1)
            } else {
                "none: the family has one version".to_owned()
            };
            Err(Failure::usage(format!(
                "--from {from} --to {to} is not a step of this family: give two consecutive versions between {oldest} and {latest} (--from runs {steps})"
            )))
        }
    }
}

pub(crate) fn run(args: &DiffArgs) -> ExitCode {
    crate::output::finish(diff(args))
}

fn diff(args: &DiffArgs) -> Result<(), Failure> {
    let family = crate::output::load_family(&args.family.source()?, LockCheck::Verify)?;
    let only = args.step.only(&family)?;
    let steps: Vec<&StepPlan> = family
        .plan
        .steps
        .iter()
        .filter(|s| only.is_none_or(|from| s.from == from))
        .collect();
    if args.json {
        print_out(&format!("{}\n", json_report(&family.plan, &steps)))?;
    } else {
        print_out(&human_report(&family.plan, &steps))?;
    }
    if args.fail_on_manual {
        return fail_on_manual(&family, &steps);
    }
    Ok(())
}

/// The `--fail-on-manual` gate: the steps to unfrozen versions that need
/// hand-written converters fail it, each named with its impls.
fn fail_on_manual(family: &Family, steps: &[&StepPlan]) -> Result<(), Failure> {
    let frozen = |version: u16| family.lock.frozen.contains_key(&version);
    let mut failing = Vec::new();
    let mut skipped = Vec::new();
    for step in steps {
        let impls = to_write(step);
        if impls.is_empty() {
            continue;
        }
        if frozen(step.to) {
            skipped.push(format!("v{} → v{}", step.from, step.to));
        } else {
            failing.push(format!(
                "step v{} → v{} (v{} is not frozen) needs {}: {}",
                step.from,
                step.to,
                step.to,
                crate::output::count(impls.len(), "hand-written converter"),
                impls.join(", ")
            ));
        }
    }
    let skipped = match skipped.len() {
        0 => String::new(),
        _ => format!(
            " (skipped, frozen and so reviewed when published: {})",
            skipped.join(", ")
        ),
    };
    if failing.is_empty() {
        eprintln!(
            "--fail-on-manual: passed: no step to an unfrozen version needs a hand-written converter{skipped}"
        );
        Ok(())
    } else {
        Err(Failure::error(format!(
            "--fail-on-manual: {}{skipped}",
            failing.join("; ")
        )))
    }
}

/// A family, frozen versions verified; problems come back rendered, and
/// warnings are left to `verso check` (the codec commands print data).
pub(crate) fn load(source: &FamilySource) -> Result<Family, String> {
    quietly(source, LockCheck::Verify)
}

/// A family loaded without consulting its lock (for the commands that
/// write it).
pub(crate) fn load_unlocked(source: &FamilySource) -> Result<Family, String> {
    quietly(source, LockCheck::Skip)
}

fn quietly(source: &FamilySource, lock: LockCheck) -> Result<Family, String> {
    let options = verso_codegen::GenerateOptions::default();
    let loaded = verso_codegen::load::load_source(source, &options.check, &options.emit, lock);
    match loaded.family {
        Some(family) => Ok(family),
        None => {
            // The findings are printed here, once; the caller's message is
            // the summary that follows them.
            eprint!("{}", loaded.report.render_all(crate::output::color()));
            let errors = loaded.report.errors();
            Err(format!(
                "{}: {} in the family (shown above)",
                crate::family::label(source),
                crate::output::count(errors, "error")
            ))
        }
    }
}

/// The hand-written impls of a step: `Upgrade for v1::Todo`, …
pub(crate) fn to_write(step: &StepPlan) -> Vec<String> {
    let mut out = Vec::new();
    for direction in Direction::BOTH {
        for pair in step.to_write(direction) {
            out.push(impl_name(step, pair, direction));
        }
    }
    out
}

/// `Upgrade for v1::Todo` or `Downgrade for v2::Todo`.
fn impl_name(step: &StepPlan, pair: &Pair, direction: Direction) -> String {
    match direction {
        Direction::Up => format!("Upgrade for v{}::{}", step.from, pair.old_rust),
        Direction::Down => format!("Downgrade for v{}::{}", step.to, pair.new_rust),
    }
}

/// What one way means, in a sentence.
fn way_text(way: Way) -> &'static str {
    match way {
        Way::Generated => "generated",
        Way::Manual => "needs a hand-written converter",
        Way::Configured => "hand-written (configured `manual`)",
        Way::NotNeeded => "not needed",
    }
}

/// The verdict of a pair, both directions.
fn verdict(pair: &Pair) -> String {
    if pair.up == Way::Configured || pair.down == Way::Configured {
        let shape = if pair.identical {
            "identical"
        } else {
            "changed"
        };
        return format!("{shape}; hand-written (configured `manual`)");
    }
    if pair.identical {
        return "identical".to_owned();
    }
    if pair.imported {
        return "imported; converted by the family that defines it".to_owned();
    }
    if pair.alias {
        return "changed; a plain alias converts where it is used".to_owned();
    }
    if !pair.reachable {
        return "changed; no root reaches it, so nothing converts it".to_owned();
    }
    match (pair.up, pair.down) {
        (Way::Generated, Way::Generated) => "converted automatically".to_owned(),
        (Way::Manual, Way::Manual) => "needs a hand-written converter".to_owned(),
        (up, down) if up == down => way_text(up).to_owned(),
        (up, down) => format!("upgrade {}; downgrade {}", way_text(up), way_text(down)),
    }
}

/// The pair's name as the report shows it: `Old → New` when renamed, the
/// anonymous types by their place (`Todo.Status`).
fn shown_name(pair: &Pair) -> String {
    if pair.renamed() {
        format!("{} → {} (renamed)", pair.old_name, pair.new_name)
    } else {
        pair.new_name.clone()
    }
}

fn human_report(plan: &FamilyPlan, steps: &[&StepPlan]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let roots: Vec<String> = plan
        .roots
        .iter()
        .map(|r| format!("{} (from v{})", r.name, r.oldest))
        .collect();
    let _ = writeln!(out, "root types: {}", roots.join(", "));
    for step in steps {
        let _ = writeln!(out, "\nv{} → v{}", step.from, step.to);
        for name in &step.added {
            let _ = writeln!(out, "  {name}: added");
        }
        for name in &step.removed {
            let _ = writeln!(out, "  {name}: removed");
        }
        for (added, removed) in &step.rename_hints {
            let _ = writeln!(
                out,
                "  hint: `{removed}` removed and `{added}` added with the same definition: if it is a rename, declare `[renamed.v{}] {added} = \"{removed}\"` in the manifest",
                step.to
            );
        }
        for pair in &step.pairs {
            let reasons: Vec<String> = pair.reasons.iter().map(ToString::to_string).collect();
            let reasons = if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join(", "))
            };
            let _ = writeln!(out, "  {}: {}{reasons}", shown_name(pair), verdict(pair));
        }
        if !step.roots_affected.is_empty() {
            let _ = writeln!(out, "  roots affected: {}", step.roots_affected.join(", "));
        }
        let to_write = to_write(step);
        if !to_write.is_empty() {
            let _ = writeln!(out, "  to write: {}", to_write.join(", "));
        }
    }
    out
}

fn way_key(way: Way) -> &'static str {
    match way {
        Way::Generated => "generated",
        Way::Manual => "manual",
        Way::Configured => "configured",
        Way::NotNeeded => "not_needed",
    }
}

fn json_report(plan: &FamilyPlan, steps: &[&StepPlan]) -> String {
    let steps: Vec<serde_json::Value> = steps
        .iter()
        .map(|step| {
            let types: Vec<serde_json::Value> = step
                .pairs
                .iter()
                .map(|pair| {
                    let change = if pair.identical {
                        "identical"
                    } else if pair.up.is_hand_written() || pair.down.is_hand_written() {
                        "manual"
                    } else {
                        "generated"
                    };
                    json!({
                        "name": pair.new_name,
                        "old_name": pair.old_name,
                        "rust": { "old": pair.old_rust, "new": pair.new_rust },
                        "renamed": pair.renamed(),
                        "anonymous": pair.lifted,
                        "alias": pair.alias,
                        "reachable": pair.reachable,
                        "change": change,
                        "upgrade": way_key(pair.up),
                        "downgrade": way_key(pair.down),
                        "reasons": pair.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let write = |direction: Direction| -> Vec<String> {
                step.to_write(direction)
                    .map(|p| match direction {
                        Direction::Up => format!("v{}::{}", step.from, p.old_rust),
                        Direction::Down => format!("v{}::{}", step.to, p.new_rust),
                    })
                    .collect()
            };
            json!({
                "from": step.from,
                "to": step.to,
                "added": step.added,
                "removed": step.removed,
                "rename_hints": step
                    .rename_hints
                    .iter()
                    .map(|(added, removed)| json!({ "added": added, "removed": removed }))
                    .collect::<Vec<_>>(),
                "types": types,
                "roots_affected": step.roots_affected,
                "to_write": { "upgrade": write(Direction::Up), "downgrade": write(Direction::Down) },
            })
        })
        .collect();
    let roots: Vec<serde_json::Value> = plan
        .roots
        .iter()
        .map(|root| {
            let names: serde_json::Map<String, serde_json::Value> = root
                .names
                .iter()
                .map(|(v, n)| (v.to_string(), json!(n)))
                .collect();
            json!({ "name": root.name, "oldest": root.oldest, "names": names })
        })
        .collect();
    let report = json!({ "roots": roots, "steps": steps });
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
