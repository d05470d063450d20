//! build.rs integration for verso: compiles schema families into Rust.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), verso_build::Error> {
//!     verso_build::Config::new().compile("schemas/todo")?;
//!     Ok(())
//! }
//! ```
//!
//! ```text
//! // src/lib.rs
//! pub mod todo {
//!     verso::include_family!("todo");
//! }
//! ```
//!
//! [`Config::compile`] compiles every family of a folder: the one family of
//! a `DIR/vN.bare` folder, or each NAME of a folder in vbare's flat layout
//! (`DIR/NAME.vN.bare`, NAME may contain dots). Each is included by its
//! name: a one-family folder's name in snake_case (`schemas/todo-events` →
//! `include_family!("todo_events")`), or NAME as written
//! (`include_family!("pegboard.namespace.runner_config")`). A family built
//! as it stood at an older version ([`Config::up_to`]) is included as
//! `NAME@vK` (`include_family!("notes@v1")`), so it can sit beside the full
//! family in the same crate.
//!
//! Relative paths resolve against `CARGO_MANIFEST_DIR`; output goes to
//! `$OUT_DIR/verso/<module>.rs` (`<module>@vK.rs` for `up_to`), where
//! `<module>` is the name with `.` and other non-identifier characters as
//! `_`, and is rewritten only when its content changes;
//! `cargo:rerun-if-changed` is printed for the folder, every schema file
//! read, and each family's lock and manifest that exists. A schema error
//! fails the build with the same rendered diagnostics as `verso check`.

use std::fmt;
use std::path::{Path, PathBuf};

mod index;

pub use verso_codegen::MapType;
use verso_codegen::source::{FamilySource, Layout};
use verso_codegen::{GenerateOptions, generate_source};

/// Why a build step failed: the family's schema errors (kept as values,
/// rendered only when shown), a folder breaking the layout rules, or a file
/// that could not be read or written.
///
/// A `build.rs` whose `main` returns `Result<(), Error>` prints `Error: `
/// and then this type's `Debug`, which is written for that spot: a one-line
/// summary first, then the rendered diagnostics, so no "Error:" is left
/// dangling on a line of its own.
pub struct Error {
    kind: ErrorKind,
}

enum ErrorKind {
    /// The family `family` (its folder, and its name in a flat folder)
    /// could not be generated.
    Generate {
        family: String,
        error: verso_codegen::GenerateError,
    },
    /// The folder breaks the layout rules (or cannot be read).
    Layout { dir: PathBuf, message: String },
    /// [`Config::family`] names no family of the folder.
    NoSuchFamily {
        dir: PathBuf,
        name: String,
        families: Vec<String>,
    },
    /// Two families compiled by this build script would be included by
    /// the same name, or written to the same file.
    Clash {
        what: String,
        first: String,
        second: String,
    },
    /// A file or directory could not be read or written.
    Io {
        path: PathBuf,
        doing: &'static str,
        error: std::io::Error,
    },
    /// Not run from a build script, and no output directory configured.
    NoOutDir,
}

impl Error {
    /// How many schema errors made the build fail (0 when something else
    /// did: a file, the folder's layout, the configuration).
    pub fn schema_errors(&self) -> usize {
        self.report().map_or(0, |report| report.errors())
    }

    /// Each schema error rendered as `verso check` shows it, with its file,
    /// line and column.
    pub fn diagnostics(&self) -> Vec<String> {
        self.report()
            .map(|report| {
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity() == verso_codegen::Severity::Error)
                    .map(|f| report.render(f, false))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The findings of a family that failed to check, when that is why.
    fn report(&self) -> Option<&verso_codegen::load::Report> {
        match &self.kind {
            ErrorKind::Generate {
                error: verso_codegen::GenerateError::Family(report),
                ..
            } => Some(report),
            _ => None,
        }
    }

    /// The one-line summary: what failed, where.
    fn summary(&self) -> String {
        match &self.kind {
            ErrorKind::Generate { family, error } => match error {
                verso_codegen::GenerateError::Family(report) => {
                    let errors = report.errors();
                    format!(
                        "{family}: not generated: {errors} error{} in the schemas",
                        if errors == 1 { "" } else { "s" }
                    )
                }
                verso_codegen::GenerateError::Emit(error) => {
                    format!("{family}: not generated: {error}")
                }
            },
            ErrorKind::Layout { dir, message } => {
                format!("{}: not generated: {message}", dir.display())
            }
            ErrorKind::NoSuchFamily {
                dir,
                name,
                families,
            } => format!(
                "{}: no family named `{name}` (Config::family); the folder holds {}",
                dir.display(),
                families
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ErrorKind::Clash {
                what,
                first,
                second,
            } => format!(
                "{second} and {first} would both be {what}; include_family! tells families apart by name only: rename one of the folders (or families), or compile one of them with its own Config::out_dir and include! it from there"
            ),
            ErrorKind::Io { path, doing, error } => {
                format!("{}: cannot {doing}: {error}", path.display())
            }
            ErrorKind::NoOutDir => "OUT_DIR is not set: call verso_build from a build script, or \
                                    set Config::out_dir"
                .to_owned(),
        }
    }

    /// The rendered diagnostics (empty when there are none).
    fn details(&self) -> String {
        self.diagnostics().concat()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let details = self.details();
        if details.is_empty() {
            f.write_str(&self.summary())
        } else {
            write!(f, "{}\n\n{}", self.summary(), details.trim_end())
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Configuration of schema compilation; build it with the setters, then
/// call [`Config::compile`].
#[derive(Clone, Debug, Default)]
pub struct Config {
    options: GenerateOptions,
    out_dir: Option<PathBuf>,
    family: Option<String>,
}

impl Config {
    /// Defaults: legacy syntax accepted, `BTreeMap` maps, no serde.
    pub fn new() -> Self {
        Config::default()
    }

    /// Rejects legacy syntax and forward references (what the reference
    /// compiler does by default).
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.options.check.legacy = !strict;
        self
    }

    /// Requires explicit enum values and union tags, and strict field casing.
    pub fn pedantic(&mut self, pedantic: bool) -> &mut Self {
        self.options.check.pedantic = pedantic;
        self
    }

    /// The Rust type of `map<K><V>` (default `BTreeMap`).
    pub fn map_type(&mut self, map_type: MapType) -> &mut Self {
        self.options.emit.map_type = map_type;
        self
    }

    /// Derives `serde::Serialize`/`Deserialize` on every generated type,
    /// with verso's JSON mapping as their serde form (schema names, `data`
    /// as hex, non-finite floats as strings, non-string map keys as pairs),
    /// so `serde_json` output equals `verso decode`'s. Needs verso's `serde`
    /// feature (`verso = { …, features = ["serde"] }`); the crate needs no
    /// serde dependency of its own. Without that feature the build fails
    /// with one error saying so.
    pub fn serde(&mut self, serde: bool) -> &mut Self {
        self.options.emit.serde = serde;
        self
    }

    /// Puts the serde derives (and their attributes) behind a cargo feature
    /// of the user's crate; that feature must turn on verso's:
    /// `serde = ["verso/serde"]` (if it does not, turning it on is one
    /// error saying so).
    pub fn serde_feature(&mut self, feature: &str) -> &mut Self {
        self.options.emit.serde = true;
        self.options.emit.serde_feature = Some(feature.to_owned());
        self
    }

    /// Also generates borrowed twins of the types: in each version module, a
    /// `borrowed` module where every type holding a `str` or `data` has a
    /// lifetime and holds them as `Cow`s that decode from `&'a [u8]`
    /// without copying (`verso::from_slice_borrowed`), convert from the
    /// owned type (`From`, moving) and back (`into_owned`); the other types
    /// are re-exported. Each `…Versioned` wrapper gets `decode_borrowed`.
    pub fn borrowed(&mut self, borrowed: bool) -> &mut Self {
        self.options.emit.borrowed = borrowed;
        self
    }

    /// Also generates random values and the family's laws, for tests: a
    /// proptest `Arbitrary` impl for every type of every version (sizes
    /// bounded, so a value stays small) and `laws()`, which
    /// `verso::testing` checks over every root's chain
    /// (`my_family::laws().check()` in a test). They exist while verso's
    /// `testing` feature is on, which `[dev-dependencies]` can turn on
    /// alone: `verso = { version = "…", features = ["testing"] }`.
    pub fn arbitrary(&mut self, arbitrary: bool) -> &mut Self {
        self.options.emit.arbitrary = arbitrary;
        self
    }

    /// Generates `data` as `bytes::Bytes` and `str` as `verso::Str` (a
    /// `Bytes`-backed, UTF-8-checked string): owned values (`'static`,
    /// `Send`) that are slices of the input, without a copy, when decoded
    /// with `verso::from_bytes(Bytes)` or a `…Versioned`'s `decode_bytes`,
    /// and copies when decoded from a `&[u8]`. `data[N]` stays an array.
    /// Needs verso's `bytes` feature (`verso = { …, features = ["bytes"] }`);
    /// without it the first error says so. Not together with
    /// [`borrowed`](Self::borrowed), which answers the same need with a
    /// lifetime: the build fails saying to choose one.
    pub fn bytes(&mut self, bytes: bool) -> &mut Self {
        self.options.emit.bytes = bytes;
        self
    }

    /// Adds a derive to a type: `type_path` is `Name` (every version) or
    /// `vN::Name`; `derive` a path such as `"serde::Serialize"`.
    pub fn derive(&mut self, type_path: &str, derive: &str) -> &mut Self {
        self.options
            .emit
            .derives
            .push((type_path.to_owned(), derive.to_owned()));
        self
    }

    /// Adds an attribute, written in full (`"#[serde(rename_all = \"camelCase\")]"`),
    /// to a type (`Name` or `vN::Name`).
    pub fn attribute(&mut self, type_path: &str, attribute: &str) -> &mut Self {
        self.options
            .emit
            .attributes
            .push((type_path.to_owned(), attribute.to_owned()));
        self
    }

    /// Names a root type (one that gets a versioned wrapper). By default
    /// roots are the latest version's types no other type refers to.
    pub fn root(&mut self, name: &str) -> &mut Self {
        self.options.emit.roots.push(name.to_owned());
        self
    }

    /// Leaves the conversion of `type_name` from version `from` to `from + 1`
    /// (and back) to a hand-written impl.
    pub fn manual_converter(&mut self, type_name: &str, from: u16) -> &mut Self {
        self.options.emit.manual.push((type_name.to_owned(), from));
        self
    }

    /// Also generates, for each family, a `#[cfg(test)]` test that checks
    /// its golden samples: every message in `DIR/samples/vN/TYPE/`
    /// (`DIR/NAME.samples/…` in a flat folder; `verso sample add` stores
    /// them) is decoded as version N of root type TYPE, upgraded with the
    /// crate's converters, and compared, as JSON, with its
    /// `NAME.latest.json`; where every step from vN is generated both ways,
    /// downgrading it must give back the stored bytes.
    /// `VERSO_BLESS=1 cargo test` writes missing and changed `.latest.json`
    /// files instead of failing, so a converter change that alters what old
    /// data means shows in review as a diff.
    ///
    /// The test needs `verso-dynamic` in the crate's `[dev-dependencies]`
    /// (it renders JSON from the latest schema, so no `serde(true)`). It
    /// lists and reads the folder when it runs, at the absolute path the
    /// build saw, so the generated code does not depend on the samples
    /// (the family's folder is watched as a whole, samples included, so
    /// cargo re-runs the build script after a change, and it rewrites
    /// nothing). Not generated for
    /// [`Config::up_to`] builds, whose latest version is not the samples'.
    /// The file layout is described in `verso_dynamic::samples::layout`.
    pub fn samples(&mut self, samples: bool) -> &mut Self {
        self.options.emit.samples = samples;
        self
    }

    /// Where generated files go (default: `$OUT_DIR/verso`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Builds each family as it stood at version `version`, for an old
    /// client or reader built from today's folder: modules
    /// v(oldest)…v`version`, `latest` = v`version`, every `…Versioned`'s
    /// `LATEST` = `version`, converters for those steps only. Files of later
    /// versions are not read (the old release never had them, so they may
    /// be unfrozen or broken), the lock is checked for the versions read,
    /// and the manifest's entries about later versions are left out
    /// (`[renamed.vK]` with K > `version`, `[manual]` steps from `version`
    /// on, roots that are not types of v`version`).
    ///
    /// The family is then included as `NAME@v<version>`
    /// (`verso::include_family!("notes@v1")`, generated into
    /// `$OUT_DIR/verso/<module>@v<version>.rs`), so a crate can build the
    /// full family and any old releases of it side by side:
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() -> Result<(), verso_build::Error> {
    ///     verso_build::Config::new().compile("schemas/notes")?; // "notes"
    ///     verso_build::Config::new().up_to(1).compile("schemas/notes")?; // "notes@v1"
    ///     Ok(())
    /// }
    /// ```
    ///
    /// A `version` the family does not have fails the build naming the
    /// versions it has; with a flat folder of many families, pick the one
    /// with [`Config::family`].
    pub fn up_to(&mut self, version: u16) -> &mut Self {
        self.options.up_to = Some(version);
        self
    }

    /// Compiles only the family `name` of the folder (NAME of its
    /// `NAME.vN.bare` files, as `verso … --family NAME` takes it), instead
    /// of every family. A name the folder does not hold fails the build
    /// listing the families it does.
    pub fn family(&mut self, name: &str) -> &mut Self {
        self.family = Some(name.to_owned());
        self
    }

    /// Compiles every family in the folder `dir` (the one family of a
    /// `DIR/vN.bare` folder, or each NAME of a flat `DIR/NAME.vN.bare`
    /// folder), each to `$OUT_DIR/verso/<module>.rs`, and records them in
    /// the index `verso::include_family!` reads. Stops at the first family
    /// with errors.
    pub fn compile(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let (instructions, result) = self.compile_watching(dir.as_ref());
        for line in instructions {
            println!("{line}");
        }
        result
    }

    /// Compiles the families of a folder and returns, with the outcome, the
    /// instructions for cargo: a `cargo:warning=` line per schema warning
    /// (cargo shows one line per warning, so each is
    /// `file:line:column: message`), and a `cargo:rerun-if-changed=` for
    /// every path to watch — the folder (so a new `vN.bare` or family is
    /// noticed), each family's lock and manifest that exist, and each
    /// schema file it reads, even when generation fails (so fixing the
    /// schema re-runs the build script).
    fn compile_watching(&self, dir: &Path) -> (Vec<String>, Result<(), Error>) {
        let dir = resolve(dir);
        let mut watched = vec![dir.clone()];
        let mut instructions = Vec::new();
        let result = self.compile_folder(&dir, &mut watched, &mut instructions);
        instructions.extend(
            watched
                .iter()
                .map(|path| format!("cargo:rerun-if-changed={}", path.display())),
        );
        (instructions, result)
    }

    fn compile_folder(
        &self,
        dir: &Path,
        watched: &mut Vec<PathBuf>,
        instructions: &mut Vec<String>,
    ) -> Result<(), Error> {
        let sources = verso_codegen::source::families_in(dir).map_err(|error| Error {
            kind: ErrorKind::Layout {
                dir: dir.to_owned(),
                message: error.to_string(),
            },
        })?;
        let sources = self.selected(dir, sources)?;
        for source in &sources {
            // Cargo treats a watched path that does not exist as changed,
            // so a missing lock or manifest would re-run the build script
            // on every build; the folder itself is watched, and adding a
            // file to it changes it.
            watched.extend(
                [source.lock_path(), source.manifest_path()]
                    .into_iter()
                    .filter(|path| path.exists()),
            );
            if let Ok(files) = source.files() {
                let up_to = self.options.up_to.unwrap_or(u16::MAX);
                watched.extend(
                    files
                        .into_iter()
                        .filter(|f| f.version <= up_to)
                        .map(|f| f.path),
                );
            }
        }
        let out_dir = self.output_dir()?;
        std::fs::create_dir_all(&out_dir).map_err(|error| Error {
            kind: ErrorKind::Io {
                path: out_dir.clone(),
                doing: "create",
                error,
            },
        })?;
        for source in &sources {
            let family = describe(source);
            let generated = generate_source(source, &self.options).map_err(|error| Error {
                kind: ErrorKind::Generate {
                    family: family.clone(),
                    error,
                },
            })?;
            instructions.extend(
                generated
                    .warnings
                    .iter()
                    .map(|warning| format!("cargo:warning={warning}")),
            );
            // Files it imports from other families change it too.
            for input in generated.inputs {
                if !watched.contains(&input) {
                    watched.push(input);
                }
            }
            let entry = index::Entry::new(source, &generated.name, self.options.up_to, family);
            write_if_changed(&out_dir.join(entry.file_name()), &generated.code)?;
            index::record(&out_dir, entry)?;
        }
        Ok(())
    }

    /// The families to compile: all, or the one [`Config::family`] names.
    fn selected(&self, dir: &Path, sources: Vec<FamilySource>) -> Result<Vec<FamilySource>, Error> {
        let Some(name) = &self.family else {
            return Ok(sources);
        };
        let families = sources.iter().map(|s| s.name().to_owned()).collect();
        let chosen: Vec<FamilySource> = sources
            .into_iter()
            .filter(|s| s.name() == name || s.module_name() == *name)
            .collect();
        if chosen.is_empty() {
            return Err(Error {
                kind: ErrorKind::NoSuchFamily {
                    dir: dir.to_owned(),
                    name: name.clone(),
                    families,
                },
            });
        }
        Ok(chosen)
    }

    /// Compiles the families of several folders.
    pub fn compile_all(&self, dirs: &[impl AsRef<Path>]) -> Result<(), Error> {
        dirs.iter().try_for_each(|dir| self.compile(dir))
    }

    fn output_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(resolve(dir)),
            None => std::env::var_os("OUT_DIR")
                .map(|d| PathBuf::from(d).join("verso"))
                .ok_or(Error {
                    kind: ErrorKind::NoOutDir,
                }),
        }
    }
}

/// How messages name a family: its folder, and its name in a flat folder.
fn describe(source: &FamilySource) -> String {
    match source.layout() {
        Layout::Folder => source.dir().display().to_string(),
        Layout::Flat => format!("{}, family `{}`", source.dir().display(), source.name()),
    }
}

/// Relative paths are relative to the crate being built.
fn resolve(path: &Path) -> PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(manifest) if path.is_relative() => PathBuf::from(manifest).join(path),
        _ => path.to_owned(),
    }
}

/// Writes `contents` unless the file already holds exactly that, so an
/// unchanged schema does not make cargo recompile the crate.
fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|error| Error {
        kind: ErrorKind::Io {
            path: path.to_owned(),
            doing: "write",
            error,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(dir: &Path, v1: &str) -> PathBuf {
        let family = dir.join("shop");
        std::fs::create_dir_all(&family).unwrap();
        std::fs::write(family.join("v1.bare"), v1).unwrap();
        family
    }

    #[test]
    fn writes_the_family_once_and_watches_every_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type Order struct { id: uint }\n");
        let out = tmp.path().join("out");
        let mut config = Config::new();
        config.out_dir(&out);
        let (instructions, result) = config.compile_watching(&dir);
        result.unwrap();
        // No lock or manifest here: only what exists is watched (a
        // missing path would make cargo re-run the script every build).
        let watched: Vec<String> = [dir.clone(), dir.join("v1.bare")]
            .iter()
            .map(|path| format!("cargo:rerun-if-changed={}", path.display()))
            .collect();
        assert_eq!(instructions, watched);
        let file = out.join("shop.rs");
        let code = std::fs::read_to_string(&file).unwrap();
        assert!(code.starts_with("// @generated"), "{code}");
        assert!(code.contains("pub struct Order"), "{code}");

        // Unchanged content is not rewritten, so cargo does not rebuild.
        let before = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        config.compile(&dir).unwrap();
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            before
        );
    }

    #[test]
    fn schema_errors_fail_with_rendered_diagnostics() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type Order struct {\n  id: Missing\n}\n");
        let mut config = Config::new();
        config.out_dir(tmp.path().join("out"));
        let (instructions, result) = config.compile_watching(&dir);
        let error = result.unwrap_err();
        let text = error.to_string();
        assert!(text.contains("v1.bare:2:7"), "{text}");
        assert!(text.contains("type `Missing` is not defined"), "{text}");
        // What `fn main() -> Result<(), Error>` prints: one summary line
        // after cargo's `Error: `, then the diagnostics, each once.
        let printed = format!("Error: {error:?}");
        let first = printed.lines().next().unwrap();
        assert!(
            first.starts_with("Error: ")
                && first.ends_with("shop: not generated: 1 error in the schemas"),
            "{printed}"
        );
        assert_eq!(printed.matches("is not defined").count(), 1, "{printed}");
        assert_eq!(error.schema_errors(), 1);
        let diagnostics = error.diagnostics();
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].contains("v1.bare:2:7"), "{diagnostics:?}");
        assert_eq!(instructions.len(), 2, "the broken file is still watched");
    }

    #[test]
    fn schema_warnings_reach_cargo_one_line_each() {
        let tmp = tempfile::tempdir().unwrap();
        // Legacy syntax: accepted, with a warning.
        let dir = family(tmp.path(), "type A struct { a: u8 }\nstruct B { b: u8 }\n");
        let mut config = Config::new();
        config.out_dir(tmp.path().join("out"));
        let (instructions, result) = config.compile_watching(&dir);
        result.unwrap();
        let warnings: Vec<&String> = instructions
            .iter()
            .filter(|line| line.starts_with("cargo:warning="))
            .collect();
        assert_eq!(warnings.len(), 1, "{instructions:?}");
        assert!(warnings[0].contains("v1.bare:2:10: "), "{}", warnings[0]);
        assert!(warnings[0].contains("legacy"), "{}", warnings[0]);
        assert!(!warnings[0].contains('\n'), "{}", warnings[0]);
    }

    #[test]
    fn old_versions_without_a_lock_warn_as_verso_check_does() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type A struct { a: u8 }\n");
        std::fs::write(dir.join("v2.bare"), "type A struct { a: u8 b: u8 }\n").unwrap();
        let mut config = Config::new();
        config.out_dir(tmp.path().join("out"));
        let (instructions, result) = config.compile_watching(&dir);
        result.unwrap();
        let warnings: Vec<&String> = instructions
            .iter()
            .filter(|line| line.starts_with("cargo:warning="))
            .collect();
        assert_eq!(
            warnings,
            [&format!(
                "cargo:warning={}: v1.bare is not frozen although newer versions exist; run `verso lock` once it is published",
                dir.display()
            )]
        );
    }

    #[test]
    fn options_reach_the_generator() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type Order struct { tags: map<str><u8> }\n");
        let out = tmp.path().join("out");
        Config::new()
            .map_type(MapType::HashMap)
            .derive("Order", "Default")
            .out_dir(&out)
            .compile(&dir)
            .unwrap();
        let code = std::fs::read_to_string(out.join("shop.rs")).unwrap();
        assert!(code.contains("::std::collections::HashMap<"), "{code}");
        let strict = Config::new()
            .strict(true)
            .out_dir(&out)
            .compile(family(tmp.path(), "type A []u8\n"));
        assert!(strict.unwrap_err().to_string().contains("legacy syntax"));
    }

    #[test]
    fn samples_generate_a_test_that_knows_which_versions_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type Order struct { id: u8 n: u16 }\n");
        // v1 → v2 adds a field (hand-written); v2 → v3 only reorders
        // fields (generated both ways), so v2 samples must round-trip.
        std::fs::write(
            dir.join("v2.bare"),
            "type Order struct { id: u8 n: u16 note: str }\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("v3.bare"),
            "type Order struct { note: str n: u16 id: u8 }\n",
        )
        .unwrap();
        let out = tmp.path().join("out");
        Config::new().out_dir(&out).compile(&dir).unwrap();
        let plain = std::fs::read_to_string(out.join("shop.rs")).unwrap();
        assert!(!plain.contains("verso_samples"), "{plain}");
        Config::new()
            .samples(true)
            .out_dir(&out)
            .compile(&dir)
            .unwrap();
        let code = std::fs::read_to_string(out.join("shop.rs")).unwrap();
        let canonical = std::fs::canonicalize(&dir).unwrap();
        let expected = format!(
            "::verso_dynamic::samples::Samples::folder({:?})\n            .root::<super::OrderVersioned>(\"Order\", &[2, 3])\n            .check();",
            canonical.to_str().unwrap()
        );
        assert!(code.contains("#[cfg(test)]\nmod verso_samples {"), "{code}");
        assert!(code.contains(&expected), "{expected}\nnot in:\n{code}");
        // An old release's latest is not the samples': no check.
        Config::new()
            .samples(true)
            .up_to(2)
            .out_dir(&out)
            .compile(&dir)
            .unwrap();
        let release = std::fs::read_to_string(out.join("shop@v2.rs")).unwrap();
        assert!(!release.contains("verso_samples"), "{release}");
    }

    #[test]
    fn a_flat_family_s_samples_sit_beside_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = flat_folder(tmp.path());
        std::fs::write(
            dir.join("shop.orders.v3.bare"),
            "type Order struct { id: u64 note: str }\n",
        )
        .unwrap();
        let out = tmp.path().join("out");
        Config::new()
            .family("shop.users")
            .samples(true)
            .out_dir(&out)
            .compile(&dir)
            .unwrap();
        let code = std::fs::read_to_string(out.join("shop_users.rs")).unwrap();
        let canonical = std::fs::canonicalize(&dir).unwrap();
        assert!(
            code.contains(&format!(
                "Samples::flat({:?}, \"shop.users\")",
                canonical.to_str().unwrap()
            )),
            "{code}"
        );
        assert!(
            code.contains(".root::<super::UserVersioned>(\"User\", &[1])"),
            "{code}"
        );
        assert_eq!(
            verso_codegen::source::FamilySource::flat(&dir, "shop.users").samples_path(),
            dir.join("shop.users.samples")
        );
    }

    #[test]
    fn a_changed_frozen_version_fails_the_build() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type Order struct { id: uint }\n");
        std::fs::write(
            dir.join("v2.bare"),
            "type Order struct { id: uint note: str }\n",
        )
        .unwrap();
        let schema = verso_codegen::check("type Order struct { id: uint }", &Default::default())
            .schema
            .unwrap();
        let mut lock = verso_codegen::lock::Lock::default();
        lock.frozen
            .insert(1, verso_codegen::lock::fingerprint(&schema));
        lock.write(&dir.join(verso_codegen::lock::FILE_NAME))
            .unwrap();
        let mut config = Config::new();
        config.out_dir(tmp.path().join("out"));
        config.compile(&dir).unwrap();
        // Reformatting a frozen file is fine; changing its meaning is not.
        std::fs::write(
            dir.join("v1.bare"),
            "# Orders.\ntype Order struct {\n    id: uint\n}\n",
        )
        .unwrap();
        config.compile(&dir).unwrap();
        std::fs::write(dir.join("v1.bare"), "type Order struct { id: u64 }\n").unwrap();
        let error = config.compile(&dir).unwrap_err().to_string();
        assert!(
            error.contains("v1.bare changed after it was frozen"),
            "{error}"
        );
        // v2, the latest, is not frozen: the change belongs there.
        assert!(
            error.contains("put the change in v2.bare, which is not frozen yet"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_directory_is_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let error = Config::new()
            .out_dir(tmp.path())
            .compile(tmp.path().join("nope"))
            .unwrap_err();
        assert!(error.to_string().contains("nope"), "{error}");
    }

    /// A flat folder: `shop.orders` at v1..v3 (v3 broken), `shop.users` at v1,
    /// a manifest for `shop.orders`.
    fn flat_folder(root: &Path) -> PathBuf {
        let dir = root.join("data");
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in [
            ("shop.orders.v1.bare", "type Order struct { id: u64 }\n"),
            (
                "shop.orders.v2.bare",
                "type Order struct { id: u64 note: str }\n",
            ),
            ("shop.orders.v3.bare", "type Order struct { id: Broken }\n"),
            ("shop.users.v1.bare", "type User struct { name: str }\n"),
            ("shop.orders.verso.toml", "roots = [\"Order\"]\n"),
        ] {
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    fn watched_paths(instructions: &[String]) -> Vec<PathBuf> {
        instructions
            .iter()
            .filter_map(|line| line.strip_prefix("cargo:rerun-if-changed="))
            .map(PathBuf::from)
            .collect()
    }

    #[test]
    fn a_flat_folder_compiles_every_family_under_its_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = flat_folder(tmp.path());
        std::fs::write(
            dir.join("shop.orders.v3.bare"),
            "type Order struct { id: u64 note: str tags: list<str> }\n",
        )
        .unwrap();
        let out = tmp.path().join("out");
        let (instructions, result) = Config::new().out_dir(&out).compile_watching(&dir);
        result.unwrap();
        assert_eq!(
            watched_paths(&instructions),
            [
                dir.clone(),
                dir.join("shop.orders.verso.toml"),
                dir.join("shop.orders.v1.bare"),
                dir.join("shop.orders.v2.bare"),
                dir.join("shop.orders.v3.bare"),
                dir.join("shop.users.v1.bare"),
            ]
        );
        let orders = std::fs::read_to_string(out.join("shop_orders.rs")).unwrap();
        assert!(orders.contains("pub mod v3"), "{orders}");
        let users = std::fs::read_to_string(out.join("shop_users.rs")).unwrap();
        assert!(users.contains("pub struct User"), "{users}");
        let index = std::fs::read_to_string(out.join("families.rs")).unwrap();
        assert!(
            index.contains("(\"shop.orders\") => {") && index.contains("/verso/shop_orders.rs"),
            "{index}"
        );
        assert!(
            index.contains("it compiled `shop.orders`, `shop.users`."),
            "{index}"
        );
    }

    #[test]
    fn up_to_builds_the_release_beside_the_full_family() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = flat_folder(tmp.path());
        let out = tmp.path().join("out");
        // v3 is broken: the whole family fails, the v2 release does not read it.
        let full = Config::new().out_dir(&out).compile(&dir).unwrap_err();
        assert!(
            full.to_string()
                .contains("family `shop.orders`: not generated: 1 error"),
            "{full}"
        );
        let (instructions, result) = Config::new()
            .family("shop.orders")
            .up_to(2)
            .out_dir(&out)
            .compile_watching(&dir);
        result.unwrap();
        assert_eq!(
            watched_paths(&instructions),
            [
                dir.clone(),
                dir.join("shop.orders.verso.toml"),
                dir.join("shop.orders.v1.bare"),
                dir.join("shop.orders.v2.bare"),
            ]
        );
        let code = std::fs::read_to_string(out.join("shop_orders@v2.rs")).unwrap();
        assert!(code.contains("pub mod v2"), "{code}");
        assert!(!code.contains("pub mod v3"), "{code}");
        assert!(code.contains("const LATEST: u16 = 2"), "{code}");
        let index = std::fs::read_to_string(out.join("families.rs")).unwrap();
        assert!(
            index.contains("(\"shop.orders@v2\") => {")
                && index.contains("/verso/shop_orders@v2.rs"),
            "{index}"
        );
        // A one-family folder's release is `NAME@vK` too.
        let notes = family(tmp.path(), "type Note struct { text: str }\n");
        std::fs::write(
            notes.join("v2.bare"),
            "type Note struct { text: str id: u8 }\n",
        )
        .unwrap();
        Config::new()
            .up_to(1)
            .out_dir(&out)
            .compile(&notes)
            .unwrap();
        Config::new().out_dir(&out).compile(&notes).unwrap();
        let index = std::fs::read_to_string(out.join("families.rs")).unwrap();
        assert!(index.contains("(\"shop@v1\") => {"), "{index}");
        assert!(index.contains("(\"shop\") => {"), "{index}");
        let v1 = std::fs::read_to_string(out.join("shop@v1.rs")).unwrap();
        assert!(v1.contains("const LATEST: u16 = 1"), "{v1}");
    }

    #[test]
    fn up_to_a_version_the_family_lacks_names_the_versions_it_has() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = flat_folder(tmp.path());
        let error = Config::new()
            .family("shop.orders")
            .up_to(7)
            .out_dir(tmp.path().join("out"))
            .compile(&dir)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("cannot build the family as it stood at v7: it has versions v1 to v3"),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_family_lists_the_folder_s_families() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = flat_folder(tmp.path());
        let error = Config::new()
            .family("shop.order")
            .out_dir(tmp.path().join("out"))
            .compile(&dir)
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with(
                "no family named `shop.order` (Config::family); the folder holds `shop.orders`, `shop.users`"
            ),
            "{error}"
        );
    }

    #[test]
    fn a_folder_mixing_layouts_fails_naming_the_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = family(tmp.path(), "type A u8\n");
        std::fs::write(dir.join("other.v1.bare"), "type B u8\n").unwrap();
        let (instructions, result) = Config::new()
            .out_dir(tmp.path().join("out"))
            .compile_watching(&dir);
        let error = result.unwrap_err().to_string();
        assert!(error.contains("mixes the two layouts"), "{error}");
        assert!(error.contains("`other.v1.bare`"), "{error}");
        assert_eq!(watched_paths(&instructions), [dir]);
    }

    #[test]
    fn a_family_s_imports_are_watched_too() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("common.v1.bare"), "type Id u64\n").unwrap();
        std::fs::write(
            dir.join("fleet.v1.bare"),
            "#import \"common.v1.bare\"\n\ntype Ship struct { id: Id }\n",
        )
        .unwrap();
        let (instructions, result) = Config::new()
            .family("fleet")
            .out_dir(tmp.path().join("out"))
            .compile_watching(&dir);
        result.unwrap();
        assert_eq!(
            watched_paths(&instructions),
            [
                dir.clone(),
                dir.join("fleet.v1.bare"),
                dir.join("common.v1.bare")
            ]
        );
    }
}
