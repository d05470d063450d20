//! `verso fmt PATH… [--check]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use verso_codegen::family;
use verso_codegen::load::Report;

/// Options of `verso fmt`.
#[derive(Debug, Args)]
pub(crate) struct FmtArgs {
    /// Schema files, or family directories (their `vN.bare` files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Change nothing; list the files that would change and exit 1 if any.
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: &FmtArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut failed = false;
    let mut would_change = Vec::new();
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            match family::discover(path) {
                Ok(found) => files.extend(found.into_iter().map(|f| f.path)),
                Err(error) => {
                    eprintln!("error: {error}");
                    failed = true;
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    for file in &files {
        match format_file(file, args.check, color) {
            Ok(true) => would_change.push(file.display().to_string()),
            Ok(false) => {}
            Err(()) => failed = true,
        }
    }
    if args.check {
        let listed: String = would_change
            .iter()
            .map(|file| format!("{file}\n"))
            .collect();
        // A reader that went away (`| head`) stops the listing, not the
        // verdict: the exit code still says files would change.
        let _ = crate::output::print_out(&listed);
        if !would_change.is_empty() {
            eprintln!(
                "{} would be reformatted; run `verso fmt` without --check",
                crate::output::count(would_change.len(), "file")
            );
            failed = true;
        }
    } else if !would_change.is_empty() {
        eprintln!(
            "formatted {}",
            crate::output::count(would_change.len(), "file")
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Formats one file; returns whether it changed (or would, with `check`).
fn format_file(path: &Path, check: bool, color: bool) -> Result<bool, ()> {
    let shown = path.display().to_string();
    let source = verso_codegen::load::read_source(path)
        .map_err(|finding| eprint!("{}", Report::of_finding(*finding).render_all(color)))?;
    let formatted = verso_codegen::format::format(&source).map_err(|diagnostics| {
        for diagnostic in diagnostics {
            eprint!("{}", diagnostic.render(&shown, &source, color));
        }
        eprintln!("error: {shown} was not formatted: fix the syntax errors first");
    })?;
    if formatted == source {
        return Ok(false);
    }
    if !check {
        std::fs::write(path, &formatted)
            .map_err(|e| eprintln!("error: {shown}: cannot write: {e}"))?;
    }
    Ok(true)
}
