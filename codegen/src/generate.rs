//! The whole job for one family: load it ([`crate::load`]) and emit one
//! Rust source file (used by `verso-build` and `verso gen`). The `*_source`
//! functions take the family's [`FamilySource`] (either folder layout); the
//! others the folder of a one-family folder (`DIR/vN.bare`).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::check::Options;
use crate::emit::{EmitError, EmitOptions};
use crate::load::{self, Family, LockCheck, Report};
use crate::source::FamilySource;

pub use crate::load::family_name;

/// Everything that shapes the generated code.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct GenerateOptions {
    /// Strictness of the schema language.
    pub check: Options,
    /// Code-generation choices (map type, derives, attributes).
    pub emit: EmitOptions,
    /// Generate the family as it stood at this version (an old release
    /// built from today's folder), rather than at its latest: see
    /// [`load::load_source_up_to`].
    pub up_to: Option<u16>,
}

/// One family turned into Rust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFamily {
    /// The family's module name: its folder's name in snake_case, or NAME
    /// with `.` as `_` for a family of a flat folder.
    pub name: String,
    /// The formatted Rust source, with an `@generated` header.
    pub code: String,
    /// Every schema file read, in version order (for `rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    /// Warnings that do not stop generation (legacy syntax, versions not
    /// yet frozen), one line each: `path:line:column: message`.
    pub warnings: Vec<String>,
}

/// Why a family could not be generated.
#[derive(Debug)]
pub enum GenerateError {
    /// The family has errors; the report holds every finding and the
    /// sources to render them.
    Family(Box<Report>),
    /// The build configuration is not valid Rust, or verso has a bug.
    Emit(EmitError),
}

impl GenerateError {
    /// The report of a family with errors.
    pub fn report(&self) -> Option<&Report> {
        match self {
            GenerateError::Family(report) => Some(report),
            GenerateError::Emit(_) => None,
        }
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Family(report) => {
                let errors = report.errors();
                let shown: String = report
                    .findings
                    .iter()
                    .filter(|f| f.severity() == crate::Severity::Error)
                    .map(|f| report.render(f, false))
                    .collect();
                write!(
                    f,
                    "{shown}{errors} error{} in the schemas",
                    if errors == 1 { "" } else { "s" }
                )
            }
            GenerateError::Emit(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Loads the family in `dir` with its lock verified; errors come back as a
/// report.
pub fn load_family(dir: &Path, options: &GenerateOptions) -> Result<Family, GenerateError> {
    load_family_source(&FamilySource::folder(dir), options)
}

/// Loads the family at `source` with its lock verified.
pub fn load_family_source(
    source: &FamilySource,
    options: &GenerateOptions,
) -> Result<Family, GenerateError> {
    loaded(source, options, LockCheck::Verify).map(|(family, _, _)| family)
}

/// Loads the family in `dir` without consulting `verso.lock` (for the
/// commands that write it).
pub fn load_family_unlocked(
    dir: &Path,
    options: &GenerateOptions,
) -> Result<Family, GenerateError> {
    loaded(&FamilySource::folder(dir), options, LockCheck::Skip).map(|(family, _, _)| family)
}

fn loaded(
    source: &FamilySource,
    options: &GenerateOptions,
    lock: LockCheck,
) -> Result<(Family, Report, Vec<PathBuf>), GenerateError> {
    let loaded =
        load::load_source_up_to(source, options.up_to, &options.check, &options.emit, lock);
    match loaded.family {
        Some(family) => Ok((family, loaded.report, loaded.inputs)),
        None => Err(GenerateError::Family(Box::new(loaded.report))),
    }
}

/// Loads and generates the family held alone in `dir` (`DIR/vN.bare`).
pub fn generate_family(
    dir: &Path,
    options: &GenerateOptions,
) -> Result<GeneratedFamily, GenerateError> {
    generate_source(&FamilySource::folder(dir), options)
}

/// Loads and generates the family at `source`, in either layout (what the
/// build does for every family of a folder).
pub fn generate_source(
    source: &FamilySource,
    options: &GenerateOptions,
) -> Result<GeneratedFamily, GenerateError> {
    let (family, report, inputs) = loaded(source, options, LockCheck::Verify)?;
    let mut code = family.generate().map_err(GenerateError::Emit)?;
    // The samples' expectations are latest values: an old release built
    // with `up_to` has a different latest, so it gets no check.
    if options.emit.samples && options.up_to.is_none() {
        code.push_str(
            &crate::emit::samples_check(&family.models, &family.plan, source)
                .map_err(GenerateError::Emit)?,
        );
    }
    let warnings = report
        .findings
        .iter()
        .map(|f| report.render_line(f))
        .collect();
    Ok(GeneratedFamily {
        name: family.name,
        code,
        inputs,
        warnings,
    })
}
