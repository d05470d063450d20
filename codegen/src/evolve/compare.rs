//! Pairs the types of two consecutive versions and compares each pair part
//! by part: which fields, values and members match, whether their values
//! convert, and every difference as a [`Reason`].

use std::collections::{HashMap, HashSet};

use crate::evolve::{
    Body, Direction, Lossless, Matched, Pair, Reason, RenameKind, Rules, StepPlan, Way,
};
use crate::ir::Primitive;
use crate::model::{FieldPlan, ItemKind, Model, Ty, ValuePlan, VariantPlan};

/// Pairs and compares every type of `old` with its counterpart in `new`.
/// Reachability, identity and the ways are decided afterwards.
pub(super) fn step(old: &Model, new: &Model, rules: &Rules) -> StepPlan {
    let mut comparer = Comparer {
        old,
        new,
        rules,
        to: new.version,
        lifted: Vec::new(),
    };
    let mut named: Vec<(usize, usize)> = Vec::new();
    let mut paired_old = vec![false; old.items.len()];
    let mut added = Vec::new();
    for (j, item) in new.items.iter().enumerate().filter(|(_, i)| !i.is_lifted()) {
        let old_name = rules.old_name(new.version, &item.schema_name);
        match old.named(old_name) {
            Some(i) => {
                paired_old[i] = true;
                named.push((i, j));
            }
            None => added.push(item.schema_name.clone()),
        }
    }
    let removed: Vec<String> = old
        .items
        .iter()
        .enumerate()
        .filter(|(i, item)| !item.is_lifted() && !paired_old[*i])
        .map(|(_, item)| item.schema_name.clone())
        .collect();
    let rename_hints = rename_hints(old, new, &added, &removed);
    named.sort_by(|a, b| new.items[a.1].schema_name.cmp(&new.items[b.1].schema_name));
    let mut pairs = Vec::new();
    for (i, j) in named {
        // Each named pair is followed by the anonymous pairs found inside
        // it, depth first, so related pairs read together.
        let mut stack = vec![(i, j)];
        while let Some((i, j)) = stack.pop() {
            pairs.push(comparer.pair(i, j));
            let found = std::mem::take(&mut comparer.lifted);
            stack.extend(found.into_iter().rev());
        }
    }
    StepPlan {
        from: old.version,
        to: new.version,
        pairs,
        added,
        removed,
        rename_hints,
        roots_affected: Vec::new(),
    }
}

struct Comparer<'a> {
    old: &'a Model,
    new: &'a Model,
    rules: &'a Rules,
    /// The newer version (renames are keyed by it).
    to: u16,
    /// Lifted pairs met while comparing the current pair.
    lifted: Vec<(usize, usize)>,
}

impl Comparer<'_> {
    fn pair(&mut self, i: usize, j: usize) -> Pair {
        let (a, b) = (&self.old.items[i], &self.new.items[j]);
        let mut reasons = Vec::new();
        let body = match (&a.kind, &b.kind) {
            (ItemKind::Struct(x), ItemKind::Struct(y)) => {
                self.structs(&b.schema_name, x, y, &mut reasons)
            }
            (ItemKind::Enum(x), ItemKind::Enum(y)) => {
                self.enums(&b.schema_name, x, y, &mut reasons)
            }
            (ItemKind::Union(x), ItemKind::Union(y)) => self.unions(x, y, &mut reasons),
            (ItemKind::Alias(x), ItemKind::Alias(y)) => {
                let lossless = self.converts(x, y);
                if lossless != Lossless::Both || self.retyped_plain(x, y) {
                    reasons.push(Reason::Retyped {
                        from: self.old.describe(self.old.unalias(x)),
                        to: self.new.describe(self.new.unalias(y)),
                        lossless,
                    });
                }
                Body::Whole
            }
            (ItemKind::Unit, ItemKind::Unit) => Body::Whole,
            (x, y) => {
                reasons.push(Reason::KindChanged {
                    from: kind_name(x),
                    to: kind_name(y),
                });
                Body::Whole
            }
        };
        Pair {
            old: i,
            new: j,
            old_name: a.schema_name.clone(),
            new_name: b.schema_name.clone(),
            old_rust: a.name.clone(),
            new_rust: b.name.clone(),
            lifted: a.is_lifted(),
            alias: matches!(a.kind, ItemKind::Alias(_)) || matches!(b.kind, ItemKind::Alias(_)),
            imported: false,
            reachable: false,
            identical: false,
            reasons,
            up: Way::NotNeeded,
            down: Way::NotNeeded,
            body,
        }
    }

    fn structs(
        &mut self,
        owner: &str,
        a: &[FieldPlan],
        b: &[FieldPlan],
        reasons: &mut Vec<Reason>,
    ) -> Body {
        let old_index: HashMap<&str, usize> = a
            .iter()
            .enumerate()
            .map(|(i, f)| (f.schema_name.as_str(), i))
            .collect();
        // For each new field, its old counterpart: by name (or the name the
        // manifest says it had), else the old field that only its spelling
        // separates from it: the same Rust name and type, wherever it sits
        // (fields match in any order, so a respelled one does too).
        let mut counterpart: Vec<Option<(usize, Option<RenameKind>)>> = b
            .iter()
            .map(|field| {
                let declared = self.rules.old_part_name(self.to, owner, &field.schema_name);
                let old = old_index
                    .get(declared.unwrap_or(&field.schema_name))
                    .copied();
                old.map(|i| (i, declared.map(|_| RenameKind::Declared)))
            })
            .collect();
        // The old fields whose names the new version no longer has, by Rust
        // name (unique within a struct), and which old fields are taken:
        // one lookup per new field keeps this linear in the field count.
        let new_names: HashSet<&str> = b.iter().map(|f| f.schema_name.as_str()).collect();
        let respellable: HashMap<&str, usize> = a
            .iter()
            .enumerate()
            .filter(|(_, f)| !new_names.contains(f.schema_name.as_str()))
            .map(|(i, f)| (f.name.as_str(), i))
            .collect();
        let mut taken = vec![false; a.len()];
        for &(i, _) in counterpart.iter().flatten() {
            taken[i] = true;
        }
        for (j, field) in b.iter().enumerate() {
            if counterpart[j].is_some() {
                continue;
            }
            if let Some(&i) = respellable.get(field.name.as_str())
                && !taken[i]
                && self.same_type(&a[i].ty, &field.ty)
            {
                taken[i] = true;
                counterpart[j] = Some((i, Some(RenameKind::SameRustName)));
            }
        }
        // For each old field, the part that holds it.
        let mut part_of_old = vec![None; a.len()];
        let mut parts = Vec::with_capacity(a.len().max(b.len()));
        let mut renames = Vec::new();
        for (j, field) in b.iter().enumerate() {
            let old = counterpart[j].map(|(i, _)| i);
            let converts = match old {
                Some(i) => self.converts(&a[i].ty, &field.ty),
                None => Lossless::Neither,
            };
            if let Some((i, Some(kind))) = counterpart[j] {
                renames.push(Reason::FieldRenamed {
                    field: field.schema_name.clone(),
                    from: a[i].schema_name.clone(),
                    kind,
                });
            }
            if let Some(i) = old {
                part_of_old[i] = Some(parts.len());
            }
            parts.push(Matched {
                old,
                new: Some(j),
                converts,
            });
        }
        let added: Vec<Reason> = parts
            .iter()
            .filter(|m| m.old.is_none())
            .filter_map(|m| m.new)
            .map(|j| Reason::FieldAdded(b[j].schema_name.clone()))
            .collect();
        // Reasons in the older version's field order, then the additions.
        for (i, field) in a.iter().enumerate() {
            match part_of_old[i].map(|k| parts[k]) {
                None => {
                    reasons.push(Reason::FieldRemoved(field.schema_name.clone()));
                    parts.push(Matched {
                        old: Some(i),
                        new: None,
                        converts: Lossless::Neither,
                    });
                }
                Some(Matched {
                    new: Some(j),
                    converts,
                    ..
                }) if converts != Lossless::Both || self.retyped_plain(&field.ty, &b[j].ty) => {
                    reasons.push(self.retyped(&field.schema_name, &field.ty, &b[j].ty, converts))
                }
                Some(_) => {}
            }
        }
        reasons.extend(added);
        reasons.extend(renames);
        let same_order = a.len() == b.len()
            && parts
                .iter()
                .all(|m| matches!((m.old, m.new), (Some(i), Some(j)) if i == j));
        if reasons.is_empty() && !same_order {
            reasons.push(Reason::FieldsReordered);
        }
        Body::Struct(parts)
    }

    /// Why a field's values no longer convert. When the field keeps a type
    /// of the same name (an alias whose target changed), say so rather than
    /// "retyped A → A".
    fn retyped(&self, field: &str, from: &Ty, to: &Ty, lossless: Lossless) -> Reason {
        if let (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) = (from, to) {
            let (a, b) = (&self.old.items[*i], &self.new.items[*j]);
            if !a.is_lifted() && self.rules.old_name(self.to, &b.schema_name) == a.schema_name {
                return Reason::FieldTypeChanged {
                    field: field.to_owned(),
                    type_name: b.schema_name.clone(),
                    change: format!(
                        "{} → {}",
                        self.old.describe(self.old.unalias(from)),
                        self.new.describe(self.new.unalias(to))
                    ),
                    lossless,
                };
            }
        }
        Reason::FieldRetyped {
            field: field.to_owned(),
            from: self.old.describe(from),
            to: self.new.describe(to),
            lossless,
        }
    }

    fn unions(&mut self, a: &[VariantPlan], b: &[VariantPlan], reasons: &mut Vec<Reason>) -> Body {
        let mut parts = Vec::with_capacity(a.len().max(b.len()));
        let key_in_old = |v: &VariantPlan| match v.named {
            Some(_) => self.rules.old_name(self.to, &v.key).to_owned(),
            None => v.key.clone(),
        };
        let new_keys: Vec<String> = b.iter().map(key_in_old).collect();
        for (i, member) in a.iter().enumerate() {
            match new_keys.iter().position(|k| *k == member.key) {
                None => {
                    reasons.push(Reason::MemberRemoved(member.key.clone()));
                    parts.push(Matched {
                        old: Some(i),
                        new: None,
                        converts: Lossless::Neither,
                    });
                }
                Some(j) => {
                    let other = &b[j];
                    let converts = match (&member.ty, &other.ty) {
                        // Named members convert through their types'
                        // conversions, void ones included.
                        _ if member.named.is_some() && other.named.is_some() => true,
                        (None, None) => true,
                        // A member's values convert without a decision
                        // only both ways: a member that widens is still
                        // matched, and its arm converts in the lossless
                        // direction only.
                        (Some(x), Some(y)) => self.converts(x, y) == Lossless::Both,
                        _ => false,
                    };
                    if !converts {
                        reasons.push(Reason::MemberRetyped(member.key.clone()));
                    } else if member.tag != other.tag {
                        reasons.push(Reason::MemberRetagged(member.key.clone()));
                    }
                    parts.push(Matched {
                        old: Some(i),
                        new: Some(j),
                        converts: if converts {
                            Lossless::Both
                        } else {
                            Lossless::Neither
                        },
                    });
                }
            }
        }
        for (j, member) in b.iter().enumerate() {
            if !parts.iter().any(|m| m.new == Some(j)) {
                reasons.push(Reason::MemberAdded(member.key.clone()));
                parts.push(Matched {
                    old: None,
                    new: Some(j),
                    converts: Lossless::Neither,
                });
            }
        }
        Body::Union(parts)
    }

    /// Which ways a value of `from` (older) converts into `to` (newer) and
    /// back with nothing to decide: moving it and converting the named types
    /// inside (the same shape, aliases looked through, named types matched
    /// by (old) name, anonymous types paired by their place and compared as
    /// pairs of their own), or widening it where every value fits
    /// (`u8` → `u16`, `f32` → `f64`, `T` → `optional<T>`, `data[N]` →
    /// `data`, `list<T>[N]` → `list<T>`), one way only.
    fn converts(&mut self, from: &Ty, to: &Ty) -> Lossless {
        match (self.old.unalias(from), self.new.unalias(to)) {
            (Ty::Prim(x), Ty::Prim(y)) => widening(*x, *y),
            (Ty::Data, Ty::Data) => Lossless::Both,
            (Ty::FixedData(x), Ty::FixedData(y)) if x == y => Lossless::Both,
            (Ty::FixedData(_), Ty::Data) => Lossless::Up,
            (Ty::Data, Ty::FixedData(_)) => Lossless::Down,
            (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => self.converts(x, y),
            (Ty::FixedList(x, n), Ty::FixedList(y, m)) if n == m => self.converts(x, y),
            (Ty::FixedList(x, _), Ty::List(y)) => self.converts(x, y).restrict(Direction::Up),
            (Ty::List(x), Ty::FixedList(y, _)) => self.converts(x, y).restrict(Direction::Down),
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
                let keys = self.converts(k1, k2);
                keys.and(self.converts(v1, v2))
            }
            (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) => {
                let (a, b) = (&self.old.items[*i], &self.new.items[*j]);
                match (a.is_lifted(), b.is_lifted()) {
                    (false, false)
                        if self.rules.old_name(self.to, &b.schema_name) == a.schema_name =>
                    {
                        Lossless::Both
                    }
                    (true, true) => {
                        self.lifted.push((*i, *j));
                        Lossless::Both
                    }
                    _ => Lossless::Neither,
                }
            }
            (_, Ty::Optional(y)) => self.converts(from, y).restrict(Direction::Up),
            (Ty::Optional(x), _) => self.converts(x, to).restrict(Direction::Down),
            _ => Lossless::Neither,
        }
    }

    /// Whether two types that convert both ways are still written
    /// differently as plain data (`u64` → `uint`): a change worth a reason,
    /// though it decides nothing.
    fn retyped_plain(&self, from: &Ty, to: &Ty) -> bool {
        !self.old.mentions_items(from)
            && !self.new.mentions_items(to)
            && self.old.describe(self.old.unalias(from)) != self.new.describe(self.new.unalias(to))
    }

    /// Whether two field types are written the same (named types by their
    /// paired name), for matching a field by its place.
    fn same_type(&self, from: &Ty, to: &Ty) -> bool {
        match (from, to) {
            (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) => {
                let (a, b) = (&self.old.items[*i], &self.new.items[*j]);
                a.is_lifted() == b.is_lifted()
                    && (a.is_lifted()
                        || self.rules.old_name(self.to, &b.schema_name) == a.schema_name)
            }
            (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => self.same_type(x, y),
            (Ty::FixedList(x, n), Ty::FixedList(y, m)) => n == m && self.same_type(x, y),
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) => self.same_type(k1, k2) && self.same_type(v1, v2),
            (x, y) => x == y,
        }
    }

    /// Values match by name (or the name the manifest says they had);
    /// numbers may differ.
    fn enums(
        &self,
        owner: &str,
        a: &[ValuePlan],
        b: &[ValuePlan],
        reasons: &mut Vec<Reason>,
    ) -> Body {
        let old_name = |v: &ValuePlan| {
            self.rules
                .old_part_name(self.to, owner, &v.schema_name)
                .unwrap_or(&v.schema_name)
                .to_owned()
        };
        let names_in_old: Vec<String> = b.iter().map(old_name).collect();
        let mut parts = Vec::with_capacity(a.len().max(b.len()));
        for (i, value) in a.iter().enumerate() {
            let j = names_in_old.iter().position(|n| *n == value.schema_name);
            match j {
                None => reasons.push(Reason::ValueRemoved(value.schema_name.clone())),
                Some(j) => {
                    if b[j].schema_name != value.schema_name {
                        reasons.push(Reason::PartRenamed {
                            name: b[j].schema_name.clone(),
                            from: value.schema_name.clone(),
                        });
                    }
                    if b[j].value != value.value {
                        reasons.push(Reason::ValueRenumbered(b[j].schema_name.clone()))
                    }
                }
            }
            parts.push(Matched {
                old: Some(i),
                new: j,
                converts: if j.is_some() {
                    Lossless::Both
                } else {
                    Lossless::Neither
                },
            });
        }
        for (j, value) in b.iter().enumerate() {
            if !parts.iter().any(|m| m.new == Some(j)) {
                reasons.push(Reason::ValueAdded(value.schema_name.clone()));
                parts.push(Matched {
                    old: None,
                    new: Some(j),
                    converts: Lossless::Neither,
                });
            }
        }
        Body::Enum(parts)
    }
}

/// Which ways a primitive's values convert into another's: both when they
/// hold the same values (`u64` and `uint` are one Rust type), one way when
/// every value of one fits the other.
pub(crate) fn widening(from: Primitive, to: Primitive) -> Lossless {
    if from == to {
        return Lossless::Both;
    }
    match (range(from), range(to)) {
        (Some(x), Some(y)) if x == y => Lossless::Both,
        (Some(x), Some(y)) if x.within(y) => Lossless::Up,
        (Some(x), Some(y)) if y.within(x) => Lossless::Down,
        _ => Lossless::Neither,
    }
}

/// The values a numeric primitive holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Range {
    /// An integer of `bits` bits.
    Int { signed: bool, bits: u8 },
    /// A float of `bits` bits.
    Float { bits: u8 },
}

impl Range {
    /// Whether every value of `self` is a value of `other`.
    fn within(self, other: Range) -> bool {
        match (self, other) {
            (Range::Int { signed: s, bits: n }, Range::Int { signed: t, bits: m }) => {
                match (s, t) {
                    (false, false) | (true, true) => n <= m,
                    (false, true) => n < m,
                    (true, false) => false,
                }
            }
            (Range::Float { bits: n }, Range::Float { bits: m }) => n <= m,
            // An f64 holds every integer of up to 53 bits exactly, but a
            // float field is a different kind of quantity: a decision.
            _ => false,
        }
    }
}

fn range(p: Primitive) -> Option<Range> {
    let int = |signed, bits| Some(Range::Int { signed, bits });
    match p {
        Primitive::U8 => int(false, 8),
        Primitive::U16 => int(false, 16),
        Primitive::U32 => int(false, 32),
        Primitive::U64 | Primitive::Uint => int(false, 64),
        Primitive::I8 => int(true, 8),
        Primitive::I16 => int(true, 16),
        Primitive::I32 => int(true, 32),
        Primitive::I64 | Primitive::Int => int(true, 64),
        Primitive::F32 => Some(Range::Float { bits: 32 }),
        Primitive::F64 => Some(Range::Float { bits: 64 }),
        Primitive::Bool | Primitive::Str | Primitive::Void => None,
    }
}

/// Added and removed types with the same definition: each added type with
/// the one removed type written like it, when exactly one is.
fn rename_hints(
    old: &Model,
    new: &Model,
    added: &[String],
    removed: &[String],
) -> Vec<(String, String)> {
    let written = |model: &Model, name: &str| model.named(name).map(|i| definition(model, i));
    let removed: Vec<(&String, Option<String>)> =
        removed.iter().map(|r| (r, written(old, r))).collect();
    added
        .iter()
        .filter_map(|a| {
            let shape = written(new, a)?;
            let mut same = removed
                .iter()
                .filter(|(_, d)| d.as_deref() == Some(shape.as_str()));
            match (same.next(), same.next()) {
                (Some((r, _)), None) => Some((a.clone(), (*r).clone())),
                _ => None,
            }
        })
        .collect()
}

/// A type's definition as written, its name left out: what two types must
/// share to be one type under two names.
fn definition(model: &Model, index: usize) -> String {
    let item = &model.items[index];
    let body = match &item.kind {
        ItemKind::Struct(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.schema_name, model.describe(&f.ty)))
            .collect::<Vec<_>>()
            .join(", "),
        ItemKind::Enum(values) => values
            .iter()
            .map(|v| format!("{} = {}", v.schema_name, v.value))
            .collect::<Vec<_>>()
            .join(" "),
        ItemKind::Union(members) => members
            .iter()
            .map(|m| format!("{} = {}", m.key, m.tag))
            .collect::<Vec<_>>()
            .join(" | "),
        ItemKind::Alias(ty) => model.describe(ty),
        ItemKind::Unit => "void".to_owned(),
    };
    format!("{} {{ {body} }}", kind_name(&item.kind))
}

fn kind_name(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Struct(_) => "a struct",
        ItemKind::Enum(_) => "an enum",
        ItemKind::Union(_) => "a union",
        ItemKind::Unit => "void",
        ItemKind::Alias(_) => "a plain type",
    }
}
