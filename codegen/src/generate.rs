//! The whole job for one family: read `v1.bare … vN.bare`, check every
//! version, and emit one Rust source file (used by `verso-build` and
//! `verso gen`).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::check::{Options, check};
use crate::diagnostic::line_column;
use crate::emit::{self, EmitOptions};
use crate::family::{self, FamilyError};
use crate::ir;

/// Everything that shapes the generated code.
#[derive(Clone, Debug, Default)]
pub struct GenerateOptions {
    /// Strictness of the schema language.
    pub check: Options,
    /// Code-generation choices (map type, derives, attributes).
    pub emit: EmitOptions,
}

/// One family turned into Rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFamily {
    /// The family's module name: the snake_case name of its directory.
    pub name: String,
    /// The formatted Rust source, with an `@generated` header.
    pub code: String,
    /// Every schema file read, in version order (for `rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    /// Warnings that do not stop generation (versions not yet frozen).
    pub warnings: Vec<String>,
}

/// Why a family could not be generated.
#[derive(Debug)]
pub enum GenerateError {
    /// The directory is not a valid family.
    Family(FamilyError),
    /// A schema file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A schema file is not UTF-8.
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first invalid byte (1-based).
        line: usize,
        /// Column of the first invalid byte (1-based).
        column: usize,
    },
    /// A configured derive or attribute is not valid Rust.
    Config(String),
    /// Frozen versions changed (or `verso.lock` is unreadable).
    Frozen(Vec<String>),
    /// A bug in verso (generated code that does not parse).
    Internal(String),
    /// Schemas have errors; `report` holds every diagnostic rendered like
    /// `verso check` prints them (no colour).
    Schema {
        /// The rendered diagnostics.
        report: String,
        /// How many errors.
        errors: usize,
    },
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Family(e) => write!(f, "{e}"),
            GenerateError::Read { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            GenerateError::NotUtf8 { path, line, column } => write!(
                f,
                "{}:{line}:{column}: the file is not valid UTF-8; schema files are UTF-8 text",
                path.display()
            ),
            GenerateError::Internal(message) | GenerateError::Config(message) => {
                f.write_str(message)
            }
            GenerateError::Frozen(problems) => f.write_str(&problems.join("\n")),
            GenerateError::Schema { report, errors } => {
                write!(
                    f,
                    "{report}{errors} error{} in the schemas",
                    if *errors == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GenerateError::Family(e) => Some(e),
            GenerateError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The module name of the family in `dir`: its directory name in snake_case.
pub fn family_name(dir: &Path) -> String {
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    emit::names::module_name(&base)
}

/// Reads and checks every version of the family in `dir`, and checks the
/// frozen versions against `verso.lock`.
pub fn load_family(dir: &Path, options: &Options) -> Result<Versions, GenerateError> {
    let (versions, _) = load(dir, options)?;
    check_lock(dir, &versions)?;
    Ok(versions)
}

/// Reads and checks every version of the family in `dir`, ignoring
/// `verso.lock` (for the commands that write it).
pub fn load_family_unlocked(dir: &Path, options: &Options) -> Result<Versions, GenerateError> {
    Ok(load(dir, options)?.0)
}

/// Errors for frozen versions that changed; warnings for the rest.
fn check_lock(dir: &Path, versions: &[(u16, ir::Schema)]) -> Result<Vec<String>, GenerateError> {
    let lock = crate::lock::Lock::read(dir).map_err(|e| GenerateError::Frozen(vec![e]))?;
    let problems = crate::lock::verify(&lock, versions);
    let shown = |p: &crate::lock::LockProblem| format!("{}: {p}", dir.display());
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(shown)
        .collect();
    if errors.is_empty() {
        Ok(problems.iter().map(shown).collect())
    } else {
        Err(GenerateError::Frozen(errors))
    }
}

/// A family's checked schemas, by version.
pub type Versions = Vec<(u16, ir::Schema)>;

/// The checked versions and the files they came from.
fn load(
    dir: &Path,
    options: &Options,
) -> Result<(Versions, Vec<family::VersionFile>), GenerateError> {
    let files = family::discover(dir).map_err(GenerateError::Family)?;
    let mut report = String::new();
    let mut errors = 0;
    let mut versions: Vec<(u16, ir::Schema)> = Vec::with_capacity(files.len());
    for file in &files {
        let bytes = std::fs::read(&file.path).map_err(|source| GenerateError::Read {
            path: file.path.clone(),
            source,
        })?;
        let source = match std::str::from_utf8(&bytes) {
            Ok(s) => s,
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let (line, column) = line_column(valid, valid.len());
                return Err(GenerateError::NotUtf8 {
                    path: file.path.clone(),
                    line,
                    column,
                });
            }
        };
        let checked = check(source, options);
        let shown = file.path.display().to_string();
        for diagnostic in checked.diagnostics.iter().filter(|d| d.is_error()) {
            report.push_str(&diagnostic.render(&shown, source, false));
            errors += 1;
        }
        if let Some(schema) = checked.schema {
            versions.push((file.version, schema));
        }
    }
    if errors > 0 {
        return Err(GenerateError::Schema { report, errors });
    }
    Ok((versions, files))
}

/// Reads, checks and generates the family in `dir`.
pub fn generate_family(
    dir: &Path,
    options: &GenerateOptions,
) -> Result<GeneratedFamily, GenerateError> {
    let (versions, files) = load(dir, &options.check)?;
    let warnings = check_lock(dir, &versions)?;
    let inputs = files.iter().map(|f| f.path.clone()).collect();
    let code = emit::family(&versions, &options.emit).map_err(|error| {
        let problems = match error {
            emit::EmitError::Names(problems) => problems,
            emit::EmitError::Internal(message) => return GenerateError::Internal(message),
            emit::EmitError::Config(message) => return GenerateError::Config(message),
        };
        let mut report = String::new();
        for (version, diagnostic) in &problems {
            // Versions run 1..=N without gaps, so version v is files[v - 1].
            let file = &files[usize::from(*version).saturating_sub(1)];
            let source = std::fs::read_to_string(&file.path).unwrap_or_default();
            report.push_str(&diagnostic.render(&file.path.display().to_string(), &source, false));
        }
        GenerateError::Schema {
            report,
            errors: problems.len(),
        }
    })?;
    Ok(GeneratedFamily {
        name: family_name(dir),
        code,
        inputs,
        warnings,
    })
}
