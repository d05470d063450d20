//! `todo-store`: seed, inspect and migrate a todo database.
//!
//! ```text
//! todo-store seed todos.db --rows 100000 --versions 1,2,3 [--broken 2]
//! todo-store stats todos.db
//! todo-store migrate todos.db [--batch 500] [--max-batches N]
//! ```
//!
//! `migrate` shows a progress bar on a terminal (on stderr; indicatif hides
//! it when stderr is not a terminal, so pipes and logs get only the
//! report). It exits 0 when every row is at the latest version, 1 when some
//! rows were left untouched (listed) or the pass was stopped early, so a
//! deployment script does not retire old versions too soon.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use verso::Versioned;
use verso_example_todo::todo::TodoVersioned;
use verso_example_todo_store::migrate::{MigrateOptions, migrate};
use verso_example_todo_store::new_app::{SeedOptions, seed};
use verso_example_todo_store::store::{open_database, version_stats};

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
        /// The versions to write, in turn.
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2, 3])]
        versions: Vec<u16>,
        /// Extra rows the migration cannot read (truncated, or version 9).
        #[arg(long, default_value_t = 0)]
        broken: u64,
    },
    /// Counts the rows per version (from their headers).
    Stats {
        /// The SQLite database.
        db: PathBuf,
    },
    /// Rewrites every row at the latest version, resuming an interrupted pass.
    Migrate {
        /// The SQLite database.
        db: PathBuf,
        /// Rows per batch (one transaction each).
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Stop after this many batches (the next run resumes).
        #[arg(long)]
        max_batches: Option<u64>,
    },
}

fn main() -> anyhow::Result<ExitCode> {
    match Cli::parse().command {
        Command::Seed {
            db,
            rows,
            versions,
            broken,
        } => {
            let mut conn = open(&db)?;
            let written = seed(
                &mut conn,
                &SeedOptions {
                    rows,
                    versions,
                    broken,
                },
            )?;
            match written {
                Some((first, last)) => println!("wrote todos {first} to {last}"),
                None => println!("wrote nothing"),
            }
            println!("{}", version_stats(&conn)?);
        }
        Command::Stats { db } => {
            let conn = open(&db)?;
            let stats = version_stats(&conn)?;
            println!("{} rows: {stats}", stats.total());
        }
        Command::Migrate {
            db,
            batch,
            max_batches,
        } => {
            let mut conn = open(&db)?;
            let bar = ProgressBar::new(0).with_style(
                ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} rows, {eta} left")
                    .context("progress bar template")?,
            );
            let options = MigrateOptions {
                batch_size: batch,
                max_batches,
                ..MigrateOptions::default()
            };
            let started = Instant::now();
            let report = migrate::<TodoVersioned>(&mut conn, &options, |progress| {
                bar.set_length(progress.total);
                bar.set_position(progress.scanned);
                ControlFlow::Continue(())
            })?;
            bar.finish_and_clear();
            let seconds = started.elapsed().as_secs_f64();

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
                let version = failure
                    .version
                    .map_or("no header".to_owned(), |v| format!("v{v}"));
                println!("  todo {} ({version}): {}", failure.id, failure.error);
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
            if !report.completed || report.failed > 0 {
                return Ok(ExitCode::FAILURE);
            }
            debug_assert_eq!(report.target, TodoVersioned::LATEST);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open(db: &std::path::Path) -> anyhow::Result<rusqlite::Connection> {
    open_database(db).with_context(|| format!("opening {}", db.display()))
}
