//! A table of todos stored as embedded-version blobs, shared by every build
//! of the app: [`Store<V>`] is one build's view of it, `V` being the
//! build's `TodoVersioned` (the v2-era one in [`crate::old_app`], the full
//! one in [`crate::new_app`]).
//!
//! The rules that keep a rolling upgrade from losing anything:
//!
//! - **Read everything you know, touch nothing you don't.** A row whose
//!   version this build does not know (or whose bytes do not decode) is an
//!   [`StoreError::Unreadable`] error on read *and* on update: the update
//!   path refuses before writing, so the blob stays byte for byte as the
//!   newer build wrote it. There is no blind "upsert": [`Store::insert`]
//!   refuses an existing id.
//! - **Write the version every reader reads** (the store's write version),
//!   and refuse a write that version cannot hold. Downgrading a v3 todo to
//!   v2 drops its notes, priority and assignee (the family's v3 → v2
//!   converter does so silently, because for a v2 *reader* that is the
//!   right view). Stored as the todo's only copy, that would be data loss,
//!   so [`Store::insert`] and [`Store::update`] first check that the bytes
//!   they are about to write decode back to exactly the value they were
//!   given, and fail with [`StoreError::WouldLoseData`] otherwise. A new
//!   build that writes old therefore cannot use v3's new fields until it is
//!   switched to write v3 — which is why "write old" must last only until
//!   every reader is upgraded.

use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use verso::Versioned;

/// The table every build reads and writes.
pub const CREATE_TODOS: &str =
    "CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY, body BLOB NOT NULL)";

/// What the store needs to know about the latest type of a build's family.
pub trait Record: Clone + PartialEq + fmt::Debug {
    /// The todo's id, which is also its row's primary key.
    fn id(&self) -> u64;

    /// The names of the fields in which `self` and `seen` (what a reader of
    /// an older version would get back) differ, for the message of
    /// [`StoreError::WouldLoseData`]. The default names none.
    fn lost_fields(&self, seen: &Self) -> Vec<&'static str> {
        let _ = seen;
        Vec::new()
    }
}

/// Why a store operation failed. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The row's blob is not something this build can read: a version it
    /// does not know (written by a newer build), or bytes that do not
    /// decode. The row was left as it is.
    #[error("todo {id} cannot be read by this build, so it was left untouched: {source}")]
    Unreadable {
        /// The row.
        id: u64,
        /// Why it could not be read.
        #[source]
        source: verso::Error,
    },
    /// The todo could not be encoded at the store's write version (a
    /// converter refused).
    #[error("todo {id} cannot be written at v{version}: {source}")]
    Encode {
        /// The todo.
        id: u64,
        /// The write version.
        version: u16,
        /// The converter's refusal.
        #[source]
        source: verso::Error,
    },
    /// Writing the todo at the store's write version would drop data that
    /// version cannot hold; nothing was written.
    #[error(
        "todo {id} has data v{version} cannot hold ({}); it was not written. Readers of v{version} are still served: switch the write version once every reader is upgraded",
        if fields.is_empty() { format!("fields added after v{version}") } else { fields.join(", ") }
    )]
    WouldLoseData {
        /// The todo.
        id: u64,
        /// The write version.
        version: u16,
        /// The fields that would be lost, where known.
        fields: Vec<&'static str>,
    },
    /// No row has this id.
    #[error("no todo {id}")]
    NotFound {
        /// The id asked for.
        id: u64,
    },
    /// A row with this id exists already (it is not overwritten: this build
    /// might not be able to read it).
    #[error("todo {id} exists already")]
    AlreadyExists {
        /// The id.
        id: u64,
    },
    /// SQLite keys are signed 64-bit integers.
    #[error("todo id {id} does not fit SQLite's 64-bit signed keys")]
    IdOutOfRange {
        /// The id.
        id: u64,
    },
    /// An update changed the todo's id, which is its row's key.
    #[error("an update of todo {id} changed its id to {new}")]
    IdChanged {
        /// The row updated.
        id: u64,
        /// The id the update set.
        new: u64,
    },
    /// The write version asked for is not one this build writes.
    #[error("write version: {0}")]
    WriteVersion(#[source] verso::Error),
}

/// One build's view of the `todos` table: reads any version its family
/// `V` supports, writes at [`write_version`](Store::write_version).
pub struct Store<V> {
    conn: Connection,
    write_version: u16,
    family: PhantomData<fn() -> V>,
}

impl<V> fmt::Debug for Store<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("write_version", &self.write_version)
            .finish_non_exhaustive()
    }
}

/// Opens (creating if needed) a database file the way every build and the
/// migration do: WAL, so readers do not block the single writer, and a busy
/// timeout, so two builds in one process (or two processes) wait for each
/// other's transactions instead of failing.
///
/// Only what is meant to start a database should call this: anything
/// that expects one to be there uses [`open_existing_database`], so that a
/// mistyped path is an error instead of a new, empty database.
pub fn open_database(path: impl AsRef<Path>) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    configure_for_writing(&conn)?;
    conn.execute_batch(CREATE_TODOS)?;
    Ok(conn)
}

/// The settings of a connection that writes (see [`open_database`]).
fn configure_for_writing(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    // In WAL mode NORMAL loses no committed transaction on an application
    // crash, only possibly the last ones on power loss.
    conn.pragma_update(None, "synchronous", "NORMAL")
}

/// How long a connection waits for another's transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// What a connection opened by [`open_existing_database`] may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only: SQLite refuses every write (for inspecting a database,
    /// which must leave it as it was).
    ReadOnly,
    /// Reads and writes, set up as [`open_database`] does.
    ReadWrite,
}

/// Why [`open_existing_database`] refused a path. Nothing was created or
/// changed when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// There is no file at the path.
    #[error("there is no database at {}", path.display())]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The file is an SQLite database, but not one of todos.
    #[error("{} has no `todos` table, so it is not a todo database", path.display())]
    NoTodos {
        /// The path given.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{} is a directory, not a database file", path.display())]
    Directory {
        /// The path given.
        path: PathBuf,
    },
    /// SQLite could not open or read the file (not an SQLite database, no
    /// permission, …).
    ///
    /// The message includes SQLite's, so `cause` is not offered as the
    /// error's source: reporters that walk the chain would print it twice.
    #[error("cannot open {}: {cause}", path.display())]
    Sqlite {
        /// The path given.
        path: PathBuf,
        /// What SQLite said.
        cause: rusqlite::Error,
    },
}

/// Opens a todo database that must already exist: unlike
/// [`open_database`], it never creates a file or a table, and refuses a
/// path with nothing there ([`OpenError::Missing`]) or a database without
/// the `todos` table ([`OpenError::NoTodos`]). With [`Access::ReadOnly`]
/// the connection cannot write to the database at all (SQLite may still
/// create the `-wal` and `-shm` files beside it that every reader of a WAL
/// database shares).
pub fn open_existing_database(
    path: impl AsRef<Path>,
    access: Access,
) -> Result<Connection, OpenError> {
    let path = path.as_ref();
    let sqlite = |cause| OpenError::Sqlite {
        path: path.to_owned(),
        cause,
    };
    // Named here because SQLite's words for them ("unable to open database
    // file", "disk I/O error") do not say what is wrong. Any other problem
    // reading the path is left to SQLite to report.
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(OpenError::Missing {
                path: path.to_owned(),
            });
        }
        Ok(metadata) if metadata.is_dir() => {
            return Err(OpenError::Directory {
                path: path.to_owned(),
            });
        }
        _ => {}
    }
    // Without SQLITE_OPEN_CREATE a file removed since the check above is an
    // error, not a new database; without SQLITE_OPEN_URI the path is a
    // plain file name.
    let flags = match access {
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    // Checked before any setting is written (WAL is recorded in the file),
    // so a database of something else is left exactly as it was.
    if !has_todos_table(&conn).map_err(sqlite)? {
        return Err(OpenError::NoTodos {
            path: path.to_owned(),
        });
    }
    match access {
        Access::ReadOnly => conn.busy_timeout(BUSY_TIMEOUT),
        Access::ReadWrite => configure_for_writing(&conn),
    }
    .map_err(sqlite)?;
    Ok(conn)
}

/// Whether the database has the table [`CREATE_TODOS`] makes.
fn has_todos_table(conn: &Connection) -> Result<bool, rusqlite::Error> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'todos'",
        [],
        |row| row.get::<_, i64>(0),
    )
    .map(|tables| tables > 0)
}

/// A todo id as an SQLite key.
pub(crate) fn key(id: u64) -> Result<i64, StoreError> {
    i64::try_from(id).map_err(|_| StoreError::IdOutOfRange { id })
}

impl<V> Store<V>
where
    V: Versioned,
    V::Latest: Record,
{
    /// Opens the database at `path` (see [`open_database`]), writing at
    /// the build's latest version.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(Self::from_connection(open_database(path)?)?)
    }

    /// Uses an open connection, creating the table if needed.
    pub fn from_connection(conn: Connection) -> Result<Self, rusqlite::Error> {
        conn.execute_batch(CREATE_TODOS)?;
        Ok(Store {
            conn,
            write_version: V::LATEST,
            family: PhantomData,
        })
    }

    /// The version new and updated rows are written at.
    pub fn write_version(&self) -> u16 {
        self.write_version
    }

    /// Sets the version new and updated rows are written at: an older one
    /// while older builds still read the table, the latest once they are
    /// gone.
    pub fn set_write_version(&mut self, version: u16) -> Result<(), StoreError> {
        V::check_version(version).map_err(StoreError::WriteVersion)?;
        self.write_version = version;
        Ok(())
    }

    /// The underlying connection (for stats and raw access).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The stored blob of a row, exactly as it is.
    pub fn raw(&self, id: u64) -> Result<Option<Vec<u8>>, StoreError> {
        let found = self
            .conn
            .query_row("SELECT body FROM todos WHERE id = ?1", [key(id)?], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(found)
    }

    /// Reads a todo, upgraded to this build's latest types. `Ok(None)` when
    /// there is no such row; [`StoreError::Unreadable`] when the row is
    /// there but this build cannot read it.
    pub fn get(&self, id: u64) -> Result<Option<V::Latest>, StoreError> {
        self.raw(id)?.map(|body| decode::<V>(id, &body)).transpose()
    }

    /// Adds a new todo at the write version. Refuses an id that exists.
    pub fn insert(&mut self, todo: V::Latest) -> Result<(), StoreError> {
        let id = todo.id();
        let body = self.encode(todo)?;
        let inserted = self.conn.execute(
            "INSERT INTO todos (id, body) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            params![key(id)?, body],
        )?;
        if inserted == 0 {
            return Err(StoreError::AlreadyExists { id });
        }
        Ok(())
    }

    /// Reads a todo, lets `change` edit it, and writes it back at the write
    /// version, in one transaction (so an update by another build in
    /// between cannot be lost). Refuses — writing nothing — when the row
    /// cannot be read by this build, when `change` alters the id, or when
    /// the write version cannot hold the result. Returns the todo as
    /// written.
    pub fn update(
        &mut self,
        id: u64,
        change: impl FnOnce(&mut V::Latest),
    ) -> Result<V::Latest, StoreError> {
        let write_version = self.write_version;
        let row = key(id)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body: Vec<u8> = tx
            .query_row("SELECT body FROM todos WHERE id = ?1", [row], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { id })?;
        // The refusal that keeps a newer build's row intact: no decode, no
        // write. Dropping `tx` rolls back (nothing was changed anyway).
        let mut todo = decode::<V>(id, &body)?;
        change(&mut todo);
        if todo.id() != id {
            return Err(StoreError::IdChanged { id, new: todo.id() });
        }
        let new_body = encode_checked::<V>(todo.clone(), write_version)?;
        tx.execute(
            "UPDATE todos SET body = ?2 WHERE id = ?1",
            params![row, new_body],
        )?;
        tx.commit()?;
        Ok(todo)
    }

    fn encode(&self, todo: V::Latest) -> Result<Vec<u8>, StoreError> {
        encode_checked::<V>(todo, self.write_version)
    }
}

fn decode<V: Versioned>(id: u64, body: &[u8]) -> Result<V::Latest, StoreError> {
    V::decode_embedded(body).map_err(|source| StoreError::Unreadable { id, source })
}

/// Encodes `todo` at `version`, refusing when the bytes would not give the
/// same todo back (see the module docs): the downgrade chain is allowed to
/// drop what an old *reader* cannot see, but the only stored copy must not.
fn encode_checked<V>(todo: V::Latest, version: u16) -> Result<Vec<u8>, StoreError>
where
    V: Versioned,
    V::Latest: Record,
{
    let id = todo.id();
    let encode_error = |source| StoreError::Encode {
        id,
        version,
        source,
    };
    if version == V::LATEST {
        return V::encode_embedded(todo, version).map_err(encode_error);
    }
    let body = V::encode_embedded(todo.clone(), version).map_err(encode_error)?;
    let seen = V::decode_embedded(&body).map_err(encode_error)?;
    if seen != todo {
        return Err(StoreError::WouldLoseData {
            id,
            version,
            fields: todo.lost_fields(&seen),
        });
    }
    Ok(body)
}

/// How many rows the table holds per version, read from the 2-byte headers
/// alone (SQL `substr`), so it is cheap on a large table and works for rows
/// no build can decode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionStats {
    /// Rows per version in their header (including versions no build knows).
    pub by_version: std::collections::BTreeMap<u16, u64>,
    /// Rows shorter than the 2-byte header.
    pub no_header: u64,
}

impl VersionStats {
    /// Every row counted.
    pub fn total(&self) -> u64 {
        self.by_version.values().sum::<u64>() + self.no_header
    }
}

/// Counts the rows of `todos` per version (see [`VersionStats`]).
pub fn version_stats(conn: &Connection) -> Result<VersionStats, rusqlite::Error> {
    let mut stats = VersionStats::default();
    let mut statement =
        conn.prepare("SELECT substr(body, 1, 2) AS head, count(*) FROM todos GROUP BY head")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let head = row.get_ref(0)?;
        // substr of a blob is a blob; of a (malformed) text value, text.
        let head = head.as_bytes_or_null()?.unwrap_or_default();
        let count: i64 = row.get(1)?;
        let count = u64::try_from(count).unwrap_or_default();
        match verso::split_embedded(head) {
            Ok((version, _)) => *stats.by_version.entry(version).or_default() += count,
            Err(_) => stats.no_header += count,
        }
    }
    Ok(stats)
}

impl fmt::Display for VersionStats {
    /// `v1: 3, v2: 5, v3: 1` (and `no header: 2` when there are such rows).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self
            .by_version
            .iter()
            .map(|(version, rows)| format!("v{version}: {rows}"))
            .collect();
        if self.no_header > 0 {
            parts.push(format!("no header: {}", self.no_header));
        }
        if parts.is_empty() {
            f.write_str("no rows")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
