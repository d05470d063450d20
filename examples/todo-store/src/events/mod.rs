//! An append-only event log of the todo service, replayed through the
//! converter chain into current state.
//!
//! # The family
//!
//! `schemas/todo-events` (v1..v3) evolves the way a team's event schema
//! does: v2 renames `TodoCompleted` to `TodoClosed` (declared in its
//! `verso.toml`, so verso converts it), gives `TodoAdded` a `priority: u8`
//! and adds `TodoRenamed`; v3 retypes the priority as an enum, gives
//! `TodoClosed` a `reason` (done or dropped) and adds `TodoReopened`. The
//! converters verso cannot generate are in [`converters`]. A family of its
//! own rather than the todo family because the todo family describes
//! *state* (`App`, `Todo`): an event log needs a union of *events*, whose
//! members come and go across versions, which is where upcasting is
//! interesting.
//!
//! # The file format
//!
//! A sequence of frames, each a 4-byte big-endian length followed by that
//! many bytes — `tokio_util::codec::LengthDelimitedCodec`'s defaults, the
//! framing `verso-tokio` uses on the wire, so a log can be piped into a
//! service and back. Each frame's payload is one event as an
//! embedded-version message: a 2-byte little-endian version, then the BARE
//! encoding of `Event` in that version. Producers append at whatever
//! version their build writes; there is no file header, and versions may
//! change from frame to frame.
//!
//! # Replay
//!
//! [`replay`] streams the log (a fixed-size read buffer, one frame at a
//! time), upgrades every event to v3 and applies it to a [`State`]. It
//! stops at the first problem with a [`ReplayError`] naming the frame's
//! index and byte offset, leaving the state as it was after the last good
//! event:
//!
//! - a frame that is not a valid event (unknown version, bytes that do not
//!   decode, an upgrade a converter refuses) or that cannot be applied;
//! - a length above the maximum (default 8 MiB), before allocating it;
//! - **a torn final frame** — the log ends inside a frame, as it does when
//!   a producer crashed mid-append. This too is reported and stops
//!   ([`ReplayError::TornTail`]), rather than being ignored: a torn tail
//!   left in place would swallow the next append (the next producer's
//!   frame would be read as the rest of the torn one), and a log cut short
//!   by a bad copy looks exactly the same. The error gives the offset where
//!   the good prefix ends; a producer's recovery truncates the file there
//!   ([`truncate_torn_tail`]) before appending again.

pub mod converters;

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use bytes::{Bytes, BytesMut};
use tokio_util::codec::{Decoder, Encoder, LengthDelimitedCodec};
use verso::Versioned;

use crate::todo_events::{EventVersioned, v3};

/// The latest event type, the one the consumer applies.
pub type Event = v3::Event;

/// Bytes of the length prefix of a frame.
pub const LENGTH_BYTES: usize = 4;

/// The default maximum frame length, as in `verso-tokio`.
pub const DEFAULT_MAX_FRAME_LENGTH: usize = 8 * 1024 * 1024;

/// How much [`replay`] reads from the log at a time.
const READ_CHUNK: usize = 64 * 1024;

fn codec(max_frame_length: usize) -> LengthDelimitedCodec {
    // Spelled out although these are the defaults: the file format must
    // not change if tokio-util's defaults ever do.
    LengthDelimitedCodec::builder()
        .length_field_type::<u32>()
        .big_endian()
        .max_frame_length(max_frame_length)
        .new_codec()
}

/// A todo as the events have made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoState {
    /// Its current title.
    pub title: String,
    /// Its priority.
    pub priority: v3::Priority,
    /// Why it is closed, or `None` while it is open.
    pub closed: Option<v3::CloseReason>,
}

/// The state the log describes: every todo added and not removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Todos by id.
    pub todos: BTreeMap<u64, TodoState>,
}

/// An event that does not fit the state it is applied to (the log is not
/// the history of one consistent service).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApplyError {
    /// `TodoAdded` for an id that exists.
    #[error("todo {0} was added twice")]
    Duplicate(u64),
    /// An event about a todo that does not exist (never added, or removed).
    #[error("todo {0} does not exist")]
    Unknown(u64),
}

impl State {
    /// Applies one event. On error the state is unchanged.
    pub fn apply(&mut self, event: Event) -> Result<(), ApplyError> {
        match event {
            v3::Event::TodoAdded(e) => {
                if self.todos.contains_key(&e.id) {
                    return Err(ApplyError::Duplicate(e.id));
                }
                self.todos.insert(
                    e.id,
                    TodoState {
                        title: e.title,
                        priority: e.priority,
                        closed: None,
                    },
                );
            }
            v3::Event::TodoClosed(e) => self.todo(e.id)?.closed = Some(e.reason),
            v3::Event::TodoReopened(e) => self.todo(e.id)?.closed = None,
            v3::Event::TodoRenamed(e) => self.todo(e.id)?.title = e.title,
            v3::Event::TodoRemoved(e) => {
                self.todos.remove(&e.id).ok_or(ApplyError::Unknown(e.id))?;
            }
        }
        Ok(())
    }

    fn todo(&mut self, id: u64) -> Result<&mut TodoState, ApplyError> {
        self.todos.get_mut(&id).ok_or(ApplyError::Unknown(id))
    }
}

/// Why an event could not be appended.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppendError {
    /// The event cannot be said in the producer's version (a downgrade
    /// refused: v1 cannot rename, v2 cannot reopen, …).
    #[error("event cannot be written at v{version}: {source}")]
    Encode {
        /// The producer's version.
        version: u16,
        /// The refusal.
        #[source]
        source: verso::Error,
    },
    /// Writing failed, or the frame is longer than the maximum.
    #[error("append failed: {0}")]
    Io(#[from] io::Error),
}

/// Appends events to a log, each as one frame, at a producer's version.
#[derive(Debug)]
pub struct LogWriter<W> {
    out: W,
    codec: LengthDelimitedCodec,
    frame: BytesMut,
    version: u16,
}

impl<W: Write> LogWriter<W> {
    /// A producer writing at `version` (validated against the family).
    pub fn new(out: W, version: u16) -> Result<Self, verso::Error> {
        EventVersioned::check_version(version)?;
        Ok(LogWriter {
            out,
            codec: codec(DEFAULT_MAX_FRAME_LENGTH),
            frame: BytesMut::new(),
            version,
        })
    }

    /// The version this producer writes.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// Changes the version this producer writes (a producer upgraded in
    /// place, or a test playing several producers).
    pub fn set_version(&mut self, version: u16) -> Result<(), verso::Error> {
        EventVersioned::check_version(version)?;
        self.version = version;
        Ok(())
    }

    /// Appends `event` at the producer's version: downgraded through the
    /// chain, which refuses what that version cannot say.
    pub fn append(&mut self, event: Event) -> Result<(), AppendError> {
        let message = EventVersioned::encode_embedded(event, self.version).map_err(|source| {
            AppendError::Encode {
                version: self.version,
                source,
            }
        })?;
        self.append_message(message)?;
        Ok(())
    }

    /// Appends an already encoded embedded-version message as one frame
    /// (an old producer's bytes, or a relayed frame).
    pub fn append_message(&mut self, message: impl Into<Bytes>) -> io::Result<()> {
        self.frame.clear();
        self.codec.encode(message.into(), &mut self.frame)?;
        // One write per frame: a crash tears at most this frame.
        self.out.write_all(&self.frame)
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Opens (creating if needed) a log file for appending.
pub fn open_for_append(path: impl AsRef<Path>, version: u16) -> io::Result<LogWriter<File>> {
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    LogWriter::new(file, version).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

/// Cuts a log back to the end of its last complete frame after
/// [`ReplayError::TornTail`], so the next append starts on a frame
/// boundary. Refuses any other error: those are not torn tails, and
/// truncating would discard good frames after the bad one.
pub fn truncate_torn_tail(path: impl AsRef<Path>, error: &ReplayError) -> io::Result<()> {
    match error {
        ReplayError::TornTail { offset, .. } => {
            let file = OpenOptions::new().write(true).open(path)?;
            file.set_len(*offset)?;
            file.sync_all()
        }
        other => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a torn tail, the log is left as it is: {other}"),
        )),
    }
}

/// Why replay stopped. Every variant names the frame (0-based index) and
/// the byte offset of its length prefix; the state holds every event
/// before it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// Reading the log failed.
    #[error("reading the log at byte {offset}: {source}")]
    Io {
        /// Bytes read before the failure.
        offset: u64,
        /// The failure.
        #[source]
        source: io::Error,
    },
    /// The log ends inside frame `index` (a torn write at the tail): the
    /// good prefix is `offset` bytes long.
    #[error(
        "the log ends inside frame {index} at byte {offset}: {present} of its {} bytes are there (a torn write?); the {index} frames before it were replayed",
        match expected { Some(n) => n.to_string(), None => "at least 4".to_owned() }
    )]
    TornTail {
        /// The torn frame.
        index: u64,
        /// Where it starts (the length of the good prefix).
        offset: u64,
        /// Bytes of it present.
        present: u64,
        /// Its full length with the prefix, when the prefix is complete.
        expected: Option<u64>,
    },
    /// The frame's length prefix is over the maximum (a corrupt length or
    /// not a log at all).
    #[error("frame {index} at byte {offset} is unreadable: {source}")]
    Frame {
        /// The frame.
        index: u64,
        /// Its offset.
        offset: u64,
        /// The codec's complaint.
        #[source]
        source: io::Error,
    },
    /// The frame is not an event this consumer reads.
    #[error("frame {index} at byte {offset} is not a valid event: {source}")]
    Event {
        /// The frame.
        index: u64,
        /// Its offset.
        offset: u64,
        /// What was wrong (decode, version, converter).
        #[source]
        source: verso::Error,
    },
    /// The event does not fit the state.
    #[error("frame {index} at byte {offset} cannot be applied: {source}")]
    Apply {
        /// The frame.
        index: u64,
        /// Its offset.
        offset: u64,
        /// Why.
        #[source]
        source: ApplyError,
    },
}

/// What a complete replay read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplaySummary {
    /// Frames (events) applied.
    pub events: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Events per version they were written at.
    pub by_version: BTreeMap<u16, u64>,
}

/// Replays a whole log into `state` (see the module docs): streams it in
/// 64 KiB reads, upgrades each event to the latest version and applies it.
pub fn replay(log: impl Read, state: &mut State) -> Result<ReplaySummary, ReplayError> {
    replay_with_max_frame(log, state, DEFAULT_MAX_FRAME_LENGTH)
}

/// [`replay`] with a maximum frame length other than 8 MiB.
pub fn replay_with_max_frame(
    mut log: impl Read,
    state: &mut State,
    max_frame_length: usize,
) -> Result<ReplaySummary, ReplayError> {
    let mut codec = codec(max_frame_length);
    let mut buffer = BytesMut::with_capacity(READ_CHUNK);
    let mut chunk = vec![0u8; READ_CHUNK];
    let mut summary = ReplaySummary::default();
    let mut at_eof = false;
    let mut read_total = 0u64;
    // The length prefix of the frame being decoded, kept because the codec
    // consumes it from the buffer as soon as all four bytes are there; only
    // for the message of a torn tail.
    let mut head: Option<(u64, [u8; LENGTH_BYTES])> = None;
    loop {
        // The frame about to be decoded starts where the last one ended.
        let offset = summary.bytes;
        let index = summary.events;
        if head.is_none_or(|(at, _)| at != offset) {
            if let [a, b, c, d, ..] = buffer[..] {
                head = Some((offset, [a, b, c, d]));
            }
        }
        let frame = codec
            .decode(&mut buffer)
            .map_err(|source| ReplayError::Frame {
                index,
                offset,
                source,
            })?;
        let Some(frame) = frame else {
            if at_eof {
                // Not `buffer.is_empty()`: the codec may hold a torn
                // frame's length prefix, already taken out of the buffer.
                if read_total == offset {
                    return Ok(summary);
                }
                let present = read_total - offset;
                let expected = head
                    .filter(|(at, _)| *at == offset)
                    .map(|(_, len)| u64::from(u32::from_be_bytes(len)) + LENGTH_BYTES as u64);
                return Err(ReplayError::TornTail {
                    index,
                    offset,
                    present,
                    expected,
                });
            }
            let read = fill(&mut log, &mut buffer, &mut chunk, read_total)?;
            at_eof = read == 0;
            read_total += read as u64;
            continue;
        };
        summary.bytes += (LENGTH_BYTES + frame.len()) as u64;
        let version = verso::split_embedded(&frame)
            .map(|(version, _)| version)
            .ok();
        let event =
            EventVersioned::decode_embedded(&frame).map_err(|source| ReplayError::Event {
                index,
                offset,
                source,
            })?;
        state.apply(event).map_err(|source| ReplayError::Apply {
            index,
            offset,
            source,
        })?;
        summary.events += 1;
        if let Some(version) = version {
            *summary.by_version.entry(version).or_default() += 1;
        }
    }
}

/// Reads the next chunk of the log into `buffer`; returns the bytes read
/// (0 at end of file). `read_total` is the position, for the error.
fn fill(
    log: &mut impl Read,
    buffer: &mut BytesMut,
    chunk: &mut [u8],
    read_total: u64,
) -> Result<usize, ReplayError> {
    loop {
        match log.read(chunk) {
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                return Ok(n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(ReplayError::Io {
                    offset: read_total,
                    source,
                });
            }
        }
    }
}

/// Replays the log file at `path` into a fresh state.
pub fn replay_file(path: impl AsRef<Path>) -> Result<(State, ReplaySummary), ReplayError> {
    let file = File::open(path).map_err(|source| ReplayError::Io { offset: 0, source })?;
    let mut state = State::default();
    let summary = replay(file, &mut state)?;
    Ok((state, summary))
}
