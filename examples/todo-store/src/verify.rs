//! Checking that every row reads, without changing any.
//!
//! [`crate::migrate::migrate`] recognises rows already at the latest
//! version from their 2-byte header and never decodes them, so a row whose
//! header says "latest" but whose body is damaged (a torn write, a bad
//! disk, a bug in some build's encoder) passes a migration unnoticed and
//! only fails when the app reads it. [`verify`] decodes every row, whatever
//! its header says, into the build's latest types — through the converter
//! chain, exactly as the app would read it — and reports the ones that do
//! not read. It only reads: open the database with
//! [`Access::ReadOnly`](crate::store::Access::ReadOnly) and SQLite refuses
//! any write.

use rusqlite::Connection;
use rusqlite::types::{Type, ValueRef};
use verso::Versioned;

use crate::store::VersionStats;

/// Why a row does not read as the latest types.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RowError {
    /// The body is an SQLite value of another kind (text, a number), which
    /// no build writes.
    #[error("its body is an SQLite {0} value, not a blob")]
    NotABlob(Type),
    /// The blob does not decode (or a converter refuses it), as
    /// [`Versioned::decode_embedded`] says.
    #[error(transparent)]
    Unreadable(#[from] verso::Error),
}

/// A row that does not read.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableRow {
    /// The row's id.
    pub id: i64,
    /// The version in its header, if it has one.
    pub version: Option<u16>,
    /// Why it does not read.
    pub error: RowError,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifyReport {
    /// The version rows were read as (the family's latest).
    pub target: u16,
    /// Rows per version in their header (a body that is not a blob counts
    /// as having no header).
    pub found: VersionStats,
    /// Rows that read as the latest types.
    pub readable: u64,
    /// Rows that do not, all counted.
    pub unreadable: u64,
    /// The first of them, by id (at most the `max_listed` given).
    pub failures: Vec<UnreadableRow>,
}

impl VerifyReport {
    /// Every row looked at.
    pub fn scanned(&self) -> u64 {
        self.readable + self.unreadable
    }
}

/// Decodes every row of `todos` into `V::Latest`, in id order, one row in
/// memory at a time, and reports the rows that do not read (listing the
/// first `max_listed`). Writes nothing. Errors are SQLite errors only; a
/// row that does not read is in the report.
pub fn verify<V: Versioned>(
    conn: &Connection,
    max_listed: usize,
) -> Result<VerifyReport, rusqlite::Error> {
    let mut report = VerifyReport {
        target: V::LATEST,
        found: VersionStats::default(),
        readable: 0,
        unreadable: 0,
        failures: Vec::new(),
    };
    let mut select = conn.prepare("SELECT id, body FROM todos ORDER BY id")?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let (version, read) = read_row::<V>(row.get_ref(1)?);
        match version {
            Some(version) => *report.found.by_version.entry(version).or_default() += 1,
            None => report.found.no_header += 1,
        }
        match read {
            Ok(()) => report.readable += 1,
            Err(error) => {
                report.unreadable += 1;
                if report.failures.len() < max_listed {
                    report.failures.push(UnreadableRow { id, version, error });
                }
            }
        }
    }
    Ok(report)
}

/// A row's header version and whether its body reads as `V::Latest`.
fn read_row<V: Versioned>(body: ValueRef<'_>) -> (Option<u16>, Result<(), RowError>) {
    let ValueRef::Blob(body) = body else {
        return (None, Err(RowError::NotABlob(body.data_type())));
    };
    let version = verso::split_embedded(body).ok().map(|(version, _)| version);
    let read = V::decode_embedded(body).map(drop).map_err(RowError::from);
    (version, read)
}
