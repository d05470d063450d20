//! Facts about a lowered module that need its whole item graph: where a
//! `Box` breaks a cycle of in-place containment, which items are recursive,
//! and which derives every item can carry.

use crate::ast::Primitive;
use crate::model::{Derives, EmitOptions, Item, ItemKind, MapType, Ty};

/// Item references of `ty`: `(index, inline)`, where `inline` means the
/// value is stored in place (not behind a `Vec` or map).
fn refs(ty: &Ty, inline: bool, out: &mut Vec<(usize, bool)>) {
    match ty {
        Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => {}
        Ty::Optional(inner) | Ty::FixedList(inner, _) => refs(inner, inline, out),
        Ty::List(inner) => refs(inner, false, out),
        Ty::Map(k, v) => {
            refs(k, false, out);
            refs(v, false, out);
        }
        Ty::Item { index, .. } => out.push((*index, inline)),
    }
}

/// The items `item` refers to directly, each with whether it is stored in
/// place. The one reference collector of the model: boxing, recursion,
/// roots and reachability all read the item graph through it.
pub(crate) fn item_refs(item: &Item) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    for ty in item.kind.tys() {
        refs(ty, true, &mut out);
    }
    out
}

/// The types `item` uses as map keys, as written (possibly aliases).
pub(crate) fn map_key_tys(item: &Item) -> Vec<&Ty> {
    fn walk<'a>(ty: &'a Ty, out: &mut Vec<&'a Ty>) {
        match ty {
            Ty::Prim(_) | Ty::Data | Ty::FixedData(_) | Ty::Item { .. } => {}
            Ty::Optional(inner) | Ty::FixedList(inner, _) | Ty::List(inner) => walk(inner, out),
            Ty::Map(k, v) => {
                out.push(k);
                walk(v, out);
            }
        }
    }
    let mut out = Vec::new();
    for ty in item.kind.tys() {
        walk(ty, &mut out);
    }
    out
}

/// A reference stored in place from item A to an earlier (or the same) item
/// B needs a `Box` when B leads back to A through in-place references — A
/// and B share an in-place cycle — or the Rust type would have infinite
/// size. An item is recursive when it reaches itself by any path. Both come
/// from strongly connected components, so the pass is linear in the size
/// of the item graph.
pub(super) fn mark_boxes_and_recursion(items: &mut [Item]) {
    let edges: Vec<Vec<(usize, bool)>> = items.iter().map(item_refs).collect();
    let all: Vec<Vec<usize>> = edges
        .iter()
        .map(|e| e.iter().map(|&(j, _)| j).collect())
        .collect();
    let inline: Vec<Vec<usize>> = edges
        .iter()
        .map(|e| e.iter().filter(|&&(_, i)| i).map(|&(j, _)| j).collect())
        .collect();
    let any_cycle = crate::graph::components(&all);
    let inline_cycle = crate::graph::components(&inline);
    let mut component_size = vec![0usize; items.len()];
    for &c in &any_cycle {
        component_size[c] += 1;
    }
    for (index, item) in items.iter_mut().enumerate() {
        item.recursive = component_size[any_cycle[index]] > 1 || all[index].contains(&index);
        let same_cycle = |other: usize| inline_cycle[other] == inline_cycle[index];
        for ty in item.kind.tys_mut() {
            box_back_edges(ty, index, true, &same_cycle);
        }
    }
}

fn box_back_edges(ty: &mut Ty, owner: usize, inline: bool, same_cycle: &dyn Fn(usize) -> bool) {
    match ty {
        Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => {}
        Ty::Optional(inner) | Ty::FixedList(inner, _) => {
            box_back_edges(inner, owner, inline, same_cycle)
        }
        Ty::List(inner) => box_back_edges(inner, owner, false, same_cycle),
        Ty::Map(k, v) => {
            box_back_edges(k, owner, false, same_cycle);
            box_back_edges(v, owner, false, same_cycle);
        }
        Ty::Item { index, boxed } => {
            // Every cycle has an edge back to an earlier (or the same) item,
            // so boxing only those edges breaks each cycle with one `Box`.
            *boxed = inline && *index <= owner && same_cycle(*index);
        }
    }
}

/// Greatest fixed point: start from "every derive allowed" and remove what a
/// part forbids until nothing changes (recursive types included).
pub(super) fn decide_derives(items: &mut [Item], options: &EmitOptions) {
    for item in items.iter_mut() {
        item.derives = Derives {
            total_order: true,
            default: matches!(
                item.kind,
                ItemKind::Struct(_) | ItemKind::Alias(_) | ItemKind::Unit
            ),
            copy: matches!(item.kind, ItemKind::Enum(_)),
        };
    }
    loop {
        let mut changed = false;
        for index in 0..items.len() {
            let tys: Vec<&Ty> = items[index].kind.tys().collect();
            let total = tys.iter().all(|ty| total_order(ty, items, options));
            let default = tys.iter().all(|ty| has_default(ty, items));
            let derives = &items[index].derives;
            let (new_total, new_default) =
                (derives.total_order && total, derives.default && default);
            if (new_total, new_default) != (derives.total_order, derives.default) {
                items[index].derives.total_order = new_total;
                items[index].derives.default = new_default;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

fn total_order(ty: &Ty, items: &[Item], options: &EmitOptions) -> bool {
    match ty {
        Ty::Prim(p) => !matches!(p, Primitive::F32 | Primitive::F64),
        Ty::Data | Ty::FixedData(_) => true,
        Ty::Optional(inner) | Ty::List(inner) | Ty::FixedList(inner, _) => {
            total_order(inner, items, options)
        }
        Ty::Map(k, v) => {
            options.map_type == MapType::BTreeMap
                && total_order(k, items, options)
                && total_order(v, items, options)
        }
        Ty::Item { index, .. } => items[*index].derives.total_order,
    }
}

/// `Default` exists for arrays only up to 32 elements.
fn has_default(ty: &Ty, items: &[Item]) -> bool {
    match ty {
        Ty::Prim(_) | Ty::Data | Ty::Optional(_) | Ty::List(_) | Ty::Map(..) => true,
        Ty::FixedData(n) => *n <= 32,
        Ty::FixedList(inner, n) => *n <= 32 && has_default(inner, items),
        Ty::Item { index, .. } => items[*index].derives.default,
    }
}
