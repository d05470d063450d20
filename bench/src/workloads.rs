//! The five workloads: what each one is, how its value is built, and which
//! mirror type every peer codec uses for it.
//!
//! A workload's value is built once, as verso's generated types (the
//! *canonical* value); each peer's value is converted from it
//! ([`Mirror::mirror`]) and can be converted back ([`Mirror::canon`]),
//! which is how the tests prove that every codec carries the same data.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::codecs::Mirror;
use crate::peers::vbare::{self, VbareRoot};
use crate::peers::{avro, proto, serde_types};
use crate::rng::SplitMix64;
use crate::verso_types::{blob, frames, person, telemetry, todo};

/// One workload: its name in benchmark ids and the table, how to build its
/// value, and the types each codec family encodes.
pub trait Workload {
    /// Short id, the first part of the criterion group name (`W2/decode`).
    const ID: &'static str;
    /// What the workload is, in a few words (for the table).
    const TITLE: &'static str;
    /// The canonical value: verso's generated root type.
    type Verso: verso::Encode + verso::Decode + Clone + PartialEq + Debug;
    /// Its borrowed twin (`Config::borrowed`), whose strings and byte
    /// strings point into the bytes decoded.
    type Borrowed<'a>: verso::DecodeBorrowed<'a>
        + verso::Encode
        + Debug
        + From<Self::Verso>
        + TwinOf<Self::Verso>;
    /// The mirror for the serde codecs and bincode (one type derives both).
    type Serde: Serialize
        + DeserializeOwned
        + bincode::Encode
        + bincode::Decode<()>
        + PartialEq
        + Debug
        + Mirror<Canon = Self::Verso>;
    /// The prost message compiled from `bench/proto/`.
    type Proto: prost::Message + Default + PartialEq + Mirror<Canon = Self::Verso>;
    /// The mirror for apache-avro, whose schema is [`avro::AvroRecord::schema`].
    type Avro: Serialize
        + DeserializeOwned
        + PartialEq
        + Debug
        + avro::AvroRecord
        + Mirror<Canon = Self::Verso>;

    /// vbare 0.2's root type, generated from the same schema file.
    type Vbare: VbareRoot;

    /// Builds the workload's value; deterministic.
    fn build() -> Self::Verso;
}

/// A borrowed twin's way back to its owned type (the generated
/// `into_owned`, or the value itself for a type with nothing to borrow).
pub trait TwinOf<O> {
    /// The owned value this one stands for.
    fn owned(&self) -> O;
}

macro_rules! twin_of {
    ($($module:ident::$name:ident),*) => {$(
        impl TwinOf<$module::v1::$name> for $module::v1::borrowed::$name<'_> {
            fn owned(&self) -> $module::v1::$name {
                self.clone().into_owned()
            }
        }
    )*};
}

twin_of!(person::Person, todo::App, blob::Blob, frames::Frames);

// The telemetry batch holds no `str` or `data`: its twin is itself.
impl TwinOf<telemetry::v1::Batch> for telemetry::v1::Batch {
    fn owned(&self) -> telemetry::v1::Batch {
        self.clone()
    }
}

/// Something done for every workload (benchmark groups, test cases, table
/// rows): [`visit_all`] calls it once per workload, in table order.
pub trait WorkloadVisitor {
    /// Called with each workload type.
    fn workload<W: Workload>(&mut self);
}

/// Visits every workload, W1 to W5. Adding a workload means adding it here.
pub fn visit_all(visitor: &mut impl WorkloadVisitor) {
    visitor.workload::<W1Person>();
    visitor.workload::<W2Todo>();
    visitor.workload::<W3Telemetry>();
    visitor.workload::<W4Blob>();
    visitor.workload::<W5Frames>();
}

/// W1: Kleppmann's person record with the book's values.
#[derive(Debug, Clone, Copy)]
pub struct W1Person;

/// W2: the todo app, 1,000 todos in a map and 10 boards.
#[derive(Debug, Clone, Copy)]
pub struct W2Todo;

/// W3: 10,000 fixed-size telemetry readings.
#[derive(Debug, Clone, Copy)]
pub struct W3Telemetry;

/// W4: a name and 1 MiB of pseudo-random bytes.
#[derive(Debug, Clone, Copy)]
pub struct W4Blob;

/// W5: 256 frames, each a small header and a 1–4 KiB payload.
#[derive(Debug, Clone, Copy)]
pub struct W5Frames;

/// Number of todos in W2's map.
pub const TODOS: u64 = 1_000;
/// Number of boards in W2.
pub const BOARDS: u64 = 10;
/// Number of readings in W3.
pub const READINGS: u64 = 10_000;
/// Size of W4's payload.
pub const BLOB_LEN: usize = 1 << 20;
/// Number of frames in W5.
pub const FRAMES: u32 = 256;
/// Smallest and largest payload of a W5 frame.
pub const FRAME_LEN: (usize, usize) = (1 << 10, 4 << 10);

impl Workload for W1Person {
    const ID: &'static str = "W1";
    const TITLE: &'static str = "Kleppmann's person record";
    type Verso = person::v1::Person;
    type Borrowed<'a> = person::v1::borrowed::Person<'a>;
    type Serde = serde_types::Person;
    type Proto = proto::person::Person;
    type Avro = avro::Person;
    type Vbare = vbare::types::person_v1::Person;

    fn build() -> Self::Verso {
        // The values of "Designing Data-Intensive Applications", ch. 4.
        person::v1::Person {
            user_name: "Martin".to_owned(),
            favourite_number: Some(1337),
            interests: vec!["daydreaming".to_owned(), "hacking".to_owned()],
        }
    }
}

impl Workload for W2Todo {
    const ID: &'static str = "W2";
    const TITLE: &'static str = "todo app, 1,000 todos";
    type Verso = todo::v1::App;
    type Borrowed<'a> = todo::v1::borrowed::App<'a>;
    type Serde = serde_types::App;
    type Proto = proto::todo::App;
    type Avro = avro::App;
    type Vbare = vbare::types::todo_v1::App;

    fn build() -> Self::Verso {
        use todo::v1 as t;
        // Filled like `tests/benches/codec.rs::todo_app()`, so the numbers
        // can be set beside that benchmark's: every third todo has notes,
        // zero to three tags, statuses cycle, half are completed, and a
        // third each are unassigned, assigned to a user, or to a team.
        let todos = (0..TODOS)
            .map(|i| {
                let todo = t::Todo {
                    id: i,
                    detail: t::TodoDetail {
                        title: format!("Todo number {i}: write the next converter"),
                        notes: (i % 3 == 0).then(|| "Some notes, with *Markdown*.".to_owned()),
                        tags: (0..i % 4).map(|tag| format!("tag{tag}")).collect(),
                    },
                    status: [t::Status::Open, t::Status::InProgress, t::Status::Done]
                        [(i % 3) as usize],
                    priority: t::Priority::Normal,
                    created_at: 1_700_000_000_000 + i as i64,
                    completed_at: (i % 2 == 0).then_some(1_700_000_100_000 + i as i64),
                    assignee: match i % 3 {
                        0 => None,
                        1 => Some(t::Assignee::User(t::User {
                            id: i,
                            name: "Ada".to_owned(),
                        })),
                        _ => Some(t::Assignee::Team(t::Team {
                            name: "core".to_owned(),
                        })),
                    },
                };
                (i, todo)
            })
            .collect::<BTreeMap<_, _>>();
        let boards = (0..BOARDS)
            .map(|b| t::Board {
                name: format!("Board {b}"),
                todo_ids: (0..TODOS / BOARDS)
                    .map(|i| b * (TODOS / BOARDS) + i)
                    .collect(),
            })
            .collect();
        t::App { todos, boards }
    }
}

impl Workload for W3Telemetry {
    const ID: &'static str = "W3";
    const TITLE: &'static str = "10,000 telemetry readings";
    type Verso = telemetry::v1::Batch;
    type Borrowed<'a> = telemetry::v1::Batch;
    type Serde = serde_types::Batch;
    type Proto = proto::telemetry::Batch;
    type Avro = avro::Batch;
    type Vbare = vbare::types::telemetry_v1::Batch;

    fn build() -> Self::Verso {
        // The values of `tests/benches/codec.rs::readings()`.
        let readings = (0..READINGS)
            .map(|i| telemetry::v1::Reading {
                timestamp: 1_700_000_000_000 + i,
                sensor: (i % 64) as u32,
                value: i as f64 * 0.25,
                minimum: -1.5,
                maximum: 99.5,
                flags: (i % 7) as u16,
                ok: i % 11 != 0,
            })
            .collect();
        telemetry::v1::Batch { readings }
    }
}

impl Workload for W4Blob {
    const ID: &'static str = "W4";
    const TITLE: &'static str = "1 MiB of bytes";
    type Verso = blob::v1::Blob;
    type Borrowed<'a> = blob::v1::borrowed::Blob<'a>;
    type Serde = serde_types::Blob;
    type Proto = proto::blob::Blob;
    type Avro = avro::Blob;
    type Vbare = vbare::types::blob_v1::Blob;

    fn build() -> Self::Verso {
        // Pseudo-random, so that nothing about the payload is special.
        blob::v1::Blob {
            name: "upload/2026-12-01/backup.tar".to_owned(),
            data: SplitMix64::new(4).bytes(BLOB_LEN),
        }
    }
}

impl Workload for W5Frames {
    const ID: &'static str = "W5";
    const TITLE: &'static str = "256 frames of 1-4 KiB";
    type Verso = frames::v1::Frames;
    type Borrowed<'a> = frames::v1::borrowed::Frames<'a>;
    type Serde = serde_types::Frames;
    type Proto = proto::frames::Frames;
    type Avro = avro::Frames;
    type Vbare = vbare::types::frames_v1::Frames;

    fn build() -> Self::Verso {
        use frames::v1 as f;
        let mut rng = SplitMix64::new(5);
        let frames = (0..FRAMES)
            .map(|id| {
                // Mostly data, with a ping every 16th and a close at the end,
                // as a stream would carry them.
                let kind = if id + 1 == FRAMES {
                    f::Kind::Close
                } else if id % 16 == 15 {
                    f::Kind::Ping
                } else {
                    f::Kind::Data
                };
                let len = rng.in_range(FRAME_LEN.0 as u64, FRAME_LEN.1 as u64) as usize;
                f::Frame {
                    id,
                    kind,
                    data: rng.bytes(len),
                }
            })
            .collect();
        f::Frames { frames }
    }
}
