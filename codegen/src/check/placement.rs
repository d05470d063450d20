//! Where types may stand: `void` only as a whole definition or a union
//! member; map keys only of primitive (not float, not void), `data` or enum
//! types. Both rules look through aliases, so they run on the IR.

use crate::ast::Primitive;
use crate::diagnostic::Diagnostic;
use crate::ir::{Schema, Type, TypeId, TypeKind};

/// Checks `void` placement and map keys across the whole schema.
pub(super) fn check(schema: &Schema, out: &mut Vec<Diagnostic>) {
    let targets = alias_targets(schema);
    let mut walker = Walker {
        schema,
        targets: &targets,
        out,
    };
    // Imported types were checked in their own file.
    for def in schema.types().filter(|def| def.origin.is_none()) {
        // A whole definition may be void (`type Nothing void`).
        walker.children(&def.ty);
    }
}

struct Walker<'a> {
    schema: &'a Schema,
    /// For each named type, the non-alias definition its alias chain ends at.
    targets: &'a [Option<TypeId>],
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    /// Checks `ty` in a position where `void` is not allowed.
    fn nested(&mut self, ty: &'a Type, place: &str) {
        if let Some(alias) = self.void_through(ty) {
            let mut diagnostic = Diagnostic::error(format!("`void` cannot be {place}"), ty.span)
                .with_code("misplaced-void")
                .with_label("this is void")
                .with_help("`void` may only be a whole type definition or a union member");
            if let Some(alias) = alias {
                diagnostic = diagnostic.with_secondary(alias, "defined as `void` here");
            }
            self.out.push(diagnostic);
        }
        self.children(ty);
    }

    fn children(&mut self, ty: &'a Type) {
        match &ty.kind {
            TypeKind::Optional(inner) => self.nested(inner, "the value of an optional"),
            TypeKind::List(elem) | TypeKind::FixedList(elem, _) => {
                self.nested(elem, "a list element")
            }
            TypeKind::Map(key, value) => {
                self.map_key(key);
                self.nested(key, "a map key");
                self.nested(value, "a map value");
            }
            TypeKind::Struct(fields) => {
                for field in fields {
                    self.nested(&field.ty, "the type of a struct field");
                }
            }
            TypeKind::Union(members) => {
                for member in members {
                    self.children(&member.ty);
                }
            }
            TypeKind::Primitive(_)
            | TypeKind::Data
            | TypeKind::FixedData(_)
            | TypeKind::Enum(_)
            | TypeKind::Ref(_) => {}
        }
    }

    /// `Some` when `ty` is void; the inner span is the alias definition when
    /// the void was reached through one.
    fn void_through(&self, ty: &'a Type) -> Option<Option<crate::Span>> {
        let (resolved, via) = self.resolve(ty);
        matches!(resolved.kind, TypeKind::Primitive(Primitive::Void)).then_some(via)
    }

    fn map_key(&mut self, key: &'a Type) {
        let (resolved, via) = self.resolve(key);
        let allowed = match &resolved.kind {
            TypeKind::Primitive(p) => {
                !matches!(p, Primitive::F32 | Primitive::F64 | Primitive::Void)
            }
            TypeKind::Data | TypeKind::FixedData(_) | TypeKind::Enum(_) => true,
            // A cycle of aliases is reported by the cycle check.
            TypeKind::Ref(_) => true,
            _ => false,
        };
        if allowed || matches!(resolved.kind, TypeKind::Primitive(Primitive::Void)) {
            // void keys are reported by the void rule.
            return;
        }
        let what = describe(&resolved.kind);
        let mut diagnostic = Diagnostic::error(format!("{what} cannot be a map key"), key.span)
            .with_code("invalid-map-key")
            .with_label("invalid key type")
            .with_help(
                "map keys are integers, `bool`, `str`, `data`, `data[N]` or enums \
                 (floats cannot be compared reliably; aggregates are not keys)",
            );
        if let Some(alias) = via {
            diagnostic = diagnostic.with_secondary(alias, format!("this is {what}"));
        }
        self.out.push(diagnostic);
    }
}

/// For every named type, the definition at the end of its alias chain
/// (`type A B`, `type B u8`: both end at `B`); `None` on a cycle of aliases
/// (reported by the cycle check). Memoised, so each chain is walked once.
fn alias_targets(schema: &Schema) -> Vec<Option<TypeId>> {
    let mut targets: Vec<Option<Option<TypeId>>> = vec![None; schema.len()];
    let mut on_chain = vec![false; schema.len()];
    for start in schema.ids() {
        let mut chain = Vec::new();
        let mut current = start;
        let end = loop {
            if let Some(known) = targets[current.index()] {
                break known;
            }
            if on_chain[current.index()] {
                break None;
            }
            on_chain[current.index()] = true;
            chain.push(current);
            match schema.get(current).ty.kind {
                TypeKind::Ref(next) => current = next,
                _ => break Some(current),
            }
        };
        for id in chain {
            targets[id.index()] = Some(end);
            on_chain[id.index()] = false;
        }
    }
    targets.into_iter().map(Option::flatten).collect()
}

impl<'a> Walker<'a> {
    /// Follows aliases to the type they stand for. Returns the resolved type
    /// and, if an alias was followed, the span of the definition reached.
    fn resolve(&self, ty: &'a Type) -> (&'a Type, Option<crate::Span>) {
        match ty.kind {
            TypeKind::Ref(id) => match self.targets[id.index()] {
                Some(target) => {
                    let resolved = &self.schema.get(target).ty;
                    (resolved, Some(resolved.span))
                }
                None => (ty, None),
            },
            _ => (ty, None),
        }
    }
}

fn describe(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Primitive(p) => format!("`{}`", p.keyword()),
        TypeKind::Data => "`data`".into(),
        TypeKind::FixedData(n) => format!("`data[{n}]`"),
        TypeKind::Optional(_) => "an optional".into(),
        TypeKind::List(_) | TypeKind::FixedList(..) => "a list".into(),
        TypeKind::Map(..) => "a map".into(),
        TypeKind::Enum(_) => "an enum".into(),
        TypeKind::Union(_) => "a union".into(),
        TypeKind::Struct(_) => "a struct".into(),
        TypeKind::Ref(_) => "an alias".into(),
    }
}
