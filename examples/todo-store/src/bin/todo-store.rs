//! `todo-store`: seed, inspect and migrate a todo database.
//!
//! ```text
//! todo-store seed todos.db --rows 100000 --versions 1,2,3 [--broken 2]
//! todo-store stats todos.db
//! todo-store migrate todos.db [--batch 500] [--max-batches N]
//! todo-store verify todos.db
//! ```
//!
//! Only `seed` creates a database; the other commands refuse a path with
//! nothing there (a mistyped path must not look like an empty database
//! that migrated fine), and `stats` and `verify` open it read-only.
//!
//! `migrate` shows a progress bar on a terminal (on stderr; indicatif hides
//! it when stderr is not a terminal, so pipes and logs get only the
//! report). It exits 0 when every row is at the latest version, 1 when some
//! rows were left untouched (listed) or the pass was stopped early, so a
//! deployment script does not retire old versions too soon. `verify`
//! decodes every row, the ones `migrate` skips by their header included,
//! and exits 0 when all of them read, 1 when some do not (listed).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, anyhow};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use verso::Versioned;
use verso_example_todo::todo::TodoVersioned;
use verso_example_todo_store::migrate::{MigrateOptions, MigrationReport, migrate};
use verso_example_todo_store::new_app::{SeedOptions, seed};
use verso_example_todo_store::store::{
    Access, OpenError, open_database, open_existing_database, version_stats,
};
use verso_example_todo_store::verify::{VerifyReport, verify};

#[derive(Parser)]
#[command(
    version,
    about = "Seed, inspect and migrate a database of versioned todos"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Appends todos written at the given versions, in turn.
    Seed {
        /// The SQLite database (created if missing).
        db: PathBuf,
        /// How many todos to write.
        #[arg(long, default_value_t = 1000)]
        rows: u64,
        /// The versions to write, in turn, separated by commas (`--versions 1,3`).
        // The default as a user types it: `default_values_t` would show
        // `1 2 3`, which this comma-separated option does not accept.
        #[arg(long, value_delimiter = ',', default_value = "1,2,3")]
        versions: Vec<u16>,
        /// Extra rows the migration cannot read (truncated, or version 9).
        #[arg(long, default_value_t = 0)]
        broken: u64,
    },
    /// Counts the rows per version (from their headers).
    Stats {
        /// The SQLite database (it must exist; opened read-only).
        db: PathBuf,
    },
    /// Rewrites every row at the latest version, resuming an interrupted pass.
    Migrate {
        /// The SQLite database (it must exist).
        db: PathBuf,
        /// Rows per batch (one transaction each).
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Stop after this many batches (the next run resumes).
        #[arg(long)]
        max_batches: Option<u64>,
    },
    /// Decodes every row as the latest version, whatever its header says,
    /// and lists the rows that do not read. Writes nothing.
    Verify {
        /// The SQLite database (it must exist; opened read-only).
        db: PathBuf,
    },
}

fn main() -> anyhow::Result<ExitCode> {
    match Cli::parse().command {
        Command::Seed {
            db,
            rows,
            versions,
            broken,
        } => run_seed(
            &db,
            &SeedOptions {
                rows,
                versions,
                broken,
            },
        ),
        Command::Stats { db } => run_stats(&db),
        Command::Migrate {
            db,
            batch,
            max_batches,
        } => run_migrate(
            &db,
            &MigrateOptions {
                batch_size: batch,
                max_batches,
                ..MigrateOptions::default()
            },
        ),
        Command::Verify { db } => run_verify(&db),
    }
}

fn run_seed(db: &Path, options: &SeedOptions) -> anyhow::Result<ExitCode> {
    let mut conn = open_database(db).with_context(|| format!("opening {}", db.display()))?;
    match seed(&mut conn, options)? {
        Some((first, last)) => println!("wrote todos {first} to {last}"),
        None => println!("wrote nothing"),
    }
    println!("{}", version_stats(&conn)?);
    Ok(ExitCode::SUCCESS)
}

fn run_stats(db: &Path) -> anyhow::Result<ExitCode> {
    let conn = open_existing(db, Access::ReadOnly)?;
    let stats = version_stats(&conn)?;
    println!("{} rows: {stats}", stats.total());
    Ok(ExitCode::SUCCESS)
}

fn run_migrate(db: &Path, options: &MigrateOptions) -> anyhow::Result<ExitCode> {
    let mut conn = open_existing(db, Access::ReadWrite)?;
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} rows, {eta} left")
            .context("progress bar template")?,
    );
    let started = Instant::now();
    let report = migrate::<TodoVersioned>(&mut conn, options, |progress| {
        bar.set_length(progress.total);
        bar.set_position(progress.scanned);
        ControlFlow::Continue(())
    })?;
    bar.finish_and_clear();
    print_migration(&report, started.elapsed().as_secs_f64());
    if !report.completed || report.failed > 0 {
        return Ok(ExitCode::FAILURE);
    }
    debug_assert_eq!(report.target, TodoVersioned::LATEST);
    Ok(ExitCode::SUCCESS)
}

fn print_migration(report: &MigrationReport, seconds: f64) {
    let found: Vec<String> = report
        .found
        .iter()
        .map(|(version, rows)| format!("v{version}: {rows}"))
        .collect();
    println!(
        "{} to v{}: {} rows in {} batches{}",
        if report.completed {
            "migrated"
        } else {
            "stopped migrating"
        },
        report.target,
        report.scanned,
        report.batches,
        if report.resumed { " (resumed)" } else { "" },
    );
    println!("found: {}", found.join(", "));
    println!(
        "rewritten: {}, already v{}: {}, left untouched: {}",
        report.rewritten, report.target, report.already_latest, report.failed
    );
    for failure in &report.failures {
        print_failure(failure.id, failure.version, &failure.error);
    }
    if report.failed > report.failures.len() as u64 {
        println!("  … all of them are in the table todo_migration_failures");
    }
    if report.batches_this_run > 0 && seconds > 0.0 {
        println!(
            "this run: {} rows ({} rewritten) in {} batches, {seconds:.3} s: {:.0} rows/s, {:.0} rewrites/s",
            report.scanned_this_run,
            report.rewritten_this_run,
            report.batches_this_run,
            report.scanned_this_run as f64 / seconds,
            report.rewritten_this_run as f64 / seconds,
        );
    }
}

/// How many unreadable rows `verify` lists (all are counted).
const VERIFY_LISTED: usize = 1000;

fn run_verify(db: &Path) -> anyhow::Result<ExitCode> {
    let conn = open_existing(db, Access::ReadOnly)?;
    let report = verify::<TodoVersioned>(&conn, VERIFY_LISTED)?;
    print_verification(&report);
    Ok(if report.unreadable == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_verification(report: &VerifyReport) {
    let target = report.target;
    if report.unreadable == 0 {
        println!("verified {} rows: all read as v{target}", report.scanned());
    } else {
        println!(
            "verified {} rows: {} read as v{target}, {} do not",
            report.scanned(),
            report.readable,
            report.unreadable
        );
    }
    println!("found: {}", report.found);
    for failure in &report.failures {
        print_failure(failure.id, failure.version, &failure.error);
    }
    let unlisted = report
        .unreadable
        .saturating_sub(report.failures.len() as u64);
    if unlisted > 0 {
        println!("  … and {unlisted} more (only the first {VERIFY_LISTED} are listed)");
    }
}

/// One line per row that a command could not handle.
fn print_failure(id: i64, version: Option<u16>, error: &dyn std::fmt::Display) {
    let version = version.map_or("no header".to_owned(), |v| format!("v{v}"));
    println!("  todo {id} ({version}): {error}");
}

/// Opens a database that must exist (see [`open_existing_database`]); a
/// missing one is named with what to do about it.
fn open_existing(db: &Path, access: Access) -> anyhow::Result<rusqlite::Connection> {
    open_existing_database(db, access).map_err(|error| match error {
        OpenError::Missing { .. } => {
            anyhow!("{error}: check the path (only `todo-store seed` creates a database)")
        }
        other => anyhow::Error::new(other),
    })
}
