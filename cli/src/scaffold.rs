//! `verso scaffold DIR [--family NAME] [--from K [--to K+1]] [--module PATH]`

use std::process::ExitCode;

use clap::Args;
use verso_codegen::load::LockCheck;

use crate::output::{Failure, finish, load_family, print_out};

/// Options of `verso scaffold`.
#[derive(Debug, Args)]
pub(crate) struct ScaffoldArgs {
    #[command(flatten)]
    family: crate::family::FamilyArgs,
    #[command(flatten)]
    step: crate::diff::StepRange,
    /// The Rust path of the module that includes the family (default:
    /// `crate::<family name>`).
    #[arg(long, value_name = "PATH")]
    module: Option<String>,
}

pub(crate) fn run(args: &ScaffoldArgs) -> ExitCode {
    finish(scaffold(args))
}

fn scaffold(args: &ScaffoldArgs) -> Result<(), Failure> {
    let family = load_family(&args.family.source()?, LockCheck::Verify)?;
    let only = args.step.only(&family)?;
    let module = args
        .module
        .clone()
        .unwrap_or_else(|| format!("crate::{}", family.name));
    let code = family
        .scaffold(only, &module)
        .map_err(|e| Failure::error(e.to_string()))?;
    print_out(&code)
}
