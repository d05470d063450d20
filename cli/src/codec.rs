//! `verso decode` and `verso encode`: bytes ⇄ JSON with the schema-driven
//! dynamic codec (no code generation, so no user converters: a message is
//! shown in the version that wrote it).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::diagnostic::line_column;
use verso_codegen::{Family, ir};

use crate::output::{self, Failure};

/// Options of `verso decode`.
#[derive(Debug, Args)]
pub(crate) struct DecodeArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    /// The type of the message (a type name of the schema).
    #[arg(value_name = "TYPE")]
    type_name: String,
    /// The schema version that wrote the message.
    #[arg(
        long,
        value_name = "N",
        required_unless_present = "embedded",
        conflicts_with = "embedded"
    )]
    version: Option<u16>,
    /// The message starts with its version (2 bytes, little-endian).
    #[arg(long)]
    embedded: bool,
    /// The input is hex text (whitespace and newlines allowed).
    #[arg(long)]
    hex: bool,
    /// Read from this file instead of standard input.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
}

/// Options of `verso encode`.
#[derive(Debug, Args)]
pub(crate) struct EncodeArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    /// The type of the message (a type name of the schema).
    #[arg(value_name = "TYPE")]
    type_name: String,
    /// The schema version to encode with.
    #[arg(long, value_name = "N")]
    version: u16,
    /// Start the message with its version (2 bytes, little-endian).
    #[arg(long)]
    embed: bool,
    /// Write hex text instead of raw bytes.
    #[arg(long)]
    hex: bool,
    /// Read the JSON from this file instead of standard input.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
}

pub(crate) fn read_input(input: &Option<PathBuf>) -> Result<Vec<u8>, String> {
    match input {
        Some(path) => {
            std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(bytes)
        }
    }
}

/// Where the version of a message came from, so that an error about it
/// says which input to fix.
#[derive(Clone, Copy, Debug)]
pub(crate) enum VersionFrom {
    /// The first two bytes of an embedded message (`decode --embedded`).
    Header,
    /// `--version N` on the command line.
    Flag,
}

impl VersionFrom {
    /// "the 2-byte header says version 9", "--version asks for version 9".
    fn says(self, version: u16) -> String {
        match self {
            VersionFrom::Header => format!("the 2-byte header says version {version}"),
            VersionFrom::Flag => format!("--version asks for version {version}"),
        }
    }
}

/// The schema of `version` in `family`; a version the family does not
/// have is an error naming where it came from, the versions there are, and
/// whether it was retired (by the family's `lock_file`).
fn schema_of<'f>(
    family: &'f Family,
    lock_file: &str,
    version: u16,
    from: VersionFrom,
) -> Result<&'f ir::Schema, String> {
    if let Some((_, schema)) = family.versions.iter().find(|(v, _)| *v == version) {
        return Ok(schema);
    }
    let (oldest, latest) = (family.oldest(), family.latest());
    let has = if oldest == latest {
        format!("only version {latest}")
    } else {
        format!("versions {oldest}..={latest}")
    };
    let says = from.says(version);
    match family.lock.retired_through {
        Some(through) if (1..=through).contains(&version) => Err(format!(
            "{says}, but v{version} was retired ({lock_file}: retired through {through}); this family has {has}"
        )),
        _ => Err(format!("{says}, but this family has {has}")),
    }
}

/// The schema of `version` and the id of `type_name` in it.
pub(crate) fn find_type<'f>(
    family: &'f Family,
    lock_file: &str,
    version: u16,
    from: VersionFrom,
    type_name: &str,
) -> Result<(&'f ir::Schema, ir::TypeId), String> {
    let schema = schema_of(family, lock_file, version, from)?;
    match schema.lookup(type_name) {
        Some(id) => Ok((schema, id)),
        None => {
            let names: Vec<&str> = schema.types().map(|t| t.name.as_str()).collect();
            let hint = closest(type_name, &names)
                .map(|name| format!(" (did you mean `{name}`?)"))
                .unwrap_or_default();
            Err(format!(
                "version {version} has no type `{type_name}`{hint}; its types are {}",
                names.join(", ")
            ))
        }
    }
}

/// The name closest to a misspelt one, if one is close enough to be what
/// was meant (case aside, at most two edits, and not a total rewrite).
fn closest<'a>(wanted: &str, names: &[&'a str]) -> Option<&'a str> {
    if wanted.len() > 200 {
        return None;
    }
    let wanted = wanted.to_lowercase();
    names
        .iter()
        .map(|name| {
            (
                strsim::damerau_levenshtein(&wanted, &name.to_lowercase()),
                *name,
            )
        })
        .filter(|&(distance, name)| distance <= 2 && distance < name.len())
        .min()
        .map(|(_, name)| name)
}

/// The bytes written as hex text (either case). Whitespace, newlines
/// included, may stand anywhere; any other character is an error naming it
/// and its place as typed.
pub(crate) fn unhex(input: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(input).map_err(|e| {
        let at = e.valid_up_to();
        let valid = std::str::from_utf8(&input[..at]).unwrap_or_default();
        format!(
            "the hex input is not text: byte 0x{:02x} {} is not UTF-8",
            input[at],
            place(valid, at)
        )
    })?;
    let mut digits = Vec::with_capacity(text.len());
    let mut last = 0;
    for (offset, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        let Some(digit) = c.to_digit(16) else {
            return Err(format!(
                "the hex input has `{}` {}, which is not a hex digit (0-9, a-f)",
                c.escape_debug(),
                place(text, offset)
            ));
        };
        // A hex digit is below 16, so it fits in a byte.
        digits.push(digit as u8);
        last = offset;
    }
    if digits.len() % 2 != 0 {
        return Err(format!(
            "the hex input has an odd number of digits ({}): the last one, {}, has no pair",
            digits.len(),
            place(text, last)
        ));
    }
    Ok(digits
        .chunks(2)
        .map(|pair| (pair[0] << 4) | pair[1])
        .collect())
}

/// Where `offset` is in `text` as typed, counting characters: "at column
/// 4", or "at line 2, column 4" when the text has several lines.
fn place(text: &str, offset: usize) -> String {
    let (line, column) = line_column(text, offset);
    if text.lines().nth(1).is_some() {
        format!("at line {line}, column {column}")
    } else {
        format!("at column {column}")
    }
}

pub(crate) fn decode(args: &DecodeArgs) -> ExitCode {
    output::finish(decoded(args).and_then(|json| output::print_out(&format!("{json}\n"))))
}

/// The message on stdin as JSON.
fn decoded(args: &DecodeArgs) -> Result<String, Failure> {
    // Bad usage before waiting on stdin.
    let source = args.family.source()?;
    let input = read_input(&args.input)?;
    let bytes = if args.hex { unhex(&input)? } else { input };
    // Offsets in errors count from the start of what was passed, the
    // version header included.
    let (version, from, payload, header) = match args.version {
        Some(v) => (v, VersionFrom::Flag, &bytes[..], 0),
        None => {
            let (version, payload) = verso::split_embedded(&bytes).map_err(|e| e.to_string())?;
            (version, VersionFrom::Header, payload, 2)
        }
    };
    let family = crate::diff::load(&source)?;
    let lock_file = crate::family::lock_file(&source);
    let (schema, id) = find_type(&family, &lock_file, version, from, &args.type_name)?;
    let value =
        verso_dynamic::decode(schema, id, payload, verso::Limits::default()).map_err(|e| {
            format!(
                "invalid version {version} `{}` message: {}",
                args.type_name,
                e.offset_by(header)
            )
        })?;
    serde_json::to_string_pretty(&value).map_err(|e| Failure::error(e.to_string()))
}

pub(crate) fn encode(args: &EncodeArgs) -> ExitCode {
    output::finish(encoded(args).and_then(|bytes| output::write_out(&bytes)))
}

/// The JSON on stdin as a message (hex text with `--hex`).
fn encoded(args: &EncodeArgs) -> Result<Vec<u8>, Failure> {
    // Bad usage before waiting on stdin.
    let source = args.family.source()?;
    let input = read_input(&args.input)?;
    let text = String::from_utf8(input).map_err(|_| "the JSON input is not UTF-8".to_owned())?;
    let json = verso_dynamic::parse_json(&text).map_err(|e| format!("invalid JSON: {e}"))?;
    let family = crate::diff::load(&source)?;
    let lock_file = crate::family::lock_file(&source);
    let (schema, id) = find_type(
        &family,
        &lock_file,
        args.version,
        VersionFrom::Flag,
        &args.type_name,
    )?;
    let payload = verso_dynamic::encode(schema, id, &json)
        .map_err(|e| format!("the JSON does not fit `{}`: {e}", args.type_name))?;
    let mut bytes = Vec::with_capacity(payload.len() + 2);
    if args.embed {
        bytes.extend_from_slice(&args.version.to_le_bytes());
    }
    bytes.extend_from_slice(&payload);
    Ok(if args.hex {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{}\n", hex.join(" ")).into_bytes()
    } else {
        bytes
    })
}
