//! What every command shares at the edge: loading a family with its
//! findings printed, writing to stdout without panicking on a closed pipe,
//! and turning failures into exit codes (0 ok, 1 errors, 2 bad usage).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use verso_codegen::load::{self, LockCheck};
use verso_codegen::source::FamilySource;
use verso_codegen::{Family, GenerateOptions};

/// Why a command stopped.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The exit code.
    code: u8,
    /// What to print on stderr after `error: ` (nothing when the problems
    /// were printed already, or the reader went away).
    message: Option<String>,
}

impl Failure {
    /// An error (exit 1).
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: Some(message.into()),
        }
    }

    /// Bad usage (exit 2), as clap reports its own.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: Some(message.into()),
        }
    }

    /// Errors already printed (exit 1).
    fn reported() -> Self {
        Failure {
            code: 1,
            message: None,
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::error(message)
    }
}

/// The exit code of a command's outcome, with its message printed.
pub(crate) fn finish(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message {
                eprintln!("error: {message}");
            }
            ExitCode::from(failure.code)
        }
    }
}

/// The exit code of a command that reports on stderr (`lock`, `new`,
/// `retire`): its message on success, `error: …` otherwise.
pub(crate) fn report(result: Result<String, Failure>) -> ExitCode {
    finish(result.map(|message| eprintln!("{message}")))
}

/// Writes `text` to stdout. A reader that went away (`verso diff | head`)
/// ends the command quietly, as other Unix tools do.
pub(crate) fn print_out(text: &str) -> Result<(), Failure> {
    write_out(text.as_bytes())
}

/// Writes raw bytes to stdout, with [`print_out`]'s handling of a closed pipe.
pub(crate) fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure {
            code: 0,
            message: None,
        }),
        Err(e) => Err(Failure::error(format!("cannot write to stdout: {e}"))),
    }
}

/// A count in words, singular when it is one: "1 file", "3 errors".
pub(crate) fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Whether stderr shows colours.
pub(crate) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Loads the family at `source` with default options, printing every
/// finding (warnings too) to stderr; errors make it a [`Failure`].
pub(crate) fn load_family(source: &FamilySource, lock: LockCheck) -> Result<Family, Failure> {
    let options = GenerateOptions::default();
    let loaded = load::load_source(source, &options.check, &options.emit, lock);
    eprint!("{}", loaded.report.render_all(color()));
    loaded.family.ok_or_else(Failure::reported)
}
