//! `verso lock DIR [--family NAME] [--all]` and `verso new DIR [--family
//! NAME]`: freezing published versions, and starting the next one (or the
//! first).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use crate::family::{FamilyArgs, invocation, lock_file, version_file};
use crate::output::{Failure, report};
use verso_codegen::lock::{self, Lock, LockProblem};
use verso_codegen::source::{self, FamilySource, FindError, Layout};

/// Options of `verso lock`.
#[derive(Debug, Args)]
pub(crate) struct LockArgs {
    #[command(flatten)]
    family: FamilyArgs,
    /// Freeze the latest version too (it is left open by default, for work
    /// in progress).
    #[arg(long)]
    all: bool,
}

/// Options of `verso new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(flatten)]
    family: FamilyArgs,
}

pub(crate) fn run_lock(args: &LockArgs) -> ExitCode {
    report(args.family.source().and_then(|source| {
        let frozen = freeze(&source, args.all, None)?;
        Ok(format!("frozen: {frozen}"))
    }))
}

/// Adds fingerprints for every version up to `up_to` (default: all but the
/// latest, or all with `all`) to the family's lock. Refuses when a frozen
/// version has changed: re-locking it would hide exactly what the lock is
/// for.
fn freeze(source: &FamilySource, all: bool, up_to: Option<u16>) -> Result<String, String> {
    let versions = crate::diff::load_unlocked(source)?.versions;
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let path = source.lock_path();
    let mut lock = Lock::read(&path).map_err(|e| e.to_string())?;
    if let Some(changed) = lock::verify(&lock, &versions)
        .into_iter()
        .find(LockProblem::is_error)
    {
        return Err(format!("{}: {changed}", crate::family::label(source)));
    }
    let limit = up_to.unwrap_or(if all {
        latest
    } else {
        latest.saturating_sub(1)
    });
    for (version, schema) in versions.iter().filter(|(v, _)| *v <= limit) {
        lock.freeze(*version, schema);
    }
    lock.write(&path)?;
    let list: Vec<String> = lock.frozen.keys().map(|v| format!("v{v}")).collect();
    Ok(if list.is_empty() {
        "nothing (the only version is the latest; use --all to freeze it)".to_owned()
    } else {
        format!("{} in {}", list.join(", "), path.display())
    })
}

pub(crate) fn run_new(args: &NewArgs) -> ExitCode {
    let created = start(&args.family).and_then(|start| match start {
        Start::First(source, close) => first_version(&source, close.as_deref()),
        Start::Next(source) => Ok(next_version(&source)?),
    });
    report(created)
}

/// What `verso new` does for the family asked for.
enum Start {
    /// The family has no file yet: write its v1. The name of a family of
    /// the folder close to its name, if any, may be what was meant.
    First(FamilySource, Option<String>),
    /// Copy its latest version to the next.
    Next(FamilySource),
}

/// The family `verso new` works on, by the rule every command follows,
/// except that a family with no file yet is one to start: a missing or
/// empty folder, or a new NAME beside the families of a flat folder.
fn start(args: &FamilyArgs) -> Result<Start, Failure> {
    let dir = &args.dir;
    let name = args.family.as_deref();
    let first = |source: FamilySource, close: Option<String>| -> Result<Start, Failure> {
        if source.layout() == Layout::Flat {
            source::check_family_name(source.name())
                .map_err(|problem| Failure::usage(format!("--family {problem}")))?;
        }
        Ok(Start::First(source, close))
    };
    let folder_or_flat = |dir: &Path| match name {
        Some(name) => FamilySource::flat(dir, name),
        None => FamilySource::folder(dir),
    };
    if !dir.exists() {
        return first(folder_or_flat(dir), None);
    }
    match source::find_family(dir, name) {
        Ok(source) if source.has_files() => Ok(Start::Next(source)),
        Ok(source) => first(source, None),
        Err(FindError::Unknown {
            layout: None | Some(Layout::Flat),
            suggestion,
            ..
        }) => first(folder_or_flat(dir), suggestion),
        Err(FindError::Unknown {
            layout: Some(Layout::Folder),
            name,
            names,
            ..
        }) => Err(Failure::usage(format!(
            "{} holds one family, `{}`, in the `v1.bare` layout; a family `{name}` beside it would mix the two layouts: start it in a folder of its own (`verso new OTHER_DIR`), or leave out `--family` for the next version of `{}`",
            dir.display(),
            names.first().map_or("", String::as_str),
            names.first().map_or("", String::as_str),
        ))),
        Err(error) => Err(crate::family::refusal(&error)),
    }
}

/// Copies the latest version to the next and freezes the latest (and every
/// earlier version) in the family's lock.
fn next_version(source: &FamilySource) -> Result<String, String> {
    let versions = crate::diff::load_unlocked(source)?.versions;
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let next = latest
        .checked_add(1)
        .ok_or_else(|| format!("v{latest} is the last possible version"))?;
    let from = source.version_path(latest);
    let to = source.version_path(next);
    if to.exists() {
        return Err(format!("{} already exists", to.display()));
    }
    let text = std::fs::read(&from).map_err(|e| format!("{}: cannot read: {e}", from.display()))?;
    let frozen = freeze(source, true, Some(latest))?;
    create(&to, &text)?;
    Ok(format!(
        "created {} from {}; frozen: {frozen}\nedit {}, then `verso diff {}` shows the converters to write",
        to.display(),
        version_file(source, latest),
        version_file(source, next),
        invocation(source)
    ))
}

/// Writes the family's v1: a commented skeleton `verso check` accepts.
/// `close` is a family of the folder whose name is close to the new one's.
fn first_version(source: &FamilySource, close: Option<&str>) -> Result<String, Failure> {
    let dir = source.dir();
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::error(format!("{}: cannot create the folder: {e}", dir.display())))?;
    let path = source.version_path(1);
    create(&path, skeleton(source).as_bytes())?;
    let mut message = format!(
        "created {}, a skeleton to replace with the family's types\nedit it, then `verso check {}`; once v1 is published, `verso new {}` freezes it and starts {}",
        path.display(),
        dir.display(),
        invocation(source),
        version_file(source, 2)
    );
    if let Some(close) = close {
        message.push_str(&format!(
            "\nwarning: `{}` is a new family, and close to `{close}`: if you meant that one, delete {} and run `verso new {} --family {close}`",
            source.name(),
            version_file(source, 1),
            dir.display()
        ));
    }
    Ok(message)
}

/// Creates `path` holding `bytes`; an existing file is never overwritten,
/// even one that appeared since it was looked for.
fn create(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!("{} already exists", path.display()),
            _ => format!("{}: cannot create: {e}", path.display()),
        })?;
    file.write_all(bytes)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The text of a new family's v1: what the file is, how versions work,
/// and one struct to replace. It names no path, only files beside it, so
/// it reads the same wherever the folder is.
fn skeleton(source: &FamilySource) -> String {
    let v1 = version_file(source, 1);
    let v2 = version_file(source, 2);
    let lock = lock_file(source);
    let name = source.name();
    let new = match source.layout() {
        Layout::Folder => "verso new DIR".to_owned(),
        Layout::Flat => format!("verso new DIR --family {name}"),
    };
    format!(
        "\
# {v1}
#
# Version 1 of the `{name}` family of versioned BARE messages.
# Each version is a file of its own in this folder (DIR); the next one
# will be {v2}.
#
# A version that has been published (messages written with it are
# stored or sent) never changes. Once this one is, run
#
#     {new}
#
# to freeze it in the family's lock ({lock}) and start the
# next version as a copy to change; `verso diff` then shows what changed
# and which converters between the versions must be written by hand.
#
# Replace the example below with the family's types. A type that no
# other type uses is a root: a message the family encodes and decodes.

type Message struct {{
    id: u64
    text: str
}}
"
    )
}
