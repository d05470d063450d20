//! The family plan: what happens to every type between consecutive
//! versions, and how each direction of its conversion gets written.
//!
//! Computed once per family from the versions' Rust models
//! ([`crate::model`]), and only rendered afterwards: `emit` writes the
//! generated impls and the compile-time checks for the hand-written ones,
//! `scaffold` writes stubs for exactly the hand-written ones, `diff` prints
//! the verdicts. A step pairs every type of version k with its counterpart
//! in k+1 — by name, by an old name the manifest's `renamed` declares, or
//! (for anonymous types lifted out of another type) by their place in a
//! paired owner — and decides, per direction (DESIGN.md § Converters):
//!
//! - structurally identical (recursively) → both directions generated;
//! - struct: the same field names and every field converting → generated
//!   field by field, by name;
//! - enum: `Upgrade` generated when every value of k exists in k+1,
//!   `Downgrade` when every value of k+1 exists in k;
//! - union: the same rule by member; tags may differ;
//! - anything else: written by hand, with the reasons.

mod compare;
mod identity;
mod reason;
mod roots;

use std::collections::HashSet;

pub(crate) use compare::widening;
pub use reason::{Direction, Lossless, Reason, RenameKind};

use crate::model::Model;

/// What the family manifest and the build configuration add to the schema
/// files: root types, renames and conversions kept by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Root types by their latest name; empty: inferred.
    pub roots: Vec<String>,
    /// `(version, new name, old name)`: in `version`, `new name` is what
    /// the version before called `old name`.
    pub renamed: Vec<(u16, String, String)>,
    /// `(version, type, new name, old name)`: in `version`, the field or
    /// enum value `new name` of `type` (its name in `version`) is what the
    /// version before called `old name`.
    pub renamed_parts: Vec<(u16, String, String, String)>,
    /// `(type name, k)`: the step k → k+1 of that type is written by hand
    /// in both directions. The name may be the one of either version.
    pub manual: Vec<(String, u16)>,
}

impl Rules {
    /// The name `new_name` of `version` had in the version before.
    pub fn old_name<'a>(&'a self, version: u16, new_name: &'a str) -> &'a str {
        self.renamed
            .iter()
            .find(|(v, new, _)| *v == version && new == new_name)
            .map_or(new_name, |(_, _, old)| old.as_str())
    }

    /// The name the part `new_name` of `owner` (named as in `version`) had
    /// in the version before, if the manifest renames it.
    pub fn old_part_name(&self, version: u16, owner: &str, new_name: &str) -> Option<&str> {
        self.renamed_parts
            .iter()
            .find(|(v, o, new, _)| *v == version && o == owner && new == new_name)
            .map(|(_, _, _, old)| old.as_str())
    }
}

/// The plan of a whole family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyPlan {
    /// The root types: the ones with a `…Versioned` wrapper.
    pub roots: Vec<Root>,
    /// One plan per pair of consecutive versions, oldest first.
    pub steps: Vec<StepPlan>,
}

/// A root type and the versions it is supported in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    /// Its name in the latest version (the wrapper is named after it).
    pub name: String,
    /// The oldest version that has it, under this or an older name.
    pub oldest: u16,
    /// Its name in every supported version, oldest first.
    pub names: Vec<(u16, String)>,
    /// Versions whose root has the latest one's wire shape step by step, so
    /// they decode straight into the latest types: `first..=latest`.
    pub direct_from: u16,
}

impl Root {
    /// Its name in `version`, if it is supported there.
    pub fn name_in(&self, version: u16) -> Option<&str> {
        self.names
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, n)| n.as_str())
    }
}

/// The plan of one step `from` → `to` (`to == from + 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepPlan {
    /// The older version.
    pub from: u16,
    /// The newer version.
    pub to: u16,
    /// Every pair of types, named ones sorted by their new name, each
    /// followed by the anonymous types lifted out of it.
    pub pairs: Vec<Pair>,
    /// Named types only in the newer version.
    pub added: Vec<String>,
    /// Named types only in the older version.
    pub removed: Vec<String>,
    /// `(added, removed)`: a type added and a type removed in this step
    /// with the same definition, likely one type renamed without a
    /// `[renamed]` line.
    pub rename_hints: Vec<(String, String)>,
    /// Roots whose values change in this step: they reach a type that is
    /// not identical.
    pub roots_affected: Vec<String>,
}

impl StepPlan {
    /// The pairs whose conversion `direction` the user writes by hand.
    pub fn to_write(&self, direction: Direction) -> impl Iterator<Item = &Pair> {
        self.pairs
            .iter()
            .filter(move |p| p.way(direction).is_hand_written())
    }
}

/// How one direction of a pair's conversion comes about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// verso generates the impl.
    Generated,
    /// The user writes it: the pair's reasons leave a decision this way.
    Manual,
    /// The user writes it because the manifest or build config says so
    /// (`manual`), although verso could generate it.
    Configured,
    /// No impl at all: a transparent alias (its users convert its values),
    /// or a type no root reaches.
    NotNeeded,
}

impl Way {
    /// Whether the user writes this impl.
    pub fn is_hand_written(self) -> bool {
        matches!(self, Way::Manual | Way::Configured)
    }
}

/// One type in two consecutive versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The older version's item.
    pub(crate) old: usize,
    /// The newer version's item.
    pub(crate) new: usize,
    /// Its schema name in the older version (`Todo`, or `Todo.Status` for
    /// an anonymous type lifted out of `Todo`'s field `status`).
    pub old_name: String,
    /// Its schema name in the newer version.
    pub new_name: String,
    /// Its Rust name in the older version (`v1::…`).
    pub old_rust: String,
    /// Its Rust name in the newer version.
    pub new_rust: String,
    /// An anonymous type lifted out of another pair.
    pub lifted: bool,
    /// A transparent alias (`type Stamp i64`): no conversion of its own.
    pub alias: bool,
    /// Imported in both versions: converted by the family that defines it.
    pub imported: bool,
    /// Whether a root reaches it in either version.
    pub reachable: bool,
    /// Same definition, recursively: same bytes and meaning.
    pub identical: bool,
    /// Every difference found, in a fixed order.
    pub reasons: Vec<Reason>,
    /// How `Upgrade` for the older type comes about.
    pub up: Way,
    /// How `Downgrade` for the newer type comes about.
    pub down: Way,
    /// Part by part, what matches what (for the renderers).
    pub(crate) body: Body,
}

impl Pair {
    /// The way of one direction.
    pub fn way(&self, direction: Direction) -> Way {
        match direction {
            Direction::Up => self.up,
            Direction::Down => self.down,
        }
    }

    /// The reasons that leave a decision in `direction`.
    pub fn blocking(&self, direction: Direction) -> impl Iterator<Item = &Reason> {
        self.reasons.iter().filter(move |r| r.blocks(direction))
    }

    /// Whether the type was renamed in this step.
    pub fn renamed(&self) -> bool {
        !self.lifted && self.old_name != self.new_name
    }
}

/// What matches what inside a pair, part by part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Body {
    /// Fields of two structs: the new version's fields in order, then the
    /// old ones that have no counterpart.
    Struct(Vec<Matched>),
    /// Values of two enums, matched by name: the old version's values in
    /// order, then the new ones without counterpart.
    Enum(Vec<Matched>),
    /// Members of two unions, matched by key: the old version's members in
    /// order, then the new ones without counterpart.
    Union(Vec<Matched>),
    /// Nothing to match part by part: aliases, void types, kind changes.
    Whole,
}

/// A part (field, value, member) of the older and newer type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Matched {
    /// Its index in the older type, if it exists there.
    pub old: Option<usize>,
    /// Its index in the newer type, if it exists there.
    pub new: Option<usize>,
    /// Both exist, and the directions in which the old value converts into
    /// the new one (or back) mechanically.
    pub converts: Lossless,
}

/// Plans every step of a family whose versions' models are `models`
/// (oldest first, consecutive).
pub(crate) fn plan(models: &[Model], rules: &Rules) -> FamilyPlan {
    let roots_by_version = roots::roots(models, rules);
    let mut steps = Vec::with_capacity(models.len().saturating_sub(1));
    for pair in models.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
        let old_roots = roots::root_items(old, &roots_by_version);
        let new_roots = roots::root_items(new, &roots_by_version);
        let reach_old = roots::reachable(old, &old_roots);
        let reach_new = roots::reachable(new, &new_roots);
        let mut step = compare::step(old, new, rules);
        for p in &mut step.pairs {
            p.reachable = reach_old[p.old] || reach_new[p.new];
        }
        let referred = identity::mark_identical(old, new, &mut step.pairs);
        note_changed_references(&mut step.pairs, &referred);
        decide_ways(&mut step, rules);
        leave_imported(old, new, &mut step);
        step.roots_affected = roots::affected(old, &roots_by_version, &step.pairs);
        steps.push(step);
    }
    let roots = roots::finish(roots_by_version, &steps);
    FamilyPlan { roots, steps }
}

/// A pair that differs only through the types it refers to says which.
fn note_changed_references(pairs: &mut [Pair], referred: &[Vec<usize>]) {
    for k in 0..pairs.len() {
        if pairs[k].identical || !pairs[k].reasons.is_empty() {
            continue;
        }
        let mut names: Vec<String> = referred[k]
            .iter()
            .filter(|&&r| r != k && !pairs[r].identical)
            .map(|&r| pairs[r].new_name.clone())
            .collect();
        names.sort();
        names.dedup();
        pairs[k]
            .reasons
            .extend(names.into_iter().map(Reason::ReferenceChanged));
    }
}

/// Imported types convert with their own family's impls (generated there,
/// or written by hand for that family), or not at all when both versions
/// import the same file: this family writes none for them.
fn leave_imported(old: &Model, new: &Model, step: &mut StepPlan) {
    for pair in &mut step.pairs {
        if old.items[pair.old].is_imported() && new.items[pair.new].is_imported() {
            pair.imported = true;
            pair.up = Way::NotNeeded;
            pair.down = Way::NotNeeded;
        }
    }
}

/// Fills in `up` and `down` of every pair from what was found.
fn decide_ways(step: &mut StepPlan, rules: &Rules) {
    let configured: HashSet<&str> = rules
        .manual
        .iter()
        .filter(|(_, from)| *from == step.from)
        .map(|(name, _)| name.as_str())
        .collect();
    for pair in &mut step.pairs {
        let manual_by_rule = !pair.lifted
            && (configured.contains(pair.old_name.as_str())
                || configured.contains(pair.new_name.as_str()));
        for direction in Direction::BOTH {
            let way = if pair.alias || !pair.reachable {
                Way::NotNeeded
            } else if manual_by_rule {
                Way::Configured
            } else if pair.identical || pair.blocking(direction).next().is_none() {
                Way::Generated
            } else {
                Way::Manual
            };
            match direction {
                Direction::Up => pair.up = way,
                Direction::Down => pair.down = way,
            }
        }
    }
}

#[cfg(test)]
mod tests;
