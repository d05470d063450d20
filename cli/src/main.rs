//! The `verso` command-line tool.
//!
//! Exit codes: 0 success (warnings allowed), 1 when any checked schema has
//! errors or a path cannot be read, 2 for bad usage (from clap, and a
//! `DIR [--family NAME]` naming no single family).
//!
//! Every command on one family takes `DIR`, a schema folder, and
//! `--family NAME` when the folder holds several families side by side
//! (`NAME.vN.bare`); the rule is `verso_codegen::source::find_family`.

mod check;
mod codec;
mod diff;
mod family;
mod format;
mod generate;
mod lock;
mod output;
mod retire;
mod scaffold;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Versioned BARE schemas: check, compare and format them, scaffold the
/// converters to write, decode and encode messages, and generate Rust.
#[derive(Debug, Parser)]
#[command(name = "verso", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check schema files or schema folders and report every problem.
    ///
    /// A PATH is a `.bare` file or a folder: one family (`v1.bare`,
    /// `v2.bare`, … without gaps) or several side by side (`NAME.v1.bare`,
    /// …), every one of which is checked. Diagnostics go to stderr; the exit code is
    /// 0 when there are no errors (warnings allowed), 1 when there are errors
    /// or a path cannot be read, and 2 for bad usage.
    Check(check::CheckArgs),
    /// Show what changed between versions, and which converters need writing.
    ///
    /// Per type: identical, converted automatically, or needs a hand-written
    /// converter, with the reasons (field added, removed, retyped, value
    /// added, …); types added and removed; the root types affected. Exit 0,
    /// or 1 with --fail-on-manual when a converter must be written by hand.
    Diff(diff::DiffArgs),
    /// Print Rust stubs for exactly the converters that must be written.
    ///
    /// For every direction verso cannot generate, an `Upgrade` or
    /// `Downgrade` impl with every matching field already converted. Each
    /// decision left is marked `// DECIDE:`. Two kinds are pre-filled and
    /// work as printed: a field new in the newer version and `optional`, on
    /// upgrade only (`None`: the old version never recorded it); and the way
    /// back from a widening (`u16` → `u8`, `optional<T>` → `T`, `data` →
    /// `data[N]`), a checked conversion that refuses a value that does not
    /// fit. Every other stub — a field, value or member with no counterpart
    /// in either direction, a type that changed kind or became void —
    /// returns a `ConvertError` naming the decision until it is edited.
    Scaffold(scaffold::ScaffoldArgs),
    /// Decode a message (bytes on stdin) to JSON, with the schema alone.
    ///
    /// The message is shown in the version that wrote it: the schema-driven
    /// codec cannot run hand-written converters, so there is no `--upgrade`.
    /// Decoding is as strict as generated code.
    Decode(codec::DecodeArgs),
    /// Encode JSON (on stdin) as a message of a given version.
    ///
    /// JSON that does not fit the schema gets an error naming the JSON path
    /// and the expected type.
    Encode(codec::EncodeArgs),
    /// Start the next version: copy the latest `vN.bare` to `vN+1.bare` and
    /// freeze `vN` (and every earlier version) in `verso.lock`.
    ///
    /// In a flat folder the files are `NAME.vN.bare` and `NAME.verso.lock`.
    /// A family with no file yet (an empty or missing DIR, or a new
    /// `--family NAME` beside others) gets its `v1.bare` (`NAME.v1.bare`):
    /// a commented skeleton to replace. No existing file is overwritten.
    New(lock::NewArgs),
    /// Freeze published versions in the family's lock: `DIR/verso.lock`,
    /// or `DIR/NAME.verso.lock` in a flat folder.
    ///
    /// Records a fingerprint of each version's meaning (not its layout or
    /// comments) for every version but the latest (all with --all). `verso
    /// check` and the build then fail if a frozen version changes. Refuses
    /// to re-freeze a version that has changed.
    Lock(lock::LockArgs),
    /// Retire the oldest versions: delete `v1.bare` … `vN.bare` and record
    /// them as retired in `verso.lock` (`NAME.…` files in a flat folder).
    ///
    /// The family then starts at vN+1; retired versions are no longer read
    /// or written. The latest version always stays. Refuses when the lock
    /// has errors, except frozen files already missing that this retires,
    /// and while the manifest names a retired version (a rename out of it,
    /// a manual step from it): --fix removes those entries, and only those.
    /// Names the hand-written converters that go with the retired versions.
    Retire(retire::RetireArgs),
    /// Format schema files canonically (comments kept, legacy syntax
    /// rewritten, idempotent).
    ///
    /// Rewrites files in place; with --check, changes nothing, lists the
    /// files that would change and exits 1 if there are any.
    Fmt(format::FmtArgs),
    /// Write the Rust code generated for a family, for reading and review.
    ///
    /// The same code `verso-build` writes into `OUT_DIR` from a build script.
    Gen(generate::GenArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Gen(args) => generate::run(&args),
        Command::Fmt(args) => format::run(&args),
        Command::New(args) => lock::run_new(&args),
        Command::Lock(args) => lock::run_lock(&args),
        Command::Retire(args) => retire::run(&args),
        Command::Decode(args) => codec::decode(&args),
        Command::Encode(args) => codec::encode(&args),
        Command::Scaffold(args) => scaffold::run(&args),
    }
}
