//! `verso check PATH…`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use verso_codegen::load::{self, LockCheck};
use verso_codegen::{EmitOptions, Options};

/// Options of `verso check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Schema files (`.bare`) or schema folders (`v1.bare` … `vN.bare`, or
    /// `NAME.v1.bare` … for several families side by side).
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
    /// How to print diagnostics: `human` (rustc-like, on stderr) or `json`
    /// (one JSON object per diagnostic and line on stdout, for editors and
    /// CI annotations).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    message_format: MessageFormat,
}

/// `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum MessageFormat {
    /// rustc-like text with source excerpts, on stderr.
    Human,
    /// One JSON object per diagnostic, on stdout.
    Json,
}

/// Counts what was found, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    /// Families read from the folders given (a flat folder holds several).
    families: usize,
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
    let mut json = String::new();
    let mut reports = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            // Every family in the folder gets everything the build runs:
            // every version, the manifest, the lock, Rust names and the
            // family plan.
            let loaded = load::load_all(path, &options, &EmitOptions::default(), LockCheck::Verify);
            tally.families += loaded.iter().filter(|l| !l.report.read.is_empty()).count();
            reports.extend(loaded.into_iter().map(|l| l.report));
        } else {
            reports.push(load::check_file(path, &options));
        }
    }
    for report in reports {
        // What was read, however far checking got.
        tally.files += report.read.len();
        tally.errors += report.errors();
        tally.warnings += report.warnings();
        match args.message_format {
            MessageFormat::Human => eprint!("{}", report.render_all(color)),
            MessageFormat::Json => {
                for finding in &report.findings {
                    json.push_str(&report.json(finding).to_string());
                    json.push('\n');
                }
            }
        }
    }
    if let Err(failure) = crate::output::print_out(&json) {
        return crate::output::finish(Err(failure));
    }
    let plural = crate::output::count;
    if tally.errors > 0 {
        eprintln!(
            "error: {} and {} in {} checked",
            plural(tally.errors, "error"),
            plural(tally.warnings, "warning"),
            plural(tally.files, "file")
        );
        ExitCode::FAILURE
    } else {
        // A folder of several families says how many it held.
        let families = if tally.families > 1 {
            format!(" in {} families", tally.families)
        } else {
            String::new()
        };
        eprintln!(
            "ok: {} checked{families}, {}",
            plural(tally.files, "file"),
            plural(tally.warnings, "warning")
        );
        ExitCode::SUCCESS
    }
}
