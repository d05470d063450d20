//! Canonical formatting of schema files (`verso fmt`).
//!
//! The syntax tree is printed back in today's syntax (legacy forms are
//! rewritten: `[]T` → `list<T>`, `enum Name {…}` → `type Name enum {…}`, …)
//! with four-space indentation, one field, value or member per line, and
//! one blank line between definitions. Every comment is kept: a comment on
//! its own line stays above the node that follows it, a comment after code
//! stays at the end of that line. `#import` lines stay first, in their
//! order. Formatting is idempotent.

use std::fmt::Write as _;

use crate::ast::{Decl, Number, Schema, TypeExpr, TypeKind};
use crate::diagnostic::Diagnostic;
use crate::lex::{self, Comment};
use crate::parse;

/// Formats `source`; syntax errors come back as diagnostics (the text is
/// not touched then).
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let schema = parse::parse(source)?;
    let comments = lex::lex(source).comments;
    let mut printer = Printer {
        source,
        comments,
        next: 0,
        out: String::new(),
    };
    printer.schema(&schema);
    Ok(printer.out)
}

struct Printer<'a> {
    source: &'a str,
    comments: Vec<Comment>,
    /// Index of the first comment not printed yet.
    next: usize,
    out: String,
}

const INDENT: &str = "    ";

impl Printer<'_> {
    fn schema(&mut self, schema: &Schema) {
        // Imports first, in their order, each with the comments above it;
        // one blank line before the first definition.
        for (i, import) in schema.imports.iter().enumerate() {
            self.leading(import.span.start, 0, i == 0);
            let _ = writeln!(self.out, "#import \"{}\"", import.path);
        }
        for (i, decl) in schema.decls.iter().enumerate() {
            if i > 0 || !schema.imports.is_empty() {
                self.out.push('\n');
            }
            self.leading(decl.keyword.start, 0, i == 0 && schema.imports.is_empty());
            self.decl(decl);
        }
        // Comments after the last definition.
        let rest = self.comments.len() - self.next;
        if rest > 0 {
            if !schema.decls.is_empty() {
                self.out.push('\n');
            }
            self.leading(self.source.len() + 1, 0, schema.decls.is_empty());
        }
    }

    /// Prints the comments that start before `offset`, each on its own line,
    /// keeping one blank line where the source had blank lines between
    /// comment groups.
    fn leading(&mut self, offset: usize, depth: usize, first: bool) {
        let mut previous_end: Option<usize> = None;
        while let Some(comment) = self.comments.get(self.next) {
            if comment.span.start >= offset {
                break;
            }
            if let Some(end) = previous_end {
                if self.source[end..comment.span.start].matches('\n').count() > 1 {
                    self.out.push('\n');
                }
            } else if !first && self.blank_line_before(comment.span.start) && depth > 0 {
                self.out.push('\n');
            }
            let _ = writeln!(
                self.out,
                "{}{}",
                INDENT.repeat(depth),
                self.comment_text(comment)
            );
            previous_end = Some(comment.span.end);
            self.next += 1;
        }
        // A blank line between the comments and the code stays.
        if let Some(end) = previous_end
            && offset <= self.source.len()
            && self.source[end..offset].matches('\n').count() > 1
        {
            self.out.push('\n');
        }
    }

    fn blank_line_before(&self, offset: usize) -> bool {
        let before = self.source[..offset].trim_end_matches([' ', '\t']);
        before.ends_with("\n\n") || before.ends_with("\n\r\n")
    }

    fn comment_text(&self, comment: &Comment) -> String {
        let raw = self.source[comment.span.range()].trim_end();
        raw.to_owned()
    }

    /// Appends a comment that sits on the same source line after `end`, and
    /// before `limit` (where the next sibling or the enclosing body ends).
    fn trailing(&mut self, end: usize, limit: usize) {
        if let Some(comment) = self.comments.get(self.next)
            && comment.span.start >= end
            && comment.span.start < limit
            && !self.source[end..comment.span.start].contains('\n')
        {
            let text = self.comment_text(comment);
            let _ = write!(self.out, " {text}");
            self.next += 1;
        }
    }

    fn decl(&mut self, decl: &Decl) {
        let _ = write!(self.out, "type {} ", decl.name.text);
        self.ty(&decl.ty, 0);
        self.trailing(decl.ty.span.end, usize::MAX);
        self.out.push('\n');
    }

    fn number(n: &Number, source: &str) -> String {
        match n.value {
            Some(v) => v.to_string(),
            // Out of range: kept as written (the checker reports it).
            None => source[n.span.range()].to_owned(),
        }
    }

    fn ty(&mut self, ty: &TypeExpr, depth: usize) {
        match &ty.kind {
            TypeKind::Primitive(p) => self.out.push_str(p.keyword()),
            TypeKind::Data { len } => {
                self.out.push_str("data");
                if let Some(n) = len {
                    let _ = write!(self.out, "[{}]", Self::number(n, self.source));
                }
            }
            TypeKind::Optional(inner) => {
                self.out.push_str("optional<");
                self.ty(inner, depth);
                self.out.push('>');
            }
            TypeKind::List { elem, len } => {
                self.out.push_str("list<");
                self.ty(elem, depth);
                self.out.push('>');
                if let Some(n) = len {
                    let _ = write!(self.out, "[{}]", Self::number(n, self.source));
                }
            }
            TypeKind::Map { key, value } => {
                self.out.push_str("map<");
                self.ty(key, depth);
                self.out.push_str("><");
                self.ty(value, depth);
                self.out.push('>');
            }
            TypeKind::Named(name) => self.out.push_str(&name.text),
            TypeKind::Enum { values, body } => {
                self.out.push_str("enum {\n");
                for (i, value) in values.iter().enumerate() {
                    let limit = values
                        .get(i + 1)
                        .map_or(body.end - 1, |v| v.name.span.start);
                    self.leading(value.name.span.start, depth + 1, true);
                    let _ = write!(self.out, "{}{}", INDENT.repeat(depth + 1), value.name.text);
                    let mut end = value.name.span.end;
                    if let Some(n) = value.value {
                        let _ = write!(self.out, " = {}", Self::number(&n, self.source));
                        end = n.span.end;
                    }
                    self.trailing(end, limit);
                    self.out.push('\n');
                }
                self.close(body.end, depth);
            }
            TypeKind::Union { members, body } => {
                let inline = members.len() <= 6
                    && !self.comments_within(body.start, body.end)
                    && members.iter().all(|m| is_simple(&m.ty));
                if inline {
                    self.out.push_str("union { ");
                    for (i, member) in members.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(" | ");
                        }
                        self.ty(&member.ty, depth);
                        if let Some(n) = member.tag {
                            let _ = write!(self.out, " = {}", Self::number(&n, self.source));
                        }
                    }
                    self.out.push_str(" }");
                } else {
                    self.out.push_str("union {\n");
                    for (i, member) in members.iter().enumerate() {
                        let limit = members.get(i + 1).map_or(body.end - 1, |m| m.ty.span.start);
                        self.leading(member.ty.span.start, depth + 1, true);
                        let _ = write!(self.out, "{}| ", INDENT.repeat(depth + 1));
                        self.ty(&member.ty, depth + 1);
                        let mut end = member.ty.span.end;
                        if let Some(n) = member.tag {
                            let _ = write!(self.out, " = {}", Self::number(&n, self.source));
                            end = n.span.end;
                        }
                        self.trailing(end, limit);
                        self.out.push('\n');
                    }
                    self.close(body.end, depth);
                }
            }
            TypeKind::Struct { fields, body } => {
                self.out.push_str("struct {\n");
                for (i, field) in fields.iter().enumerate() {
                    let limit = fields
                        .get(i + 1)
                        .map_or(body.end - 1, |f| f.name.span.start);
                    self.leading(field.name.span.start, depth + 1, true);
                    let _ = write!(
                        self.out,
                        "{}{}: ",
                        INDENT.repeat(depth + 1),
                        field.name.text
                    );
                    self.ty(&field.ty, depth + 1);
                    self.trailing(field.ty.span.end, limit);
                    self.out.push('\n');
                }
                self.close(body.end, depth);
            }
        }
    }

    /// Comments left inside a body go before its closing brace.
    fn close(&mut self, body_end: usize, depth: usize) {
        self.leading(body_end.saturating_sub(1), depth + 1, true);
        let _ = write!(self.out, "{}}}", INDENT.repeat(depth));
    }

    fn comments_within(&self, start: usize, end: usize) -> bool {
        self.comments[self.next..]
            .iter()
            .any(|c| c.span.start >= start && c.span.start < end)
    }
}

/// A type that prints on one short line.
fn is_simple(ty: &TypeExpr) -> bool {
    match &ty.kind {
        TypeKind::Primitive(_) | TypeKind::Data { .. } | TypeKind::Named(_) => true,
        TypeKind::Optional(inner) => is_simple(inner),
        TypeKind::List { elem, .. } => is_simple(elem),
        TypeKind::Map { key, value } => is_simple(key) && is_simple(value),
        TypeKind::Enum { .. } | TypeKind::Union { .. } | TypeKind::Struct { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_legacy_syntax_and_keeps_comments() {
        let source = "# Header.\n\nenum Color { RED GREEN = 005 } # trailing\nstruct P {\n  # the name\n  name: string # inline\n  tags: []str\n  # before the brace\n}\ntype M map[str][4]u8\ntype U (u8 | P)\n# The end.\n";
        let formatted = format(source).unwrap();
        assert_eq!(
            formatted,
            "# Header.\n\ntype Color enum {\n    RED\n    GREEN = 5\n} # trailing\n\ntype P struct {\n    # the name\n    name: str # inline\n    tags: list<str>\n    # before the brace\n}\n\ntype M map<str><list<u8>[4]>\n\ntype U union { u8 | P }\n\n# The end.\n"
        );
        assert_eq!(format(&formatted).unwrap(), formatted, "idempotent");
    }

    #[test]
    fn imports_stay_first_and_in_order() {
        let source = "# Shared types.\n#import \"b.v1.bare\"   \n#import   \"a.v1.bare\"\n# Ship.\nstruct Ship { at: Position }\n";
        let formatted = format(source).unwrap();
        assert_eq!(
            formatted,
            "# Shared types.\n#import \"b.v1.bare\"\n#import \"a.v1.bare\"\n\n# Ship.\ntype Ship struct {\n    at: Position\n}\n"
        );
        assert_eq!(format(&formatted).unwrap(), formatted, "idempotent");
    }
}
