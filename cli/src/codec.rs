//! `verso decode` and `verso encode`: bytes ⇄ JSON with the schema-driven
//! dynamic codec (no code generation, so no user converters: a message is
//! shown in the version that wrote it).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::{dynamic, ir};

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
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let Some((_, schema)) = versions.into_iter().find(|(v, _)| *v == version) else {
        return Err(format!(
            "version {version} does not exist; this family has versions 1 to {latest}"
        ));
    };
    match schema.lookup(type_name) {
        Some(id) => Ok((schema, id)),
        None => {
            let names: Vec<&str> = schema.types().map(|t| t.name.as_str()).collect();
            Err(format!(
                "version {version} has no type `{type_name}`; its types are {}",
                names.join(", ")
            ))
        }
    }
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
    let result = (|| {
        let input = read_input(&args.input)?;
        let bytes = if args.hex { unhex(&input)? } else { input };
        let (version, payload) = match args.version {
            Some(v) => (v, &bytes[..]),
            None => match bytes.as_slice() {
                [low, high, rest @ ..] => (u16::from_le_bytes([*low, *high]), rest),
                _ => {
                    return Err(format!(
                        "the message has {} byte(s), too short for its 2-byte version header",
                        bytes.len()
                    ));
                }
            },
        };
        let (schema, id) = find_type(&args.dir, version, &args.type_name)?;
        let value =
            dynamic::decode(&schema, id, payload, verso::Limits::default()).map_err(|e| {
                format!(
                    "invalid version {version} `{}` message: {e}",
                    args.type_name
                )
            })?;
        serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
    })();
    match result {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn encode(args: &EncodeArgs) -> ExitCode {
    let result = (|| -> Result<Vec<u8>, String> {
        let input = read_input(&args.input)?;
        let text =
            String::from_utf8(input).map_err(|_| "the JSON input is not UTF-8".to_owned())?;
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
    })();
    match result {
        Ok(bytes) => match std::io::stdout().write_all(&bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write standard output: {e}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
