//! Golden samples: messages as they were really written, each checked
//! against what it reads as in the latest version.
//!
//! A family's samples folder ([`layout`]: `DIR/samples/vN/TYPE/NAME.bin`)
//! holds messages exactly as some release stored them, and beside each its
//! `NAME.latest.json`: the latest value it upgrades to, in verso's JSON
//! mapping. `verso_build::Config::samples(true)` generates a `#[cfg(test)]`
//! test that runs [`Samples::check`] over the folder with the family's
//! generated `…Versioned` types and hand-written converters, so a converter
//! change that alters what old data means fails `cargo test`, and
//! `VERSO_BLESS=1 cargo test` writes the new expectations for review as a
//! diff.
//!
//! Each sample is decoded as the version and type its folders name (an
//! embedded one's header must agree), upgraded to the latest types, encoded
//! and rendered as JSON by this crate's schema-driven codec from the latest
//! schema file (so the user's crate needs neither `serde(true)` nor
//! serde_json: only this crate as a dev-dependency), and compared with its
//! `.latest.json` as JSON values (key order and spacing aside). Where every
//! step from the sample's version to the latest is generated both ways
//! (nothing hand-written can lose information), downgrading the result must
//! give back the stored bytes.

mod diff;
pub mod layout;
#[cfg(test)]
mod tests;

use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde_json::Value;
use verso::{Decode, Encode, Versioned};
use verso_codegen::check::Options;
use verso_codegen::ir::Schema;
use verso_codegen::load::{self, LockCheck};
use verso_codegen::source::FamilySource;

use layout::Entry;

/// The environment variable that makes [`Samples::check`] write missing
/// and changed `.latest.json` files instead of failing on them.
pub const BLESS_VAR: &str = "VERSO_BLESS";

/// How the check reaches a root type's generated code: decode any
/// supported version and upgrade it, or downgrade the latest value.
/// Values cross as bytes (the latest value encoded) so the runner needs no
/// generic parameter; [`Generated`] implements it for a `…Versioned` type.
pub trait SampleCodec {
    /// The oldest version the root type is supported in.
    fn oldest(&self) -> u16;
    /// The family's latest version.
    fn latest(&self) -> u16;
    /// Decodes a plain message of `version`, upgrades it, and returns the
    /// latest value encoded.
    fn upgrade(&self, bytes: &[u8], version: u16) -> Result<Vec<u8>, verso::Error>;
    /// Decodes an encoded latest value, downgrades it to `version` and
    /// encodes it as a plain message.
    fn downgrade(&self, latest: &[u8], version: u16) -> Result<Vec<u8>, verso::Error>;
}

/// [`SampleCodec`] over a generated `…Versioned` type (what the generated
/// test passes).
pub struct Generated<V>(PhantomData<fn() -> V>);

impl<V> Generated<V> {
    /// The codec of `V`.
    pub fn new() -> Self {
        Generated(PhantomData)
    }
}

impl<V> Default for Generated<V> {
    fn default() -> Self {
        Generated::new()
    }
}

impl<V> SampleCodec for Generated<V>
where
    V: Versioned,
    V::Latest: Encode + Decode,
{
    fn oldest(&self) -> u16 {
        V::OLDEST
    }

    fn latest(&self) -> u16 {
        V::LATEST
    }

    fn upgrade(&self, bytes: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        V::decode(bytes, version).map(|latest| verso::to_vec(&latest))
    }

    fn downgrade(&self, latest: &[u8], version: u16) -> Result<Vec<u8>, verso::Error> {
        let value =
            verso::from_slice::<V::Latest>(latest).map_err(|source| verso::Error::Decode {
                version: V::LATEST,
                source,
            })?;
        V::encode(value, version)
    }
}

/// One root type whose samples are checked.
struct Root {
    /// Its latest schema name: the folder its samples are in.
    name: String,
    codec: Box<dyn SampleCodec>,
    /// The versions whose samples must come back byte for byte.
    round_trip: Vec<u16>,
}

/// The samples check of one family.
pub struct Samples {
    source: FamilySource,
    roots: Vec<Root>,
    bless: bool,
}

/// A sample (or a file of the samples folder) that failed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The file or folder at fault.
    pub path: PathBuf,
    /// What is wrong and how to fix it; may span lines (a diff).
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// What a run of the check found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// How many samples were checked.
    pub checked: usize,
    /// The `.latest.json` files written (blessing only).
    pub written: Vec<PathBuf>,
    /// Everything that failed, in folder order.
    pub failures: Vec<Failure>,
}

impl Samples {
    /// The samples of the family held alone in `dir` (`DIR/samples`).
    pub fn folder(dir: impl Into<PathBuf>) -> Self {
        Samples::of(FamilySource::folder(dir))
    }

    /// The samples of family `name` of the flat folder `dir`
    /// (`DIR/NAME.samples`).
    pub fn flat(dir: impl Into<PathBuf>, name: &str) -> Self {
        Samples::of(FamilySource::flat(dir, name))
    }

    fn of(source: FamilySource) -> Self {
        let bless = std::env::var(BLESS_VAR).is_ok_and(|v| !v.is_empty() && v != "0");
        Samples {
            source,
            roots: Vec::new(),
            bless,
        }
    }

    /// Checks the samples of root type `name` (its latest schema name)
    /// with the generated `V = …Versioned`; samples of the versions in
    /// `round_trip` must also downgrade back to their stored bytes.
    pub fn root<V>(self, name: &str, round_trip: &[u16]) -> Self
    where
        V: Versioned + 'static,
        V::Latest: Encode + Decode,
    {
        self.root_with(name, Generated::<V>::new(), round_trip)
    }

    /// [`Samples::root`] with any codec (a test double, a wrapper).
    pub fn root_with(
        mut self,
        name: &str,
        codec: impl SampleCodec + 'static,
        round_trip: &[u16],
    ) -> Self {
        self.roots.push(Root {
            name: name.to_owned(),
            codec: Box::new(codec),
            round_trip: round_trip.to_vec(),
        });
        self
    }

    /// Whether missing and changed expectations are written rather than
    /// failures (default: the `VERSO_BLESS` environment variable is set,
    /// and neither empty nor `0`).
    pub fn bless(mut self, bless: bool) -> Self {
        self.bless = bless;
        self
    }

    /// Checks every sample and panics with a report of every failure (the
    /// generated test's assertion); prints the files blessing wrote.
    pub fn check(&self) {
        let outcome = self.run();
        for path in &outcome.written {
            eprintln!("{BLESS_VAR}: wrote {}", path.display());
        }
        if !outcome.failures.is_empty() {
            let mut report = format!(
                "{} in the golden samples {} ({} checked):\n",
                count(outcome.failures.len(), "problem"),
                self.source.samples_path().display(),
                count(outcome.checked, "sample"),
            );
            for failure in &outcome.failures {
                report.push_str(&format!("\n{}\n", failure.to_string().trim_end()));
            }
            panic!("{report}");
        }
    }

    /// Checks every sample and returns what it found.
    pub fn run(&self) -> Outcome {
        let mut outcome = Outcome::default();
        let samples = self.source.samples_path();
        let fail = |outcome: &mut Outcome, path: &Path, message: String| {
            outcome.failures.push(Failure {
                path: path.to_owned(),
                message,
            })
        };
        if !samples.is_dir() {
            let add = format!(
                "verso sample add {} --version N --name NAME",
                self.source.dir().display()
            );
            fail(
                &mut outcome,
                &samples,
                format!(
                    "no samples folder; record a message as a release wrote it with `{add}`, \
                     or turn off `samples(true)`"
                ),
            );
            return outcome;
        }
        let schema = match self.latest_schema() {
            Ok(schema) => schema,
            Err(message) => {
                fail(&mut outcome, self.source.dir(), message);
                return outcome;
            }
        };
        let versions = match sorted_entries(&samples) {
            Ok(entries) => entries,
            Err(message) => {
                fail(&mut outcome, &samples, message);
                return outcome;
            }
        };
        for (dir_name, path) in versions {
            let Some(version) = path
                .is_dir()
                .then(|| layout::version_of(&dir_name))
                .flatten()
            else {
                fail(
                    &mut outcome,
                    &path,
                    "not a version folder: the samples folder holds one folder per version \
                     that wrote the messages (`v1`, `v2`, …)"
                        .to_owned(),
                );
                continue;
            };
            self.version_folder(&schema, version, &path, &mut outcome);
        }
        outcome
    }

    /// The latest version's schema, read now from the family's folder.
    fn latest_schema(&self) -> Result<Schema, String> {
        let loaded = load::load_source(
            &self.source,
            &Options::default(),
            &Default::default(),
            LockCheck::Skip,
        );
        let family = loaded.family.ok_or_else(|| {
            format!(
                "the family does not load, so its samples cannot be rendered:\n{}",
                loaded.report.render_all(false)
            )
        })?;
        let latest = family.latest();
        if let Some(root) = self.roots.iter().find(|r| r.codec.latest() != latest) {
            return Err(format!(
                "the schema files reach v{latest} but the generated `{}Versioned` was built \
                 up to v{}: rebuild",
                root.name,
                root.codec.latest()
            ));
        }
        family
            .versions
            .into_iter()
            .last()
            .map(|(_, schema)| schema)
            .ok_or_else(|| "the family has no version".to_owned())
    }

    fn version_folder(&self, schema: &Schema, version: u16, dir: &Path, outcome: &mut Outcome) {
        let entries = match sorted_entries(dir) {
            Ok(entries) => entries,
            Err(message) => {
                outcome.failures.push(Failure {
                    path: dir.to_owned(),
                    message,
                });
                return;
            }
        };
        for (ty, path) in entries {
            let root = self.roots.iter().find(|r| r.name == ty);
            let Some(root) = root.filter(|_| path.is_dir()) else {
                let names: Vec<String> =
                    self.roots.iter().map(|r| format!("`{}`", r.name)).collect();
                outcome.failures.push(Failure {
                    path,
                    message: format!(
                        "not a root type's folder: a version folder holds one folder per root \
                         type, named as in the latest version ({}); a type becomes a root \
                         through the manifest's `roots` or `Config::root`",
                        names.join(", ")
                    ),
                });
                continue;
            };
            if version < root.codec.oldest() || version > root.codec.latest() {
                outcome.failures.push(Failure {
                    path,
                    message: format!(
                        "`{}` is supported in versions {} to {}, not {version}",
                        root.name,
                        root.codec.oldest(),
                        root.codec.latest()
                    ),
                });
                continue;
            }
            let check = Check {
                schema,
                root,
                version,
                bless: self.bless,
            };
            check.type_folder(&path, outcome);
        }
    }
}

/// The check of one type folder of one version.
struct Check<'a> {
    schema: &'a Schema,
    root: &'a Root,
    version: u16,
    bless: bool,
}

impl Check<'_> {
    fn type_folder(&self, dir: &Path, outcome: &mut Outcome) {
        let entries = match sorted_entries(dir) {
            Ok(entries) => entries,
            Err(message) => {
                outcome.failures.push(Failure {
                    path: dir.to_owned(),
                    message,
                });
                return;
            }
        };
        let mut samples: Vec<(String, bool, PathBuf)> = Vec::new();
        let mut expectations: Vec<(String, PathBuf)> = Vec::new();
        for (file_name, path) in entries {
            match layout::classify(&file_name) {
                Ok(Entry::Sample { name, embedded }) => samples.push((name, embedded, path)),
                Ok(Entry::Expectation { name }) => expectations.push((name, path)),
                Err(message) => outcome.failures.push(Failure { path, message }),
            }
        }
        for (name, path) in &expectations {
            let owners = samples.iter().filter(|(n, _, _)| n == name).count();
            let message = match owners {
                0 => format!(
                    "no sample `{name}{}` or `{name}{}` beside it: delete it, or restore the sample",
                    layout::PLAIN,
                    layout::EMBEDDED
                ),
                1 => continue,
                _ => format!(
                    "both `{name}{}` and `{name}{}` would be checked against it: rename one",
                    layout::PLAIN,
                    layout::EMBEDDED
                ),
            };
            outcome.failures.push(Failure {
                path: path.clone(),
                message,
            });
        }
        for (name, embedded, path) in &samples {
            outcome.checked += 1;
            if let Err(message) = self.sample(dir, name, *embedded, path, outcome) {
                outcome.failures.push(Failure {
                    path: path.clone(),
                    message,
                });
            }
        }
    }

    /// Checks one sample; `Err` is the failure's message.
    fn sample(
        &self,
        dir: &Path,
        name: &str,
        embedded: bool,
        path: &Path,
        outcome: &mut Outcome,
    ) -> Result<(), String> {
        let (root, version) = (self.root, self.version);
        let stored = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        let payload = if embedded {
            let (header, payload) = verso::split_embedded(&stored).map_err(|e| e.to_string())?;
            if header != version {
                return Err(format!(
                    "its 2-byte header says version {header}, but it is in the `v{version}` \
                     folder: move it to `v{header}`, or store it without the header as `{name}{}`",
                    layout::PLAIN
                ));
            }
            payload
        } else {
            &stored[..]
        };
        let latest = root.codec.upgrade(payload, version).map_err(|error| {
            let error = if embedded {
                error.after_header()
            } else {
                error
            };
            let upgraded = if version < root.codec.latest() {
                format!(" (upgraded to v{})", root.codec.latest())
            } else {
                String::new()
            };
            format!(
                "does not read as `{}` v{version}{upgraded}: {error}",
                root.name
            )
        })?;
        let json = self.render(&latest)?;
        self.compare(&layout::expectation_path(dir, name), &json, outcome)?;
        if root.round_trip.contains(&version) {
            let mut written = if embedded {
                version.to_le_bytes().to_vec()
            } else {
                Vec::new()
            };
            let body = root.codec.downgrade(&latest, version).map_err(|error| {
                format!(
                    "upgraded to v{}, it does not downgrade back to v{version}: {error}",
                    root.codec.latest()
                )
            })?;
            written.extend(body);
            if written != stored {
                return Err(format!(
                    "every step from v{version} to v{} is generated both ways, so downgrading \
                     what it reads as must give back the stored bytes, but {}(a map with keys \
                     out of order is one cause: re-encoding sorts them)",
                    root.codec.latest(),
                    diff::bytes(&stored, &written)
                ));
            }
        }
        Ok(())
    }

    /// The latest value (encoded) as pretty JSON, one trailing newline.
    fn render(&self, latest: &[u8]) -> Result<String, String> {
        let id = self.schema.lookup(&self.root.name).ok_or_else(|| {
            format!(
                "the latest schema has no type `{}`: the schema files changed since the build; rebuild",
                self.root.name
            )
        })?;
        let value =
            crate::decode(self.schema, id, latest, verso::Limits::default()).map_err(|e| {
                format!(
                    "the generated code's latest `{}` does not decode with the latest schema file \
                 ({e}): the schema files changed since the build; rebuild",
                    self.root.name
                )
            })?;
        let mut text = serde_json::to_string_pretty(&value)
            .map_err(|e| format!("cannot render as JSON: {e}"))?;
        text.push('\n');
        Ok(text)
    }

    /// Compares the reading with the expectation file, or blesses it.
    fn compare(&self, path: &Path, actual: &str, outcome: &mut Outcome) -> Result<(), String> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected = match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read `{file_name}`: {e}")),
        };
        let problem = match &expected {
            None => format!(
                "`{file_name}` is missing; `{BLESS_VAR}=1 cargo test` writes it. It reads as:\n{actual}"
            ),
            Some(text) => match crate::parse_json(text) {
                Err(e) => format!(
                    "`{file_name}` is not valid JSON ({e}); fix it, or delete it and run \
                     `{BLESS_VAR}=1 cargo test`"
                ),
                Ok(value) if same(&value, actual) => return Ok(()),
                Ok(_) => format!(
                    "reads differently from `{file_name}` (- the file, + what it reads as now); \
                     if the change is meant, `{BLESS_VAR}=1 cargo test` records it:\n{}",
                    diff::lines(text, actual)
                ),
            },
        };
        if !self.bless {
            return Err(problem);
        }
        std::fs::write(path, actual).map_err(|e| format!("cannot write `{file_name}`: {e}"))?;
        outcome.written.push(path.to_owned());
        Ok(())
    }
}

/// "1 sample", "3 samples".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Whether the expectation's value equals the rendered text's.
fn same(expected: &Value, actual: &str) -> bool {
    crate::parse_json(actual).is_ok_and(|actual| &actual == expected)
}

/// A folder's entries as (file name, path), sorted by name so reports and
/// blessing go in a stable order.
fn sorted_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("cannot read the folder: {e}"))?;
    let mut entries = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| format!("cannot read the folder: {e}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Editors' and file managers' hidden files are nobody's samples.
        if name.starts_with('.') {
            continue;
        }
        entries.push((name, entry.path()));
    }
    entries.sort();
    Ok(entries)
}
