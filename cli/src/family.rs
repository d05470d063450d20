//! `DIR [--family NAME]`: how every command on one family says which one,
//! and the wording of file names and follow-up commands for either layout.
//!
//! The rule itself is [`verso_codegen::source::find_family`]; this module
//! turns its refusals into bad usage (exit 2) that lists the folder's
//! families.

use std::path::PathBuf;

use clap::Args;
use verso_codegen::source::{self, FamilySource, FindError, Layout};

use crate::output::Failure;

/// The family a command works on: a folder, and a name when the folder
/// holds several.
#[derive(Debug, Args)]
pub(crate) struct FamilyArgs {
    /// The schema folder: one family (`v1.bare` … `vN.bare`) or several
    /// side by side (`NAME.v1.bare` …, vbare's layout).
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// Which family of DIR (the NAME of its `NAME.vN.bare` files); needed
    /// when DIR holds more than one.
    #[arg(long, value_name = "NAME")]
    pub(crate) family: Option<String>,
}

impl FamilyArgs {
    /// The family named, or the folder's only one; a folder of several
    /// without `--family`, or a name it does not hold, is bad usage.
    pub(crate) fn source(&self) -> Result<FamilySource, Failure> {
        source::find_family(&self.dir, self.family.as_deref()).map_err(|e| refusal(&e))
    }
}

/// A refusal of [`source::find_family`] as the CLI says it: the folder's
/// families one a line, and what to type instead.
pub(crate) fn refusal(error: &FindError) -> Failure {
    match error {
        FindError::Layout(error) => Failure::error(error.to_string()),
        FindError::Ambiguous { dir, names } => Failure::usage(format!(
            "{} holds {} families; choose one with `--family NAME`:{}",
            dir.display(),
            names.len(),
            listed(names)
        )),
        FindError::Unknown {
            dir,
            name,
            layout,
            names,
            suggestion,
        } => {
            let hint = suggestion
                .as_ref()
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            let shown = dir.display();
            Failure::usage(match layout {
                None => format!(
                    "{shown} has no family `{name}`: it holds no schema file; `verso new {shown} --family {name}` starts one"
                ),
                Some(Layout::Folder) => format!(
                    "{shown} holds one family, `{}` (`v1.bare` … in the folder itself), not `{name}`{hint}; leave out `--family`",
                    names.first().map_or("", String::as_str)
                ),
                Some(Layout::Flat) => format!(
                    "{shown} has no family `{name}`{hint}; its families are:{}",
                    listed(names)
                ),
            })
        }
    }
}

/// Names one an indented line, after a colon.
fn listed(names: &[String]) -> String {
    names.iter().map(|n| format!("\n  {n}")).collect()
}

/// The arguments that name `source` to a command, for the hints printed:
/// `DIR` for a one-family folder, `DIR --family NAME` for a flat one.
pub(crate) fn invocation(source: &FamilySource) -> String {
    match source.layout() {
        Layout::Folder => source.dir().display().to_string(),
        Layout::Flat => format!("{} --family {}", source.dir().display(), source.name()),
    }
}

/// The file name of version `version` of `source`: `v6.bare`, or
/// `pegboard.namespace.runner_config.v6.bare` in a flat folder.
pub(crate) fn version_file(source: &FamilySource, version: u16) -> String {
    file_name(&source.version_path(version))
}

/// The file name of the family's lock: `verso.lock` or `NAME.verso.lock`.
pub(crate) fn lock_file(source: &FamilySource) -> String {
    file_name(&source.lock_path())
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How messages about the family as a whole name it: the folder, and the
/// family's name in a flat folder.
pub(crate) fn label(source: &FamilySource) -> String {
    match source.layout() {
        Layout::Folder => source.dir().display().to_string(),
        Layout::Flat => format!("{}, family `{}`", source.dir().display(), source.name()),
    }
}
