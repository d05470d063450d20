//! The checked intermediate representation of one schema.
//!
//! Produced by [`crate::check`] only when the schema has no errors, so every
//! invariant of BARE holds here: references are resolved [`TypeId`]s (no
//! strings), enum values and union tags are explicit and strictly
//! increasing, fixed lengths are in range, map keys are valid, recursion can
//! terminate. Spans are kept so later stages (cross-version analysis, code
//! generation) can point back at the source.

pub use crate::ast::Primitive;
use crate::span::Span;

/// Index of a named type within its [`Schema`]. Only the checker makes
/// them, so an id always names a type of the schema it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub(crate) u32);

impl TypeId {
    /// The position of the definition in source order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A checked schema: its named types in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    types: Vec<TypeDef>,
    /// Ids by name, so look-ups stay constant-time in schemas of tens of
    /// thousands of types.
    by_name: std::collections::HashMap<String, TypeId>,
}

impl Schema {
    /// A schema of `types` (names are unique in a checked schema).
    pub(crate) fn new(types: Vec<TypeDef>) -> Self {
        let by_name = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), TypeId(i as u32)))
            .collect();
        Schema { types, by_name }
    }

    /// The definition with id `id`.
    ///
    /// Ids come from this schema, so the index is always in range.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.index()]
    }

    /// Whether `id` is imported from another family's file.
    pub fn is_imported(&self, id: TypeId) -> bool {
        self.get(id).origin.is_some()
    }

    /// Looks a type up by name.
    pub fn lookup(&self, name: &str) -> Option<TypeId> {
        self.by_name.get(name).copied()
    }

    /// All definitions in source order.
    pub fn types(&self) -> impl ExactSizeIterator<Item = &TypeDef> {
        self.types.iter()
    }

    /// Which types can contain a value of their own type, by any path:
    /// the ones whose decoding counts towards
    /// the runtime's `Limits::max_depth`, in generated code
    /// and the dynamic codec alike. Indexed by [`TypeId::index`].
    pub fn recursive_types(&self) -> Vec<bool> {
        fn refs(ty: &Type, out: &mut Vec<usize>) {
            match &ty.kind {
                TypeKind::Ref(id) => out.push(id.index()),
                TypeKind::Optional(inner)
                | TypeKind::List(inner)
                | TypeKind::FixedList(inner, _) => refs(inner, out),
                TypeKind::Map(k, v) => {
                    refs(k, out);
                    refs(v, out);
                }
                TypeKind::Union(members) => members.iter().for_each(|m| refs(&m.ty, out)),
                TypeKind::Struct(fields) => fields.iter().for_each(|f| refs(&f.ty, out)),
                TypeKind::Primitive(_)
                | TypeKind::Data
                | TypeKind::FixedData(_)
                | TypeKind::Enum(_) => {}
            }
        }
        let edges: Vec<Vec<usize>> = self
            .types
            .iter()
            .map(|def| {
                let mut out = Vec::new();
                refs(&def.ty, &mut out);
                out
            })
            .collect();
        crate::graph::on_cycle(&edges)
    }

    /// All ids in source order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = TypeId> {
        (0..self.types.len() as u32).map(TypeId)
    }

    /// Follows references (`type A B`, `type B u8`) to the type they stand
    /// for. A checked schema has no cycle of plain references; the walk is
    /// bounded anyway.
    pub fn resolve<'a>(&'a self, ty: &'a Type) -> &'a Type {
        let mut current = ty;
        for _ in 0..=self.types.len() {
            match current.kind {
                TypeKind::Ref(id) => current = &self.get(id).ty,
                _ => break,
            }
        }
        current
    }

    /// Number of named types.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether the schema has no types (never true for a checked schema).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// A named type: `type Name T`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The name as written (PascalCase).
    pub name: String,
    /// Where an imported type is defined; `None` for the schema's own.
    /// Its spans then point into that file, not this schema's.
    pub origin: Option<Origin>,
    /// Where the name was written.
    pub name_span: Span,
    /// Documentation comment lines.
    pub docs: Vec<String>,
    /// The definition.
    pub ty: Type,
}

/// The file an imported type comes from: one version of another family.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The family's name (`common`, or `pegboard.namespace` in a flat
    /// folder).
    pub family: String,
    /// The family's Rust module name, where its types are generated.
    pub module: String,
    /// The version of the family that defines the type.
    pub version: u16,
    /// The file's path as imported, relative to the schema root.
    pub path: String,
}

impl Origin {
    /// `common v1`, for messages.
    pub fn describe(&self) -> String {
        format!("`{}` v{}", self.family, self.version)
    }
}

/// A type expression with its source span.
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    /// What the type is.
    pub kind: TypeKind,
    /// Where it was written.
    pub span: Span,
}

/// The kinds of checked type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A primitive other than `data`.
    Primitive(Primitive),
    /// Variable-length `data`.
    Data,
    /// `data[N]`, `N ≥ 1`.
    FixedData(u32),
    /// `optional<T>`.
    Optional(Box<Type>),
    /// `list<T>`.
    List(Box<Type>),
    /// `list<T>[N]`, `N ≥ 1`.
    FixedList(Box<Type>, u32),
    /// `map<K><V>`.
    Map(Box<Type>, Box<Type>),
    /// `enum { … }`, values strictly increasing.
    Enum(Vec<EnumValue>),
    /// `union { … }`, tags strictly increasing.
    Union(Vec<UnionMember>),
    /// `struct { … }`, at least one field.
    Struct(Vec<Field>),
    /// A reference to a named type.
    Ref(TypeId),
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// Name as written (CONSTANT_CASE).
    pub name: String,
    /// Where the name was written.
    pub span: Span,
    /// Documentation comment lines.
    pub docs: Vec<String>,
    /// Numeric value on the wire (explicit or implied).
    pub value: u64,
}

/// One member of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionMember {
    /// Documentation comment lines.
    pub docs: Vec<String>,
    /// The member type.
    pub ty: Type,
    /// Tag on the wire (explicit or implied).
    pub tag: u64,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Name as written.
    pub name: String,
    /// Where the name was written.
    pub span: Span,
    /// Documentation comment lines.
    pub docs: Vec<String>,
    /// The field type.
    pub ty: Type,
}
