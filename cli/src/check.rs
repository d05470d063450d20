//! `verso check PATH…`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use verso_codegen::diagnostic::line_column;
use verso_codegen::load::{self, LockCheck};
use verso_codegen::{EmitOptions, Options};

/// Options of `verso check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Schema files (`.bare`) or family directories (`v1.bare` … `vN.bare`).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Accept pre-draft-03 syntax with a warning, forward references and
    /// terminable recursion (the default).
    #[arg(long, overrides_with = "no_legacy")]
    legacy: bool,
    /// Reject legacy syntax, and require every type to be defined before it
    /// is used (as the reference compiler does by default).
    #[arg(long)]
    no_legacy: bool,
    /// Require explicit `= N` on every enum value and union member, and
    /// field names strictly in camelCase or snake_case.
    #[arg(long)]
    pedantic: bool,
}

/// Counts what was found, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    files: usize,
    errors: usize,
    warnings: usize,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let options = Options {
        legacy: !args.no_legacy,
        pedantic: args.pedantic,
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut tally = Tally::default();
    for path in &args.paths {
        if path.is_dir() {
            // A family gets everything the build runs: every version,
            // the manifest, the lock, Rust names and the family plan.
            let loaded = load::load(path, &options, &EmitOptions::default(), LockCheck::Verify);
            tally.files += loaded.report.sources.len();
            tally.errors += loaded.report.errors();
            tally.warnings += loaded.report.warnings();
            eprint!("{}", loaded.report.render_all(color));
        } else {
            check_file(path, &options, color, &mut tally);
        }
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if tally.errors > 0 {
        eprintln!(
            "error: {} and {} in {} checked",
            plural(tally.errors, "error"),
            plural(tally.warnings, "warning"),
            plural(tally.files, "file")
        );
        ExitCode::FAILURE
    } else {
        eprintln!(
            "ok: {} checked, {}",
            plural(tally.files, "file"),
            plural(tally.warnings, "warning")
        );
        ExitCode::SUCCESS
    }
}

/// Checks one file and prints its diagnostics; returns its schema if valid.
fn check_file(
    path: &Path,
    options: &Options,
    color: bool,
    tally: &mut Tally,
) -> Option<verso_codegen::ir::Schema> {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: {shown}: cannot read: {error}");
            tally.errors += 1;
            return None;
        }
    };
    tally.files += 1;
    let source = match std::str::from_utf8(&bytes) {
        Ok(source) => source,
        Err(error) => {
            let at = error.valid_up_to();
            // The bytes before `at` are valid UTF-8 by definition.
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, column) = line_column(valid, at);
            eprintln!(
                "error: {shown}:{line}:{column}: the file is not valid UTF-8 (byte {at}); \
                 schema files are UTF-8 text"
            );
            tally.errors += 1;
            return None;
        }
    };
    let checked = verso_codegen::check(source, options);
    for diagnostic in &checked.diagnostics {
        eprint!("{}", diagnostic.render(&shown, source, color));
        if diagnostic.is_error() {
            tally.errors += 1;
        } else {
            tally.warnings += 1;
        }
    }
    checked.schema
}
