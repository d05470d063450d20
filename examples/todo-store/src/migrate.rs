//! The bulk migration that ends a rolling upgrade: once every build writes
//! the latest version, rewrite every older row at the latest version so the
//! old versions can eventually be retired.
//!
//! - **Batches.** Rows are read in primary-key order, `batch_size` at a
//!   time (keyset pagination: `WHERE id > last ORDER BY id LIMIT n`, so each
//!   batch is an index range scan however far the migration has come), and
//!   each batch is one transaction. Memory holds one batch.
//! - **Resumable.** The checkpoint (the last id done, and the running
//!   counts) lives in the table `todo_migration`, updated in the same
//!   transaction as the batch's rewrites. A migration killed at any point
//!   has either committed a batch with its checkpoint or neither, and the
//!   next [`migrate`] call continues after the last committed batch. A
//!   finished migration (or one for another target version) starts over.
//! - **Cheap skips.** A row already at the latest version is recognised
//!   from its 2-byte header ([`verso::split_embedded`]) without decoding;
//!   such rows are counted but neither decoded nor written.
//! - **Nothing lost.** A row whose blob does not decode, whose version this
//!   build does not know, or whose upgrade a converter refuses is left
//!   exactly as it is and recorded (id, version, error) in
//!   `todo_migration_failures`; the report carries the count and the first
//!   [`MigrateOptions::max_reported_failures`] of them.
//!
//! Rows written at an old version *behind* the checkpoint while a migration
//! runs are not revisited by that run: migrate after the switch to the
//! latest write version, and run it again (a fresh pass) if in doubt —
//! rows already at the latest cost only a header read.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use verso::Versioned;

/// Tables of the checkpoint, the per-version counts and the failures.
const CREATE_MIGRATION_TABLES: &str = "
CREATE TABLE IF NOT EXISTS todo_migration (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    target INTEGER NOT NULL,
    last_id INTEGER,
    completed INTEGER NOT NULL,
    batches INTEGER NOT NULL,
    scanned INTEGER NOT NULL,
    rewritten INTEGER NOT NULL,
    already_latest INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    no_header INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS todo_migration_found (
    version INTEGER PRIMARY KEY,
    rows INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS todo_migration_failures (
    id INTEGER PRIMARY KEY,
    version INTEGER,
    error TEXT NOT NULL
);
";

/// How [`migrate`] runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateOptions {
    /// Rows per batch (one transaction each). At least 1; default 500.
    pub batch_size: usize,
    /// Stop after this many batches in this call (the checkpoint stays, so
    /// the next call resumes). `None`: run to the end.
    pub max_batches: Option<u64>,
    /// How many failures the report lists (all are counted, and all are in
    /// `todo_migration_failures`). Default 1000.
    pub max_reported_failures: usize,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            batch_size: 500,
            max_batches: None,
            max_reported_failures: 1000,
        }
    }
}

/// Where a migration stands after a committed batch, for progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Batches committed by this call.
    pub batches: u64,
    /// Rows looked at so far, earlier interrupted calls included.
    pub scanned: u64,
    /// Rows in the table when this call started.
    pub total: u64,
    /// The id of the last row done.
    pub last_id: Option<i64>,
}

/// A row left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFailure {
    /// The row's id.
    pub id: i64,
    /// The version in its header, if it had one.
    pub version: Option<u16>,
    /// Why it could not be migrated.
    pub error: String,
}

/// What a migration did, counted over the whole pass (an interrupted and
/// resumed pass reports the same totals as an uninterrupted one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The version rows are rewritten at (the family's latest).
    pub target: u16,
    /// Whether this call continued an interrupted pass.
    pub resumed: bool,
    /// Whether the pass reached the end of the table (false when stopped by
    /// `max_batches` or the progress callback).
    pub completed: bool,
    /// Batches committed by this call.
    pub batches_this_run: u64,
    /// Batches committed by the whole pass.
    pub batches: u64,
    /// Rows looked at by this call.
    pub scanned_this_run: u64,
    /// Rows rewritten by this call.
    pub rewritten_this_run: u64,
    /// Rows looked at.
    pub scanned: u64,
    /// Rows per version found in their header, before any rewrite.
    pub found: BTreeMap<u16, u64>,
    /// Rows without even a 2-byte header.
    pub no_header: u64,
    /// Rows rewritten at the target version.
    pub rewritten: u64,
    /// Rows that were at the target already (skipped from the header).
    pub already_latest: u64,
    /// Rows left untouched because they could not be migrated.
    pub failed: u64,
    /// The first failures, by id.
    pub failures: Vec<RowFailure>,
}

/// What happened to one row of a batch.
enum Outcome {
    Latest,
    Rewrite(Vec<u8>),
    Failed(String),
}

/// The checkpoint row.
struct Checkpoint {
    target: u16,
    last_id: Option<i64>,
    completed: bool,
    batches: u64,
    scanned: u64,
    rewritten: u64,
    already_latest: u64,
    failed: u64,
    no_header: u64,
}

/// Rewrites every row of `todos` at `V::LATEST`, in batches, resuming an
/// interrupted pass (see the module docs). `progress` is called after each
/// committed batch; returning [`ControlFlow::Break`] stops the pass there,
/// as a kill would, and the next call resumes it.
///
/// Errors are SQLite errors only (the transaction of the batch in progress
/// is rolled back, so the checkpoint still matches the data); rows that
/// cannot be migrated are in the report, not errors.
pub fn migrate<V: Versioned>(
    conn: &mut Connection,
    options: &MigrateOptions,
    mut progress: impl FnMut(&Progress) -> ControlFlow<()>,
) -> Result<MigrationReport, rusqlite::Error> {
    conn.execute_batch(crate::store::CREATE_TODOS)?;
    conn.execute_batch(CREATE_MIGRATION_TABLES)?;
    let batch_size = options.batch_size.max(1);
    let limit = i64::try_from(batch_size).unwrap_or(i64::MAX);
    let target = V::LATEST;

    let resumed = start_or_resume(conn, target)?;
    let total: i64 = conn.query_row("SELECT count(*) FROM todos", [], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or(0);

    let mut batches_this_run = 0u64;
    let mut this_run = (0u64, 0u64);
    loop {
        if options
            .max_batches
            .is_some_and(|max| batches_this_run >= max)
        {
            break;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut checkpoint = read_checkpoint(&tx)?.unwrap_or_else(|| fresh(target));
        if checkpoint.completed {
            break;
        }

        // Read the batch first, write after: the SELECT is finished before
        // the table is modified, and memory holds at most one batch.
        let mut rows: Vec<(i64, Option<u16>, Outcome)> = Vec::with_capacity(batch_size);
        {
            let mut select = match checkpoint.last_id {
                None => tx.prepare_cached("SELECT id, body FROM todos ORDER BY id LIMIT ?1")?,
                Some(_) => tx.prepare_cached(
                    "SELECT id, body FROM todos WHERE id > ?2 ORDER BY id LIMIT ?1",
                )?,
            };
            let mut result = match checkpoint.last_id {
                None => select.query(params![limit])?,
                Some(last) => select.query(params![limit, last])?,
            };
            while let Some(row) = result.next()? {
                let id: i64 = row.get(0)?;
                // Borrowed, not copied: a row at the target costs a header read.
                let (version, outcome) = match row.get_ref(1)?.as_bytes() {
                    Ok(body) => classify::<V>(body),
                    Err(e) => (None, Outcome::Failed(format!("body is not a blob: {e}"))),
                };
                rows.push((id, version, outcome));
            }
        }
        let fetched = rows.len();

        let mut found: BTreeMap<u16, u64> = BTreeMap::new();
        let mut rewritten = 0u64;
        {
            let mut update = tx.prepare_cached("UPDATE todos SET body = ?2 WHERE id = ?1")?;
            let mut record_failure = tx.prepare_cached(
                "INSERT OR REPLACE INTO todo_migration_failures (id, version, error) VALUES (?1, ?2, ?3)",
            )?;
            for (id, version, outcome) in rows {
                match version {
                    Some(version) => *found.entry(version).or_default() += 1,
                    None => checkpoint.no_header += 1,
                }
                match outcome {
                    Outcome::Latest => checkpoint.already_latest += 1,
                    Outcome::Rewrite(body) => {
                        update.execute(params![id, body])?;
                        checkpoint.rewritten += 1;
                        rewritten += 1;
                    }
                    Outcome::Failed(error) => {
                        record_failure.execute(params![id, version, error])?;
                        checkpoint.failed += 1;
                    }
                }
                checkpoint.scanned += 1;
                checkpoint.last_id = Some(id);
            }
            let mut add_found = tx.prepare_cached(
                "INSERT INTO todo_migration_found (version, rows) VALUES (?1, ?2)
                 ON CONFLICT (version) DO UPDATE SET rows = rows + excluded.rows",
            )?;
            for (version, rows) in found {
                add_found.execute(params![version, to_sql(rows)])?;
            }
        }
        // A short batch is the last one: the pass is complete with it.
        checkpoint.completed = fetched < batch_size;
        if fetched > 0 {
            checkpoint.batches += 1;
            batches_this_run += 1;
        }
        write_checkpoint(&tx, &checkpoint)?;
        tx.commit()?;
        // Counted only once the batch is committed.
        this_run.0 += fetched as u64;
        this_run.1 += rewritten;

        if fetched > 0 {
            let flow = progress(&Progress {
                batches: batches_this_run,
                scanned: checkpoint.scanned,
                total,
                last_id: checkpoint.last_id,
            });
            if flow.is_break() {
                break;
            }
        }
        if checkpoint.completed {
            break;
        }
    }
    let mut report = report(
        conn,
        resumed,
        batches_this_run,
        options.max_reported_failures,
    )?;
    (report.scanned_this_run, report.rewritten_this_run) = this_run;
    Ok(report)
}

/// Decides a row's fate from its bytes.
fn classify<V: Versioned>(body: &[u8]) -> (Option<u16>, Outcome) {
    match verso::split_embedded(body) {
        Err(e) => (None, Outcome::Failed(e.to_string())),
        Ok((version, _)) if version == V::LATEST => (Some(version), Outcome::Latest),
        Ok((version, _)) => match V::transcode_embedded(body, V::LATEST) {
            Ok(new_body) => (Some(version), Outcome::Rewrite(new_body)),
            Err(e) => (Some(version), Outcome::Failed(e.to_string())),
        },
    }
}

/// Continues an unfinished pass for `target`, or starts a fresh one
/// (clearing the previous pass's counts and failures). Returns whether it
/// resumed.
fn start_or_resume(conn: &mut Connection, target: u16) -> Result<bool, rusqlite::Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let resumed = matches!(
        read_checkpoint(&tx)?,
        Some(c) if !c.completed && c.target == target && c.last_id.is_some()
    );
    if !resumed {
        tx.execute_batch("DELETE FROM todo_migration_found; DELETE FROM todo_migration_failures;")?;
        write_checkpoint(&tx, &fresh(target))?;
    }
    tx.commit()?;
    Ok(resumed)
}

fn fresh(target: u16) -> Checkpoint {
    Checkpoint {
        target,
        last_id: None,
        completed: false,
        batches: 0,
        scanned: 0,
        rewritten: 0,
        already_latest: 0,
        failed: 0,
        no_header: 0,
    }
}

fn to_sql(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

fn from_sql(count: i64) -> u64 {
    u64::try_from(count).unwrap_or(0)
}

fn read_checkpoint(conn: &Connection) -> Result<Option<Checkpoint>, rusqlite::Error> {
    conn.query_row(
        "SELECT target, last_id, completed, batches, scanned, rewritten, already_latest, failed, no_header
         FROM todo_migration WHERE id = 1",
        [],
        |r| {
            Ok(Checkpoint {
                target: r.get(0)?,
                last_id: r.get(1)?,
                completed: r.get(2)?,
                batches: from_sql(r.get(3)?),
                scanned: from_sql(r.get(4)?),
                rewritten: from_sql(r.get(5)?),
                already_latest: from_sql(r.get(6)?),
                failed: from_sql(r.get(7)?),
                no_header: from_sql(r.get(8)?),
            })
        },
    )
    .optional()
}

fn write_checkpoint(conn: &Connection, c: &Checkpoint) -> Result<(), rusqlite::Error> {
    conn.execute(
        "INSERT OR REPLACE INTO todo_migration
         (id, target, last_id, completed, batches, scanned, rewritten, already_latest, failed, no_header)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.target,
            c.last_id,
            c.completed,
            to_sql(c.batches),
            to_sql(c.scanned),
            to_sql(c.rewritten),
            to_sql(c.already_latest),
            to_sql(c.failed),
            to_sql(c.no_header),
        ],
    )?;
    Ok(())
}

fn report(
    conn: &Connection,
    resumed: bool,
    batches_this_run: u64,
    max_failures: usize,
) -> Result<MigrationReport, rusqlite::Error> {
    let checkpoint = read_checkpoint(conn)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let mut found = BTreeMap::new();
    let mut statement = conn.prepare("SELECT version, rows FROM todo_migration_found")?;
    for row in statement.query_map([], |r| Ok((r.get::<_, u16>(0)?, r.get::<_, i64>(1)?)))? {
        let (version, rows) = row?;
        found.insert(version, from_sql(rows));
    }
    let mut statement = conn
        .prepare("SELECT id, version, error FROM todo_migration_failures ORDER BY id LIMIT ?1")?;
    let failures = statement
        .query_map([i64::try_from(max_failures).unwrap_or(i64::MAX)], |r| {
            Ok(RowFailure {
                id: r.get(0)?,
                version: r.get(1)?,
                error: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(MigrationReport {
        target: checkpoint.target,
        resumed,
        completed: checkpoint.completed,
        batches_this_run,
        batches: checkpoint.batches,
        scanned_this_run: 0,
        rewritten_this_run: 0,
        scanned: checkpoint.scanned,
        found,
        no_header: checkpoint.no_header,
        rewritten: checkpoint.rewritten,
        already_latest: checkpoint.already_latest,
        failed: checkpoint.failed,
        failures,
    })
}
