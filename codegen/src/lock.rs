//! `verso.lock`: the fingerprints of published (frozen) versions of a family.
//!
//! A frozen version must never change: its bytes are out in the world. The
//! fingerprint is a SHA-256 of the schema's *meaning* — its checked IR with
//! names, field order, enum values and union tags, but without comments,
//! layout or spelling (legacy syntax, formatting) — so reformatting a frozen
//! file or editing its comments is allowed, and anything that could change
//! what bytes mean is caught. Only `verso lock` and `verso new` write the
//! file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::ir::{Schema, Type, TypeKind};

/// The file name inside a family directory.
pub const FILE_NAME: &str = "verso.lock";

/// The frozen versions of a family and their fingerprints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lock {
    /// Version → `sha256:<hex>`.
    pub frozen: BTreeMap<u16, String>,
}

impl Lock {
    /// Reads `DIR/verso.lock`; a missing file is an empty lock.
    pub fn read(dir: &Path) -> Result<Lock, String> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Lock::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Lock::default()),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    /// Parses the lock file's text.
    pub fn parse(text: &str) -> Result<Lock, String> {
        let mut frozen = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line.split_once(' ').and_then(|(version, hash)| {
                let version: u16 = version.strip_prefix('v')?.parse().ok()?;
                let hex = hash.strip_prefix("sha256:")?;
                (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| (version, hash.to_owned()))
            });
            match parsed {
                Some((version, hash)) if !frozen.contains_key(&version) => {
                    frozen.insert(version, hash);
                }
                _ => {
                    return Err(format!(
                        "line {}: expected `vN sha256:<64 hex digits>` once per version, found `{line}`",
                        number + 1
                    ));
                }
            }
        }
        Ok(Lock { frozen })
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# verso.lock: fingerprints of frozen (published) schema versions.\n\
             # Written by `verso lock` and `verso new`; a frozen version must never change.\n",
        );
        for (version, hash) in &self.frozen {
            let _ = writeln!(out, "v{version} {hash}");
        }
        out
    }

    /// Writes `DIR/verso.lock`.
    pub fn write(&self, dir: &Path) -> Result<(), String> {
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, self.render())
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
        /// The newest version (the change belongs after it).
        latest: u16,
    },
    /// The lock freezes a version whose file is gone.
    Missing(u16),
    /// A version older than the latest is not frozen (a warning).
    Unfrozen(u16),
}

impl LockProblem {
    /// Whether this rejects the family (warnings do not).
    pub fn is_error(&self) -> bool {
        !matches!(self, LockProblem::Unfrozen(_))
    }
}

impl std::fmt::Display for LockProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockProblem::Changed { version, latest } => write!(
                f,
                "v{version}.bare changed after it was frozen; published versions must never change — put the change in v{}.bare",
                latest + 1
            ),
            LockProblem::Missing(version) => {
                write!(
                    f,
                    "v{version}.bare is frozen in {FILE_NAME} but missing; restore it"
                )
            }
            LockProblem::Unfrozen(version) => write!(
                f,
                "v{version}.bare is not frozen although newer versions exist; run `verso lock` once it is published"
            ),
        }
    }
}

/// Compares a family's checked versions with its lock. Without a lock file
/// (an empty lock) nothing is reported.
pub fn verify(lock: &Lock, versions: &[(u16, Schema)]) -> Vec<LockProblem> {
    if lock.frozen.is_empty() {
        return Vec::new();
    }
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let mut problems = Vec::new();
    for (version, hash) in &lock.frozen {
        match versions.iter().find(|(v, _)| v == version) {
            Some((_, schema)) if fingerprint(schema) != *hash => {
                problems.push(LockProblem::Changed {
                    version: *version,
                    latest,
                })
            }
            Some(_) => {}
            None => problems.push(LockProblem::Missing(*version)),
        }
    }
    for (version, _) in versions {
        if *version < latest && !lock.frozen.contains_key(version) {
            problems.push(LockProblem::Unfrozen(*version));
        }
    }
    problems
}

/// `sha256:<hex>` of the schema's meaning (see the module docs).
pub fn fingerprint(schema: &Schema) -> String {
    let mut text = String::new();
    for def in schema.types() {
        let _ = write!(text, "type {} ", def.name);
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
        TypeKind::Ref(id) => out.push_str(&schema.get(*id).name),
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
    fn lock_files_round_trip_and_reject_garbage() {
        let mut lock = Lock::default();
        lock.frozen.insert(1, format!("sha256:{}", "a".repeat(64)));
        lock.frozen.insert(2, format!("sha256:{}", "b".repeat(64)));
        assert_eq!(Lock::parse(&lock.render()).unwrap(), lock);
        assert!(Lock::parse("v1 md5:abc").unwrap_err().contains("line 1"));
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
                latest: 3
            }
        );
        assert!(
            problems[0]
                .to_string()
                .contains("put the change in v4.bare")
        );
        assert!(
            verify(&Lock::default(), &versions).is_empty(),
            "no lock, no checks"
        );
    }
}
