//! `verso decode` and `verso encode`: bytes ⇄ JSON with the schema-driven
//! dynamic codec (no code generation, so no user converters: a message is
//! shown in the version that wrote it).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::{dynamic, ir};

use crate::output::{self, Failure};

/// Options of `verso decode`.
#[derive(Debug, Args)]
pub(crate) struct DecodeArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
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
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
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

fn read_input(input: &Option<PathBuf>) -> Result<Vec<u8>, String> {
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

/// The schema of `version` and the id of `type_name` in it.
fn find_type(
    dir: &std::path::Path,
    version: u16,
    type_name: &str,
) -> Result<(ir::Schema, ir::TypeId), String> {
    let versions = crate::diff::load(dir)?;
    let range = match (versions.first(), versions.last()) {
        (Some((oldest, _)), Some((latest, _))) => format!("{oldest} to {latest}"),
        _ => "none".to_owned(),
    };
    let Some((_, schema)) = versions.into_iter().find(|(v, _)| *v == version) else {
        return Err(format!(
            "version {version} does not exist; this family has versions {range}"
        ));
    };
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

fn unhex(text: &[u8]) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if digits.len() % 2 != 0 {
        return Err(format!(
            "the hex input has an odd number of digits ({})",
            digits.len()
        ));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or_else(|| {
                    format!("the hex input has a non-hex character near digit {}", 2 * i)
                })
        })
        .collect()
}

pub(crate) fn decode(args: &DecodeArgs) -> ExitCode {
    output::finish(decoded(args).and_then(|json| output::print_out(&format!("{json}\n"))))
}

/// The message on stdin as JSON.
fn decoded(args: &DecodeArgs) -> Result<String, Failure> {
    let input = read_input(&args.input)?;
    let bytes = if args.hex { unhex(&input)? } else { input };
    // Offsets in errors count from the start of what was passed, the
    // version header included.
    let (version, payload, header) = match args.version {
        Some(v) => (v, &bytes[..], 0),
        None => {
            let (version, payload) = verso::split_embedded(&bytes).map_err(|e| e.to_string())?;
            (version, payload, 2)
        }
    };
    let (schema, id) = find_type(&args.dir, version, &args.type_name)?;
    let value = dynamic::decode(&schema, id, payload, verso::Limits::default()).map_err(|e| {
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
    let input = read_input(&args.input)?;
    let text = String::from_utf8(input).map_err(|_| "the JSON input is not UTF-8".to_owned())?;
    let json = dynamic::parse_json(&text).map_err(|e| format!("invalid JSON: {e}"))?;
    let (schema, id) = find_type(&args.dir, args.version, &args.type_name)?;
    let payload = dynamic::encode(&schema, id, &json)
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
