//! Which types have a wire form of one fixed size, and what that size is.
//!
//! A struct of fixed-width numbers and bools, `data[N]`, and fixed-length
//! lists of those always take the same number of bytes, so generated code
//! can check a whole `list` of them against the input once and then decode
//! every element without a bounds check or an error path per field (the
//! runtime's `verso::bulk`). Varints (`uint`, `int`, enums, union tags,
//! lengths) and anything holding a `str`, `data`, list, map, optional or
//! box vary, and so do `void` types (they take no bytes: a list of them
//! cannot even be decoded).

use crate::ast::Primitive;
use crate::model::{Item, ItemKind, Ty};

/// The size in bytes of `ty`'s wire form if every value has the same one;
/// `None` if it varies. Item widths come from [`decide_wire_widths`].
pub(crate) fn wire_width(ty: &Ty, items: &[Item]) -> Option<usize> {
    match ty {
        Ty::Prim(p) => primitive_width(*p),
        Ty::FixedData(n) => positive(*n as usize),
        Ty::FixedList(inner, n) => wire_width(inner, items)?.checked_mul(*n as usize),
        Ty::Item {
            index,
            boxed: false,
        } => items[*index].wire_width,
        Ty::Data | Ty::Optional(_) | Ty::List(_) | Ty::Map(..) | Ty::Item { boxed: true, .. } => {
            None
        }
    }
}

fn primitive_width(p: Primitive) -> Option<usize> {
    use Primitive::*;
    match p {
        U8 | I8 | Bool => Some(1),
        U16 | I16 => Some(2),
        U32 | I32 | F32 => Some(4),
        U64 | I64 | F64 => Some(8),
        Uint | Int | Str | Void => None,
    }
}

fn positive(width: usize) -> Option<usize> {
    (width > 0).then_some(width)
}

/// The items a width depends on: those held in place, directly or in a
/// fixed-length list (anything else makes the width vary on its own).
fn width_deps(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Item {
            index,
            boxed: false,
        } => out.push(*index),
        Ty::FixedList(inner, _) => width_deps(inner, out),
        _ => {}
    }
}

fn item_width(item: &Item, items: &[Item]) -> Option<usize> {
    match &item.kind {
        ItemKind::Struct(fields) => {
            let mut total = 0usize;
            for field in fields {
                total = total.checked_add(wire_width(&field.ty, items)?)?;
            }
            positive(total)
        }
        ItemKind::Alias(ty) => wire_width(ty, items),
        ItemKind::Enum(_) | ItemKind::Union(_) | ItemKind::Unit => None,
    }
}

/// Sets [`Item::wire_width`] on every item, bottom-up without recursion
/// (alias chains and nested structs can be thousands of items deep). An
/// in-place reference still undecided when its user is decided lies on a
/// cycle, which only a `Box` can close, so it counts as varying.
pub(super) fn decide_wire_widths(items: &mut [Item]) {
    let mut decided = vec![false; items.len()];
    for start in 0..items.len() {
        let mut stack = vec![(start, false)];
        while let Some((index, ready)) = stack.pop() {
            if decided[index] {
                continue;
            }
            let mut deps = Vec::new();
            for ty in items[index].kind.tys() {
                width_deps(ty, &mut deps);
            }
            deps.retain(|&j| !decided[j] && j != index);
            if ready || deps.is_empty() {
                items[index].wire_width = item_width(&items[index], items);
                decided[index] = true;
            } else {
                stack.push((index, true));
                stack.extend(deps.into_iter().map(|j| (j, false)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::EmitOptions;
    use crate::model::{Model, lower};

    fn model(source: &str) -> Model {
        let checked = crate::check::check(source, &crate::check::Options::default());
        let schema = checked
            .schema
            .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
        lower(1, &schema, &EmitOptions::default()).unwrap_or_else(|d| panic!("{d:?}"))
    }

    fn width(model: &Model, name: &str) -> Option<usize> {
        model.items[model.named(name).unwrap()].wire_width
    }

    #[test]
    fn fixed_width_numbers_bools_and_arrays_add_up() {
        let m = model(
            "type Stamp i64\n\
             type Point struct { x: f64 y: f32 on: bool }\n\
             type Cell struct { at: Point stamp: Stamp hash: data[4] grid: list<u16>[3] pts: list<Point>[2] }\n",
        );
        assert_eq!(width(&m, "Stamp"), Some(8));
        assert_eq!(width(&m, "Point"), Some(13));
        assert_eq!(width(&m, "Cell"), Some(13 + 8 + 4 + 6 + 26));
    }

    #[test]
    fn varints_and_variable_parts_vary() {
        let m = model(
            "type E enum { A B }\n\
             type U union { Inner | E }\n\
             type Inner struct { a: u8 }\n\
             type WithUint struct { a: uint }\n\
             type WithInt struct { a: int }\n\
             type WithEnum struct { e: E }\n\
             type WithUnion struct { u: U }\n\
             type WithStr struct { s: str }\n\
             type WithData struct { d: data }\n\
             type WithOpt struct { o: optional<u8> }\n\
             type WithList struct { l: list<u8> }\n\
             type WithMap struct { m: map<u8><u8> }\n\
             type ArrayOfVarying struct { l: list<WithUint>[2] }\n\
             type Loop struct { a: u8 next: optional<Loop> }\n",
        );
        assert_eq!(width(&m, "Inner"), Some(1));
        for name in [
            "E",
            "U",
            "WithUint",
            "WithInt",
            "WithEnum",
            "WithUnion",
            "WithStr",
            "WithData",
            "WithOpt",
            "WithList",
            "WithMap",
            "ArrayOfVarying",
            "Loop",
        ] {
            assert_eq!(width(&m, name), None, "{name}");
        }
    }

    #[test]
    fn long_chains_are_decided_without_recursion() {
        // A struct nested 20,000 deep, each level referring to the next
        // one defined later (so the walk meets every dependency undecided).
        let mut source = String::new();
        let depth = 20_000;
        for i in 0..depth {
            source.push_str(&format!("type S{i} struct {{ a: u8 next: S{} }}\n", i + 1));
        }
        source.push_str(&format!("type S{depth} struct {{ a: u16 }}\n"));
        let m = model(&source);
        assert_eq!(width(&m, "S0"), Some(depth + 2));
    }
}
