//! The new build of the app, on the full todo family (v1..v3,
//! `verso_example_todo::todo`). During a rolling upgrade it is deployed
//! with its write version set to 2 ([`rolling_store`]): it reads every
//! version but writes what the old build still reads. Once every old
//! instance is gone, it is switched to write v3
//! ([`Store::set_write_version`]) and [`crate::migrate::migrate`] rewrites
//! the remaining old rows.

use std::path::Path;

use rusqlite::{Connection, params};
use verso_example_todo::todo::{TodoVersioned, v1, v2, v3};

use crate::store::{Record, Store, StoreError};

/// The new build's store: reads v1..v3, writes at its write version.
pub type NewStore = Store<TodoVersioned>;

/// The new build's todo (v3).
pub type Todo = v3::Todo;

/// The version the old build reads and writes: what the new build writes
/// until the switch.
pub const OLD_READERS_VERSION: u16 = 2;

/// Opens the store for the rolling upgrade: reading everything, writing
/// [`OLD_READERS_VERSION`].
pub fn rolling_store(path: impl AsRef<Path>) -> Result<NewStore, StoreError> {
    let mut store = NewStore::open(path)?;
    store.set_write_version(OLD_READERS_VERSION)?;
    Ok(store)
}

impl Record for v3::Todo {
    fn id(&self) -> u64 {
        self.id
    }

    /// What v3 added: the notes, the priority, the assignee (title, tags,
    /// status and times exist in v2 too).
    fn lost_fields(&self, seen: &Self) -> Vec<&'static str> {
        let mut lost = Vec::new();
        if self.detail.notes != seen.detail.notes {
            lost.push("notes");
        }
        if self.priority != seen.priority {
            lost.push("priority");
        }
        if self.assignee != seen.assignee {
            lost.push("assignee");
        }
        if self.detail.title != seen.detail.title || self.detail.tags != seen.detail.tags {
            lost.push("detail");
        }
        if self.status != seen.status
            || self.created_at != seen.created_at
            || self.completed_at != seen.completed_at
        {
            lost.push("status");
        }
        lost
    }
}

/// A todo as the old build would create it and the new build reads it: the
/// v3 defaults for what v2 lacks (no notes, normal priority, no assignee).
pub fn new_todo(id: u64, title: &str, created_at: i64) -> Todo {
    v3::Todo {
        id,
        detail: v3::TodoDetail {
            title: title.to_owned(),
            notes: None,
            tags: Vec::new(),
        },
        status: v3::Status::Open,
        priority: v3::Priority::Normal,
        created_at,
        completed_at: None,
        assignee: None,
    }
}

/// How [`seed`] fills a database for trying the migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedOptions {
    /// Rows to write.
    pub rows: u64,
    /// The versions to write, in turn (row k gets `versions[k % len]`).
    pub versions: Vec<u16>,
    /// Extra rows no build can migrate, for seeing failures reported: they
    /// alternate between a truncated v2 body and a version-9 header.
    pub broken: u64,
}

/// Rows written per transaction by [`seed`].
const SEED_BATCH: u64 = 10_000;

/// Appends a mix of todos to `todos` (ids after the highest present), each
/// written natively at its version, the way that version's build wrote it.
/// Returns the ids written, first and last.
pub fn seed(
    conn: &mut Connection,
    options: &SeedOptions,
) -> Result<Option<(u64, u64)>, StoreError> {
    conn.execute_batch(crate::store::CREATE_TODOS)?;
    for &version in &options.versions {
        <TodoVersioned as verso::Versioned>::check_version(version)
            .map_err(StoreError::WriteVersion)?;
    }
    let max: Option<i64> = conn.query_row("SELECT max(id) FROM todos", [], |r| r.get(0))?;
    let first = u64::try_from(max.unwrap_or(0)).unwrap_or(0) + 1;
    let good = if options.versions.is_empty() {
        0
    } else {
        options.rows
    };
    let count = good + options.broken;
    if count == 0 {
        return Ok(None);
    }
    let last = first + count - 1;
    crate::store::key(last)?;
    let mut id = first;
    while id <= last {
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached("INSERT INTO todos (id, body) VALUES (?1, ?2)")?;
            let end = last.min(id + SEED_BATCH - 1);
            for id in id..=end {
                let k = id - first;
                let body = if k < good {
                    let index = usize::try_from(k % options.versions.len() as u64).unwrap_or(0);
                    sample_todo(id, options.versions[index])
                } else if (k - good) % 2 == 0 {
                    // A v2 body cut in the middle: a torn or corrupted write.
                    let mut body = sample_todo(id, 2);
                    body.truncate(body.len() / 2);
                    body
                } else {
                    // A row from a build newer than any we have.
                    let mut body = 9u16.to_le_bytes().to_vec();
                    body.extend_from_slice(b"from the future");
                    body
                };
                insert.execute(params![crate::store::key(id)?, body])?;
            }
            id = end + 1;
        }
        tx.commit()?;
    }
    Ok(Some((first, last)))
}

/// A deterministic todo `id` as written by the build of `version` (1..=3).
pub fn sample_todo(id: u64, version: u16) -> Vec<u8> {
    let title = format!("todo #{id}");
    let tags: Vec<String> = (0..id % 3).map(|t| format!("tag{t}")).collect();
    let created_at = 1_700_000_000_000 + i64::try_from(id).unwrap_or(0) * 1000;
    let value = match version {
        1 => TodoVersioned::V1(v1::Todo {
            id,
            title,
            done: id % 2 == 0,
        }),
        2 => TodoVersioned::V2(v2::Todo {
            id,
            title,
            status: [v2::Status::Open, v2::Status::InProgress, v2::Status::Done][(id % 3) as usize],
            created_at,
            completed_at: (id % 3 == 2).then_some(created_at + 60_000),
            tags,
        }),
        _ => TodoVersioned::V3(v3::Todo {
            id,
            detail: v3::TodoDetail {
                title,
                notes: (id % 5 == 0).then(|| format!("notes for {id}")),
                tags,
            },
            status: [v3::Status::Open, v3::Status::InProgress, v3::Status::Done][(id % 3) as usize],
            priority: [
                v3::Priority::Low,
                v3::Priority::Normal,
                v3::Priority::High,
                v3::Priority::Urgent,
            ][(id % 4) as usize],
            created_at,
            completed_at: (id % 3 == 2).then_some(created_at + 60_000),
            assignee: (id % 7 == 0).then(|| {
                v3::Assignee::User(v3::User {
                    id: id % 100,
                    name: format!("user{}", id % 100),
                })
            }),
        }),
    };
    value.to_bytes_embedded()
}
