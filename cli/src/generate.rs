//! `verso gen DIR [--family NAME] [-o OUT]`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::load::{self, LockCheck};
use verso_codegen::{EmitOptions, Options};

use crate::output::{Failure, color, finish, print_out};

/// Options of `verso gen`.
#[derive(Debug, Args)]
pub(crate) struct GenArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    /// Where to write the Rust file (default: standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Reject legacy syntax and forward references.
    #[arg(long)]
    no_legacy: bool,
}

pub(crate) fn run(args: &GenArgs) -> ExitCode {
    finish(generate(args))
}

fn generate(args: &GenArgs) -> Result<(), Failure> {
    let options = Options::default().with_legacy(!args.no_legacy);
    let source = args.family.source()?;
    let loaded = load::load_source(
        &source,
        &options,
        &EmitOptions::default(),
        LockCheck::Verify,
    );
    eprint!("{}", loaded.report.render_all(color()));
    let Some(family) = loaded.family else {
        return Err(Failure::error(format!(
            "{}: not generated because of the errors above",
            crate::family::label(&source)
        )));
    };
    let code = family
        .generate()
        .map_err(|e| Failure::error(e.to_string()))?;
    match &args.output {
        Some(path) => std::fs::write(path, &code)
            .map_err(|e| Failure::error(format!("{}: cannot write: {e}", path.display()))),
        None => print_out(&code),
    }
}
