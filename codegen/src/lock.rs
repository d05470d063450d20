//! `verso.lock`: the fingerprints of published (frozen) versions of a family.
//!
//! A frozen version must never change: its bytes are out in the world. The
//! fingerprint is a SHA-256 of the schema's *meaning* — its checked IR with
//! names, field order, enum values and union tags, but without comments,
//! layout or spelling (legacy syntax, formatting) — so reformatting a frozen
//! file or editing its comments is allowed, and anything that could change
//! what bytes mean is caught.
//!
//! The lock also records retired versions (`retired through N`: v1…vN are
//! no longer read or written and their files are gone), so that a frozen
//! file that disappeared by accident is told apart from one retired on
//! purpose. Only `verso lock`, `verso new` and `verso retire` write the
//! file; its lines are `vN sha256:<hex>` per frozen version, then that
//! version's recorded meaning, one `vN KEY VALUE` line per type and member
//! (`v1 Todo.done bool`), so a change can be named ("field Todo.done: bool
//! → u8"), and at most one `retired through N`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::ir::{Schema, Type, TypeKind};
use crate::span::Span;

/// The file name inside a family directory.
pub const FILE_NAME: &str = "verso.lock";

/// The frozen versions of a family and their fingerprints, and how many of
/// its oldest versions were retired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lock {
    /// Version → `sha256:<hex>`.
    pub frozen: BTreeMap<u16, String>,
    /// Version → what it meant when it was frozen, one entry per type and
    /// member ([`meaning`]), so that a change can be named. Locks written
    /// before verso recorded it have none; `verso lock` adds it.
    pub meaning: BTreeMap<u16, Vec<(String, String)>>,
    /// `Some(N)`: v1…vN are retired (their files deleted on purpose).
    pub retired_through: Option<u16>,
}

impl Lock {
    /// Freezes `version`: records its fingerprint and meaning. A version
    /// already frozen keeps its fingerprint; its meaning is added when the
    /// lock had none and the schema still matches.
    pub fn freeze(&mut self, version: u16, schema: &Schema) {
        let hash = fingerprint(schema);
        let frozen = self.frozen.entry(version).or_insert_with(|| hash.clone());
        if *frozen == hash {
            self.meaning
                .entry(version)
                .or_insert_with(|| meaning(schema));
        }
    }

    /// Drops v1…v`through` (they were retired).
    pub fn retire_through(&mut self, through: u16) {
        self.frozen.retain(|version, _| *version > through);
        self.meaning.retain(|version, _| *version > through);
        self.retired_through = Some(through);
    }

    /// Reads the lock file at `path` (a family's
    /// [`FamilySource::lock_path`](crate::source::FamilySource::lock_path));
    /// a missing file is an empty lock.
    pub fn read(path: &Path) -> Result<Lock, LockError> {
        let path = path.to_owned();
        match std::fs::read_to_string(&path) {
            Ok(text) => Lock::parse(&text).map_err(|diagnostic| LockError::Invalid {
                path,
                text,
                diagnostic,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Lock::default()),
            Err(error) => Err(LockError::Read { path, error }),
        }
    }

    /// Parses the lock file's text. Anything but comments, blank lines, one
    /// `vN sha256:<64 hex digits>` per version followed by its `vN KEY VALUE`
    /// meaning lines, and one `retired through N` is an error at its line.
    pub fn parse(text: &str) -> Result<Lock, Box<Diagnostic>> {
        let mut frozen = BTreeMap::new();
        let mut meanings: BTreeMap<u16, Vec<(String, String)>> = BTreeMap::new();
        let mut retired_through = None;
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let line_start = start;
            start += raw.len();
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = line_start + (raw.len() - raw.trim_start().len());
            let span = Span::new(at, at + line.len());
            if let Some(through) = retired_line(line) {
                match (through, retired_through) {
                    (Some(n), None) => {
                        retired_through = Some(n);
                        continue;
                    }
                    (Some(_), Some(_)) => {
                        return Err(Box::new(
                            Diagnostic::error("`retired through N` may appear only once", span)
                                .with_code("lock-syntax")
                                .with_label("a second one"),
                        ));
                    }
                    (None, _) => {
                        return Err(Box::new(
                            Diagnostic::error(
                                format!(
                                    "expected `retired through N` with N a version from 1 to {}",
                                    u16::MAX
                                ),
                                span,
                            )
                            .with_code("lock-syntax")
                            .with_label("not a version"),
                        ));
                    }
                }
            }
            let parsed = line.split_once(' ').and_then(|(version, hash)| {
                let version: u16 = version.strip_prefix('v')?.parse().ok()?;
                let hex = hash.strip_prefix("sha256:")?;
                (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| (version, hash.to_owned()))
            });
            // `vN KEY VALUE`: one entry of a frozen version's meaning.
            let entry = || {
                let (version, rest) = line.split_once(' ')?;
                let version: u16 = version.strip_prefix('v')?.parse().ok()?;
                let (key, value) = rest.split_once(' ')?;
                (!key.starts_with("sha256:") && !value.trim().is_empty())
                    .then(|| (version, key.to_owned(), value.trim().to_owned()))
            };
            match parsed {
                Some((version, hash)) if !frozen.contains_key(&version) => {
                    frozen.insert(version, hash);
                }
                None if entry().is_some_and(|(version, ..)| frozen.contains_key(&version)) => {
                    if let Some((version, key, value)) = entry() {
                        meanings.entry(version).or_default().push((key, value));
                    }
                }
                _ => {
                    return Err(Box::new(Diagnostic::error(
                        "expected `vN sha256:<64 hex digits>` once per version (or `retired through N`)",
                        span,
                    )
                    .with_code("lock-syntax")
                    .with_label("not a lock line")
                    .with_help(
                        "verso.lock is written by `verso lock` and `verso new`; \
                         restore it from version control rather than editing it",
                    )));
                }
            }
        }
        Ok(Lock {
            frozen,
            meaning: meanings,
            retired_through,
        })
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# verso.lock: fingerprints of frozen (published) schema versions.\n\
             # Written by `verso lock` and `verso new`; a frozen version must never change.\n",
        );
        if let Some(through) = self.retired_through {
            let _ = writeln!(out, "retired through {through}");
        }
        for (version, hash) in &self.frozen {
            let _ = writeln!(out, "v{version} {hash}");
            for (key, value) in self.meaning.get(version).into_iter().flatten() {
                let _ = writeln!(out, "v{version} {key} {value}");
            }
        }
        out
    }

    /// Writes the lock file at `path` (a family's
    /// [`FamilySource::lock_path`](crate::source::FamilySource::lock_path)).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        std::fs::write(path, self.render())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }
}

/// A problem found by [`verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockProblem {
    /// A frozen version's schema means something else now.
    Changed {
        /// The version.
        version: u16,
        /// The newest version.
        latest: u16,
        /// Whether the newest version is frozen too: then the change needs
        /// a new version, otherwise it belongs in the newest one.
        latest_frozen: bool,
        /// What differs from the recorded meaning (`field Todo.done: bool
        /// → u8`); empty when the lock has no recorded meaning.
        changes: Vec<Change>,
    },
    /// The lock freezes a version whose file is gone, older than every
    /// present file and not recorded as retired: restore it or retire it.
    Missing(u16),
    /// The lock freezes a version whose file is gone, newer than every
    /// present file: only restoring it helps (retiring keeps a newer version).
    MissingNewest(u16),
    /// A version recorded as retired has a file again.
    RetiredPresent {
        /// The version whose file is present.
        version: u16,
        /// The lock's `retired through N`.
        through: u16,
    },
    /// A version older than the latest is not frozen (a warning).
    Unfrozen(u16),
}

impl LockProblem {
    /// Whether this rejects the family (warnings do not).
    pub fn is_error(&self) -> bool {
        !matches!(self, LockProblem::Unfrozen(_))
    }
}

/// How many changes of a frozen version its error names (the rest it
/// counts).
const SHOWN_CHANGES: usize = 5;

/// One difference between a frozen version's recorded meaning and its file
/// now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed, for people: `field Todo.done: bool → u8`.
    pub text: String,
    /// Where the change shows in the file now: the name of the field, value
    /// or type, the type of a union member, or the name of the type that
    /// lost a member or whose fields moved. `None` when nothing of it is
    /// left to point at (a type removed).
    pub span: Option<Span>,
}

/// `retired through N` → `Some(Some(N))`; a line starting with `retired`
/// that is not quite that → `Some(None)` (for a precise error); else `None`.
fn retired_line(line: &str) -> Option<Option<u16>> {
    let mut words = line.split_whitespace();
    if words.next() != Some("retired") {
        return None;
    }
    let through = match (words.next(), words.next(), words.next()) {
        (Some("through"), Some(n), None) if !n.starts_with('0') && !n.starts_with('+') => {
            n.parse::<u16>().ok()
        }
        _ => None,
    };
    Some(through)
}

impl LockProblem {
    /// The kind of problem, a stable name tools can filter on.
    pub fn code(&self) -> &'static str {
        match self {
            LockProblem::Changed { .. } => "frozen-version-changed",
            LockProblem::Missing(_) | LockProblem::MissingNewest(_) => "frozen-version-missing",
            LockProblem::RetiredPresent { .. } => "retired-version-present",
            LockProblem::Unfrozen(_) => "unfrozen-version",
        }
    }

    /// A changed frozen version as a diagnostic of its file: the version,
    /// and the diagnostic with a caret at each change it names that has a
    /// place in that file. `None` for the other problems and for changes
    /// with no place (a type removed), which concern the family as a whole.
    /// The message is the one [`Display`](std::fmt::Display) writes, so
    /// every command says it in the same words.
    pub fn diagnostic(&self) -> Option<(u16, Diagnostic)> {
        let LockProblem::Changed {
            version, changes, ..
        } = self
        else {
            return None;
        };
        let mut located = changes[..changes.len().min(SHOWN_CHANGES)]
            .iter()
            .filter_map(|c| c.span.map(|span| (span, c.text.as_str())));
        let (span, text) = located.next()?;
        let diagnostic = Diagnostic::error(self.to_string(), span)
            .with_code(self.code())
            .with_label(text);
        let diagnostic = located.fold(diagnostic, |d, (span, text)| d.with_secondary(span, text));
        Some((*version, diagnostic))
    }
}

/// Why `verso.lock` could not be read.
#[derive(Debug)]
pub enum LockError {
    /// The file exists but could not be read.
    Read {
        /// The lock's path.
        path: std::path::PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A line is not a lock line.
    Invalid {
        /// The lock's path.
        path: std::path::PathBuf,
        /// Its text, for rendering the diagnostic.
        text: String,
        /// What is wrong, and where.
        diagnostic: Box<Diagnostic>,
    },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Read { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            LockError::Invalid {
                path,
                text,
                diagnostic,
            } => {
                let (line, column) =
                    crate::diagnostic::line_column(text, diagnostic.primary.span.start);
                write!(
                    f,
                    "{}:{line}:{column}: {}",
                    path.display(),
                    diagnostic.message
                )
            }
        }
    }
}

impl std::error::Error for LockError {}

impl std::fmt::Display for LockProblem {
    /// The message with a one-family folder's file names (`v2.bare`);
    /// [`LockProblem::message`] names a flat family's files.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(&|v| format!("v{v}.bare"), FILE_NAME, "DIR"))
    }
}

impl LockProblem {
    /// What is wrong and how to fix it, naming the files and commands of
    /// the family at `source` (`pegboard.v2.bare`, `verso retire DIR
    /// --family pegboard …`). `DIR` stands for the folder, which callers
    /// print before the message.
    pub fn message(&self, source: &crate::source::FamilySource) -> String {
        let dir = match source.layout() {
            crate::source::Layout::Folder => "DIR".to_owned(),
            crate::source::Layout::Flat => format!("DIR --family {}", source.name()),
        };
        let file = |v: u16| {
            source
                .version_path(v)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let lock = source
            .lock_path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.render(&file, &lock, &dir)
    }

    fn render(&self, file: &dyn Fn(u16) -> String, lock: &str, dir: &str) -> String {
        use std::fmt::Write as _;
        let mut f = String::new();
        match self {
            LockProblem::Changed {
                version,
                latest,
                latest_frozen,
                changes,
            } => {
                let _ = write!(f, "{} changed after it was frozen", file(*version));
                if !changes.is_empty() {
                    let more = changes.len().saturating_sub(SHOWN_CHANGES);
                    let shown: Vec<&str> = changes[..changes.len().min(SHOWN_CHANGES)]
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect();
                    let _ = write!(f, " ({}", shown.join("; "));
                    if more > 0 {
                        let _ = write!(f, "; and {more} more");
                    }
                    f.push(')');
                }
                f.push_str("; published versions must never change — ");
                if *latest_frozen {
                    let next = u16::try_from(u32::from(*latest) + 1)
                        .map(file)
                        .unwrap_or_else(|_| format!("v{}.bare", u32::from(*latest) + 1));
                    let _ = write!(
                        f,
                        "undo it there and put the change in a new version: `verso new {dir}` starts {next}"
                    );
                } else {
                    let _ = write!(
                        f,
                        "undo it there and put the change in {}, which is not frozen yet",
                        file(*latest)
                    );
                }
            }
            LockProblem::Missing(version) => {
                let _ = write!(
                    f,
                    "{} is frozen but missing: restore it, or retire it with `verso retire {dir} --through {version}`",
                    file(*version)
                );
            }
            LockProblem::MissingNewest(version) => {
                let _ = write!(
                    f,
                    "{} is frozen but missing, and newer than every present version: restore it (a family cannot retire its newest version)",
                    file(*version)
                );
            }
            LockProblem::RetiredPresent { version, through } => {
                let _ = write!(
                    f,
                    "{} was retired ({lock}: retired through {through}) but is present: delete it, or remove the `retired` line to read it again",
                    file(*version)
                );
            }
            LockProblem::Unfrozen(version) => {
                let _ = write!(
                    f,
                    "{} is not frozen although newer versions exist; run `verso lock` once it is published",
                    file(*version)
                );
            }
        }
        f
    }
}

/// Compares a family's checked versions (sorted, oldest first) with its
/// lock. Versions up to `retired_through` are never reported as changed,
/// missing or unfrozen, only as present when their file is back; every
/// other version older than the latest is reported when it is not frozen,
/// also without a lock file (an empty lock): a family with several versions
/// and no lock is where a first `verso lock` is most often forgotten.
pub fn verify(lock: &Lock, versions: &[(u16, Schema)]) -> Vec<LockProblem> {
    let retired = lock.retired_through.unwrap_or(0);
    let mut problems: Vec<LockProblem> = versions
        .iter()
        .filter(|(v, _)| *v <= retired)
        .map(|(version, _)| LockProblem::RetiredPresent {
            version: *version,
            through: retired,
        })
        .collect();
    let oldest = versions.first().map_or(0, |(v, _)| *v);
    let latest = versions.last().map_or(0, |(v, _)| *v);
    for (version, hash) in lock.frozen.iter().filter(|(v, _)| **v > retired) {
        match versions.iter().find(|(v, _)| v == version) {
            Some((_, schema)) if fingerprint(schema) != *hash => {
                problems.push(LockProblem::Changed {
                    version: *version,
                    latest,
                    latest_frozen: lock.frozen.contains_key(&latest),
                    changes: lock
                        .meaning
                        .get(version)
                        .map(|was| changes(was, schema))
                        .unwrap_or_default(),
                })
            }
            Some(_) => {}
            None if *version < oldest => problems.push(LockProblem::Missing(*version)),
            // Versions run without gaps, so a missing one is past the newest.
            None => problems.push(LockProblem::MissingNewest(*version)),
        }
    }
    for (version, _) in versions {
        if *version > retired && *version < latest && !lock.frozen.contains_key(version) {
            problems.push(LockProblem::Unfrozen(*version));
        }
    }
    problems
}

/// What a schema means, one entry per type and member, in order: `(Todo,
/// struct)`, `(Todo.done, bool)`, `(Status, enum)`, `(Status.DONE, 2)`,
/// `(Assignee, union)`, `(Assignee#1, User)`, `(Stamp, i64)` for any other
/// definition. Member types are written as the fingerprint writes them.
pub fn meaning(schema: &Schema) -> Vec<(String, String)> {
    entries(schema)
        .into_iter()
        .map(|entry| (entry.key, entry.value))
        .collect()
}

/// One entry of a schema's [`meaning`], with where it is written: the name
/// of the type, field or value, or the type of a union member.
struct Entry {
    key: String,
    value: String,
    /// `None` for an imported type's entries: they are written in another
    /// file.
    span: Option<Span>,
}

/// A type's name in the canonical form: its own for the schema's types,
/// `family.vN:Name` for an imported one, so that the fingerprint of a
/// version covers what it imports and says from where.
fn qualified(def: &crate::ir::TypeDef) -> String {
    match &def.origin {
        None => def.name.clone(),
        Some(origin) => format!("{}.v{}:{}", origin.family, origin.version, def.name),
    }
}

fn entries(schema: &Schema) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut push =
        |key: String, value: String, span: Option<Span>| out.push(Entry { key, value, span });
    let canonical_of = |ty: &Type| {
        let mut text = String::new();
        canonical(schema, ty, &mut text);
        text
    };
    for def in schema.types() {
        let name = &qualified(def);
        let local = def.origin.is_none();
        let at = |span: Span| local.then_some(span);
        match &def.ty.kind {
            TypeKind::Struct(fields) => {
                push(name.clone(), "struct".to_owned(), at(def.name_span));
                for field in fields {
                    let key = format!("{name}.{}", field.name);
                    push(key, canonical_of(&field.ty), at(field.span));
                }
            }
            TypeKind::Enum(values) => {
                push(name.clone(), "enum".to_owned(), at(def.name_span));
                for value in values {
                    let key = format!("{name}.{}", value.name);
                    push(key, value.value.to_string(), at(value.span));
                }
            }
            TypeKind::Union(members) => {
                push(name.clone(), "union".to_owned(), at(def.name_span));
                for member in members {
                    let key = format!("{name}#{}", member.tag);
                    push(key, canonical_of(&member.ty), at(member.ty.span));
                }
            }
            _ => push(name.clone(), canonical_of(&def.ty), at(def.name_span)),
        }
    }
    out
}

/// What differs between a recorded meaning and what `now` means, for
/// people (`field Todo.done: bool → u8`, `value Status.DONE removed`, `type
/// Board added`, `fields of Todo reordered`), each with its place in `now`.
pub fn changes(was: &[(String, String)], now: &Schema) -> Vec<Change> {
    let entries = entries(now);
    let now: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    let spans: std::collections::HashMap<&str, Span> = entries
        .iter()
        .filter_map(|e| Some((e.key.as_str(), e.span?)))
        .collect();
    differences(was, &now)
        .into_iter()
        .map(|(text, place)| Change {
            text,
            span: place.and_then(|key| spans.get(key.as_str()).copied()),
        })
        .collect()
}

/// The differences between two meanings, each with the key of `now` it
/// shows at (`None` for a type removed).
fn differences(
    was: &[(String, String)],
    now: &[(String, String)],
) -> Vec<(String, Option<String>)> {
    use std::collections::HashMap;
    let index = |entries: &[(String, String)]| -> HashMap<String, (usize, String)> {
        entries
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (k.clone(), (i, v.clone())))
            .collect()
    };
    let (old, new) = (index(was), index(now));
    // What kind of member a key is, from its type's entry.
    let kind_of = |key: &str, table: &HashMap<String, (usize, String)>| -> &'static str {
        if key.contains('#') {
            return "member";
        }
        let Some((parent, _)) = key.split_once('.') else {
            return "type";
        };
        match table.get(parent).map(|(_, v)| v.as_str()) {
            Some("enum") => "value",
            _ => "field",
        }
    };
    // The type a member key belongs to (`Todo` of `Todo.done`, `U` of `U#1`).
    let parent = |key: &str| -> Option<String> {
        key.split_once(['.', '#'])
            .map(|(parent, _)| parent.to_owned())
    };
    let mut out = Vec::new();
    for (key, value) in was {
        match new.get(key) {
            // The members of a removed type go with it.
            None if parent(key).is_some_and(|p| !new.contains_key(&p)) => {}
            // A member removed shows at its type; a type removed nowhere.
            None => out.push((format!("{} {key} removed", kind_of(key, &old)), parent(key))),
            Some((_, now)) if now != value => {
                let text = format!("{} {key}: {value} → {now}", kind_of(key, &old));
                out.push((text, Some(key.clone())));
            }
            Some(_) => {}
        }
    }
    for (key, _) in now {
        let type_added = parent(key).is_some_and(|p| !old.contains_key(&p));
        if !old.contains_key(key) && !type_added {
            out.push((
                format!("{} {key} added", kind_of(key, &new)),
                Some(key.clone()),
            ));
        }
    }
    // Members present on both sides, in another order.
    let members = |entries: &[(String, String)], parent: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|(k, _)| {
                k.strip_prefix(parent)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
            .filter(|(k, _)| old.contains_key(k) && new.contains_key(k))
            .map(|(k, _)| k.clone())
            .collect()
    };
    for (key, value) in was {
        let both_structs = value == "struct" && new.get(key).is_some_and(|(_, v)| v == "struct");
        if both_structs && members(was, key) != members(now, key) {
            out.push((format!("fields of {key} reordered"), Some(key.clone())));
        }
    }
    out
}

/// `sha256:<hex>` of the schema's meaning (see the module docs).
pub fn fingerprint(schema: &Schema) -> String {
    let mut text = String::new();
    for def in schema.types() {
        let _ = write!(text, "type {} ", qualified(def));
        canonical(schema, &def.ty, &mut text);
        text.push('\n');
    }
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn canonical(schema: &Schema, ty: &Type, out: &mut String) {
    match &ty.kind {
        TypeKind::Primitive(p) => out.push_str(p.keyword()),
        TypeKind::Data => out.push_str("data"),
        TypeKind::FixedData(n) => {
            let _ = write!(out, "data[{n}]");
        }
        TypeKind::Optional(inner) => {
            out.push_str("optional<");
            canonical(schema, inner, out);
            out.push('>');
        }
        TypeKind::List(inner) => {
            out.push_str("list<");
            canonical(schema, inner, out);
            out.push('>');
        }
        TypeKind::FixedList(inner, n) => {
            out.push_str("list<");
            canonical(schema, inner, out);
            let _ = write!(out, ">[{n}]");
        }
        TypeKind::Map(k, v) => {
            out.push_str("map<");
            canonical(schema, k, out);
            out.push_str("><");
            canonical(schema, v, out);
            out.push('>');
        }
        TypeKind::Enum(values) => {
            out.push_str("enum {");
            for v in values {
                let _ = write!(out, " {} = {}", v.name, v.value);
            }
            out.push_str(" }");
        }
        TypeKind::Union(members) => {
            out.push_str("union {");
            for m in members {
                out.push(' ');
                canonical(schema, &m.ty, out);
                let _ = write!(out, " = {} |", m.tag);
            }
            out.push_str(" }");
        }
        TypeKind::Struct(fields) => {
            out.push_str("struct {");
            for f in fields {
                let _ = write!(out, " {}: ", f.name);
                canonical(schema, &f.ty, out);
            }
            out.push_str(" }");
        }
        TypeKind::Ref(id) => out.push_str(&qualified(schema.get(*id))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Options, check};

    fn schema(src: &str) -> Schema {
        check(src, &Options::default()).schema.expect("valid")
    }

    #[test]
    fn fingerprints_ignore_comments_layout_and_spelling_but_not_meaning() {
        let a = fingerprint(&schema(
            "type E enum { A B }\ntype T struct { e: E s: str }",
        ));
        let reformatted = "# A comment.\ntype E enum {\n  A\n  B = 1\n}\n\ntype T struct {\n  e: E\n  s: string\n}\n";
        assert_eq!(fingerprint(&schema(reformatted)), a);
        assert_ne!(
            fingerprint(&schema(
                "type E enum { A B = 2 }\ntype T struct { e: E s: str }"
            )),
            a
        );
        assert_ne!(
            fingerprint(&schema(
                "type E enum { A B }\ntype T struct { s: str e: E }"
            )),
            a
        );
        assert_ne!(
            fingerprint(&schema(
                "type E enum { A B }\ntype T struct { e: E t: str }"
            )),
            a
        );
    }

    #[test]
    fn a_changed_frozen_version_says_what_changed() {
        let v1 = schema(
            "type Status enum { OPEN DONE }\n\
             type Todo struct { id: u64 title: str done: bool }\n\
             type App struct { todos: list<Todo> }",
        );
        let v2 = schema("type App struct { todos: list<u8> }");
        let mut lock = Lock::default();
        lock.freeze(1, &v1);
        // The meaning survives the file.
        let lock = Lock::parse(&lock.render()).unwrap();
        assert!(
            lock.render().contains("v1 Todo.done bool\n"),
            "{}",
            lock.render()
        );
        let edited = schema(
            "type Status enum { OPEN DONE = 5 CANCELLED }\n\
             type Todo struct { title: str id: u64 done: u8 }\n\
             type App struct { todos: list<Todo> }\n\
             type Board struct { name: str }",
        );
        let problems = verify(&lock, &[(1, edited), (2, v2)]);
        let LockProblem::Changed { changes, .. } = &problems[0] else {
            panic!("{problems:?}")
        };
        let texts: Vec<&str> = changes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "value Status.DONE: 1 → 5",
                "field Todo.done: bool → u8",
                "value Status.CANCELLED added",
                "type Board added",
                "fields of Todo reordered",
            ]
        );
        let text = problems[0].to_string();
        assert!(
            text.starts_with("v1.bare changed after it was frozen (value Status.DONE: 1 → 5; "),
            "{text}"
        );
        // A lock written before meanings were recorded still catches it.
        let mut old = lock.clone();
        old.meaning.clear();
        let problems = verify(&old, &[(1, schema("type A u8")), (2, schema("type A u8"))]);
        assert!(
            matches!(&problems[0], LockProblem::Changed { changes, .. } if changes.is_empty()),
            "{problems:?}"
        );
        // Freezing again records the meaning of unchanged versions only.
        let mut relocked = old.clone();
        relocked.freeze(1, &schema("type A u8"));
        assert!(relocked.meaning.is_empty());
        relocked.freeze(1, &v1);
        assert!(!relocked.meaning[&1].is_empty());
    }

    #[test]
    fn each_change_points_at_its_place_in_the_changed_file() {
        let v1 = "type Status enum { OPEN DONE }\n\
                  type Todo struct { id: u64 done: bool }\n\
                  type Event union { Todo | Status }\n\
                  type Stamp i64\n\
                  type Gone str";
        let mut lock = Lock::default();
        lock.freeze(1, &schema(v1));
        let edited = "type Status enum { OPEN }\n\
                      type Todo struct { id: u64 done: u8 }\n\
                      type Event union { Todo | str }\n\
                      type Stamp u64\n\
                      type Board struct { name: str }";
        let problems = verify(&lock, &[(1, schema(edited))]);
        let LockProblem::Changed { changes, .. } = &problems[0] else {
            panic!("{problems:?}")
        };
        let places: Vec<(&str, Option<&str>)> = changes
            .iter()
            .map(|c| (c.text.as_str(), c.span.map(|s| &edited[s.range()])))
            .collect();
        assert_eq!(
            places,
            [
                // A value removed shows at its enum.
                ("value Status.DONE removed", Some("Status")),
                ("field Todo.done: bool → u8", Some("done")),
                ("member Event#1: Status → str", Some("str")),
                ("type Stamp: i64 → u64", Some("Stamp")),
                // Nothing is left of a type removed.
                ("type Gone removed", None),
                ("type Board added", Some("Board")),
            ]
        );
        // The diagnostic: the message every command prints, a caret at each
        // change it names (the first five) that has a place.
        let (version, diagnostic) = problems[0].diagnostic().expect("changes with a place");
        assert_eq!(version, 1);
        assert_eq!(diagnostic.message, problems[0].to_string());
        assert_eq!(diagnostic.code, "frozen-version-changed");
        assert_eq!(&edited[diagnostic.primary.span.range()], "Status");
        assert_eq!(diagnostic.primary.message, "value Status.DONE removed");
        let secondary: Vec<&str> = diagnostic
            .secondary
            .iter()
            .map(|l| l.message.as_str())
            .collect();
        assert_eq!(
            secondary,
            [
                "field Todo.done: bool → u8",
                "member Event#1: Status → str",
                "type Stamp: i64 → u64",
            ]
        );
        assert!(
            diagnostic.message.contains("; and 1 more)"),
            "{}",
            diagnostic.message
        );
        // Only a removed type: nothing to point at in the file.
        let mut lock = Lock::default();
        lock.freeze(1, &schema("type A u8\ntype B u8"));
        let problems = verify(&lock, &[(1, schema("type A u8"))]);
        assert!(
            matches!(&problems[0], LockProblem::Changed { .. }),
            "{problems:?}"
        );
        assert_eq!(problems[0].diagnostic(), None);
        assert_eq!(LockProblem::Unfrozen(1).diagnostic(), None);
    }

    fn line_of(text: &str, error: &Diagnostic) -> usize {
        crate::diagnostic::line_column(text, error.primary.span.start).0
    }

    #[test]
    fn lock_files_round_trip_and_reject_garbage() {
        let mut lock = Lock::default();
        lock.frozen.insert(1, format!("sha256:{}", "a".repeat(64)));
        lock.frozen.insert(2, format!("sha256:{}", "b".repeat(64)));
        assert_eq!(Lock::parse(&lock.render()).unwrap(), lock);
        let error = Lock::parse("v1 md5:abc").unwrap_err();
        assert_eq!(error.primary.span, Span::new(0, 10));
        assert_eq!(error.code, "lock-syntax");
        let twice = format!("v1 sha256:{0}\nv1 sha256:{0}\n", "a".repeat(64));
        assert!(Lock::parse(&twice).is_err());
    }

    #[test]
    fn verify_reports_changes_missing_files_and_unfrozen_versions() {
        let v1 = schema("type A struct { a: u8 }");
        let v2 = schema("type A struct { a: u8 b: u8 }");
        let v3 = schema("type A struct { a: u8 b: u8 c: u8 }");
        let mut lock = Lock::default();
        lock.frozen.insert(1, fingerprint(&v1));
        let versions = vec![(1, v1.clone()), (2, v2.clone()), (3, v3.clone())];
        assert_eq!(verify(&lock, &versions), [LockProblem::Unfrozen(2)]);
        lock.frozen.insert(1, fingerprint(&v2));
        let problems = verify(&lock, &versions);
        assert_eq!(
            problems[0],
            LockProblem::Changed {
                version: 1,
                latest: 3,
                latest_frozen: false,
                changes: Vec::new(),
            }
        );
        // v3 is the unfrozen latest: the change goes there.
        assert!(
            problems[0]
                .to_string()
                .contains("put the change in v3.bare, which is not frozen yet"),
            "{}",
            problems[0]
        );
        // With every version frozen, it takes a new one.
        let mut all = lock.clone();
        all.frozen.insert(2, fingerprint(&v2));
        all.frozen.insert(3, fingerprint(&v3));
        let problems = verify(&all, &versions);
        assert!(
            problems[0]
                .to_string()
                .contains("`verso new DIR` starts v4.bare"),
            "{}",
            problems[0]
        );
        // No lock at all: every version but the latest is unfrozen, as
        // after a retirement that froze nothing.
        assert_eq!(
            verify(&Lock::default(), &versions),
            [LockProblem::Unfrozen(1), LockProblem::Unfrozen(2)]
        );
        let retired = Lock {
            retired_through: Some(1),
            ..Lock::default()
        };
        assert_eq!(verify(&retired, &versions[1..]), [LockProblem::Unfrozen(2)]);
        assert!(verify(&Lock::default(), &versions[2..]).is_empty());
    }

    /// A valid fingerprint-shaped hash, for lock files that are only parsed.
    fn hash(digit: char) -> String {
        format!("sha256:{}", digit.to_string().repeat(64))
    }

    #[test]
    fn retired_versions_round_trip_and_bad_retired_lines_name_their_line() {
        let lock = Lock {
            frozen: [(3, hash('c'))].into_iter().collect(),
            meaning: BTreeMap::new(),
            retired_through: Some(2),
        };
        let text = lock.render();
        assert!(text.contains("\nretired through 2\n"), "{text}");
        assert_eq!(Lock::parse(&text).unwrap(), lock);
        let only_retired = Lock {
            retired_through: Some(7),
            ..Lock::default()
        };
        assert_eq!(Lock::parse(&only_retired.render()).unwrap(), only_retired);
        assert_eq!(
            Lock::parse("  retired   through 65535  ")
                .unwrap()
                .retired_through,
            Some(65535)
        );

        let twice = format!("v3 {}\nretired through 1\nretired through 2\n", hash('a'));
        let error = Lock::parse(&twice).unwrap_err();
        assert_eq!(line_of(&twice, &error), 3);
        assert!(error.message.contains("only once"), "{error}");
        for bad in [
            "retired through 0",
            "retired through 01",
            "retired through 65536",
            "retired through -1",
            "retired through",
            "retired through 2 3",
            "retired 2",
            "retired",
        ] {
            let text = format!("# comment\n{bad}\n");
            let error = Lock::parse(&text).unwrap_err();
            assert_eq!(line_of(&text, &error), 2, "{bad}: {error}");
            // The span is the line itself, surrounding spaces aside.
            assert_eq!(&text[error.primary.span.range()], bad.trim());
        }
        assert_eq!(
            line_of(
                "retire through 2",
                &Lock::parse("retire through 2").unwrap_err()
            ),
            1
        );
    }

    #[test]
    fn a_frozen_file_gone_below_the_oldest_is_missing_and_names_the_retire_command() {
        let v1 = schema("type A struct { a: u8 }");
        let v2 = schema("type A struct { a: u8 b: u8 }");
        let v3 = schema("type A struct { a: u8 b: u8 c: u8 }");
        let mut lock = Lock::default();
        for (v, s) in [(1, &v1), (2, &v2)] {
            lock.frozen.insert(v, fingerprint(s));
        }
        // v1.bare deleted by hand.
        let present = vec![(2, v2.clone()), (3, v3.clone())];
        let problems = verify(&lock, &present);
        assert_eq!(problems, [LockProblem::Missing(1)]);
        assert!(problems[0].is_error());
        assert_eq!(
            problems[0].to_string(),
            "v1.bare is frozen but missing: restore it, or retire it with `verso retire DIR --through 1`"
        );
        // Recorded as retired: clean, and v1's stale fingerprint is ignored.
        lock.retired_through = Some(1);
        assert_eq!(verify(&lock, &present), []);
        lock.frozen.remove(&1);
        assert_eq!(verify(&lock, &present), []);

        // The newest frozen file gone: only restoring helps.
        lock.frozen.insert(3, fingerprint(&v3));
        let problems = verify(&lock, &present[..1]);
        assert_eq!(problems, [LockProblem::MissingNewest(3)]);
        assert!(problems[0].to_string().contains("restore it"));
        assert!(!problems[0].to_string().contains("verso retire"));
    }

    #[test]
    fn a_retired_version_whose_file_is_back_is_an_error() {
        let v1 = schema("type A struct { a: u8 }");
        let v2 = schema("type A struct { a: u8 b: u8 }");
        let v3 = schema("type A struct { a: u8 b: u8 c: u8 }");
        let lock = Lock {
            frozen: [(2, fingerprint(&v2))].into_iter().collect(),
            meaning: BTreeMap::new(),
            retired_through: Some(1),
        };
        let versions = vec![(1, v1), (2, v2), (3, v3)];
        let problems = verify(&lock, &versions);
        assert_eq!(
            problems,
            [LockProblem::RetiredPresent {
                version: 1,
                through: 1
            }]
        );
        assert!(problems[0].is_error());
        assert_eq!(
            problems[0].to_string(),
            "v1.bare was retired (verso.lock: retired through 1) but is present: delete it, or remove the `retired` line to read it again"
        );
        // A lock holding only the retired line still catches it.
        let only_retired = Lock {
            retired_through: Some(1),
            ..Lock::default()
        };
        assert_eq!(
            verify(&only_retired, &versions),
            [
                LockProblem::RetiredPresent {
                    version: 1,
                    through: 1
                },
                LockProblem::Unfrozen(2)
            ]
        );
    }

    #[test]
    fn retired_versions_are_never_unfrozen() {
        let v2 = schema("type A struct { a: u8 b: u8 }");
        let v3 = schema("type A struct { a: u8 b: u8 c: u8 }");
        let v4 = schema("type A struct { a: u8 b: u8 c: u8 d: u8 }");
        let lock = Lock {
            frozen: [(3, fingerprint(&v3))].into_iter().collect(),
            meaning: BTreeMap::new(),
            retired_through: Some(1),
        };
        let versions = vec![(2, v2), (3, v3), (4, v4)];
        // v2 is not retired: unfrozen (a warning); v1 is retired: silent.
        let problems = verify(&lock, &versions);
        assert_eq!(problems, [LockProblem::Unfrozen(2)]);
        assert!(!problems[0].is_error());
        let through_two = Lock {
            retired_through: Some(2),
            ..lock
        };
        assert_eq!(
            verify(&through_two, &versions[1..]),
            [],
            "nothing retired is reported once its file is gone"
        );
    }
}
