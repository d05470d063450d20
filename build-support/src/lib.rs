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
//! Relative paths resolve against `CARGO_MANIFEST_DIR`; output goes to
//! `$OUT_DIR/verso/<family>.rs` and is rewritten only when its content
//! changes; `cargo:rerun-if-changed` is printed for the directory and every
//! schema file read. A schema error fails the build with the same rendered
//! diagnostics as `verso check`.

use std::fmt;
use std::path::{Path, PathBuf};

mod index;

pub use verso_codegen::MapType;
use verso_codegen::{GenerateOptions, generate_family};

/// Why a build step failed: the family's schema errors (kept as a
/// [`Report`](verso_codegen::load::Report), rendered only when shown), or a
/// file that could not be read or written.
///
/// A `build.rs` whose `main` returns `Result<(), Error>` prints `Error: `
/// and then this type's `Debug`, which is written for that spot: a one-line
/// summary first, then the rendered diagnostics, so no "Error:" is left
/// dangling on a line of its own.
pub struct Error {
    kind: ErrorKind,
}

enum ErrorKind {
    /// The family in `dir` could not be generated.
    Generate {
        dir: PathBuf,
        error: verso_codegen::GenerateError,
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
    /// The findings of a family that failed to check, when that is why.
    pub fn report(&self) -> Option<&verso_codegen::load::Report> {
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
            ErrorKind::Generate { dir, error } => match error {
                verso_codegen::GenerateError::Family(report) => {
                    let errors = report.errors();
                    format!(
                        "{}: not generated: {errors} error{} in the schemas",
                        dir.display(),
                        if errors == 1 { "" } else { "s" }
                    )
                }
                verso_codegen::GenerateError::Emit(error) => {
                    format!("{}: not generated: {error}", dir.display())
                }
            },
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

    /// Where generated files go (default: `$OUT_DIR/verso`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Compiles one family directory.
    pub fn compile(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let (instructions, result) = self.compile_watching(dir.as_ref());
        for line in instructions {
            println!("{line}");
        }
        result
    }

    /// Compiles one family and returns, with the outcome, the instructions
    /// for cargo: a `cargo:warning=` line per schema warning (cargo shows
    /// one line per warning, so each is `file:line:column: message`), and a
    /// `cargo:rerun-if-changed=` for every path to watch — the directory (so
    /// a new `vN.bare` is noticed) and each schema file, even when
    /// generation fails (so fixing the schema re-runs the build script).
    fn compile_watching(&self, dir: &Path) -> (Vec<String>, Result<(), Error>) {
        let dir = resolve(dir);
        // Cargo treats a watched path that does not exist as changed, so a
        // missing lock or manifest would re-run the build script on every
        // build; the directory itself is watched, and adding a file to it
        // changes it.
        let mut watched = vec![dir.clone()];
        watched.extend(
            [
                verso_codegen::lock::FILE_NAME,
                verso_codegen::manifest::FILE_NAME,
            ]
            .into_iter()
            .map(|name| dir.join(name))
            .filter(|path| path.exists()),
        );
        if let Ok(files) = verso_codegen::family::discover(&dir) {
            watched.extend(files.into_iter().map(|f| f.path));
        }
        let mut instructions = Vec::new();
        let result = self.output_dir().and_then(|out_dir| {
            let generated = generate_family(&dir, &self.options).map_err(|error| Error {
                kind: ErrorKind::Generate {
                    dir: dir.clone(),
                    error,
                },
            })?;
            instructions.extend(
                generated
                    .warnings
                    .iter()
                    .map(|warning| format!("cargo:warning={warning}")),
            );
            std::fs::create_dir_all(&out_dir).map_err(|error| Error {
                kind: ErrorKind::Io {
                    path: out_dir.clone(),
                    doing: "create",
                    error,
                },
            })?;
            write_if_changed(
                &out_dir.join(format!("{}.rs", generated.name)),
                &generated.code,
            )?;
            index::record(&out_dir, &generated.name)
        });
        instructions.extend(
            watched
                .iter()
                .map(|path| format!("cargo:rerun-if-changed={}", path.display())),
        );
        (instructions, result)
    }

    /// Compiles several family directories.
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
        assert!(error.report().is_some_and(|r| r.errors() == 1));
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
}
