//! Syntax tree of one schema file, exactly as written.
//!
//! Every node keeps its byte [`Span`]; nothing is resolved or validated yet
//! (names may be undefined, numbers may be too large, legacy forms are
//! recorded rather than rejected). The checker turns this into the IR.

use crate::span::Span;

/// A whole schema file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Schema {
    /// `#import "PATH"` lines, in source order (all before the first
    /// declaration).
    pub(crate) imports: Vec<Import>,
    /// Declarations in source order.
    pub(crate) decls: Vec<Decl>,
}

/// An `#import "PATH"` line: another schema file whose types this one uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Import {
    /// The path as written, relative to the schema root.
    pub(crate) path: String,
    /// The whole line.
    pub(crate) span: Span,
    /// The path between the quotes.
    pub(crate) path_span: Span,
}

/// Documentation taken from the `#` comment lines directly above a node.
pub(crate) type Docs = Vec<String>;

/// A name as written, with its span.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Ident {
    /// The name.
    pub(crate) text: String,
    /// Where it was written.
    pub(crate) span: Span,
}

/// A decimal number as written. `value` is `None` when it does not fit a
/// `u64`; the checker reports that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Number {
    /// The value, if it fits in 64 bits.
    pub(crate) value: Option<u64>,
    /// Where it was written.
    pub(crate) span: Span,
}

/// `type Name T`, or one of the legacy definition forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decl {
    /// Comment lines directly above the declaration.
    pub(crate) docs: Docs,
    /// The leading keyword (`type`, or `enum`/`struct`/`union` in legacy form).
    pub(crate) keyword: Span,
    /// The declared name.
    pub(crate) name: Ident,
    /// The type being named.
    pub(crate) ty: TypeExpr,
    /// Set for `enum Name {…}`, `struct Name {…}` and `union Name {…}`.
    pub(crate) legacy: Option<Legacy>,
}

impl Decl {
    /// `type Name` (or `enum Name`…): the span errors about the whole
    /// definition point at.
    pub(crate) fn header(&self) -> Span {
        self.keyword.to(self.name.span)
    }
}

/// A type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TypeExpr {
    /// What kind of type it is.
    pub(crate) kind: TypeKind,
    /// From its first to its last token.
    pub(crate) span: Span,
    /// Set when it was written in a pre-draft-03 form.
    pub(crate) legacy: Option<Legacy>,
}

/// The kinds of type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TypeKind {
    /// A primitive type keyword other than `data`.
    Primitive(Primitive),
    /// `data` or `data[N]`.
    Data {
        /// `N` for fixed-length data.
        len: Option<Number>,
    },
    /// `optional<T>`.
    Optional(Box<TypeExpr>),
    /// `list<T>` or `list<T>[N]`.
    List {
        /// Element type.
        elem: Box<TypeExpr>,
        /// `N` for a fixed-length list.
        len: Option<Number>,
    },
    /// `map<K><V>`.
    Map {
        /// Key type.
        key: Box<TypeExpr>,
        /// Value type.
        value: Box<TypeExpr>,
    },
    /// `enum { … }`.
    Enum {
        /// Values in source order.
        values: Vec<EnumValue>,
        /// The braces.
        body: Span,
    },
    /// `union { … }`.
    Union {
        /// Members in source order.
        members: Vec<UnionMember>,
        /// The braces.
        body: Span,
    },
    /// `struct { … }`.
    Struct {
        /// Fields in source order.
        fields: Vec<Field>,
        /// The braces.
        body: Span,
    },
    /// A reference to a named user type.
    Named(Ident),
}

/// The primitive types (all but `data`, which may carry a length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // each variant is its BARE keyword
pub enum Primitive {
    Uint,
    Int,
    U8,
    U16,
    U32,
    U64,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Bool,
    Str,
    Void,
}

impl Primitive {
    /// Every primitive, in the order BARE lists them.
    pub const ALL: [Primitive; 15] = [
        Primitive::Uint,
        Primitive::Int,
        Primitive::U8,
        Primitive::U16,
        Primitive::U32,
        Primitive::U64,
        Primitive::I8,
        Primitive::I16,
        Primitive::I32,
        Primitive::I64,
        Primitive::F32,
        Primitive::F64,
        Primitive::Bool,
        Primitive::Str,
        Primitive::Void,
    ];

    /// The primitive a keyword names (`string` is handled as legacy syntax).
    pub fn from_keyword(word: &str) -> Option<Primitive> {
        Some(match word {
            "uint" => Primitive::Uint,
            "int" => Primitive::Int,
            "u8" => Primitive::U8,
            "u16" => Primitive::U16,
            "u32" => Primitive::U32,
            "u64" => Primitive::U64,
            "i8" => Primitive::I8,
            "i16" => Primitive::I16,
            "i32" => Primitive::I32,
            "i64" => Primitive::I64,
            "f32" => Primitive::F32,
            "f64" => Primitive::F64,
            "bool" => Primitive::Bool,
            "str" => Primitive::Str,
            "void" => Primitive::Void,
            _ => return None,
        })
    }

    /// The BARE keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Primitive::Uint => "uint",
            Primitive::Int => "int",
            Primitive::U8 => "u8",
            Primitive::U16 => "u16",
            Primitive::U32 => "u32",
            Primitive::U64 => "u64",
            Primitive::I8 => "i8",
            Primitive::I16 => "i16",
            Primitive::I32 => "i32",
            Primitive::I64 => "i64",
            Primitive::F32 => "f32",
            Primitive::F64 => "f64",
            Primitive::Bool => "bool",
            Primitive::Str => "str",
            Primitive::Void => "void",
        }
    }
}

/// Words that start a type and therefore cannot name a user type.
pub(crate) fn is_type_keyword(word: &str) -> bool {
    Primitive::from_keyword(word).is_some()
        || matches!(
            word,
            "data" | "optional" | "list" | "map" | "enum" | "union" | "struct" | "string"
        )
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnumValue {
    /// Comment lines directly above it.
    pub(crate) docs: Docs,
    /// Its name.
    pub(crate) name: Ident,
    /// The explicit `= N`, if written.
    pub(crate) value: Option<Number>,
    /// The token after the value (or the end of input): where a missing
    /// `= N` is reported in pedantic mode.
    pub(crate) next: Span,
}

/// One member of a union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnionMember {
    /// Comment lines directly above it.
    pub(crate) docs: Docs,
    /// The member type.
    pub(crate) ty: TypeExpr,
    /// The explicit `= N`, if written.
    pub(crate) tag: Option<Number>,
    /// The token after the member: where a missing `= N` is reported in
    /// pedantic mode.
    pub(crate) next: Span,
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// Comment lines directly above it.
    pub(crate) docs: Docs,
    /// The field name.
    pub(crate) name: Ident,
    /// The field type.
    pub(crate) ty: TypeExpr,
}

/// A pre-draft-03 form, accepted with a warning in legacy mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Legacy {
    /// Which form.
    pub(crate) form: LegacyForm,
    /// From the first token of the old form.
    pub(crate) span: Span,
}

/// The legacy syntax forms verso understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LegacyForm {
    /// `enum Name { … }` as a definition.
    EnumDecl,
    /// `struct Name { … }` as a definition.
    StructDecl,
    /// `union Name { … }` as a definition.
    UnionDecl,
    /// `{ fields }` without the `struct` keyword.
    BareStruct,
    /// `[]T`.
    ListPrefix,
    /// `[N]T`.
    FixedListPrefix,
    /// `map[K]V`.
    MapBrackets,
    /// `(A | B)`.
    ParenUnion,
    /// `string`.
    String,
    /// `data<N>`.
    DataAngle,
}

impl LegacyForm {
    /// How the old form looks.
    pub(crate) fn old(self) -> &'static str {
        match self {
            LegacyForm::EnumDecl => "enum Name { … }",
            LegacyForm::StructDecl => "struct Name { … }",
            LegacyForm::UnionDecl => "union Name { … }",
            LegacyForm::BareStruct => "{ fields }",
            LegacyForm::ListPrefix => "[]T",
            LegacyForm::FixedListPrefix => "[N]T",
            LegacyForm::MapBrackets => "map[K]V",
            LegacyForm::ParenUnion => "(A | B)",
            LegacyForm::String => "string",
            LegacyForm::DataAngle => "data<N>",
        }
    }

    /// How to write it today.
    pub(crate) fn current(self) -> &'static str {
        match self {
            LegacyForm::EnumDecl => "type Name enum { … }",
            LegacyForm::StructDecl => "type Name struct { … }",
            LegacyForm::UnionDecl => "type Name union { … }",
            LegacyForm::BareStruct => "struct { fields }",
            LegacyForm::ListPrefix => "list<T>",
            LegacyForm::FixedListPrefix => "list<T>[N]",
            LegacyForm::MapBrackets => "map<K><V>",
            LegacyForm::ParenUnion => "union { A | B }",
            LegacyForm::String => "str",
            LegacyForm::DataAngle => "data[N]",
        }
    }
}
