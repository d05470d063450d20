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

/// Union members this many bytes larger than the rest are boxed.
const LARGE_MEMBER: usize = 128;

/// Boxes the payload of a union member that is much larger in memory than
/// the union's other members (`union { Big | void }` with a 256-byte
/// `Big`): every value of the union would otherwise take the largest
/// member's size, so a list of small members would cost as much as a list
/// of large ones. Boxed, the large member costs a pointer in place and its
/// size only when present. A member is boxed when it is at least
/// [`LARGE_MEMBER`] bytes and more than twice the next largest plus that.
pub(super) fn box_large_members(items: &mut [Item]) {
    let sizes = item_sizes(items);
    for item in items.iter_mut() {
        let ItemKind::Union(variants) = &mut item.kind else {
            continue;
        };
        let payload: Vec<usize> = variants
            .iter()
            .map(|v| v.ty.as_ref().map_or(0, |ty| ty_size(ty, &sizes)))
            .collect();
        let Some((largest, &size)) = payload.iter().enumerate().max_by_key(|(_, s)| **s) else {
            continue;
        };
        let second = payload
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != largest)
            .map(|(_, s)| *s)
            .max()
            .unwrap_or(0);
        if size >= LARGE_MEMBER && size > 2 * second + LARGE_MEMBER {
            if let Some(Ty::Item { boxed, .. }) = &mut variants[largest].ty {
                *boxed = true;
            }
        }
    }
}

/// An estimate of each item's size in memory on a 64-bit target (Rust's
/// real layout may be smaller: niches, packing), computed bottom-up without
/// recursion; boxed references and containers break every cycle.
fn item_sizes(items: &[Item]) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let mut sizes = vec![UNKNOWN; items.len()];
    for start in 0..items.len() {
        let mut stack = vec![(start, false)];
        while let Some((index, ready)) = stack.pop() {
            if sizes[index] != UNKNOWN {
                continue;
            }
            let pending: Vec<usize> = items[index]
                .kind
                .tys()
                .flat_map(in_place_items)
                .filter(|&j| sizes[j] == UNKNOWN && j != index)
                .collect();
            if ready || pending.is_empty() {
                // A dependency still unknown here is on a cycle the boxes
                // break; it counts as a pointer.
                sizes[index] = item_size(&items[index], &sizes);
            } else {
                stack.push((index, true));
                stack.extend(pending.into_iter().map(|j| (j, false)));
            }
        }
    }
    sizes
}

/// The items a type holds in place (not behind a `Box` or a container).
fn in_place_items(ty: &Ty) -> Vec<usize> {
    match ty {
        Ty::Item {
            index,
            boxed: false,
        } => vec![*index],
        Ty::Optional(inner) | Ty::FixedList(inner, _) => in_place_items(inner),
        _ => Vec::new(),
    }
}

fn item_size(item: &Item, sizes: &[usize]) -> usize {
    match &item.kind {
        ItemKind::Struct(fields) => fields.iter().map(|f| ty_size(&f.ty, sizes)).sum(),
        ItemKind::Enum(_) => 8,
        ItemKind::Union(variants) => {
            8 + variants
                .iter()
                .map(|v| v.ty.as_ref().map_or(0, |ty| ty_size(ty, sizes)))
                .max()
                .unwrap_or(0)
        }
        ItemKind::Alias(ty) => ty_size(ty, sizes),
        ItemKind::Unit => 0,
    }
}

fn ty_size(ty: &Ty, sizes: &[usize]) -> usize {
    use crate::ast::Primitive::*;
    match ty {
        Ty::Prim(U8 | I8 | Bool) => 1,
        Ty::Prim(U16 | I16) => 2,
        Ty::Prim(U32 | I32 | F32) => 4,
        Ty::Prim(Uint | Int | U64 | I64 | F64 | Void) => 8,
        Ty::Prim(Str) | Ty::Data | Ty::List(_) => 24,
        Ty::Map(..) => 48,
        Ty::FixedData(n) => *n as usize,
        Ty::Optional(inner) => 8 + ty_size(inner, sizes),
        Ty::FixedList(inner, n) => (*n as usize).saturating_mul(ty_size(inner, sizes)),
        Ty::Item { boxed: true, .. } => 8,
        Ty::Item { index, .. } => match sizes[*index] {
            usize::MAX => 8,
            size => size,
        },
    }
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
            copy: true,
        };
    }
    loop {
        let mut changed = false;
        for index in 0..items.len() {
            let tys: Vec<&Ty> = items[index].kind.tys().collect();
            let total = tys.iter().all(|ty| total_order(ty, items, options));
            let default = tys.iter().all(|ty| has_default(ty, items));
            let copy = tys.iter().all(|ty| is_copy(ty, items));
            let old = items[index].derives;
            let new = Derives {
                total_order: old.total_order && total,
                default: old.default && default,
                copy: old.copy && copy,
            };
            if new != old {
                items[index].derives = new;
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

/// Least fixed point: an item borrows when a part of it is a `str`, a
/// `data` or an item that borrows (recursive types included).
pub(super) fn decide_borrows(items: &mut [Item]) {
    loop {
        let mut changed = false;
        for index in 0..items.len() {
            if !items[index].borrows && items[index].kind.tys().any(|ty| borrows(ty, items)) {
                items[index].borrows = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Whether a value of `ty` holds a `str` or `data` (see [`decide_borrows`]).
pub(crate) fn borrows(ty: &Ty, items: &[Item]) -> bool {
    match ty {
        Ty::Prim(p) => matches!(p, Primitive::Str),
        Ty::Data => true,
        Ty::FixedData(_) => false,
        Ty::Optional(inner) | Ty::List(inner) | Ty::FixedList(inner, _) => borrows(inner, items),
        Ty::Map(k, v) => borrows(k, items) || borrows(v, items),
        Ty::Item { index, .. } => items[*index].borrows,
    }
}

/// Plain values only: fixed-width primitives, `data[N]`, and optionals,
/// arrays and named types of those (a value that owns memory is not `Copy`).
fn is_copy(ty: &Ty, items: &[Item]) -> bool {
    match ty {
        Ty::Prim(p) => !matches!(p, Primitive::Str),
        Ty::FixedData(_) => true,
        Ty::Data | Ty::List(_) | Ty::Map(..) => false,
        Ty::Optional(inner) | Ty::FixedList(inner, _) => is_copy(inner, items),
        Ty::Item { index, boxed } => !boxed && items[*index].derives.copy,
    }
}

/// `Default` exists for arrays only up to 32 elements.
pub(crate) fn has_default(ty: &Ty, items: &[Item]) -> bool {
    match ty {
        Ty::Prim(_) | Ty::Data | Ty::Optional(_) | Ty::List(_) | Ty::Map(..) => true,
        Ty::FixedData(n) => *n <= 32,
        Ty::FixedList(inner, n) => *n <= 32 && has_default(inner, items),
        Ty::Item { index, .. } => items[*index].derives.default,
    }
}
