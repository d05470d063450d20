//! The Rust model of one version: the shape of its module, decided before
//! any cross-version analysis or tokens. Anonymous nested types are lifted
//! into items of their own (with an explicit [`Origin`]), every name is
//! chosen (collisions become diagnostics), and [`shape`] decides where a
//! `Box` is needed, which types are recursive (their decoders count depth)
//! and which derives each type can have.
//!
//! The family plan ([`crate::evolve`]) compares these models version to
//! version, so the pairs it plans are exactly the items emitted.

pub(crate) mod names;
pub(crate) mod shape;
pub(crate) mod width;

pub(crate) use shape::{borrows, has_default};
pub(crate) use width::wire_width;

use std::collections::HashMap;

use crate::ast::Primitive;
use crate::diagnostic::Diagnostic;
use crate::ir::{self, TypeKind};
use crate::span::Span;

/// Which Rust map type `map<K><V>` becomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapType {
    /// `std::collections::BTreeMap`: keys encoded in sorted order, so equal
    /// values always encode to equal bytes. The default.
    #[default]
    BTreeMap,
    /// `std::collections::HashMap`: no ordering needed of the keys, but the
    /// encoded pair order varies from run to run.
    HashMap,
    /// `indexmap::IndexMap`: keeps the order pairs arrived in, so decoding
    /// then encoding gives back the same bytes. Needs the `indexmap`
    /// dependency and verso's `indexmap` feature in the user's crate.
    IndexMap,
}

/// Code-generation choices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmitOptions {
    /// The Rust type of maps.
    pub map_type: MapType,
    /// Derive `serde::Serialize` and `serde::Deserialize` on every type, in
    /// the form of verso's JSON mapping, through `::verso::serde` (the
    /// user's crate turns on verso's `serde` feature).
    pub serde: bool,
    /// With `serde`, put the serde derives behind this cargo feature of the
    /// user's crate (passed to `verso::__serde_types!`, which adds it to the
    /// condition of every serde attribute).
    pub serde_feature: Option<String>,
    /// Extra derives: `(type path, derive path)`. The type path is a type
    /// name (`Todo`, every version) or `vN::Name` (one version).
    pub derives: Vec<(String, String)>,
    /// Extra attributes: `(type path, attribute)`, the attribute written in
    /// full (`#[serde(rename_all = "camelCase")]`).
    pub attributes: Vec<(String, String)>,
    /// Root types (those that get a `…Versioned` enum), added to the
    /// manifest's. None anywhere: the latest version's types that no other
    /// type refers to.
    pub roots: Vec<String>,
    /// Also generate, in each version's `borrowed` module, borrowed twins of
    /// the types: `str` and `data` as `Cow`s that decode without copying.
    pub borrowed: bool,
    /// `data` as `bytes::Bytes` and `str` as `verso::Str`: owned values
    /// that are slices of the input when decoded from a `Bytes`
    /// (`verso::from_bytes`, `…Versioned::decode_bytes`). Needs verso's
    /// `bytes` feature; not together with `borrowed`.
    pub bytes: bool,
    /// Conversions to leave to hand-written impls although verso could
    /// generate them, added to the manifest's: `(type name, from)` for the
    /// step `from` → `from + 1` (both directions).
    pub manual: Vec<(String, u16)>,
    /// Also generate a `#[cfg(test)]` check of the family's golden samples
    /// (`DIR/samples/vN/TYPE/*`, see `verso_dynamic::samples`). Ignored
    /// when the family is generated as it stood at an older version.
    pub samples: bool,
    /// Also generate, behind verso's `testing` feature, a proptest
    /// `Arbitrary` impl for every type of every version and the family's
    /// `laws()` for `verso::testing`.
    pub arbitrary: bool,
}

/// Everything needed to emit one version's module.
pub(crate) struct Model {
    /// Items in a fixed order: the schema's named types in source order
    /// (their indices equal their [`ir::TypeId`]s), then lifted anonymous
    /// types in the order they were found.
    pub items: Vec<Item>,
    /// The version number (for `vN::Name` paths in options).
    pub version: u16,
    /// `data` is `bytes::Bytes` rather than `Vec<u8>` (`Config::bytes`).
    pub data_is_bytes: bool,
    /// Named items by schema name.
    by_name: HashMap<String, usize>,
    /// For each alias item, the last alias of its chain (whose target is
    /// not an alias); for other items, themselves. Computed once, so that
    /// looking through an alias is constant-time however long the chain.
    alias_end: Vec<usize>,
}

impl Model {
    /// Which items are used (directly or through aliases) as map keys: the
    /// enums whose values a conversion error's path must be able to show.
    pub(crate) fn map_keys(&self) -> Vec<bool> {
        let mut keys = vec![false; self.items.len()];
        for item in &self.items {
            for key in shape::map_key_tys(item) {
                if let Ty::Item { index, .. } = self.unalias(key) {
                    keys[*index] = true;
                }
            }
        }
        keys
    }

    /// A type as written in the schema, for reasons and keys
    /// (`list<Todo>`, `map<str><u8>`; `struct { … }` for anonymous ones).
    pub(crate) fn describe(&self, ty: &Ty) -> String {
        describe(&self.items, ty)
    }

    /// The index of the named (not lifted) item `name`.
    pub(crate) fn named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Looks through transparent aliases (`type Stamp i64`) to the type they
    /// stand for. Alias chains have no cycles in a checked schema; the walk
    /// is bounded anyway.
    pub(crate) fn unalias<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        match ty {
            Ty::Item { index, .. } => match &self.items[self.alias_end[*index]].kind {
                ItemKind::Alias(target) => target,
                _ => ty,
            },
            _ => ty,
        }
    }

    /// Whether a value of `ty` holds version-specific types (and so needs
    /// converting rather than moving between versions).
    pub(crate) fn mentions_items(&self, ty: &Ty) -> bool {
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            match self.unalias(ty) {
                Ty::Prim(_) | Ty::Data | Ty::FixedData(_) => {}
                Ty::Optional(inner) | Ty::List(inner) | Ty::FixedList(inner, _) => {
                    stack.push(inner)
                }
                Ty::Map(k, v) => {
                    stack.push(k);
                    stack.push(v);
                }
                Ty::Item { .. } => return true,
            }
        }
        false
    }
}

/// Where an item comes from in the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A `type Name …` definition.
    Named,
    /// An anonymous struct, enum or union written inside another item.
    Lifted {
        /// The item it was written in.
        owner: usize,
        /// Its place there: the path of field or member and container
        /// steps that led to it (`Kind`, `TagsItem`, `Struct3`), the same in
        /// every version that writes it at the same place.
        place: String,
    },
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
    /// Whether it holds a `str` or `data`, directly or inside: its borrowed
    /// twin then borrows from the input and has a lifetime.
    pub borrows: bool,
    /// A named definition or a lifted anonymous type.
    pub origin: Origin,
    /// For a type imported from another family (or lifted out of one),
    /// where it is generated: this module re-exports it from there.
    pub imported: Option<ir::Origin>,
    /// The size of its wire form when every value has the same one (see
    /// [`width`]): lists of it then decode and encode as one run.
    pub wire_width: Option<usize>,
}

impl Item {
    /// Whether this type is generated in another family's module.
    pub(crate) fn is_imported(&self) -> bool {
        self.imported.is_some()
    }

    /// Whether this is an anonymous type lifted out of another item.
    pub(crate) fn is_lifted(&self) -> bool {
        matches!(self.origin, Origin::Lifted { .. })
    }
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

impl ItemKind {
    /// The type expressions directly inside the item (fields, payloads, the
    /// aliased type).
    pub(crate) fn tys(&self) -> impl Iterator<Item = &Ty> {
        let (fields, variants, alias) = match self {
            ItemKind::Struct(fields) => (fields.as_slice(), &[][..], None),
            ItemKind::Union(variants) => (&[][..], variants.as_slice(), None),
            ItemKind::Alias(ty) => (&[][..], &[][..], Some(ty)),
            ItemKind::Enum(_) | ItemKind::Unit => (&[][..], &[][..], None),
        };
        fields
            .iter()
            .map(|f| &f.ty)
            .chain(variants.iter().filter_map(|v| v.ty.as_ref()))
            .chain(alias)
    }

    /// [`ItemKind::tys`], mutably.
    pub(crate) fn tys_mut(&mut self) -> Vec<&mut Ty> {
        match self {
            ItemKind::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            ItemKind::Union(variants) => {
                variants.iter_mut().filter_map(|v| v.ty.as_mut()).collect()
            }
            ItemKind::Alias(ty) => vec![ty],
            ItemKind::Enum(_) | ItemKind::Unit => Vec::new(),
        }
    }
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
    /// Name in the schema (`IN_PROGRESS`): values are matched across
    /// versions by it.
    pub schema_name: String,
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
    /// The item of a named member type (`Stop` in `union { Stop | … }`),
    /// void ones included: a converter between a void member and a struct
    /// member goes through that type.
    pub named: Option<usize>,
    /// How the member is recognised across versions: its type's name, a
    /// primitive's keyword, the type as written for other shapes, and `#tag`
    /// for an anonymous composite.
    pub key: String,
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
    /// `Copy`: no `str`, `data`, list, map or box inside.
    pub copy: bool,
}

/// Lowers one checked version into its Rust model.
pub(crate) fn lower(
    version: u16,
    schema: &ir::Schema,
    options: &EmitOptions,
) -> Result<Model, Vec<Diagnostic>> {
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
            borrows: false,
            origin: Origin::Named,
            imported: def.origin.clone(),
            wire_width: None,
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
    member_keys(&mut items);
    shape::mark_boxes_and_recursion(&mut items);
    shape::box_large_members(&mut items);
    shape::decide_derives(&mut items, options);
    shape::decide_borrows(&mut items);
    width::decide_wire_widths(&mut items);
    let by_name = schema
        .types()
        .enumerate()
        .map(|(index, def)| (def.name.clone(), index))
        .collect();
    let alias_end = alias_ends(&items);
    Ok(Model {
        items,
        version,
        by_name,
        alias_end,
        data_is_bytes: options.bytes,
    })
}

/// [`Model::alias_end`]: one pass over every chain, each item resolved once.
/// Chains have no cycles in a checked schema; a walk that meets one stops.
fn alias_ends(items: &[Item]) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let mut end = vec![UNKNOWN; items.len()];
    let mut chain = Vec::new();
    for start in 0..items.len() {
        let mut current = start;
        // Walk until an item already resolved, or the end of the chain.
        let last = loop {
            if end[current] != UNKNOWN {
                break end[current];
            }
            match &items[current].kind {
                ItemKind::Alias(Ty::Item { index, .. })
                    if matches!(items[*index].kind, ItemKind::Alias(_))
                        && chain.len() <= items.len() =>
                {
                    chain.push(current);
                    current = *index;
                }
                _ => break current,
            }
        };
        end[current] = last;
        for item in chain.drain(..) {
            end[item] = last;
        }
    }
    end
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
                    .with_code("rust-name-collision")
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
                        .with_code("rust-name-collision")
                        .with_label("same Rust name as an earlier value")
                        .with_secondary(first, "also becomes this name")
                        .with_help("rename one of the values so their UpperCamelCase forms differ"),
                    );
                }
                seen.insert(name.clone(), value.span);
                ValuePlan {
                    name,
                    schema_name: value.name.clone(),
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
                    .with_code("rust-name-collision")
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
            let named = match member.ty.kind {
                TypeKind::Ref(id) => Some(id.index()),
                _ => None,
            };
            out.push(VariantPlan {
                name,
                docs: member.docs.clone(),
                tag: member.tag,
                ty,
                named,
                // Filled in once every item exists (see `member_keys`).
                key: String::new(),
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
                .with_code("rust-name-collision")
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
            borrows: false,
            origin: Origin::Lifted {
                owner,
                place: context.to_owned(),
            },
            // What is written inside an imported type is generated with it.
            imported: self.items[owner].imported.clone(),
            wire_width: None,
        });
        let kind = self.kind_of(ty, index);
        self.items[index].kind = kind;
        Ty::Item {
            index,
            boxed: false,
        }
    }
}

/// A type as written, over the items of one model (see [`Model::describe`]).
/// Type expressions nest at most as deep as the front end allows, so the
/// recursion is bounded.
fn describe(items: &[Item], ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => p.keyword().to_owned(),
        Ty::Data => "data".to_owned(),
        Ty::FixedData(n) => format!("data[{n}]"),
        Ty::Optional(x) => format!("optional<{}>", describe(items, x)),
        Ty::List(x) => format!("list<{}>", describe(items, x)),
        Ty::FixedList(x, n) => format!("list<{}>[{n}]", describe(items, x)),
        Ty::Map(k, v) => format!("map<{}><{}>", describe(items, k), describe(items, v)),
        Ty::Item { index, .. } => {
            let item = &items[*index];
            match (&item.origin, &item.kind) {
                (Origin::Named, _) => item.schema_name.clone(),
                (_, ItemKind::Struct(_)) => "struct { … }".to_owned(),
                (_, ItemKind::Enum(_)) => "enum { … }".to_owned(),
                (_, _) => "union { … }".to_owned(),
            }
        }
    }
}

/// Sets each union member's cross-version key: a named type's name (void
/// ones included), a primitive's keyword, `#tag` for an anonymous
/// composite (matched by tag, as the JSON mapping names it), and the type
/// as written otherwise.
fn member_keys(items: &mut [Item]) {
    for index in 0..items.len() {
        let ItemKind::Union(variants) = &items[index].kind else {
            continue;
        };
        let keys: Vec<String> = variants
            .iter()
            .map(|v| match (v.named, &v.ty) {
                (Some(named), _) => items[named].schema_name.clone(),
                (None, None) => "void".to_owned(),
                (None, Some(Ty::Item { index, .. })) if items[*index].is_lifted() => {
                    format!("#{}", v.tag)
                }
                (None, Some(ty)) => describe(items, ty),
            })
            .collect();
        if let ItemKind::Union(variants) = &mut items[index].kind {
            for (variant, key) in variants.iter_mut().zip(keys) {
                variant.key = key;
            }
        }
    }
}
