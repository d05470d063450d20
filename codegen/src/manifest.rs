//! `DIR/verso.toml`: the optional family manifest.
//!
//! Everything a family needs beyond its schema files, read by the build and
//! by every CLI command so they never disagree:
//!
//! ```toml
//! roots = ["Actor", "Conn"]        # the types that get a `…Versioned` wrapper
//!
//! [renamed.v3]                     # keyed by the version that introduced the new name:
//! Actor = "PersistedActor"         # in v3, `Actor` is what v2 called `PersistedActor`
//!
//! [manual]
//! Todo = [2]                       # the step v2 → v3 of `Todo` is written by hand
//! ```
//!
//! Reading happens in two steps, both returning [`Diagnostic`]s with spans
//! into the manifest's text (so they render with its line and column):
//! [`Manifest::parse`] checks the shape of the file on its own, and
//! [`Manifest::validate`] checks the names against the family's checked
//! versions.
//!
//! ```
//! use verso_codegen::manifest::Manifest;
//!
//! let manifest = Manifest::parse("[renamed.v3]\nActor = \"PersistedActor\"\n").unwrap();
//! assert_eq!(manifest.old_name(3, "Actor"), Some("PersistedActor"));
//! assert_eq!(manifest.old_name(2, "Actor"), None);
//! ```

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, closest};
use crate::ir::{Schema, TypeDef, TypeKind};
use crate::span::Span;

/// The file name inside a family directory.
pub const FILE_NAME: &str = "verso.toml";

/// A name written in the manifest, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name as written (without quotes).
    pub name: String,
    /// Where it was written: the key, or the quoted string.
    pub span: Span,
}

/// One line of a `[renamed.vK]` table: in version `version`, the type `new`
/// is what the previous version called `old`; or, with an `owner`
/// (`"Todo.title" = "name"`), the field or enum value `new` of that type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    /// The version that introduced the new name (the `K` of `[renamed.vK]`).
    pub version: u16,
    /// Where `vK` is written in the table header, for diagnostics about the
    /// version itself.
    pub version_span: Span,
    /// For a field or enum value, the type that has it (its name in
    /// `version`); `None` for a type.
    pub owner: Option<Named>,
    /// The name in `version`.
    pub new: Named,
    /// The name in `version - 1`.
    pub old: Named,
}

/// One number of a `[manual]` list: the step `from → from + 1` of the type
/// `name` is written by hand, in both directions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualStep {
    /// The type (its name in either version of the step).
    pub name: Named,
    /// The older version of the step.
    pub from: u16,
    /// Where the number is written.
    pub span: Span,
    /// Where the whole list holding it is written, `[` to `]`.
    pub list: Span,
}

/// A parsed `verso.toml`. The default (no file) names nothing: roots are
/// inferred, nothing is renamed, every conversion that can be generated is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The root types, in the order written; empty means inferred.
    pub roots: Vec<Named>,
    /// Every rename, in the order written.
    pub renamed: Vec<Rename>,
    /// Every manual step, in the order written.
    pub manual: Vec<ManualStep>,
}

impl Manifest {
    /// Parses the text; syntax errors, unknown keys (anything but `roots`,
    /// `renamed` and `manual`), `[renamed.X]` where `X` is not `vN` (N from
    /// 1 to 65535, no leading zeros), and values of the wrong type (`roots`
    /// not a list of strings, `[manual]` values not lists of versions from 1
    /// to 65535, old names that are not strings) are [`Diagnostic`]s with
    /// spans into `text`. Every shape problem is reported, not just the
    /// first; of syntax errors, only the first (what follows it is guesswork).
    pub fn parse(text: &str) -> Result<Manifest, Vec<Diagnostic>> {
        // Only the first syntax error: toml's recovery guesses badly (one
        // unclosed `[` yields half a dozen errors on the following lines),
        // and each follow-up error would send the reader the wrong way.
        let document = DeTable::parse(text).map_err(|e| vec![syntax_error(&e, text.len())])?;
        let mut reader = Reader::default();
        for (key, value) in in_order(document.get_ref()) {
            match key.get_ref().as_ref() {
                "roots" => reader.roots(value),
                "renamed" => reader.renamed(value),
                "manual" => reader.manual(value),
                other => reader.out.push(unknown_key(other, span(key.span()))),
            }
        }
        if reader.out.is_empty() {
            Ok(reader.manifest)
        } else {
            Err(reader.out)
        }
    }

    /// Checks names against the family's checked versions (sorted, oldest
    /// first; the family may start above v1 when old versions were retired).
    /// Returns every problem as a [`Diagnostic`] with a span into the
    /// manifest's text; an empty list means the manifest fits the family.
    ///
    /// Rejected: a root that is not a type of the latest version;
    /// `[renamed.vK]` where `vK` is not a version of the family or is its
    /// oldest (there is nothing to rename from); a new name not defined in
    /// `vK`; an old name not defined in `vK-1`; a type renamed to itself; one
    /// old name renamed twice in a step; a new name also defined in `vK-1`,
    /// or an old name still defined in `vK` (the type would pair with two
    /// types), unless that other type is itself renamed in the same step (a
    /// swap or a chain of renames is unambiguous); a `[manual]` step
    /// `k → k+1` the family does not have; a `[manual]` name defined in
    /// neither `vk` nor `vk+1`.
    pub fn validate(&self, versions: &[(u16, &Schema)]) -> Vec<Diagnostic> {
        let (Some(&(oldest, _)), Some(&(latest, latest_schema))) =
            (versions.first(), versions.last())
        else {
            // No versions: the family itself is reported elsewhere.
            return Vec::new();
        };
        let family = Family {
            versions,
            oldest,
            latest,
        };
        let mut out = Vec::new();
        for root in &self.roots {
            if latest_schema.lookup(&root.name).is_none() {
                out.push(
                    Diagnostic::error(
                        format!(
                            "root `{}` is not defined in the latest version, v{latest}",
                            root.name
                        ),
                        root.span,
                    ).with_code("manifest-unknown-root")
                    .with_label(format!("not a type of v{latest}"))
                    .with_help(match similar(&root.name, &[latest_schema]) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!(
                            "roots are types of the latest version: define `{}` in v{latest}.bare, or remove it from `roots`",
                            root.name
                        ),
                    }),
                );
            }
        }
        self.validate_renames(&family, &mut out);
        self.validate_manual(&family, &mut out);
        out
    }

    /// The old name of `new_name` in the step into `version`, if the
    /// manifest renames it.
    pub fn old_name(&self, version: u16, new_name: &str) -> Option<&str> {
        self.renamed
            .iter()
            .find(|r| r.owner.is_none() && r.version == version && r.new.name == new_name)
            .map(|r| r.old.name.as_str())
    }

    /// The new name, in `version`, of what `version - 1` called `old_name`,
    /// if the manifest renames it (the reverse of [`Manifest::old_name`]).
    pub fn new_name(&self, version: u16, old_name: &str) -> Option<&str> {
        self.renamed
            .iter()
            .find(|r| r.owner.is_none() && r.version == version && r.old.name == old_name)
            .map(|r| r.new.name.as_str())
    }

    /// Whether `[manual]` asks for the step `from → from + 1` of `name` (by
    /// its name in either version) to be written by hand.
    pub fn is_manual(&self, name: &str, from: u16) -> bool {
        self.manual
            .iter()
            .any(|m| m.from == from && m.name.name == name)
    }

    fn validate_renames(&self, family: &Family<'_>, out: &mut Vec<Diagnostic>) {
        let Family { oldest, latest, .. } = *family;
        // A bad `[renamed.vK]` header is one problem however many lines the
        // table has.
        let mut bad_tables: Vec<u16> = Vec::new();
        for (i, rename) in self.renamed.iter().enumerate() {
            let k = rename.version;
            let Some(new_schema) = family.schema(k) else {
                if !bad_tables.contains(&k) {
                    bad_tables.push(k);
                    out.push(
                        Diagnostic::error(
                            format!("`[renamed.v{k}]`: the family has no v{k}"),
                            rename.version_span,
                        ).with_code("manifest-rename")
                        .with_label("not a version of this family")
                        .with_help(format!(
                            "the family runs from v{oldest} to v{latest}; key the table by the version that introduced the new names"
                        )),
                    );
                }
                continue;
            };
            // Versions run without gaps, so only the oldest has no previous one.
            let previous = k.checked_sub(1).and_then(|p| family.schema(p));
            let Some(old_schema) = previous.filter(|_| k != oldest) else {
                if !bad_tables.contains(&k) {
                    bad_tables.push(k);
                    let why = if oldest > 1 {
                        format!(
                            "v{k} is the family's oldest version ({} retired)",
                            crate::family::versions_are(1, oldest - 1)
                        )
                    } else {
                        format!("v{k} is the family's oldest version")
                    };
                    out.push(
                        Diagnostic::error(
                            format!("`[renamed.v{k}]`: nothing to rename from, {why}"),
                            rename.version_span,
                        ).with_code("manifest-rename")
                        .with_label("the oldest version")
                        .with_help(
                            "a rename is keyed by the version that introduced the new name, and pairs it with the version before; remove this table",
                        ),
                    );
                }
                continue;
            };
            if let Some(owner) = &rename.owner {
                self.validate_part_rename(rename, owner, (new_schema, old_schema), out);
                continue;
            }
            let (new, old) = (&rename.new.name, &rename.old.name);
            let p = k - 1;
            if new == old {
                out.push(
                    Diagnostic::error(format!("`{new}` is renamed to itself"), rename.old.span).with_code("manifest-rename")
                        .with_label("the same name")
                        .with_help(
                            "remove this line: a type that keeps its name pairs with itself without a rename",
                        ),
                );
                continue;
            }
            let new_defined = new_schema.lookup(new).is_some();
            let old_defined = old_schema.lookup(old).is_some();
            if !new_defined {
                out.push(
                    Diagnostic::error(format!("`{new}` is not defined in v{k}"), rename.new.span)
                        .with_code("manifest-rename")
                        .with_label(format!("not a type of v{k}"))
                        .with_help(match similar(new, &[new_schema]) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => {
                                format!("the key is the type's new name, as defined in v{k}.bare")
                            }
                        }),
                );
            }
            if !old_defined {
                out.push(
                    Diagnostic::error(format!("`{old}` is not defined in v{p}"), rename.old.span)
                        .with_code("manifest-rename")
                        .with_label(format!("not a type of v{p}"))
                        .with_help(match similar(old, &[old_schema]) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => {
                                format!("the value is the type's old name, as defined in v{p}.bare")
                            }
                        }),
                );
            }
            let same_step = || {
                self.renamed
                    .iter()
                    .filter(move |r| r.version == k && r.owner.is_none())
            };
            if let Some(first) = self.renamed[..i]
                .iter()
                .find(|r| r.version == k && r.owner.is_none() && r.old.name == *old)
            {
                out.push(
                    Diagnostic::error(
                        format!(
                            "`{old}` is renamed twice in v{k}: to `{}` and to `{new}`",
                            first.new.name
                        ),
                        rename.old.span,
                    )
                    .with_code("manifest-rename")
                    .with_label(format!("renamed again, to `{new}`"))
                    .with_secondary(
                        first.old.span,
                        format!("first renamed here, to `{}`", first.new.name),
                    )
                    .with_help(format!(
                        "a type of v{p} becomes one type of v{k}: keep one of the two lines"
                    )),
                );
            }
            // The identity pairing is overridden when the other type is
            // renamed in the same step too (`A = "B"` with `B = "A"`).
            if new_defined
                && old_schema.lookup(new).is_some()
                && !same_step().any(|r| r.old.name == *new)
            {
                out.push(
                    Diagnostic::error(
                        format!(
                            "`{new}` is also defined in v{p}, so v{k}'s `{new}` would follow both v{p}'s `{new}` and `{old}`"
                        ),
                        rename.new.span,
                    ).with_code("manifest-rename")
                    .with_label(format!("also a type of v{p}"))
                    .with_help(format!(
                        "if v{p}'s `{new}` became another type in v{k}, rename it too in `[renamed.v{k}]`; otherwise remove this line"
                    )),
                );
            }
            if old_defined
                && new_schema.lookup(old).is_some()
                && !same_step().any(|r| r.new.name == *old)
            {
                out.push(
                    Diagnostic::error(
                        format!(
                            "`{old}` is still defined in v{k}, so v{p}'s `{old}` would lead both to v{k}'s `{old}` and to `{new}`"
                        ),
                        rename.old.span,
                    ).with_code("manifest-rename")
                    .with_label(format!("still a type of v{k}"))
                    .with_help(format!(
                        "remove `{old}` from v{k}.bare, or remove this line if v{k}'s `{new}` is a new type"
                    )),
                );
            }
        }
    }

    /// A field or enum value renamed (`"Todo.title" = "name"`): the type is
    /// a struct or enum of `vK` with a counterpart of the same kind in
    /// `vK-1`; the new name is one of its parts in `vK`, the old one of its
    /// counterpart's in `vK-1`; and neither would pair twice.
    fn validate_part_rename(
        &self,
        rename: &Rename,
        owner: &Named,
        (new_schema, old_schema): (&Schema, &Schema),
        out: &mut Vec<Diagnostic>,
    ) {
        let (k, p) = (rename.version, rename.version - 1);
        let (new, old) = (&rename.new.name, &rename.old.name);
        let Some(def) = new_schema.lookup(&owner.name).map(|id| new_schema.get(id)) else {
            out.push(
                Diagnostic::error(
                    format!("`{}` is not defined in v{k}", owner.name),
                    owner.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("not a type of v{k}"))
                .with_help(match similar(&owner.name, &[new_schema]) {
                    Some(close) => format!("did you mean `{close}.{new}`?"),
                    None => format!("the key is `Type.newName`, with the type's name in v{k}.bare"),
                }),
            );
            return;
        };
        let Some(parts) = part_names(def) else {
            let help = match &def.ty.kind {
                TypeKind::Union(_) => format!(
                    "a union's members are their types: rename the member's type instead, with `New = \"Old\"` in `[renamed.v{k}]`"
                ),
                _ => "only fields of structs and values of enums are renamed this way".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    format!("`{}` has no fields or values to rename", owner.name),
                    owner.span,
                )
                .with_code("manifest-rename")
                .with_label("neither a struct nor an enum")
                .with_help(help),
            );
            return;
        };
        let old_owner = self.old_name(k, &owner.name).unwrap_or(&owner.name);
        let old_parts = old_schema
            .lookup(old_owner)
            .map(|id| old_schema.get(id))
            .filter(|old_def| same_kind(old_def, def))
            .and_then(part_names);
        let Some(old_parts) = old_parts else {
            out.push(
                Diagnostic::error(
                    format!(
                        "`{}` has no counterpart of the same kind in v{p}",
                        owner.name
                    ),
                    owner.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("no `{old_owner}` of this kind in v{p}"))
                .with_help(format!(
                    "a field or value rename pairs `{}` with the same type in v{p}; if the type was renamed too, declare it with `{} = \"OldName\"`",
                    owner.name, owner.name
                )),
            );
            return;
        };
        let what = if matches!(def.ty.kind, TypeKind::Enum(_)) {
            "value"
        } else {
            "field"
        };
        if new == old {
            out.push(
                Diagnostic::error(
                    format!("`{}.{new}` is renamed to itself", owner.name),
                    rename.old.span,
                )
                .with_code("manifest-rename")
                .with_label("the same name")
                .with_help(format!(
                    "remove this line: a {what} that keeps its name pairs with itself"
                )),
            );
            return;
        }
        let name_list = |names: &[&str]| {
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !parts.contains(&new.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("`{}` has no {what} `{new}` in v{k}", owner.name),
                    rename.new.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("not a {what} of v{k}'s `{}`", owner.name))
                .with_help(match closest(new, parts.iter().copied()) {
                    Some(close) => format!("did you mean `{}.{close}`?", owner.name),
                    None => format!("its {what}s in v{k} are {}", name_list(&parts)),
                }),
            );
        }
        if !old_parts.contains(&old.as_str()) {
            out.push(
                Diagnostic::error(
                    format!("`{old_owner}` has no {what} `{old}` in v{p}"),
                    rename.old.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("not a {what} of v{p}'s `{old_owner}`"))
                .with_help(match closest(old, old_parts.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("its {what}s in v{p} are {}", name_list(&old_parts)),
                }),
            );
        }
        let same_owner = || {
            self.renamed.iter().filter(|r| {
                r.version == k && r.owner.as_ref().is_some_and(|o| o.name == owner.name)
            })
        };
        if let Some(first) = same_owner()
            .take_while(|r| !std::ptr::eq(*r, rename))
            .find(|r| r.old.name == *old)
        {
            out.push(
                Diagnostic::error(
                    format!(
                        "`{old}` is renamed twice in v{k}: to `{}` and to `{new}`",
                        first.new.name
                    ),
                    rename.old.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("renamed again, to `{new}`"))
                .with_secondary(
                    first.old.span,
                    format!("first renamed here, to `{}`", first.new.name),
                )
                .with_help("keep one of the two lines"),
            );
        }
        if old_parts.contains(&new.as_str()) && !same_owner().any(|r| r.old.name == *new) {
            out.push(
                Diagnostic::error(
                    format!(
                        "`{old_owner}` also has a {what} `{new}` in v{p}, so v{k}'s `{new}` would follow both it and `{old}`"
                    ),
                    rename.new.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("also a {what} in v{p}"))
                .with_help(format!(
                    "if v{p}'s `{new}` became another {what}, rename it too; otherwise remove this line"
                )),
            );
        }
        if parts.contains(&old.as_str()) && !same_owner().any(|r| r.new.name == *old) {
            out.push(
                Diagnostic::error(
                    format!(
                        "`{}` still has a {what} `{old}` in v{k}, so v{p}'s `{old}` would lead both to it and to `{new}`",
                        owner.name
                    ),
                    rename.old.span,
                )
                .with_code("manifest-rename")
                .with_label(format!("still a {what} in v{k}"))
                .with_help(format!(
                    "if v{k}'s `{old}` is another {what} now, rename it too; otherwise remove this line"
                )),
            );
        }
    }

    fn validate_manual(&self, family: &Family<'_>, out: &mut Vec<Diagnostic>) {
        let Family { oldest, latest, .. } = *family;
        for step in &self.manual {
            let k = step.from;
            let next = k.checked_add(1);
            let (Some(older), Some(newer)) =
                (family.schema(k), next.and_then(|n| family.schema(n)))
            else {
                let next = u32::from(k) + 1;
                let help = if oldest == latest {
                    format!("the family has one version, v{latest}, so nothing converts yet")
                } else if latest - oldest == 1 {
                    format!(
                        "the family's only step is v{oldest} → v{latest}: write `{} = [{oldest}]`",
                        step.name.name
                    )
                } else {
                    format!(
                        "the family's steps run from v{oldest} → v{} to v{} → v{latest}; the number k names the step vk → vk+1",
                        oldest + 1,
                        latest - 1
                    )
                };
                out.push(
                    Diagnostic::error(
                        format!("there is no step v{k} → v{next} in this family"),
                        step.span,
                    )
                    .with_code("manifest-manual")
                    .with_label("no such step")
                    .with_help(help),
                );
                continue;
            };
            let name = &step.name.name;
            if older.lookup(name).is_none() && newer.lookup(name).is_none() {
                let next = k + 1;
                out.push(
                    Diagnostic::error(
                        format!("`{name}` is defined in neither v{k} nor v{next}"),
                        step.name.span,
                    ).with_code("manifest-manual")
                    .with_label(format!("not a type of v{k} or v{next}"))
                    .with_help(match similar(name, &[older, newer]) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!(
                            "name a type defined in v{k}.bare or v{next}.bare, whose step v{k} → v{next} you write by hand"
                        ),
                    }),
                );
            }
        }
    }
}

/// The versions [`Manifest::validate`] checks against.
struct Family<'a> {
    versions: &'a [(u16, &'a Schema)],
    oldest: u16,
    latest: u16,
}

impl<'a> Family<'a> {
    fn schema(&self, version: u16) -> Option<&'a Schema> {
        self.versions
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, s)| *s)
    }
}

/// The names of a struct's fields or an enum's values; `None` for any
/// other kind of type.
fn part_names(def: &TypeDef) -> Option<Vec<&str>> {
    match &def.ty.kind {
        TypeKind::Struct(fields) => Some(fields.iter().map(|f| f.name.as_str()).collect()),
        TypeKind::Enum(values) => Some(values.iter().map(|v| v.name.as_str()).collect()),
        _ => None,
    }
}

/// Whether two definitions are both structs or both enums.
fn same_kind(a: &TypeDef, b: &TypeDef) -> bool {
    matches!(
        (&a.ty.kind, &b.ty.kind),
        (TypeKind::Struct(_), TypeKind::Struct(_)) | (TypeKind::Enum(_), TypeKind::Enum(_))
    )
}

/// The type name of `schemas` closest to a misspelt one, if one is close.
fn similar<'a>(wanted: &str, schemas: &[&'a Schema]) -> Option<&'a str> {
    closest(
        wanted,
        schemas
            .iter()
            .flat_map(|s| s.types())
            .map(|def| def.name.as_str()),
    )
}

/// Collects the manifest and every shape problem found while reading it.
#[derive(Default)]
struct Reader {
    manifest: Manifest,
    out: Vec<Diagnostic>,
}

impl Reader {
    fn roots(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(items) = value.get_ref().as_array() else {
            self.out.push(
                wrong_type("`roots` must be a list of type names", value)
                    .with_help("write `roots = [\"Actor\", \"Conn\"]`"),
            );
            return;
        };
        for item in items.iter() {
            let Some(name) = item.get_ref().as_str() else {
                self.out.push(
                    wrong_type("a root must be a type name in quotes", item)
                        .with_help("write `roots = [\"Actor\", \"Conn\"]`"),
                );
                continue;
            };
            let here = span(item.span());
            if let Some(first) = self.manifest.roots.iter().find(|r| r.name == name) {
                self.out.push(
                    Diagnostic::error(format!("root `{name}` is listed twice"), here)
                        .with_code("manifest-duplicate-root")
                        .with_label("listed again")
                        .with_secondary(first.span, "first listed here")
                        .with_help("remove one of the two"),
                );
                continue;
            }
            self.manifest.roots.push(Named {
                name: name.to_owned(),
                span: here,
            });
        }
    }

    fn renamed(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(tables) = value.get_ref().as_table() else {
            self.out.push(
                wrong_type("`renamed` must hold one table per version", value)
                    .with_help("write `[renamed.v3]`, then `NewName = \"OldName\"` lines"),
            );
            return;
        };
        for (key, entries) in in_order(tables) {
            let version_span = span(key.span());
            let Some(version) = version_key(key.get_ref()) else {
                self.out.push(
                    Diagnostic::error(
                        format!("`{}` is not a version", key.get_ref()),
                        version_span,
                    ).with_code("manifest-version")
                    .with_label("expected `vN`")
                    .with_help(
                        "key the table by the version that introduced the new names: `v` and a number from 1 to 65535 without leading zeros, like `[renamed.v3]`",
                    ),
                );
                continue;
            };
            let Some(entries) = entries.get_ref().as_table() else {
                self.out.push(
                    wrong_type(
                        format!("`renamed.v{version}` must be a table of `NewName = \"OldName\"`"),
                        entries,
                    )
                    .with_help(format!(
                        "write `[renamed.v{version}]`, then one `NewName = \"OldName\"` line per type"
                    )),
                );
                continue;
            };
            for (new, old) in in_order(entries) {
                let Some(old_name) = old.get_ref().as_str() else {
                    self.out.push(
                        wrong_type(
                            format!("the old name of `{}` must be a type name in quotes", new.get_ref()),
                            old,
                        )
                        .with_help(format!(
                            "write `{} = \"OldName\"`: in v{version}, `{}` is what v{} called `OldName`",
                            new.get_ref(),
                            new.get_ref(),
                            version.saturating_sub(1)
                        )),
                    );
                    continue;
                };
                let key = new.get_ref().to_string();
                let here = span(new.span());
                let (owner, new_name) = match key.split_once('.') {
                    None => (None, key.clone()),
                    Some((owner, part))
                        if !owner.is_empty() && !part.is_empty() && !part.contains('.') =>
                    {
                        (
                            Some(Named {
                                name: owner.to_owned(),
                                span: here,
                            }),
                            part.to_owned(),
                        )
                    }
                    Some(_) => {
                        self.out.push(
                            Diagnostic::error(format!("`{key}` is neither a type nor `Type.part`"), here)
                                .with_code("manifest-rename")
                                .with_label("expected `NewName` or `\"Type.newName\"`")
                                .with_help(format!(
                                    "rename a type with `New = \"Old\"`, a field or enum value with `\"Type.new\" = \"old\"` (the type's name in v{version}, in quotes)"
                                )),
                        );
                        continue;
                    }
                };
                self.manifest.renamed.push(Rename {
                    version,
                    version_span,
                    owner,
                    new: Named {
                        name: new_name,
                        span: here,
                    },
                    old: Named {
                        name: old_name.to_owned(),
                        span: span(old.span()),
                    },
                });
            }
        }
    }

    fn manual(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(table) = value.get_ref().as_table() else {
            self.out.push(
                wrong_type("`manual` must be a table of type names", value).with_help(
                    "write `[manual]`, then `Todo = [2]` for the step v2 → v3 of `Todo`",
                ),
            );
            return;
        };
        for (key, versions) in in_order(table) {
            let name = Named {
                name: key.get_ref().to_string(),
                span: span(key.span()),
            };
            let Some(items) = versions.get_ref().as_array() else {
                self.out.push(
                    wrong_type(
                        format!("`manual.{}` must be a list of versions", name.name),
                        versions,
                    )
                    .with_help(format!(
                        "write `{} = [2]` for the step v2 → v3 (the number k names the step vk → vk+1)",
                        name.name
                    )),
                );
                continue;
            };
            for item in items.iter() {
                let here = span(item.span());
                let Some(from) = step_number(item.get_ref()) else {
                    let found = match item.get_ref() {
                        DeValue::Integer(_) => "out of range".to_owned(),
                        other => format!("{} here", article(other.type_str())),
                    };
                    self.out.push(
                        Diagnostic::error("a manual step is a version from 1 to 65535", here).with_code("manifest-manual")
                            .with_label(found)
                            .with_help(format!(
                                "write `{} = [2]` for the step v2 → v3 (the number k names the step vk → vk+1)",
                                name.name
                            )),
                    );
                    continue;
                };
                if let Some(first) = self
                    .manifest
                    .manual
                    .iter()
                    .find(|m| m.from == from && m.name.name == name.name)
                {
                    self.out.push(
                        Diagnostic::error(
                            format!("step {from} of `{}` is listed twice", name.name),
                            here,
                        )
                        .with_code("manifest-manual")
                        .with_label("listed again")
                        .with_secondary(first.span, "first listed here")
                        .with_help("remove one of the two"),
                    );
                    continue;
                }
                self.manifest.manual.push(ManualStep {
                    name: name.clone(),
                    from,
                    span: here,
                    list: span(versions.span()),
                });
            }
        }
    }
}

/// A table's entries in the order they are written (toml keeps them sorted
/// by key), so diagnostics come out in reading order.
fn in_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

fn span(range: Range<usize>) -> Span {
    Span::from(range)
}

/// `vN` → `N`, for N from 1 to 65535 written without leading zeros.
fn version_key(key: &str) -> Option<u16> {
    let digits = key.strip_prefix('v')?;
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'));
    match digits.parse::<u16>() {
        Ok(version) if plain && version > 0 => Some(version),
        _ => None,
    }
}

/// A `[manual]` list element as a version from 1 to 65535.
fn step_number(value: &DeValue<'_>) -> Option<u16> {
    let integer = value.as_integer()?;
    // `as_str` is in the form `from_str_radix` expects, sign included.
    match u16::from_str_radix(integer.as_str(), integer.radix()) {
        Ok(from) if from > 0 => Some(from),
        _ => None,
    }
}

/// "a string", "an integer", … for "found …" labels.
fn article(kind: &str) -> String {
    match kind.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}

/// A value of the wrong TOML type, labelled with what was found.
fn wrong_type(message: impl Into<String>, value: &Spanned<DeValue<'_>>) -> Diagnostic {
    Diagnostic::error(message, span(value.span()))
        .with_code("manifest-value-type")
        .with_label(format!("{} here", article(value.get_ref().type_str())))
}

fn unknown_key(key: &str, at: Span) -> Diagnostic {
    const KNOWN: [&str; 3] = ["roots", "renamed", "manual"];
    let help = match closest(key, KNOWN) {
        Some(known) => format!("did you mean `{known}`?"),
        None => {
            "the manifest knows `roots`, `[renamed.vN]` and `[manual]`; remove this key".to_owned()
        }
    };
    Diagnostic::error(format!("unknown key `{key}` in {FILE_NAME}"), at)
        .with_code("manifest-unknown-key")
        .with_label("unknown key")
        .with_help(help)
}

fn syntax_error(error: &toml::de::Error, len: usize) -> Diagnostic {
    // Without a span the error is about the document as a whole: point at its end.
    let at = error.span().map_or(Span::empty(len), span);
    let message = error.message().trim();
    Diagnostic::error(format!("invalid TOML: {message}"), at).with_code("manifest-toml")
        .with_label("here")
        .with_help(
            "the manifest is TOML: `roots = [\"Actor\"]`, `[renamed.v3]` with `New = \"Old\"` lines, `[manual]` with `Todo = [2]` lines",
        )
}

mod prune;
#[cfg(test)]
mod tests;

pub use prune::{PruneError, Pruned};
