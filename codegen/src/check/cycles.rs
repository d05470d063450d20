//! Recursion that can never end: a type that must contain itself.
//!
//! A type is *finite* when some value of it has a finite encoding. Optional,
//! variable-length list and map values always are (they can be empty); a
//! struct or fixed list is finite when all its parts are; a union when at
//! least one member is; an alias when its target is. Finiteness is the least
//! fixed point of these rules, computed with a worklist in time linear in
//! the schema (no recursion over the type graph, so long alias chains are
//! safe). Every type left infinite lies on or behind a cycle; each cycle is
//! reported once, at the reference that closes it.

use std::collections::VecDeque;

use crate::diagnostic::Diagnostic;
use crate::ir::{Schema, Type, TypeId, TypeKind};
use crate::span::Span;

/// Reports non-terminable recursion.
pub(super) fn check(schema: &Schema, out: &mut Vec<Diagnostic>) {
    let finite = finiteness(schema);
    if finite.iter().all(|&f| f) {
        return;
    }
    report_cycles(schema, &finite, out);
}

/// Computes which named types are finite.
fn finiteness(schema: &Schema) -> Vec<bool> {
    let n = schema.len();
    let mut finite = vec![false; n];
    // dependents[t]: the types whose definitions mention t.
    let mut dependents: Vec<Vec<TypeId>> = vec![Vec::new(); n];
    for id in schema.ids() {
        let mut refs = Vec::new();
        collect_refs(&schema.get(id).ty, &mut refs);
        for (target, _) in refs {
            dependents[target.index()].push(id);
        }
    }
    let mut queue: VecDeque<TypeId> = schema.ids().collect();
    while let Some(id) = queue.pop_front() {
        if finite[id.index()] || !is_finite(&schema.get(id).ty, &finite) {
            continue;
        }
        finite[id.index()] = true;
        queue.extend(
            dependents[id.index()]
                .iter()
                .copied()
                .filter(|d| !finite[d.index()]),
        );
    }
    finite
}

fn is_finite(ty: &Type, finite: &[bool]) -> bool {
    match &ty.kind {
        TypeKind::Primitive(_)
        | TypeKind::Data
        | TypeKind::FixedData(_)
        | TypeKind::Enum(_)
        | TypeKind::Optional(_)
        | TypeKind::List(_)
        | TypeKind::Map(..) => true,
        TypeKind::FixedList(elem, _) => is_finite(elem, finite),
        TypeKind::Struct(fields) => fields.iter().all(|f| is_finite(&f.ty, finite)),
        TypeKind::Union(members) => members.iter().any(|m| is_finite(&m.ty, finite)),
        TypeKind::Ref(id) => finite[id.index()],
    }
}

/// References a value of `ty` must contain (not those behind an optional,
/// list or map, which can be empty).
fn collect_refs(ty: &Type, refs: &mut Vec<(TypeId, Span)>) {
    match &ty.kind {
        TypeKind::FixedList(elem, _) => collect_refs(elem, refs),
        TypeKind::Struct(fields) => fields.iter().for_each(|f| collect_refs(&f.ty, refs)),
        TypeKind::Union(members) => members.iter().for_each(|m| collect_refs(&m.ty, refs)),
        TypeKind::Ref(id) => refs.push((*id, ty.span)),
        _ => {}
    }
}

/// One step of the search: a type, the references it must contain, and the
/// index of the next reference to follow.
struct Frame {
    id: TypeId,
    refs: Vec<(TypeId, Span)>,
    next: usize,
}

/// Depth-first search, in definition order, along references between
/// infinite types; a reference back into the current path closes a cycle.
fn report_cycles(schema: &Schema, finite: &[bool], out: &mut Vec<Diagnostic>) {
    let n = schema.len();
    let mut visited = vec![false; n];
    let mut on_path = vec![false; n];
    for root in schema.ids() {
        if finite[root.index()] || visited[root.index()] {
            continue;
        }
        // Each frame: a type, the references it must contain, the next one to follow.
        let mut path: Vec<Frame> = Vec::new();
        let enter = |id: TypeId, visited: &mut Vec<bool>, on_path: &mut Vec<bool>| {
            visited[id.index()] = true;
            on_path[id.index()] = true;
            let mut refs = Vec::new();
            collect_refs(&schema.get(id).ty, &mut refs);
            refs.retain(|(t, _)| !finite[t.index()]);
            Frame { id, refs, next: 0 }
        };
        path.push(enter(root, &mut visited, &mut on_path));
        while let Some(frame) = path.last_mut() {
            let Some(&(target, span)) = frame.refs.get(frame.next) else {
                on_path[frame.id.index()] = false;
                path.pop();
                continue;
            };
            frame.next += 1;
            if on_path[target.index()] {
                out.push(cycle_error(schema, &path, target, span));
                for frame in path.drain(..) {
                    on_path[frame.id.index()] = false;
                }
                break;
            }
            if !visited[target.index()] {
                path.push(enter(target, &mut visited, &mut on_path));
            }
        }
    }
}

fn cycle_error(schema: &Schema, path: &[Frame], target: TypeId, span: Span) -> Diagnostic {
    let start = path.iter().position(|f| f.id == target).unwrap_or(0);
    let mut names: Vec<&str> = path[start..]
        .iter()
        .map(|f| schema.get(f.id).name.as_str())
        .collect();
    names.push(&schema.get(target).name);
    let mut diagnostic = Diagnostic::error(
        format!(
            "type `{}` can never be finite: it must contain itself",
            schema.get(target).name
        ),
        span,
    )
    .with_code("infinite-type")
    .with_label(format!("this closes the cycle {}", names.join(" → ")))
    .with_help(
        "break the cycle with `optional<…>`, a variable-length `list<…>`, a `map`, \
         or a union member that does not lead back",
    );
    // Point at the other references along the cycle, in order.
    for window in path[start..].windows(2) {
        let frame = &window[0];
        if let Some(&(_, s)) = frame.refs.get(frame.next.saturating_sub(1)) {
            diagnostic = diagnostic.with_secondary(
                s,
                format!(
                    "`{}` contains `{}`",
                    schema.get(window[0].id).name,
                    schema.get(window[1].id).name
                ),
            );
        }
    }
    diagnostic
}
