//! `verso scaffold DIR [--from K --to K+1] [--module PATH]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::EmitOptions;
use verso_codegen::emit::EmitError;

/// Options of `verso scaffold`.
#[derive(Debug, Args)]
pub(crate) struct ScaffoldArgs {
    /// A family directory (`v1.bare` … `vN.bare`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[command(flatten)]
    step: crate::diff::StepRange,
    /// The Rust path of the module that includes the family (default:
    /// `crate::<family name>`).
    #[arg(long, value_name = "PATH")]
    module: Option<String>,
}

pub(crate) fn run(args: &ScaffoldArgs) -> ExitCode {
    match scaffold(args) {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn scaffold(args: &ScaffoldArgs) -> Result<String, String> {
    let versions = crate::diff::load(&args.dir)?;
    let latest = versions.last().map_or(0, |(v, _)| *v);
    let only = args.step.only(latest)?;
    let module = args
        .module
        .clone()
        .unwrap_or_else(|| format!("crate::{}", verso_codegen::generate::family_name(&args.dir)));
    verso_codegen::emit::scaffold(&versions, &EmitOptions::default(), only, &module).map_err(|e| {
        match e {
            EmitError::Names(problems) => problems
                .into_iter()
                .map(|(v, d)| format!("v{v}: {}", d.message))
                .collect::<Vec<_>>()
                .join("\n"),
            EmitError::Config(m) | EmitError::Internal(m) => m,
        }
    })
}
