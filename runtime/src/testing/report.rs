//! What a law check found: counts per version and step, and the first
//! value that broke each law, printed as a table.

use core::fmt;
use std::format;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

use super::laws::{Conversion, Direction};

/// How often something succeeded, failed (a decode error, a
/// `ConvertError`, a value not given back) or panicked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Values for which it held or succeeded.
    pub ok: u32,
    /// Values for which it failed without panicking.
    pub failed: u32,
    /// Values for which it panicked.
    pub panicked: u32,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.ok, self.failed, self.panicked)
    }
}

/// The codec's round trips of one version's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionReport {
    /// The version.
    pub version: u16,
    /// Plain and embedded encode-then-decode round trips.
    pub codec: Counts,
}

/// One step `from` → `from + 1` of a root's chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// The older version.
    pub from: u16,
    /// The conversions reached that verso does not generate.
    pub hand_written: &'static [Conversion],
    /// Upgrades of random values of `from`.
    pub up: Counts,
    /// Downgrades of random values of `from + 1`.
    pub down: Counts,
    /// Upgrades then downgrades giving the value back (`ok`) or not
    /// (`failed`), when checked: at steps generated both ways, and at
    /// those [`Laws::round_trip`](super::Laws::round_trip) names.
    pub round_trip: Option<Counts>,
    /// The round trip is checked because the user asked for it.
    pub required: bool,
}

/// Every count of one root type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootReport {
    /// The root's name in the latest version.
    pub root: &'static str,
    /// Its supported versions, oldest first.
    pub versions: Vec<VersionReport>,
    /// Its steps, oldest first.
    pub steps: Vec<StepReport>,
    /// The laws broken, each with its first failing value.
    pub broken: Vec<Broken>,
}

/// A law broken, with the first value that broke it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// Which law, at which version or step.
    pub law: String,
    /// The value (its `Debug` form, cut short).
    pub value: String,
    /// What happened: the error, the panic message, the value given back.
    pub detail: Option<String>,
}

impl RootReport {
    /// The index of the step from `version`.
    pub(super) fn step_index(&self, from: u16) -> Option<usize> {
        self.steps.iter().position(|s| s.from == from)
    }

    /// Records a broken law, once per law.
    pub(super) fn first(&mut self, law: String, value: &dyn fmt::Debug, detail: Option<String>) {
        if self.broken.iter().all(|b| b.law != law) {
            self.broken.push(Broken {
                law,
                value: shown(value),
                detail,
            });
        }
    }
}

/// A value's `Debug` form, cut to a few hundred characters.
pub(super) fn shown(value: &dyn fmt::Debug) -> String {
    const MAX: usize = 400;
    let text = format!("{value:?}");
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// What [`Laws::run`](super::Laws::run) found, for every root of a family.
/// `Display` prints the table [`Laws::check`](super::Laws::check) panics
/// with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The family's name.
    pub family: &'static str,
    /// Random values checked per version.
    pub cases: u32,
    /// One report per root type.
    pub roots: Vec<RootReport>,
}

impl Report {
    /// Whether every law holds: no law broken and nothing panicked.
    pub fn passed(&self) -> bool {
        self.roots.iter().all(|r| r.broken.is_empty())
    }

    /// The report of the step `from` → `from + 1` of root `root`.
    pub fn step(&self, root: &str, from: u16) -> Option<&StepReport> {
        let root = self.roots.iter().find(|r| r.root == root)?;
        root.steps.iter().find(|s| s.from == from)
    }

    /// Every law broken, with its root's name.
    pub fn broken(&self) -> impl Iterator<Item = (&'static str, &Broken)> {
        self.roots
            .iter()
            .flat_map(|r| r.broken.iter().map(move |b| (r.root, b)))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let broken = self.broken().count();
        let verdict = match broken {
            0 => String::from("every law holds"),
            1 => String::from("1 law broken"),
            n => format!("{n} laws broken"),
        };
        writeln!(
            f,
            "laws of family `{}`, {} random values per version: {verdict}",
            self.family, self.cases
        )?;
        writeln!(
            f,
            "(counts are ok/failed/panicked; round trip is upgrade then downgrade)\n"
        )?;
        let mut rows = vec![[
            "root".into(),
            "at".into(),
            "codec".into(),
            "upgrade".into(),
            "downgrade".into(),
            "round trip".into(),
            "hand-written".into(),
        ]];
        for root in &self.roots {
            rows.extend(root_rows(root));
        }
        let mut widths = [0usize; 7];
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in &rows {
            let mut line = String::new();
            for (cell, width) in row.iter().zip(widths) {
                line.push_str(&format!("{cell:<width$}  "));
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        if broken > 0 {
            writeln!(f, "\nbroken:")?;
        }
        for (root, b) in self.broken() {
            writeln!(f, "- {root} {}", b.law)?;
            if !b.value.is_empty() {
                writeln!(f, "    value: {}", b.value)?;
            }
            if let Some(detail) = &b.detail {
                writeln!(f, "    {detail}")?;
            }
        }
        Ok(())
    }
}

fn root_rows(root: &RootReport) -> Vec<[String; 7]> {
    let dash = || String::from("-");
    let mut rows = Vec::new();
    for version in &root.versions {
        rows.push([
            root.root.into(),
            format!("v{}", version.version),
            version.codec.to_string(),
            dash(),
            dash(),
            dash(),
            String::new(),
        ]);
        let Some(step) = root.steps.iter().find(|s| s.from == version.version) else {
            continue;
        };
        let round_trip = match (step.round_trip, step.required) {
            (None, _) => String::from("not required"),
            (Some(c), true) => format!("{}/{} required", c.ok, c.ok + c.failed),
            (Some(c), false) => format!("{}/{} generated", c.ok, c.ok + c.failed),
        };
        let hand_written: Vec<String> = step
            .hand_written
            .iter()
            .map(|c| {
                let arrow = match c.direction {
                    Direction::Up => "↑",
                    Direction::Down => "↓",
                };
                format!("{}{arrow}", c.ty)
            })
            .collect();
        rows.push([
            root.root.into(),
            format!("v{} → v{}", step.from, step.from + 1),
            String::new(),
            step.up.to_string(),
            step.down.to_string(),
            round_trip,
            hand_written.join(" "),
        ]);
    }
    rows
}
