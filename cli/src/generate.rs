//! `verso gen DIR [-o OUT]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::{GenerateOptions, Options, generate_family};

/// Options of `verso gen`.
#[derive(Debug, Args)]
pub(crate) struct GenArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Where to write the Rust file (default: standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Reject legacy syntax and forward references.
    #[arg(long)]
    no_legacy: bool,
}

pub(crate) fn run(args: &GenArgs) -> ExitCode {
    let options = GenerateOptions {
        check: Options {
            legacy: !args.no_legacy,
            pedantic: false,
        },
        ..GenerateOptions::default()
    };
    let generated = match generate_family(&args.dir, &options) {
        Ok(generated) => generated,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &generated.code)
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => {
            print!("{}", generated.code);
            Ok(())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
