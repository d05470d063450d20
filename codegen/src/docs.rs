//! Attaches `#` comments to the nodes they document.
//!
//! A comment documents a declaration, field, enum value or union member when
//! it stands on its own line(s) directly above it: no blank line between,
//! and nothing but whitespace before the `#` on its line. A comment after
//! code on the same line (`a: u8 # note`) documents nothing.

use crate::ast::{Docs, Schema, TypeExpr, TypeKind};
use crate::lex::Comment;

/// Fills the `docs` of every node of `schema` from `comments`.
pub(crate) fn attach(schema: &mut Schema, comments: &[Comment], source: &str) {
    if comments.is_empty() {
        return;
    }
    let finder = DocFinder { comments, source };
    for decl in &mut schema.decls {
        decl.docs = finder.docs_before(decl.keyword.start);
        finder.visit(&mut decl.ty);
    }
}

struct DocFinder<'a> {
    comments: &'a [Comment],
    source: &'a str,
}

impl DocFinder<'_> {
    fn visit(&self, ty: &mut TypeExpr) {
        match &mut ty.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    field.docs = self.docs_before(field.name.span.start);
                    self.visit(&mut field.ty);
                }
            }
            TypeKind::Enum { values, .. } => {
                for value in values {
                    value.docs = self.docs_before(value.name.span.start);
                }
            }
            TypeKind::Union { members, .. } => {
                for member in members {
                    member.docs = self.docs_before(self.member_start(member.ty.span.start));
                    self.visit(&mut member.ty);
                }
            }
            TypeKind::Optional(inner) => self.visit(inner),
            TypeKind::List { elem, .. } => self.visit(elem),
            TypeKind::Map { key, value } => {
                self.visit(key);
                self.visit(value);
            }
            TypeKind::Primitive(_) | TypeKind::Data { .. } | TypeKind::Named(_) => {}
        }
    }

    /// Where a union member's line starts: at a leading `|` when the member
    /// is written `| Member`, so comments above that line document it.
    fn member_start(&self, offset: usize) -> usize {
        let line_start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &self.source[line_start..offset];
        if before.trim() == "|" {
            line_start + before.find('|').unwrap_or(0)
        } else {
            offset
        }
    }

    /// The comment block that ends on the line directly above `offset`.
    fn docs_before(&self, offset: usize) -> Docs {
        // Index of the first comment starting at or after `offset`.
        let mut i = self.comments.partition_point(|c| c.span.start < offset);
        let mut lines = Vec::new();
        let mut until = offset;
        while i > 0 {
            let comment = &self.comments[i - 1];
            let gap = &self.source[comment.span.end..until];
            let own_line = self.source[..comment.span.start]
                .rsplit('\n')
                .next()
                .is_some_and(|before| before.trim().is_empty());
            if !own_line || !gap.trim().is_empty() || gap.matches('\n').count() != 1 {
                break;
            }
            lines.push(comment.text.clone());
            until = comment.span.start;
            i -= 1;
        }
        lines.reverse();
        lines
    }
}
