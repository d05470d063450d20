//! Pairs the types of two consecutive versions and compares each pair part
//! by part: which fields, values and members match, whether their values
//! convert, and every difference as a [`Reason`].

use std::collections::HashMap;

use crate::evolve::{Body, Matched, Pair, Reason, Rules, StepPlan, Way};
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
    let removed = old
        .items
        .iter()
        .enumerate()
        .filter(|(i, item)| !item.is_lifted() && !paired_old[*i])
        .map(|(_, item)| item.schema_name.clone())
        .collect();
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
            (ItemKind::Struct(x), ItemKind::Struct(y)) => self.structs(x, y, &mut reasons),
            (ItemKind::Enum(x), ItemKind::Enum(y)) => enums(x, y, &mut reasons),
            (ItemKind::Union(x), ItemKind::Union(y)) => self.unions(x, y, &mut reasons),
            (ItemKind::Alias(x), ItemKind::Alias(y)) => {
                if !self.converts(x, y) {
                    reasons.push(Reason::Retyped {
                        from: self.old.describe(self.old.unalias(x)),
                        to: self.new.describe(self.new.unalias(y)),
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

    fn structs(&mut self, a: &[FieldPlan], b: &[FieldPlan], reasons: &mut Vec<Reason>) -> Body {
        let old_index: HashMap<&str, usize> = a
            .iter()
            .enumerate()
            .map(|(i, f)| (f.schema_name.as_str(), i))
            .collect();
        // For each old field, the part that holds it.
        let mut part_of_old = vec![None; a.len()];
        let mut parts = Vec::with_capacity(a.len().max(b.len()));
        for (j, field) in b.iter().enumerate() {
            let old = old_index.get(field.schema_name.as_str()).copied();
            let converts = old.is_some_and(|i| self.converts(&a[i].ty, &field.ty));
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
                        converts: false,
                    });
                }
                Some(Matched {
                    new: Some(j),
                    converts: false,
                    ..
                }) => reasons.push(self.retyped(&field.schema_name, &field.ty, &b[j].ty)),
                Some(_) => {}
            }
        }
        reasons.extend(added);
        let same_order =
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.schema_name == y.schema_name);
        if reasons.is_empty() && !same_order {
            reasons.push(Reason::FieldsReordered);
        }
        Body::Struct(parts)
    }

    /// Why a field's values no longer convert. When the field keeps a type
    /// of the same name (an alias whose target changed), say so rather than
    /// "retyped A → A".
    fn retyped(&self, field: &str, from: &Ty, to: &Ty) -> Reason {
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
                };
            }
        }
        Reason::FieldRetyped {
            field: field.to_owned(),
            from: self.old.describe(from),
            to: self.new.describe(to),
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
                        converts: false,
                    });
                }
                Some(j) => {
                    let other = &b[j];
                    let converts = match (&member.ty, &other.ty) {
                        // Named members convert through their types'
                        // conversions, void ones included.
                        _ if member.named.is_some() && other.named.is_some() => true,
                        (None, None) => true,
                        (Some(x), Some(y)) => self.converts(x, y),
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
                        converts,
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
                    converts: false,
                });
            }
        }
        Body::Union(parts)
    }

    /// Whether a value of `from` (older) converts into `to` (newer) by
    /// moving it and converting the named types inside: the same shape,
    /// aliases looked through, named types matched by (old) name, and
    /// anonymous types paired by their place (they are then compared as
    /// pairs of their own).
    fn converts(&mut self, from: &Ty, to: &Ty) -> bool {
        match (self.old.unalias(from), self.new.unalias(to)) {
            (Ty::Prim(x), Ty::Prim(y)) => x == y,
            (Ty::Data, Ty::Data) => true,
            (Ty::FixedData(x), Ty::FixedData(y)) => x == y,
            (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => self.converts(x, y),
            (Ty::FixedList(x, n), Ty::FixedList(y, m)) => n == m && self.converts(x, y),
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) => self.converts(k1, k2) && self.converts(v1, v2),
            (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) => {
                let (a, b) = (&self.old.items[*i], &self.new.items[*j]);
                match (a.is_lifted(), b.is_lifted()) {
                    (false, false) => self.rules.old_name(self.to, &b.schema_name) == a.schema_name,
                    (true, true) => {
                        self.lifted.push((*i, *j));
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

/// Values match by name; numbers may differ.
fn enums(a: &[ValuePlan], b: &[ValuePlan], reasons: &mut Vec<Reason>) -> Body {
    let mut parts = Vec::with_capacity(a.len().max(b.len()));
    for (i, value) in a.iter().enumerate() {
        let j = b.iter().position(|v| v.schema_name == value.schema_name);
        match j {
            None => reasons.push(Reason::ValueRemoved(value.schema_name.clone())),
            Some(j) if b[j].value != value.value => {
                reasons.push(Reason::ValueRenumbered(value.schema_name.clone()))
            }
            Some(_) => {}
        }
        parts.push(Matched {
            old: Some(i),
            new: j,
            converts: j.is_some(),
        });
    }
    for (j, value) in b.iter().enumerate() {
        if !parts.iter().any(|m| m.new == Some(j)) {
            reasons.push(Reason::ValueAdded(value.schema_name.clone()));
            parts.push(Matched {
                old: None,
                new: Some(j),
                converts: false,
            });
        }
    }
    Body::Enum(parts)
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
