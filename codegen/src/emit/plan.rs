//! The shape of one version's Rust module, decided before any tokens are
//! written: anonymous nested types lifted into named items, every name
//! chosen (collisions become diagnostics), where a `Box` is needed, which
//! types are recursive (their decoders count depth) and which derives each
//! type can have.

use std::collections::HashMap;

use crate::ast::Primitive;
use crate::diagnostic::Diagnostic;
use crate::emit::{EmitOptions, MapType, names};
use crate::ir::{self, TypeKind};
use crate::span::Span;

/// Everything needed to emit one version's module.
pub(crate) struct Plan {
    /// Items in a fixed order: the schema's named types in source order,
    /// then lifted anonymous types in the order they were found.
    pub items: Vec<Item>,
    /// The version number (for `vN::Name` paths in options).
    pub version: u16,
}

/// A type of the generated module.
pub(crate) struct Item {
    /// Rust name (UpperCamelCase, escaped if needed).
    pub name: String,
    /// The schema's name for it (used in decode error paths).
    pub schema_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// What it is.
    pub kind: ItemKind,
    /// Whether a value can contain another value of this type (its decoder
    /// then counts nesting depth).
    pub recursive: bool,
    /// Derives beyond `Debug, Clone, PartialEq`.
    pub derives: Derives,
    /// Where it was defined.
    pub span: Span,
}

/// The kinds of item.
pub(crate) enum ItemKind {
    /// A struct.
    Struct(Vec<FieldPlan>),
    /// A C-like enum.
    Enum(Vec<ValuePlan>),
    /// A union: a Rust enum with one variant per member.
    Union(Vec<VariantPlan>),
    /// `type A T` for a non-composite T: a transparent `pub type`.
    Alias(Ty),
    /// `type A void`: a unit struct.
    Unit,
}

/// A struct field.
pub(crate) struct FieldPlan {
    /// Rust name (snake_case, unescaped; escaping happens at emission).
    pub name: String,
    /// Name in the schema (for error paths).
    pub schema_name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Field type.
    pub ty: Ty,
}

/// An enum value.
pub(crate) struct ValuePlan {
    /// Rust variant name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Wire value.
    pub value: u64,
}

/// A union variant.
pub(crate) struct VariantPlan {
    /// Rust variant name.
    pub name: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Wire tag.
    pub tag: u64,
    /// Payload type; `None` for a void member (a unit variant).
    pub ty: Option<Ty>,
}

/// A type expression as the emitter sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    /// Any primitive but void.
    Prim(Primitive),
    /// `data`.
    Data,
    /// `data[N]`.
    FixedData(u32),
    /// `optional<T>`.
    Optional(Box<Ty>),
    /// `list<T>`.
    List(Box<Ty>),
    /// `list<T>[N]`.
    FixedList(Box<Ty>, u32),
    /// `map<K><V>`.
    Map(Box<Ty>, Box<Ty>),
    /// Another item, boxed when it sits on a cycle of inline containment.
    Item {
        /// Index into [`Plan::items`].
        index: usize,
        /// Whether it is held in a `Box`.
        boxed: bool,
    },
}

/// Derives an item can carry beyond `Debug, Clone, PartialEq`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Derives {
    /// `Eq, Hash, PartialOrd, Ord`: no float and no `HashMap` inside.
    pub total_order: bool,
    /// `Default`: every field has a default.
    pub default: bool,
    /// `Copy`: field-less enums.
    pub copy: bool,
}

/// Plans one version's module.
pub(crate) fn plan(
    version: u16,
    schema: &ir::Schema,
    options: &EmitOptions,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut planner = Planner {
        schema,
        items: Vec::new(),
        taken: HashMap::new(),
        problems: Vec::new(),
    };
    // Named types first, so their indices equal their TypeIds.
    for def in schema.types() {
        let name = names::ident(&def.name).to_string();
        planner.taken.insert(name.clone(), def.name_span);
        planner.items.push(Item {
            name,
            schema_name: def.name.clone(),
            docs: def.docs.clone(),
            kind: ItemKind::Unit,
            recursive: false,
            derives: Derives::default(),
            span: def.name_span,
        });
    }
    for (index, def) in schema.types().enumerate() {
        let kind = planner.kind_of(&def.ty, index);
        planner.items[index].kind = kind;
    }
    if !planner.problems.is_empty() {
        return Err(planner.problems);
    }
    let mut items = planner.items;
    mark_boxes_and_recursion(&mut items);
    decide_derives(&mut items, options);
    if options.serde {
        check_serde(&items)?;
    }
    Ok(Plan { items, version })
}

struct Planner<'a> {
    schema: &'a ir::Schema,
    items: Vec<Item>,
    /// Rust type names in use, with where they come from.
    taken: HashMap<String, Span>,
    problems: Vec<Diagnostic>,
}

impl Planner<'_> {
    /// The item kind of a definition's (or lifted type's) body.
    fn kind_of(&mut self, ty: &ir::Type, owner: usize) -> ItemKind {
        match &ty.kind {
            TypeKind::Struct(fields) => ItemKind::Struct(self.fields(fields, owner)),
            TypeKind::Enum(values) => ItemKind::Enum(self.values(values, ty.span)),
            TypeKind::Union(members) => ItemKind::Union(self.variants(members, owner)),
            TypeKind::Primitive(Primitive::Void) => ItemKind::Unit,
            _ => ItemKind::Alias(self.ty(ty, owner, "")),
        }
    }

    fn fields(&mut self, fields: &[ir::Field], owner: usize) -> Vec<FieldPlan> {
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut out = Vec::with_capacity(fields.len());
        for field in fields {
            let name = names::field_name(&field.name);
            if let Some(&first) = seen.get(&name) {
                self.problems.push(
                    Diagnostic::error(
                        format!(
                            "fields `{}` and another both become `{name}` in Rust",
                            field.name
                        ),
                        field.span,
                    )
                    .with_label("same Rust name as an earlier field")
                    .with_secondary(first, "also becomes this name")
                    .with_help("rename one of the fields so their snake_case forms differ"),
                );
            }
            seen.insert(name.clone(), field.span);
            let ty = self.ty(&field.ty, owner, &names::camel(&field.name));
            out.push(FieldPlan {
                name,
                schema_name: field.name.clone(),
                docs: field.docs.clone(),
                ty,
            });
        }
        out
    }

    fn values(&mut self, values: &[ir::EnumValue], _span: Span) -> Vec<ValuePlan> {
        let mut seen: HashMap<String, Span> = HashMap::new();
        values
            .iter()
            .map(|value| {
                let name = names::variant_name(&value.name);
                if let Some(&first) = seen.get(&name) {
                    self.problems.push(
                        Diagnostic::error(
                            format!(
                                "enum values `{}` and another both become `{name}` in Rust",
                                value.name
                            ),
                            value.span,
                        )
                        .with_label("same Rust name as an earlier value")
                        .with_secondary(first, "also becomes this name")
                        .with_help("rename one of the values so their UpperCamelCase forms differ"),
                    );
                }
                seen.insert(name.clone(), value.span);
                ValuePlan {
                    name,
                    docs: value.docs.clone(),
                    value: value.value,
                }
            })
            .collect()
    }

    fn variants(&mut self, members: &[ir::UnionMember], owner: usize) -> Vec<VariantPlan> {
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut out = Vec::with_capacity(members.len());
        for member in members {
            let name = self.variant_name(&member.ty, member.tag);
            if let Some(&first) = seen.get(&name) {
                self.problems.push(
                    Diagnostic::error(
                        format!("two members of this union both become the Rust variant `{name}`"),
                        member.ty.span,
                    )
                    .with_label("same variant name as an earlier member")
                    .with_secondary(first, "also becomes this variant")
                    .with_help("name one of the member types with a `type` definition"),
                );
            }
            seen.insert(name.clone(), member.ty.span);
            let ty = if self.is_void(&member.ty) {
                None
            } else {
                Some(self.ty(&member.ty, owner, &name))
            };
            out.push(VariantPlan {
                name,
                docs: member.docs.clone(),
                tag: member.tag,
                ty,
            });
        }
        out
    }

    /// Whether `ty` is void, directly or through aliases.
    fn is_void(&self, ty: &ir::Type) -> bool {
        matches!(
            self.schema.resolve(ty).kind,
            TypeKind::Primitive(Primitive::Void)
        )
    }

    /// The variant name of a union member: the type's name, or one derived
    /// from the type expression (`list<u8>` → `ListU8`).
    fn variant_name(&self, ty: &ir::Type, tag: u64) -> String {
        match &ty.kind {
            TypeKind::Ref(id) => self.items[id.index()].name.trim_end_matches('_').to_owned(),
            TypeKind::Primitive(p) => names::camel(p.keyword()),
            TypeKind::Data => "Data".to_owned(),
            TypeKind::FixedData(n) => format!("Data{n}"),
            TypeKind::Optional(inner) => format!("Optional{}", self.variant_name(inner, tag)),
            TypeKind::List(inner) => format!("List{}", self.variant_name(inner, tag)),
            TypeKind::FixedList(inner, n) => format!("List{}x{n}", self.variant_name(inner, tag)),
            TypeKind::Map(k, v) => format!(
                "Map{}{}",
                self.variant_name(k, tag),
                self.variant_name(v, tag)
            ),
            TypeKind::Struct(_) => format!("Struct{tag}"),
            TypeKind::Enum(_) => format!("Enum{tag}"),
            TypeKind::Union(_) => format!("Union{tag}"),
        }
    }

    /// Lowers a type expression found inside item `owner`; `context` names
    /// its position (field or variant), for anonymous types lifted out.
    fn ty(&mut self, ty: &ir::Type, owner: usize, context: &str) -> Ty {
        match &ty.kind {
            TypeKind::Primitive(p) => Ty::Prim(*p),
            TypeKind::Data => Ty::Data,
            TypeKind::FixedData(n) => Ty::FixedData(*n),
            TypeKind::Optional(inner) => Ty::Optional(Box::new(self.ty(inner, owner, context))),
            TypeKind::List(inner) => {
                Ty::List(Box::new(self.ty(inner, owner, &format!("{context}Item"))))
            }
            TypeKind::FixedList(inner, n) => Ty::FixedList(
                Box::new(self.ty(inner, owner, &format!("{context}Item"))),
                *n,
            ),
            TypeKind::Map(k, v) => Ty::Map(
                Box::new(self.ty(k, owner, &format!("{context}Key"))),
                Box::new(self.ty(v, owner, &format!("{context}Value"))),
            ),
            TypeKind::Ref(id) => Ty::Item {
                index: id.index(),
                boxed: false,
            },
            TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_) => {
                self.lift(ty, owner, context)
            }
        }
    }

    /// Turns an anonymous struct, enum or union into an item of its own,
    /// named after its owner and position (`App` field `kind` → `AppKind`).
    fn lift(&mut self, ty: &ir::Type, owner: usize, context: &str) -> Ty {
        let owner_name = self.items[owner].name.trim_end_matches('_').to_owned();
        let name = format!("{owner_name}{context}");
        if let Some(&first) = self.taken.get(&name) {
            self.problems.push(
                Diagnostic::error(
                    format!("the name `{name}` chosen for this anonymous type is already taken"),
                    ty.span,
                )
                .with_label(format!("would be named `{name}` in Rust"))
                .with_secondary(first, "this already has that name")
                .with_help("give the inner type a name of its own with a `type` definition"),
            );
        }
        self.taken.insert(name.clone(), ty.span);
        let index = self.items.len();
        let schema_name = format!("{}.{}", self.items[owner].schema_name, context);
        self.items.push(Item {
            name,
            schema_name,
            docs: Vec::new(),
            kind: ItemKind::Unit,
            recursive: false,
            derives: Derives::default(),
            span: ty.span,
        });
        let kind = self.kind_of(ty, index);
        self.items[index].kind = kind;
        Ty::Item {
            index,
            boxed: false,
        }
    }
}

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

fn item_refs(item: &Item) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    match &item.kind {
        ItemKind::Struct(fields) => fields.iter().for_each(|f| refs(&f.ty, true, &mut out)),
        ItemKind::Union(variants) => variants
            .iter()
            .filter_map(|v| v.ty.as_ref())
            .for_each(|ty| refs(ty, true, &mut out)),
        ItemKind::Alias(ty) => refs(ty, true, &mut out),
        ItemKind::Enum(_) | ItemKind::Unit => {}
    }
    out
}

/// Which items `from` reaches, following all references or inline ones only.
fn reach(edges: &[Vec<(usize, bool)>], from: usize, inline_only: bool) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(i) = stack.pop() {
        for &(j, inline) in &edges[i] {
            if (inline || !inline_only) && !seen[j] {
                seen[j] = true;
                stack.push(j);
            }
        }
    }
    seen
}

/// A reference stored in place from item A to an earlier item B needs a
/// `Box` when B leads back to A through in-place references (otherwise the
/// Rust type would have infinite size). An item is recursive when it reaches itself
/// by any path.
fn mark_boxes_and_recursion(items: &mut [Item]) {
    let edges: Vec<Vec<(usize, bool)>> = items.iter().map(item_refs).collect();
    let inline_reach: Vec<Vec<bool>> = (0..items.len()).map(|i| reach(&edges, i, true)).collect();
    for (index, item) in items.iter_mut().enumerate() {
        item.recursive = reach(&edges, index, false)[index];
        let boxer = |ty: &mut Ty| box_back_edges(ty, index, true, &inline_reach);
        match &mut item.kind {
            ItemKind::Struct(fields) => fields.iter_mut().for_each(|f| boxer(&mut f.ty)),
            ItemKind::Union(variants) => variants
                .iter_mut()
                .filter_map(|v| v.ty.as_mut())
                .for_each(boxer),
            ItemKind::Alias(ty) => boxer(ty),
            ItemKind::Enum(_) | ItemKind::Unit => {}
        }
    }
}

fn box_back_edges(ty: &mut Ty, owner: usize, inline: bool, inline_reach: &[Vec<bool>]) {
    match ty {
        Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => {}
        Ty::Optional(inner) | Ty::FixedList(inner, _) => {
            box_back_edges(inner, owner, inline, inline_reach)
        }
        Ty::List(inner) => box_back_edges(inner, owner, false, inline_reach),
        Ty::Map(k, v) => {
            box_back_edges(k, owner, false, inline_reach);
            box_back_edges(v, owner, false, inline_reach);
        }
        Ty::Item { index, boxed } => {
            // Every cycle has an edge back to an earlier (or the same) item,
            // so boxing only those edges breaks each cycle with one `Box`.
            *boxed = inline && *index <= owner && (*index == owner || inline_reach[*index][owner]);
        }
    }
}

/// Greatest fixed point: start from "every derive allowed" and remove what a
/// part forbids until nothing changes (recursive types included).
fn decide_derives(items: &mut [Item], options: &EmitOptions) {
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
            let tys: Vec<&Ty> = match &items[index].kind {
                ItemKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
                ItemKind::Union(variants) => {
                    variants.iter().filter_map(|v| v.ty.as_ref()).collect()
                }
                ItemKind::Alias(ty) => vec![ty],
                ItemKind::Enum(_) | ItemKind::Unit => Vec::new(),
            };
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

/// serde implements arrays only up to 32 elements.
fn check_serde(items: &[Item]) -> Result<(), Vec<Diagnostic>> {
    fn too_long(ty: &Ty) -> bool {
        match ty {
            Ty::FixedData(n) => *n > 32,
            Ty::FixedList(inner, n) => *n > 32 || too_long(inner),
            Ty::Optional(inner) | Ty::List(inner) => too_long(inner),
            Ty::Map(k, v) => too_long(k) || too_long(v),
            Ty::Prim(_) | Ty::Data | Ty::Item { .. } => false,
        }
    }
    let problems: Vec<Diagnostic> = items
        .iter()
        .filter(|item| {
            let mut tys: Vec<&Ty> = Vec::new();
            match &item.kind {
                ItemKind::Struct(fields) => tys.extend(fields.iter().map(|f| &f.ty)),
                ItemKind::Union(variants) => {
                    tys.extend(variants.iter().filter_map(|v| v.ty.as_ref()))
                }
                ItemKind::Alias(ty) => tys.push(ty),
                ItemKind::Enum(_) | ItemKind::Unit => {}
            }
            tys.into_iter().any(too_long)
        })
        .map(|item| {
            Diagnostic::error(
                format!(
                    "`{}` has a fixed length above 32, which serde cannot derive for",
                    item.schema_name
                ),
                item.span,
            )
            .with_label("contains `data[N]` or `list<T>[N]` with N > 32")
            .with_help("turn serde derives off for this family, or use a variable-length type")
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
