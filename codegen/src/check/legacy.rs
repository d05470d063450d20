//! Pre-draft-03 syntax: a warning in legacy mode, an error otherwise.

use crate::ast::{Legacy, Schema, TypeExpr, TypeKind};
use crate::check::Options;
use crate::diagnostic::Diagnostic;

/// Reports every legacy form in `schema`.
pub(super) fn check(schema: &Schema, options: &Options, out: &mut Vec<Diagnostic>) {
    for decl in &schema.decls {
        if let Some(legacy) = decl.legacy {
            out.push(report(legacy, options).with_secondary(
                decl.header(),
                format!("old-style definition of `{}`", decl.name.text),
            ));
        }
        visit(&decl.ty, options, out);
    }
}

fn visit(ty: &TypeExpr, options: &Options, out: &mut Vec<Diagnostic>) {
    if let Some(legacy) = ty.legacy {
        out.push(report(legacy, options));
    }
    match &ty.kind {
        TypeKind::Optional(inner) => visit(inner, options, out),
        TypeKind::List { elem, .. } => visit(elem, options, out),
        TypeKind::Map { key, value } => {
            visit(key, options, out);
            visit(value, options, out);
        }
        TypeKind::Union { members, .. } => {
            for member in members {
                visit(&member.ty, options, out);
            }
        }
        TypeKind::Struct { fields, .. } => {
            for field in fields {
                visit(&field.ty, options, out);
            }
        }
        TypeKind::Primitive(_)
        | TypeKind::Data { .. }
        | TypeKind::Enum { .. }
        | TypeKind::Named(_) => {}
    }
}

fn report(legacy: Legacy, options: &Options) -> Diagnostic {
    let old = legacy.form.old();
    let current = legacy.form.current();
    if options.legacy {
        Diagnostic::warning(format!("legacy syntax `{old}`"), legacy.span)
            .with_code("legacy-syntax")
            .with_label(format!("written in the pre-draft-03 form `{old}`"))
            .with_help(format!("today's BARE writes `{current}`"))
    } else {
        Diagnostic::error(
            format!("legacy syntax `{old}` is not allowed without --legacy"),
            legacy.span,
        )
        .with_code("legacy-syntax")
        .with_label(format!("the pre-draft-03 form `{old}`"))
        .with_help(format!(
            "write `{current}`, or accept legacy syntax with --legacy"
        ))
    }
}
