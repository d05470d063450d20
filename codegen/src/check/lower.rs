//! Resolution and per-type rules: syntax tree → IR.
//!
//! Names are resolved against a table built first, so forward references
//! work when allowed. Every rule that concerns one type expression is
//! checked here, while its spans are at hand: names, duplicates, enum values
//! and union tags, fixed lengths.

use std::collections::HashMap;

use crate::ast::{self, Number, Primitive};
use crate::check::numbering::Numbering;
use crate::check::{Options, names};
use crate::diagnostic::{Diagnostic, closest};
use crate::ir::{self, TypeId};
use crate::span::Span;

/// Resolves names and checks per-type rules. The returned IR is only
/// meaningful when no error was pushed.
/// Names not defined here resolve to `imports`, whose types the returned
/// schema holds after its own.
pub(super) fn lower(
    schema: &ast::Schema,
    options: &Options,
    imports: &Imports,
    out: &mut Vec<Diagnostic>,
) -> ir::Schema {
    let mut table: HashMap<&str, usize> = HashMap::with_capacity(schema.decls.len());
    for (index, decl) in schema.decls.iter().enumerate() {
        if let Some(imported) = imports.get(&decl.name.text) {
            let origin = imported
                .origin
                .as_ref()
                .map(|o| o.path.as_str())
                .unwrap_or("");
            out.push(
                Diagnostic::error(
                    format!("type `{}` is also imported from {origin}", decl.name.text),
                    decl.header(),
                )
                .with_code("import-shadowed")
                .with_label("this definition would hide the imported one")
                .with_help(format!(
                    "rename this type, or use the imported `{}` and delete this definition",
                    decl.name.text
                )),
            );
        }
        if let Some((why, help)) = names::type_name_problem(&decl.name.text) {
            out.push(
                Diagnostic::error(why, decl.header())
                    .with_code("type-name-case")
                    .with_label(
                        "type names are PascalCase: an upper-case letter, then letters and digits",
                    )
                    .with_help(help),
            );
        }
        if let Some(&first) = table.get(decl.name.text.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("type `{}` is defined twice", decl.name.text),
                    decl.header(),
                )
                .with_code("duplicate-type")
                .with_label("second definition")
                .with_secondary(schema.decls[first].name.span, "first defined here")
                .with_help("rename one of them; each type name is defined once per schema"),
            );
        } else {
            table.insert(&decl.name.text, index);
        }
    }
    let local = schema.decls.len();
    let mut lowerer = Lowerer {
        schema,
        table,
        imports,
        local,
        options,
        out,
        current: 0,
    };
    let mut types: Vec<ir::TypeDef> = schema
        .decls
        .iter()
        .enumerate()
        .map(|(index, decl)| {
            lowerer.current = index;
            ir::TypeDef {
                name: decl.name.text.clone(),
                origin: None,
                name_span: decl.name.span,
                docs: decl.docs.clone(),
                ty: lowerer.ty(&decl.ty),
            }
        })
        .collect();
    types.extend(imports.types.iter().map(|def| {
        let mut def = def.clone();
        shift(&mut def.ty, local as u32);
        def
    }));
    ir::Schema::new(types)
}

/// Moves every reference of an imported type by `offset`: the imported
/// block follows the schema's own types.
fn shift(ty: &mut ir::Type, offset: u32) {
    match &mut ty.kind {
        ir::TypeKind::Ref(id) => id.0 += offset,
        ir::TypeKind::Optional(inner)
        | ir::TypeKind::List(inner)
        | ir::TypeKind::FixedList(inner, _) => shift(inner, offset),
        ir::TypeKind::Map(k, v) => {
            shift(k, offset);
            shift(v, offset);
        }
        ir::TypeKind::Union(members) => members.iter_mut().for_each(|m| shift(&mut m.ty, offset)),
        ir::TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| shift(&mut f.ty, offset)),
        ir::TypeKind::Primitive(_)
        | ir::TypeKind::Data
        | ir::TypeKind::FixedData(_)
        | ir::TypeKind::Enum(_) => {}
    }
}

/// The checked types a schema imports, with their own imports: one block
/// of definitions whose references point within it, each with its
/// [`ir::Origin`]. Built by the loader from the files an `#import` names
/// ([`crate::imports`]); [`crate::check::check_importing`] resolves the
/// names a schema does not define against it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Imports {
    types: Vec<ir::TypeDef>,
    /// Every imported name → its index in `types`.
    names: HashMap<String, usize>,
    /// `(origin, name)` → index, so a type reached twice is held once.
    held: HashMap<(ir::Origin, String), usize>,
}

/// Two imported files define the same name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImportConflict {
    /// The name.
    pub(crate) name: String,
    /// The file that defined it first.
    pub(crate) first: ir::Origin,
    /// The file that defines it again.
    pub(crate) second: ir::Origin,
}

impl Imports {
    /// Adds every type of `schema` (the checked file at `origin`, with what
    /// it imports itself); names already imported from another file are
    /// conflicts, returned, and keep their first definition.
    pub(crate) fn add(&mut self, schema: &ir::Schema, origin: &ir::Origin) -> Vec<ImportConflict> {
        let mut conflicts = Vec::new();
        // Where each of `schema`'s ids lands in this block.
        let mut index = Vec::with_capacity(schema.len());
        let mut fresh = Vec::new();
        for def in schema.types() {
            let def_origin = def.origin.clone().unwrap_or_else(|| origin.clone());
            let key = (def_origin.clone(), def.name.clone());
            if let Some(&held) = self.held.get(&key) {
                index.push(held);
                continue;
            }
            if let Some(&other) = self.names.get(&def.name) {
                let first = self.types[other]
                    .origin
                    .clone()
                    .unwrap_or_else(|| origin.clone());
                conflicts.push(ImportConflict {
                    name: def.name.clone(),
                    first,
                    second: def_origin.clone(),
                });
            }
            let at = self.types.len();
            self.held.insert(key, at);
            self.names.entry(def.name.clone()).or_insert(at);
            let mut def = def.clone();
            def.origin = Some(def_origin);
            self.types.push(def);
            index.push(at);
            fresh.push(at);
        }
        for at in fresh {
            remap(&mut self.types[at].ty, &index);
        }
        conflicts
    }

    /// The imported type called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&ir::TypeDef> {
        self.names.get(name).map(|&i| &self.types[i])
    }
}

/// Rewrites the references of a type copied from another schema into
/// this block's ids.
fn remap(ty: &mut ir::Type, index: &[usize]) {
    match &mut ty.kind {
        ir::TypeKind::Ref(id) => *id = TypeId(index[id.index()] as u32),
        ir::TypeKind::Optional(inner)
        | ir::TypeKind::List(inner)
        | ir::TypeKind::FixedList(inner, _) => remap(inner, index),
        ir::TypeKind::Map(k, v) => {
            remap(k, index);
            remap(v, index);
        }
        ir::TypeKind::Union(members) => members.iter_mut().for_each(|m| remap(&mut m.ty, index)),
        ir::TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| remap(&mut f.ty, index)),
        ir::TypeKind::Primitive(_)
        | ir::TypeKind::Data
        | ir::TypeKind::FixedData(_)
        | ir::TypeKind::Enum(_) => {}
    }
}

struct Lowerer<'a> {
    schema: &'a ast::Schema,
    table: HashMap<&'a str, usize>,
    imports: &'a Imports,
    /// How many types the schema defines itself.
    local: usize,
    options: &'a Options,
    out: &'a mut Vec<Diagnostic>,
    /// Index of the declaration being lowered, for the define-before-use rule.
    current: usize,
}

impl Lowerer<'_> {
    fn ty(&mut self, ty: &ast::TypeExpr) -> ir::Type {
        let kind = match &ty.kind {
            ast::TypeKind::Primitive(p) => ir::TypeKind::Primitive(*p),
            ast::TypeKind::Data { len: None } => ir::TypeKind::Data,
            ast::TypeKind::Data { len: Some(len) } => ir::TypeKind::FixedData(self.length(*len)),
            ast::TypeKind::Optional(inner) => ir::TypeKind::Optional(Box::new(self.ty(inner))),
            ast::TypeKind::List { elem, len } => {
                let elem = Box::new(self.ty(elem));
                match len {
                    None => ir::TypeKind::List(elem),
                    Some(len) => ir::TypeKind::FixedList(elem, self.length(*len)),
                }
            }
            ast::TypeKind::Map { key, value } => {
                ir::TypeKind::Map(Box::new(self.ty(key)), Box::new(self.ty(value)))
            }
            ast::TypeKind::Enum { values, .. } => self.enum_(ty.span, values),
            ast::TypeKind::Union { members, .. } => self.union(ty.span, members),
            ast::TypeKind::Struct { fields, body } => self.struct_(*body, fields),
            ast::TypeKind::Named(name) => self.named(name),
        };
        ir::Type {
            kind,
            span: ty.span,
        }
    }

    fn named(&mut self, name: &ast::Ident) -> ir::TypeKind {
        if !self.table.contains_key(name.text.as_str())
            && let Some(&at) = self.imports.names.get(&name.text)
        {
            // Imported files come first, whatever the order rules.
            return ir::TypeKind::Ref(TypeId((self.local + at) as u32));
        }
        let Some(&index) = self.table.get(name.text.as_str()) else {
            let help = self.undefined_help(&name.text);
            self.out.push(
                Diagnostic::error(format!("type `{}` is not defined", name.text), name.span)
                    .with_code("undefined-type")
                    .with_label("no type of this name in the schema")
                    .with_help(help),
            );
            // Stand-in that satisfies every later rule, so an undefined
            // name yields exactly one error.
            return ir::TypeKind::Primitive(Primitive::Uint);
        };
        if !self.options.legacy && index == self.current {
            self.out.push(
                Diagnostic::error(format!("type `{}` refers to itself", name.text), name.span)
                    .with_code("self-reference")
                    .with_label("used inside its own definition")
                    .with_help(
                        "recursive types need --legacy (which allows recursion that can end, \
                         through optional, list, map or a union)",
                    ),
            );
        } else if !self.options.legacy && index > self.current {
            let definition = self.schema.decls[index].header();
            self.out.push(
                Diagnostic::error(
                    format!("type `{}` is used before its definition", name.text),
                    name.span,
                )
                .with_code("use-before-definition")
                .with_label("used here")
                .with_secondary(definition, "defined here")
                .with_help(
                    "move the definition above its first use, or allow forward references \
                         and recursive types with --legacy",
                ),
            );
        }
        ir::TypeKind::Ref(TypeId(index as u32))
    }

    /// How to fix a reference to an undefined type: the primitive or the
    /// defined type it is a slip for, or else how to define it — under a
    /// name that can be defined, since `type f46 …` could not.
    fn undefined_help(&self, wanted: &str) -> String {
        if let Some(p) = Primitive::from_keyword(&wanted.to_ascii_lowercase()) {
            return format!("primitive types are lower-case: `{}`", p.keyword());
        }
        match self.similar_name(wanted) {
            Some(close) if self.table.contains_key(close) => {
                format!("a type with a similar name exists: `{close}`")
            }
            Some(primitive) => format!("did you mean the primitive type `{primitive}`?"),
            None if names::type_name_problem(wanted).is_none() => {
                format!("define it with `type {wanted} …`")
            }
            None => {
                let name = names::type_name_for(wanted);
                format!(
                    "no primitive is called `{wanted}`, and type names are PascalCase: \
                     to use a type of your own, define it as `type {name} …` and write `{name}` here"
                )
            }
        }
    }

    /// The defined type name or primitive keyword closest to a misspelt
    /// name, if any is close. Skipped once enough diagnostics exist to be
    /// cut off anyway, so a huge file full of undefined names does not cost
    /// names × definitions.
    fn similar_name(&self, wanted: &str) -> Option<&str> {
        if self.out.len() >= super::MAX_DIAGNOSTICS {
            return None;
        }
        let primitives = Primitive::ALL.iter().map(|p| p.keyword());
        closest(
            wanted,
            self.table.keys().copied().chain(primitives).chain(["data"]),
        )
    }

    /// A fixed length: at least 1, at most `u32::MAX`.
    fn length(&mut self, len: Number) -> u32 {
        match len.value {
            Some(0) => {
                self.out.push(
                    Diagnostic::error("a fixed length must be at least 1", len.span)
                        .with_code("fixed-length-zero")
                        .with_label("zero length")
                        .with_help(
                            "use `void` for no data, or drop the length for variable-length data",
                        ),
                );
                1
            }
            Some(n) if n <= u64::from(u32::MAX) => n as u32,
            _ => {
                self.out.push(
                    Diagnostic::error(
                        format!(
                            "a fixed length must be at most {} (it must fit a u32)",
                            u32::MAX
                        ),
                        len.span,
                    )
                    .with_code("fixed-length-too-large")
                    .with_label("too large")
                    .with_help("use a variable-length `data` or `list<T>` instead"),
                );
                1
            }
        }
    }

    fn enum_(&mut self, span: Span, values: &[ast::EnumValue]) -> ir::TypeKind {
        if values.is_empty() {
            self.out.push(
                Diagnostic::error("an enum needs at least one value", span)
                    .with_code("empty-enum")
                    .with_label("empty enum")
                    .with_help("list its values: `enum { ACTIVE DONE }`"),
            );
        }
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut numbering = Numbering::enum_values();
        let mut lowered = Vec::with_capacity(values.len());
        for value in values {
            let name = &value.name;
            if let Some((why, help)) = names::enum_value_problem(&name.text) {
                self.out.push(
                    Diagnostic::error(why, name.span)
                        .with_code("enum-value-case")
                        .with_label("enum values are CONSTANT_CASE")
                        .with_help(help),
                );
            }
            if let Some(&first) = seen.get(name.text.as_str()) {
                self.out.push(
                    Diagnostic::error(
                        format!("enum value `{}` appears twice", name.text),
                        name.span,
                    )
                    .with_code("duplicate-enum-value")
                    .with_label("repeated here")
                    .with_secondary(first, "first here")
                    .with_help(
                        "rename or remove one of them; value names are unique within an enum",
                    ),
                );
            } else {
                seen.insert(&name.text, name.span);
            }
            if self.options.pedantic && value.value.is_none() {
                let help = match numbering.implied() {
                    Some(v) => format!(
                        "write `{} = {v}`: --pedantic requires an explicit value on every enum value",
                        name.text
                    ),
                    None => "--pedantic requires an explicit value on every enum value".to_owned(),
                };
                self.out.push(
                    Diagnostic::error(
                        format!("expected `=` and a value after `{}`", name.text),
                        value.next,
                    )
                    .with_code("syntax")
                    .with_label("expected `= N` before this")
                    .with_secondary(name.span, "this enum value has no explicit value")
                    .with_help(help),
                );
            }
            let subject = format!("enum value `{}`", name.text);
            let Some(number) = numbering.next(value.value, &subject, name.span, self.out) else {
                continue;
            };
            lowered.push(ir::EnumValue {
                name: name.text.clone(),
                span: name.span,
                docs: value.docs.clone(),
                value: number,
            });
        }
        ir::TypeKind::Enum(lowered)
    }

    fn union(&mut self, span: Span, members: &[ast::UnionMember]) -> ir::TypeKind {
        if members.is_empty() {
            self.out.push(
                Diagnostic::error("a union needs at least one member", span)
                    .with_code("empty-union")
                    .with_label("empty union")
                    .with_help("list its member types: `union { Ping | Pong }`"),
            );
        }
        let mut numbering = Numbering::union_tags();
        let mut lowered: Vec<ir::UnionMember> = Vec::with_capacity(members.len());
        // Canonical text of each member's shape → where it was first listed;
        // hashing keeps huge unions linear.
        let mut shapes: HashMap<String, Span> = HashMap::with_capacity(members.len());
        for member in members {
            let ty = self.ty(&member.ty);
            let mut key = String::new();
            shape(&ty, &mut key);
            if let Some(&first) = shapes.get(&key) {
                self.out.push(
                    Diagnostic::error("a union cannot list the same type twice", ty.span).with_code("duplicate-union-member")
                        .with_label("repeated member type")
                        .with_secondary(first, "first listed here")
                        .with_help("each member type must differ; name two aliases if you need two cases of one type"),
                );
            }
            shapes.entry(key).or_insert(ty.span);
            if self.options.pedantic && member.tag.is_none() {
                let help = match numbering.implied() {
                    Some(v) => format!(
                        "add `= {v}` after the member type: --pedantic requires an explicit tag on every union member"
                    ),
                    None => "--pedantic requires an explicit tag on every union member".to_owned(),
                };
                self.out.push(
                    Diagnostic::error(
                        "expected `=` and a tag after this union member",
                        member.next,
                    )
                    .with_code("syntax")
                    .with_label("expected `= N` before this")
                    .with_secondary(member.ty.span, "this member has no explicit tag")
                    .with_help(help),
                );
            }
            let at = member.tag.map_or(member.ty.span, |n| n.span);
            let subject = match &member.ty.kind {
                ast::TypeKind::Named(name) => format!("the tag of `{}`", name.text),
                ast::TypeKind::Primitive(p) => format!("the tag of `{}`", p.keyword()),
                _ => "the tag of this member".to_owned(),
            };
            let Some(tag) = numbering.next(member.tag, &subject, at, self.out) else {
                continue;
            };
            lowered.push(ir::UnionMember {
                docs: member.docs.clone(),
                ty,
                tag,
            });
        }
        ir::TypeKind::Union(lowered)
    }

    fn struct_(&mut self, body: Span, fields: &[ast::Field]) -> ir::TypeKind {
        if fields.is_empty() {
            self.out.push(
                Diagnostic::error("a struct needs at least one field", body)
                    .with_code("empty-struct")
                    .with_label("no fields")
                    .with_help("add a field (`name: str`), or use `void` for a value with no data"),
            );
        }
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut lowered = Vec::with_capacity(fields.len());
        for field in fields {
            let name = &field.name;
            if let Some((why, help)) = names::field_name_problem(&name.text, self.options.pedantic)
            {
                self.out.push(
                    Diagnostic::error(why, name.span)
                        .with_code("field-name-case")
                        .with_label("field names are camelCase or snake_case")
                        .with_help(help),
                );
            }
            if let Some(&first) = seen.get(name.text.as_str()) {
                self.out.push(
                    Diagnostic::error(format!("field `{}` appears twice", name.text), name.span)
                        .with_code("duplicate-field")
                        .with_label("repeated here")
                        .with_secondary(first, "first here")
                        .with_help(
                            "rename or remove one of them; field names are unique within a struct",
                        ),
                );
            } else {
                seen.insert(&name.text, name.span);
            }
            lowered.push(ir::Field {
                name: name.text.clone(),
                span: name.span,
                docs: field.docs.clone(),
                ty: self.ty(&field.ty),
            });
        }
        ir::TypeKind::Struct(lowered)
    }
}

/// Writes a canonical text of `ty`'s shape (ignoring spans and docs; named
/// types by identity), so that two union members of the same shape get the
/// same key.
fn shape(ty: &ir::Type, out: &mut String) {
    use ir::TypeKind as K;
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = match &ty.kind {
        K::Primitive(p) => write!(out, "{}", p.keyword()),
        K::Data => write!(out, "data"),
        K::FixedData(n) => write!(out, "data[{n}]"),
        K::Optional(inner) => {
            out.push_str("optional<");
            shape(inner, out);
            write!(out, ">")
        }
        K::List(elem) => {
            out.push_str("list<");
            shape(elem, out);
            write!(out, ">")
        }
        K::FixedList(elem, n) => {
            out.push_str("list<");
            shape(elem, out);
            write!(out, ">[{n}]")
        }
        K::Map(key, value) => {
            out.push_str("map<");
            shape(key, out);
            out.push_str("><");
            shape(value, out);
            write!(out, ">")
        }
        K::Enum(values) => {
            out.push_str("enum{");
            for v in values {
                let _ = write!(out, "{}={} ", v.name, v.value);
            }
            write!(out, "}}")
        }
        K::Union(members) => {
            out.push_str("union{");
            for m in members {
                shape(&m.ty, out);
                let _ = write!(out, "={}|", m.tag);
            }
            write!(out, "}}")
        }
        K::Struct(fields) => {
            out.push_str("struct{");
            for f in fields {
                let _ = write!(out, "{}:", f.name);
                shape(&f.ty, out);
                out.push(' ');
            }
            write!(out, "}}")
        }
        K::Ref(id) => write!(out, "#{}", id.0),
    };
}
