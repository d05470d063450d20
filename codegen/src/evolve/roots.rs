//! Root types (the ones with a `…Versioned` wrapper), the versions each is
//! supported in, and what a root reaches.

use crate::evolve::{Pair, Root, Rules, StepPlan};
use crate::model::shape::item_refs;
use crate::model::{ItemKind, Model};

/// A root's name in every version that has it, newest first until the
/// walk back stops.
pub(super) struct RootNames {
    /// Its name in the latest version.
    name: String,
    /// `(version, name)`, oldest first.
    names: Vec<(u16, String)>,
}

/// The roots of a family: the configured ones, or the latest version's
/// structs, enums and unions no other type refers to. Each is followed
/// back, through the manifest's renames, to the oldest version that has it.
pub(super) fn roots(models: &[Model], rules: &Rules) -> Vec<RootNames> {
    let Some(latest) = models.last() else {
        return Vec::new();
    };
    let names: Vec<String> = if rules.roots.is_empty() {
        let mut referenced = vec![false; latest.items.len()];
        for (index, item) in latest.items.iter().enumerate() {
            for (target, _) in item_refs(item) {
                if target != index {
                    referenced[target] = true;
                }
            }
        }
        latest
            .items
            .iter()
            .enumerate()
            .filter(|(index, item)| {
                !item.is_lifted()
                    && !item.is_imported()
                    && !referenced[*index]
                    && matches!(
                        item.kind,
                        ItemKind::Struct(_) | ItemKind::Enum(_) | ItemKind::Union(_)
                    )
            })
            .map(|(_, item)| item.schema_name.clone())
            .collect()
    } else {
        let mut names: Vec<String> = Vec::new();
        for name in &rules.roots {
            if latest.named(name).is_some() && !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    };
    names
        .into_iter()
        .map(|name| {
            let mut names = vec![(latest.version, name.clone())];
            let mut current = name.clone();
            for pair in models.windows(2).rev() {
                let old = rules.old_name(pair[1].version, &current).to_owned();
                if pair[0].named(&old).is_none() {
                    break;
                }
                names.push((pair[0].version, old.clone()));
                current = old;
            }
            names.reverse();
            RootNames { name, names }
        })
        .collect()
}

/// The items of `model` that are roots there.
pub(super) fn root_items(model: &Model, roots: &[RootNames]) -> Vec<usize> {
    roots
        .iter()
        .filter_map(|root| {
            let (_, name) = root.names.iter().find(|(v, _)| *v == model.version)?;
            model.named(name)
        })
        .collect()
}

/// Which items of `model` the items `from` reach (themselves included).
pub(super) fn reachable(model: &Model, from: &[usize]) -> Vec<bool> {
    let mut seen = vec![false; model.items.len()];
    let mut stack = from.to_vec();
    while let Some(index) = stack.pop() {
        if !std::mem::replace(&mut seen[index], true) {
            stack.extend(item_refs(&model.items[index]).into_iter().map(|(j, _)| j));
        }
    }
    seen
}

/// The roots present in `old` that reach a pair that is not identical.
/// One walk backwards from the changed items over the reversed references
/// marks every item that reaches a change, so the cost is linear in the
/// item graph however many roots there are.
pub(super) fn affected(old: &Model, roots: &[RootNames], pairs: &[Pair]) -> Vec<String> {
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); old.items.len()];
    for (index, item) in old.items.iter().enumerate() {
        for (target, _) in item_refs(item) {
            referrers[target].push(index);
        }
    }
    let mut reaches_change = vec![false; old.items.len()];
    let mut stack: Vec<usize> = pairs
        .iter()
        .filter(|p| !p.identical)
        .map(|p| p.old)
        .collect();
    while let Some(index) = stack.pop() {
        if !std::mem::replace(&mut reaches_change[index], true) {
            stack.extend(referrers[index].iter().copied());
        }
    }
    roots
        .iter()
        .filter(|root| {
            root_items(old, std::slice::from_ref(root))
                .iter()
                .any(|&index| reaches_change[index])
        })
        .map(|root| root.name.clone())
        .collect()
}

/// The roots with the first version that decodes straight into the latest
/// types: the root's pair is identical in every step from there on.
pub(super) fn finish(roots: Vec<RootNames>, steps: &[StepPlan]) -> Vec<Root> {
    // Per step, whether the named pair of each new name is identical.
    let identical: Vec<std::collections::HashMap<&str, bool>> = steps
        .iter()
        .map(|step| {
            let mut by_name = std::collections::HashMap::new();
            for pair in step.pairs.iter().filter(|p| !p.lifted) {
                let same = by_name.entry(pair.new_name.as_str()).or_insert(false);
                *same |= pair.identical;
            }
            by_name
        })
        .collect();
    roots
        .into_iter()
        .map(|root| {
            let oldest = root.names.first().map_or(0, |(v, _)| *v);
            let latest = root.names.last().map_or(0, |(v, _)| *v);
            let mut direct_from = latest;
            for (step, identical) in steps.iter().zip(&identical).rev() {
                if step.from < oldest {
                    break;
                }
                let Some(new_name) = root.names.iter().find(|(v, _)| *v == step.to) else {
                    break;
                };
                let same = identical.get(new_name.1.as_str()).copied().unwrap_or(false);
                if !same {
                    break;
                }
                direct_from = step.from;
            }
            Root {
                name: root.name,
                oldest,
                names: root.names,
                direct_from,
            }
        })
        .collect()
}
