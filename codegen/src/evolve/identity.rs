//! Deep identity of paired types: the same definition, and every type it
//! refers to identical too — same bytes, same meaning.
//!
//! A greatest fixed point over the pairs of one step, computed with a
//! worklist: every pair whose own definition matches starts out identical,
//! and a pair stops being identical when a pair it refers to does. Recursive
//! types are identical unless a difference is found, and nothing recurses
//! over the type graph.

use std::collections::HashMap;

use crate::evolve::Pair;
use crate::model::{Item, ItemKind, Model, Ty};

/// Sets `identical` on every pair; returns, per pair, the pairs its
/// definition refers to.
pub(super) fn mark_identical(old: &Model, new: &Model, pairs: &mut [Pair]) -> Vec<Vec<usize>> {
    let index: HashMap<(usize, usize), usize> = pairs
        .iter()
        .enumerate()
        .map(|(k, p)| ((p.old, p.new), k))
        .collect();
    let mut identical = vec![false; pairs.len()];
    let mut referrers: Vec<Vec<usize>> = vec![Vec::new(); pairs.len()];
    let mut referred: Vec<Vec<usize>> = vec![Vec::new(); pairs.len()];
    for (k, pair) in pairs.iter().enumerate() {
        let mut refs = Vec::new();
        let same = same_definition(&old.items[pair.old], &new.items[pair.new], &mut refs);
        let mut refers_to_pairs = true;
        for r in refs {
            match index.get(&r) {
                Some(&other) => {
                    referrers[other].push(k);
                    referred[k].push(other);
                }
                None => refers_to_pairs = false,
            }
        }
        identical[k] = same && refers_to_pairs;
    }
    let mut work: Vec<usize> = (0..pairs.len()).filter(|&k| !identical[k]).collect();
    while let Some(k) = work.pop() {
        for &r in &referrers[k] {
            if identical[r] {
                identical[r] = false;
                work.push(r);
            }
        }
    }
    for (pair, same) in pairs.iter_mut().zip(identical) {
        pair.identical = same;
    }
    referred
}

/// Whether two definitions are written the same (names, order, values,
/// tags), noting the item pairs they refer to at matching places.
fn same_definition(a: &Item, b: &Item, refs: &mut Vec<(usize, usize)>) -> bool {
    match (&a.kind, &b.kind) {
        (ItemKind::Struct(x), ItemKind::Struct(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.schema_name == q.schema_name && same_ty(&p.ty, &q.ty, refs))
        }
        (ItemKind::Enum(x), ItemKind::Enum(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.schema_name == q.schema_name && p.value == q.value)
        }
        (ItemKind::Union(x), ItemKind::Union(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(p, q)| {
                    if let (Some(i), Some(j)) = (p.named, q.named) {
                        refs.push((i, j));
                    }
                    p.tag == q.tag
                        && p.named.is_some() == q.named.is_some()
                        && match (&p.ty, &q.ty) {
                            (Some(s), Some(t)) => same_ty(s, t, refs),
                            (None, None) => true,
                            _ => false,
                        }
                })
        }
        (ItemKind::Alias(x), ItemKind::Alias(y)) => same_ty(x, y, refs),
        (ItemKind::Unit, ItemKind::Unit) => true,
        _ => false,
    }
}

/// Whether two type expressions are written the same, items compared as
/// pairs (noted in `refs`).
fn same_ty(a: &Ty, b: &Ty, refs: &mut Vec<(usize, usize)>) -> bool {
    match (a, b) {
        (Ty::Prim(x), Ty::Prim(y)) => x == y,
        (Ty::Data, Ty::Data) => true,
        (Ty::FixedData(x), Ty::FixedData(y)) => x == y,
        (Ty::Optional(x), Ty::Optional(y)) | (Ty::List(x), Ty::List(y)) => same_ty(x, y, refs),
        (Ty::FixedList(x, n), Ty::FixedList(y, m)) => n == m && same_ty(x, y, refs),
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => same_ty(k1, k2, refs) && same_ty(v1, v2, refs),
        (Ty::Item { index: i, .. }, Ty::Item { index: j, .. }) => {
            refs.push((*i, *j));
            true
        }
        _ => false,
    }
}
