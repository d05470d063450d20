//! Cross-version analysis: what happened to each type between two
//! consecutive versions of a family, and which are the root types.
//!
//! For every type name present in both versions the analysis decides:
//! - **identical**: the same definition, recursively (names, order, values,
//!   tags, and every referenced type identical too) — same bytes, same
//!   meaning;
//! - **convertible**: verso can write the converter field by field, by name:
//!   a struct with the same set of field names, each field's type the same
//!   shape (named types matched by name, aliases looked through); an enum
//!   with the same value names (values may differ); a union with the same
//!   member types (tags may differ);
//! - **changed**: anything else, with the reasons (field added, removed,
//!   retyped, value added, …). The user writes those converters.

use std::collections::{BTreeMap, HashSet};

use crate::ast::Primitive;
use crate::ir::{Schema, Type, TypeId, TypeKind};

/// How one type changed between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Same definition, recursively: same bytes and meaning.
    Identical,
    /// Different, but verso generates the conversion by name.
    Convertible(Vec<Reason>),
    /// The user must write the converters, for these reasons.
    Changed(Vec<Reason>),
}

impl Change {
    /// Whether verso can generate this type's converters.
    pub fn is_generated(&self) -> bool {
        !matches!(self, Change::Changed(_))
    }
}

/// One difference between two versions of a type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// The type is a different kind of type (`struct` → `union`, …).
    KindChanged {
        /// What it was.
        from: String,
        /// What it is.
        to: String,
    },
    /// A field exists only in the newer version.
    FieldAdded(String),
    /// A field exists only in the older version.
    FieldRemoved(String),
    /// A field's type changed shape.
    FieldRetyped {
        /// The field.
        field: String,
        /// The old type, as written.
        from: String,
        /// The new type, as written.
        to: String,
    },
    /// Fields were reordered (convertible, but not identical).
    FieldsReordered,
    /// An enum value exists only in the newer version.
    ValueAdded(String),
    /// An enum value exists only in the older version.
    ValueRemoved(String),
    /// An enum value's number changed (convertible).
    ValueRenumbered(String),
    /// A union member exists only in the newer version.
    MemberAdded(String),
    /// A union member exists only in the older version.
    MemberRemoved(String),
    /// A union member's tag changed (convertible).
    MemberRetagged(String),
    /// The aliased type changed shape.
    Retyped {
        /// The old type.
        from: String,
        /// The new type.
        to: String,
    },
    /// A type it refers to changed (identical otherwise; convertible).
    ReferenceChanged(String),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::KindChanged { from, to } => write!(f, "was {from}, now {to}"),
            Reason::FieldAdded(n) => write!(f, "field `{n}` added"),
            Reason::FieldRemoved(n) => write!(f, "field `{n}` removed"),
            Reason::FieldRetyped { field, from, to } => {
                write!(f, "field `{field}` retyped {from} → {to}")
            }
            Reason::FieldsReordered => write!(f, "fields reordered"),
            Reason::ValueAdded(n) => write!(f, "value `{n}` added"),
            Reason::ValueRemoved(n) => write!(f, "value `{n}` removed"),
            Reason::ValueRenumbered(n) => write!(f, "value `{n}` renumbered"),
            Reason::MemberAdded(n) => write!(f, "member `{n}` added"),
            Reason::MemberRemoved(n) => write!(f, "member `{n}` removed"),
            Reason::MemberRetagged(n) => write!(f, "member `{n}` retagged"),
            Reason::Retyped { from, to } => write!(f, "retyped {from} → {to}"),
            Reason::ReferenceChanged(n) => write!(f, "refers to `{n}`, which changed"),
        }
    }
}

/// The analysis of one step `from` → `from + 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The older version.
    pub from: u16,
    /// Types in both versions, by name (sorted), with their change.
    pub types: BTreeMap<String, Change>,
    /// Types only in the newer version.
    pub added: Vec<String>,
    /// Types only in the older version.
    pub removed: Vec<String>,
}

/// Compares two consecutive versions.
pub fn step(from: u16, old: &Schema, new: &Schema) -> Step {
    let comparer = Comparer { old, new };
    let mut types = BTreeMap::new();
    let mut removed = Vec::new();
    for def in old.types() {
        match new.lookup(&def.name) {
            Some(id) => {
                let old_id = old.lookup(&def.name).unwrap_or(TypeId(0));
                types.insert(def.name.clone(), comparer.classify(old_id, id));
            }
            None => removed.push(def.name.clone()),
        }
    }
    let added = new
        .types()
        .filter(|d| old.lookup(&d.name).is_none())
        .map(|d| d.name.clone())
        .collect();
    Step {
        from,
        types,
        added,
        removed,
    }
}

/// The root types of a family: the latest version's types that no other
/// type refers to (aliases and `void` types excluded), unless `configured`
/// names them. Each comes with the oldest version from which it exists in
/// every version up to the latest.
pub fn roots(versions: &[(u16, Schema)], configured: &[String]) -> Vec<(String, u16)> {
    let Some((latest_version, latest)) = versions.last() else {
        return Vec::new();
    };
    let names: Vec<String> = if configured.is_empty() {
        let mut referenced = HashSet::new();
        for def in latest.types() {
            collect_refs(&def.ty, &mut referenced);
        }
        latest
            .ids()
            .filter(|id| !referenced.contains(id))
            .filter(|id| {
                matches!(
                    latest.get(*id).ty.kind,
                    TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)
                )
            })
            .map(|id| latest.get(id).name.clone())
            .collect()
    } else {
        configured
            .iter()
            .filter(|n| latest.lookup(n).is_some())
            .cloned()
            .collect()
    };
    names
        .into_iter()
        .map(|name| {
            let mut oldest = *latest_version;
            for (version, schema) in versions.iter().rev().skip(1) {
                if schema.lookup(&name).is_none() {
                    break;
                }
                oldest = *version;
            }
            (name, oldest)
        })
        .collect()
}

/// The names of the types of `schema` that the types named `roots` reach
/// (themselves included).
pub fn reachable(schema: &Schema, roots: &[String]) -> HashSet<String> {
    let mut seen: HashSet<TypeId> = HashSet::new();
    let mut stack: Vec<TypeId> = roots.iter().filter_map(|r| schema.lookup(r)).collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            let mut refs = HashSet::new();
            collect_refs(&schema.get(id).ty, &mut refs);
            stack.extend(refs);
        }
    }
    seen.into_iter()
        .map(|id| schema.get(id).name.clone())
        .collect()
}

fn collect_refs(ty: &Type, out: &mut HashSet<TypeId>) {
    match &ty.kind {
        TypeKind::Ref(id) => {
            out.insert(*id);
        }
        TypeKind::Optional(inner) | TypeKind::List(inner) | TypeKind::FixedList(inner, _) => {
            collect_refs(inner, out)
        }
        TypeKind::Map(k, v) => {
            collect_refs(k, out);
            collect_refs(v, out);
        }
        TypeKind::Struct(fields) => fields.iter().for_each(|f| collect_refs(&f.ty, out)),
        TypeKind::Union(members) => members.iter().for_each(|m| collect_refs(&m.ty, out)),
        TypeKind::Primitive(_) | TypeKind::Data | TypeKind::FixedData(_) | TypeKind::Enum(_) => {}
    }
}

struct Comparer<'a> {
    old: &'a Schema,
    new: &'a Schema,
}

impl Comparer<'_> {
    fn classify(&self, old: TypeId, new: TypeId) -> Change {
        if self.identical_defs(old, new, &mut HashSet::new()) {
            return Change::Identical;
        }
        let (a, b) = (&self.old.get(old).ty, &self.new.get(new).ty);
        let mut reasons = Vec::new();
        let convertible = self.body(a, b, &mut reasons);
        if reasons.is_empty() {
            // Same body; a referenced type differs.
            let mut refs = HashSet::new();
            collect_refs(a, &mut refs);
            let mut names: Vec<String> = refs
                .into_iter()
                .map(|id| self.old.get(id).name.clone())
                .filter(|n| *n != self.old.get(old).name)
                .filter(|n| match (self.old.lookup(n), self.new.lookup(n)) {
                    (Some(x), Some(y)) => !self.identical_defs(x, y, &mut HashSet::new()),
                    _ => true,
                })
                .collect();
            names.sort();
            reasons.extend(names.into_iter().map(Reason::ReferenceChanged));
        }
        if convertible {
            Change::Convertible(reasons)
        } else {
            Change::Changed(reasons)
        }
    }

    /// Compares two definitions' bodies for generated conversion, noting
    /// every difference; returns whether the conversion can be generated.
    fn body(&self, a: &Type, b: &Type, reasons: &mut Vec<Reason>) -> bool {
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(fa), TypeKind::Struct(fb)) => {
                let mut ok = true;
                for field in fa {
                    match fb.iter().find(|f| f.name == field.name) {
                        None => {
                            reasons.push(Reason::FieldRemoved(field.name.clone()));
                            ok = false;
                        }
                        Some(other) if !self.convertible(&field.ty, &other.ty) => {
                            reasons.push(Reason::FieldRetyped {
                                field: field.name.clone(),
                                from: self.describe(self.old, &field.ty),
                                to: self.describe(self.new, &other.ty),
                            });
                            ok = false;
                        }
                        Some(_) => {}
                    }
                }
                for field in fb.iter().filter(|f| !fa.iter().any(|o| o.name == f.name)) {
                    reasons.push(Reason::FieldAdded(field.name.clone()));
                    ok = false;
                }
                let order_a: Vec<&str> = fa.iter().map(|f| f.name.as_str()).collect();
                let order_b: Vec<&str> = fb.iter().map(|f| f.name.as_str()).collect();
                if ok && order_a != order_b {
                    reasons.push(Reason::FieldsReordered);
                }
                ok
            }
            (TypeKind::Enum(va), TypeKind::Enum(vb)) => {
                let mut ok = true;
                for value in va {
                    match vb.iter().find(|v| v.name == value.name) {
                        None => {
                            reasons.push(Reason::ValueRemoved(value.name.clone()));
                            ok = false;
                        }
                        Some(other) if other.value != value.value => {
                            reasons.push(Reason::ValueRenumbered(value.name.clone()))
                        }
                        Some(_) => {}
                    }
                }
                for value in vb.iter().filter(|v| !va.iter().any(|o| o.name == v.name)) {
                    reasons.push(Reason::ValueAdded(value.name.clone()));
                    ok = false;
                }
                ok
            }
            (TypeKind::Union(ma), TypeKind::Union(mb)) => {
                let mut ok = true;
                for member in ma {
                    let key = self.member_key(self.old, &member.ty, member.tag);
                    match mb
                        .iter()
                        .find(|m| self.member_key(self.new, &m.ty, m.tag) == key)
                    {
                        None => {
                            reasons.push(Reason::MemberRemoved(key));
                            ok = false;
                        }
                        Some(other) => {
                            if !self.convertible(&member.ty, &other.ty) {
                                reasons.push(Reason::MemberRemoved(key.clone()));
                                ok = false;
                            } else if other.tag != member.tag {
                                reasons.push(Reason::MemberRetagged(key));
                            }
                        }
                    }
                }
                for member in mb {
                    let key = self.member_key(self.new, &member.ty, member.tag);
                    if !ma
                        .iter()
                        .any(|m| self.member_key(self.old, &m.ty, m.tag) == key)
                    {
                        reasons.push(Reason::MemberAdded(key));
                        ok = false;
                    }
                }
                ok
            }
            (ka, kb)
                if kind_name(ka) != kind_name(kb) && (is_composite(ka) || is_composite(kb)) =>
            {
                reasons.push(Reason::KindChanged {
                    from: kind_name(ka).to_owned(),
                    to: kind_name(kb).to_owned(),
                });
                false
            }
            _ => {
                // Aliases and other plain types.
                if self.convertible(a, b) {
                    true
                } else {
                    reasons.push(Reason::Retyped {
                        from: self.describe(self.old, a),
                        to: self.describe(self.new, b),
                    });
                    false
                }
            }
        }
    }

    /// Whether a value of `a` (old) converts into `b` (new) by moving it and
    /// calling `Upgrade` on named types: same shape, named types matched by
    /// name, aliases looked through, inline composites by the same rules as
    /// named ones.
    fn convertible(&self, a: &Type, b: &Type) -> bool {
        let a = resolve_alias(self.old, a);
        let b = resolve_alias(self.new, b);
        match (&a.kind, &b.kind) {
            (TypeKind::Primitive(x), TypeKind::Primitive(y)) => x == y,
            (TypeKind::Data, TypeKind::Data) => true,
            (TypeKind::FixedData(x), TypeKind::FixedData(y)) => x == y,
            (TypeKind::Optional(x), TypeKind::Optional(y))
            | (TypeKind::List(x), TypeKind::List(y)) => self.convertible(x, y),
            (TypeKind::FixedList(x, n), TypeKind::FixedList(y, m)) => {
                n == m && self.convertible(x, y)
            }
            (TypeKind::Map(k1, v1), TypeKind::Map(k2, v2)) => {
                self.convertible(k1, k2) && self.convertible(v1, v2)
            }
            (TypeKind::Ref(x), TypeKind::Ref(y)) => self.old.get(*x).name == self.new.get(*y).name,
            (TypeKind::Struct(_), TypeKind::Struct(_))
            | (TypeKind::Enum(_), TypeKind::Enum(_))
            | (TypeKind::Union(_), TypeKind::Union(_)) => self.body(a, b, &mut Vec::new()),
            _ => false,
        }
    }

    /// Deep identity of two named definitions. `assumed` holds pairs under
    /// comparison, so recursive types compare equal unless a difference is
    /// found (coinduction).
    fn identical_defs(
        &self,
        a: TypeId,
        b: TypeId,
        assumed: &mut HashSet<(TypeId, TypeId)>,
    ) -> bool {
        if !assumed.insert((a, b)) {
            return true;
        }
        let (da, db) = (self.old.get(a), self.new.get(b));
        da.name == db.name && self.identical(&da.ty, &db.ty, assumed)
    }

    fn identical(&self, a: &Type, b: &Type, assumed: &mut HashSet<(TypeId, TypeId)>) -> bool {
        match (&a.kind, &b.kind) {
            (TypeKind::Primitive(x), TypeKind::Primitive(y)) => x == y,
            (TypeKind::Data, TypeKind::Data) => true,
            (TypeKind::FixedData(x), TypeKind::FixedData(y)) => x == y,
            (TypeKind::Optional(x), TypeKind::Optional(y))
            | (TypeKind::List(x), TypeKind::List(y)) => self.identical(x, y, assumed),
            (TypeKind::FixedList(x, n), TypeKind::FixedList(y, m)) => {
                n == m && self.identical(x, y, assumed)
            }
            (TypeKind::Map(k1, v1), TypeKind::Map(k2, v2)) => {
                self.identical(k1, k2, assumed) && self.identical(v1, v2, assumed)
            }
            (TypeKind::Enum(x), TypeKind::Enum(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(p, q)| p.name == q.name && p.value == q.value)
            }
            (TypeKind::Union(x), TypeKind::Union(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(p, q)| p.tag == q.tag && self.identical(&p.ty, &q.ty, assumed))
            }
            (TypeKind::Struct(x), TypeKind::Struct(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(p, q)| p.name == q.name && self.identical(&p.ty, &q.ty, assumed))
            }
            (TypeKind::Ref(x), TypeKind::Ref(y)) => self.identical_defs(*x, *y, assumed),
            _ => false,
        }
    }

    /// How a union member is recognised across versions: a named type by
    /// name, a primitive by keyword, other shapes by their text; anonymous
    /// composites by their tag.
    fn member_key(&self, schema: &Schema, ty: &Type, tag: u64) -> String {
        match &ty.kind {
            TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_) => {
                format!("{} #{tag}", kind_name(&ty.kind))
            }
            _ => self.describe(schema, ty),
        }
    }

    /// A type as written, for reasons (`list<Todo>`).
    fn describe(&self, schema: &Schema, ty: &Type) -> String {
        match &ty.kind {
            TypeKind::Primitive(p) => p.keyword().to_owned(),
            TypeKind::Data => "data".to_owned(),
            TypeKind::FixedData(n) => format!("data[{n}]"),
            TypeKind::Optional(x) => format!("optional<{}>", self.describe(schema, x)),
            TypeKind::List(x) => format!("list<{}>", self.describe(schema, x)),
            TypeKind::FixedList(x, n) => format!("list<{}>[{n}]", self.describe(schema, x)),
            TypeKind::Map(k, v) => format!(
                "map<{}><{}>",
                self.describe(schema, k),
                self.describe(schema, v)
            ),
            TypeKind::Ref(id) => schema.get(*id).name.clone(),
            kind => format!("{} {{ … }}", kind_name(kind)),
        }
    }
}

/// Follows aliases (`type Timestamp i64`) to the type they stand for; named
/// structs, enums and unions stay references.
fn resolve_alias<'a>(schema: &'a Schema, ty: &'a Type) -> &'a Type {
    let mut current = ty;
    for _ in 0..=schema.len() {
        let TypeKind::Ref(id) = current.kind else {
            return current;
        };
        let target = &schema.get(id).ty;
        match target.kind {
            TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_) => return current,
            TypeKind::Primitive(Primitive::Void) => return current,
            _ => current = target,
        }
    }
    current
}

fn is_composite(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)
    )
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "an enum",
        TypeKind::Union(_) => "a union",
        _ => "a plain type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Options, check};

    fn schema(src: &str) -> Schema {
        match check(src, &Options::default()).schema {
            Some(schema) => schema,
            None => panic!("invalid test schema: {src}"),
        }
    }

    fn change(old: &str, new: &str, name: &str) -> Change {
        step(1, &schema(old), &schema(new)).types[name].clone()
    }

    fn reasons(c: &Change) -> Vec<String> {
        match c {
            Change::Identical => Vec::new(),
            Change::Convertible(r) | Change::Changed(r) => {
                r.iter().map(ToString::to_string).collect()
            }
        }
    }

    #[test]
    fn identical_types_compare_deeply() {
        let s = "type E enum { A B }\ntype T struct { e: E list: list<T> }";
        assert_eq!(change(s, s, "T"), Change::Identical);
        // A referenced type that changed makes the referrer convertible.
        let c = change(
            s,
            "type E enum { A B = 5 }\ntype T struct { e: E list: list<T> }",
            "T",
        );
        assert_eq!(
            c,
            Change::Convertible(vec![Reason::ReferenceChanged("E".into())])
        );
    }

    #[test]
    fn convertible_by_name() {
        let c = change(
            "type T struct { a: u8 b: str }",
            "type T struct { b: str a: u8 }",
            "T",
        );
        assert_eq!(c, Change::Convertible(vec![Reason::FieldsReordered]));
        let c = change("type E enum { A B }", "type E enum { A = 3 B }", "E");
        assert!(
            matches!(&c, Change::Convertible(r) if r.contains(&Reason::ValueRenumbered("A".into()))),
            "{c:?}"
        );
        let c = change(
            "type X u8\ntype U union { X | str }",
            "type X u8\ntype U union { X = 4 | str }",
            "U",
        );
        assert!(
            matches!(&c, Change::Convertible(r) if r.contains(&Reason::MemberRetagged("X".into()))),
            "{c:?}"
        );
        // Aliases are looked through: a field typed by an alias of the same type.
        let c = change(
            "type T struct { at: i64 }",
            "type Ts i64\ntype T struct { at: Ts }",
            "T",
        );
        assert!(c.is_generated(), "{c:?}");
    }

    #[test]
    fn changed_with_reasons() {
        let c = change(
            "type T struct { a: u8 done: bool }",
            "type T struct { a: u8 status: u8 }",
            "T",
        );
        assert_eq!(
            reasons(&c),
            ["field `done` removed", "field `status` added"]
        );
        assert!(!c.is_generated());
        let c = change(
            "type T struct { id: u32 }",
            "type T struct { id: u64 }",
            "T",
        );
        assert_eq!(
            reasons(&c),
            ["field `id` retyped u32 → u64"],
            "no numeric widening"
        );
        let c = change("type E enum { A B }", "type E enum { A B ARCHIVED }", "E");
        assert_eq!(reasons(&c), ["value `ARCHIVED` added"]);
        let c = change("type E enum { A B }", "type E enum { A }", "E");
        assert_eq!(reasons(&c), ["value `B` removed"]);
        let c = change(
            "type P u8\ntype U union { P | str }",
            "type P u8\ntype U union { str }",
            "U",
        );
        assert_eq!(reasons(&c), ["member `P` removed", "member `str` retagged"]);
        let c = change("type U union { str }", "type U union { str | u8 }", "U");
        assert_eq!(reasons(&c), ["member `u8` added"]);
        let c = change("type T struct { a: u8 }", "type T enum { A }", "T");
        assert_eq!(reasons(&c), ["was a struct, now an enum"]);
        let c = change("type Id u32", "type Id u64", "Id");
        assert_eq!(reasons(&c), ["retyped u32 → u64"]);
        let c = change(
            "type T struct { tags: list<str> }",
            "type T struct { tags: map<str><str> }",
            "T",
        );
        assert_eq!(
            reasons(&c),
            ["field `tags` retyped list<str> → map<str><str>"]
        );
    }

    #[test]
    fn added_and_removed_types() {
        let s = step(
            1,
            &schema("type A u8\ntype B u8"),
            &schema("type B u8\ntype C u8"),
        );
        assert_eq!(s.added, ["C"]);
        assert_eq!(s.removed, ["A"]);
        assert_eq!(s.types.keys().collect::<Vec<_>>(), ["B"]);
    }

    #[test]
    fn roots_are_unreferenced_latest_types() {
        let v1 = schema("type Todo struct { t: str }");
        let v2 = schema(
            "type Todo struct { t: str }\ntype App struct { todos: list<Todo> }\ntype Stamp i64\ntype Log struct { at: Stamp }",
        );
        let versions = [(1, v1), (2, v2)];
        let roots = roots(&versions, &[]);
        assert_eq!(
            roots,
            [("App".to_owned(), 2), ("Log".to_owned(), 2)],
            "aliases are never roots"
        );
        let configured = super::roots(&versions, &["Todo".to_owned()]);
        assert_eq!(
            configured,
            [("Todo".to_owned(), 1)],
            "supported from the first version that has it"
        );
    }
}
