//! `verso sample add`: stores one message, as a release really wrote it,
//! in the family's golden samples folder (layout:
//! `verso_dynamic::samples::layout`), after checking it decodes as the
//! version and type it is filed under.
//!
//! It writes the sample only, never its `.latest.json`: what an old message
//! reads as in the latest version goes through the user's hand-written
//! converters, which only the crate's own test can run
//! (`VERSO_BLESS=1 cargo test` writes it there).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use verso_codegen::Family;
use verso_codegen::load::{self, LockCheck};
use verso_codegen::source::FamilySource;
use verso_dynamic::samples::layout;

use crate::codec::{VersionFrom, find_type, read_input, unhex};
use crate::output::{self, Failure};

/// `verso sample …`.
#[derive(Debug, Subcommand)]
pub(crate) enum SampleCommand {
    /// Store one message from stdin under `DIR/samples/vN/TYPE/`, checking
    /// that it decodes as version N of TYPE.
    ///
    /// In a flat folder the samples are under `DIR/NAME.samples/`. TYPE is
    /// a root type by its latest name.
    ///
    /// The input is raw bytes, hex text (--hex) or JSON (--json, encoded
    /// as version N). Without --embedded the message is plain BARE and is
    /// stored as `NAME.bin`; with it, the message starts with its 2-byte
    /// little-endian version (which must be N) and is stored, header
    /// included, as `NAME.embedded.bin`. An existing sample is never
    /// replaced. The sample's `NAME.latest.json` is written by
    /// `VERSO_BLESS=1 cargo test` in the crate built with `samples(true)`,
    /// which runs the converters.
    Add(AddArgs),
}

/// Options of `verso sample add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    /// The version that wrote the message.
    #[arg(long, value_name = "N")]
    version: u16,
    /// The sample's name: ASCII letters, digits, `_` and `-`.
    #[arg(long, value_name = "NAME")]
    name: String,
    /// The root type of the message, by its latest name (the one its
    /// `…Versioned` is named after); needed when the family has several
    /// roots.
    #[arg(long = "type", value_name = "TYPE")]
    type_name: Option<String>,
    /// The input is hex text (whitespace and newlines allowed).
    #[arg(long, conflicts_with = "json")]
    hex: bool,
    /// The input is JSON in verso's mapping, encoded as version N.
    #[arg(long)]
    json: bool,
    /// The message starts with its version (2 bytes, little-endian), and
    /// is stored with it; with --json, the header is added.
    #[arg(long)]
    embedded: bool,
    /// Read from this file instead of standard input.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
}

/// Runs `verso sample …`.
pub(crate) fn run(command: &SampleCommand) -> ExitCode {
    match command {
        SampleCommand::Add(args) => output::report(add(args)),
    }
}

/// Stores the sample; the message says where, and what to run next.
fn add(args: &AddArgs) -> Result<String, Failure> {
    // Bad usage before waiting on stdin.
    let source = args.family.source()?;
    layout::check_name(&args.name).map_err(Failure::usage)?;
    let family = crate::diff::load(&source)?;
    let (ty, name_then) = root_type(&family, &source, args)?;
    let samples = source.samples_path();
    let path = layout::sample_path(&samples, args.version, &ty, &args.name, args.embedded);
    refuse_existing(&samples, args.version, &ty, &args.name)?;
    let input = read_input(&args.input)?;
    let bytes = message(&family, &source, args, &name_then, input)?;
    write_new(&path, &bytes)?;
    let shown = |p: &Path| p.display().to_string();
    Ok(format!(
        "wrote {} ({}, version {} `{ty}`); `VERSO_BLESS=1 cargo test` in the crate built with \
         `samples(true)` writes {}, what it reads as in v{}",
        shown(&path),
        output::count(bytes.len(), "byte"),
        args.version,
        layout::expectation_path(path.parent().unwrap_or(&samples), &args.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        family.latest()
    ))
}

/// The sample's root type: its latest name (the folder it goes in) and
/// its name in `--version`.
fn root_type(
    family: &Family,
    source: &FamilySource,
    args: &AddArgs,
) -> Result<(String, String), Failure> {
    let roots = &family.plan.roots;
    let Some(wanted) = &args.type_name else {
        return match roots.as_slice() {
            [root] => name_in(root, args.version),
            _ => Err(Failure::usage(format!(
                "the family has {} root types ({}); say which this message is with `--type TYPE`",
                roots.len(),
                roots
                    .iter()
                    .map(|r| format!("`{}`", r.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        };
    };
    if let Some(root) = roots.iter().find(|r| &r.name == wanted) {
        return name_in(root, args.version);
    }
    // A type the build makes a root (`Config::root`) that the manifest
    // does not: plan the family with it as one, for its names.
    let latest = family.versions.last().map(|(_, schema)| schema);
    if latest.is_none_or(|schema| schema.lookup(wanted).is_none()) {
        return Err(Failure::usage(format!(
            "the latest version, v{}, has no type `{wanted}`; --type takes a root type by its \
             latest name (the family's roots: {})",
            family.latest(),
            roots
                .iter()
                .map(|r| format!("`{}`", r.name))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut options = verso_codegen::GenerateOptions::default();
    options.emit.roots.push(wanted.clone());
    let replanned = load::load_source(source, &options.check, &options.emit, LockCheck::Skip);
    let root = replanned
        .family
        .as_ref()
        .and_then(|f| f.plan.roots.iter().find(|r| &r.name == wanted))
        .ok_or_else(|| format!("`{wanted}` cannot be a root type of this family"))?;
    name_in(root, args.version)
}

/// The root's latest name and its name in `version`, which must have it.
fn name_in(root: &verso_codegen::evolve::Root, version: u16) -> Result<(String, String), Failure> {
    match root.name_in(version) {
        Some(name) => Ok((root.name.clone(), name.to_owned())),
        None => Err(Failure::error(format!(
            "`{}` is not in version {version}: it exists from v{} on",
            root.name, root.oldest
        ))),
    }
}

/// A sample of that name, with or without header, is never replaced.
fn refuse_existing(samples: &Path, version: u16, ty: &str, name: &str) -> Result<(), Failure> {
    for embedded in [false, true] {
        let existing = layout::sample_path(samples, version, ty, name, embedded);
        if existing.exists() {
            return Err(Failure::error(format!(
                "{} exists already; samples are never replaced: delete it first, or choose \
                 another --name",
                existing.display()
            )));
        }
    }
    Ok(())
}

/// The bytes to store, checked to decode as `--version` of the type.
fn message(
    family: &Family,
    source: &FamilySource,
    args: &AddArgs,
    name_then: &str,
    input: Vec<u8>,
) -> Result<Vec<u8>, Failure> {
    let lock_file = crate::family::lock_file(source);
    let (schema, id) = find_type(
        family,
        &lock_file,
        args.version,
        VersionFrom::Flag,
        name_then,
    )?;
    let version = args.version;
    if args.json {
        let text =
            String::from_utf8(input).map_err(|_| "the JSON input is not UTF-8".to_owned())?;
        let json = verso_dynamic::parse_json(&text).map_err(|e| format!("invalid JSON: {e}"))?;
        let payload = verso_dynamic::encode(schema, id, &json)
            .map_err(|e| format!("the JSON does not fit version {version} `{name_then}`: {e}"))?;
        let mut bytes = Vec::with_capacity(payload.len() + 2);
        if args.embedded {
            bytes.extend_from_slice(&version.to_le_bytes());
        }
        bytes.extend(payload);
        return Ok(bytes);
    }
    let bytes = if args.hex { unhex(&input)? } else { input };
    let (payload, header) = if args.embedded {
        let (said, payload) = verso::split_embedded(&bytes).map_err(|e| e.to_string())?;
        if said != version {
            return Err(Failure::error(format!(
                "the message's 2-byte header says version {said}, but --version is {version}"
            )));
        }
        (payload, 2)
    } else {
        (&bytes[..], 0)
    };
    verso_dynamic::decode(schema, id, payload, verso::Limits::default()).map_err(|e| {
        format!(
            "not stored: the input is not a version {version} `{name_then}` message: {}",
            e.offset_by(header)
        )
    })?;
    Ok(bytes)
}

/// Creates `path` (and its folders) with `bytes`; an existing file, even
/// one that appeared since the check, is left alone.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |doing: &str, e: std::io::Error| {
        Failure::error(format!("{}: cannot {doing}: {e}", path.display()))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| fail("create its folder", e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| fail("create", e))?;
    file.write_all(bytes).map_err(|e| fail("write", e))
}
