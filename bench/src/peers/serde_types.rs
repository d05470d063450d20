//! The mirror types of serde_bare, postcard, serde_json and bincode: one set
//! of plain Rust types deriving both serde's traits and bincode's own
//! `Encode`/`Decode`, field for field like the verso schemas.
//!
//! Written so that serde_bare's output is BARE: fields in schema order,
//! fixed-width integers where the schema has them, enums in schema order
//! (serde_bare writes the variant index as a BARE `uint`, which is how a
//! BARE enum with values from 0 is written). The one difference is the W2
//! union: serde_bare numbers `Assignee`'s variants 0 and 1, the schema
//! numbers them 1 and 2.
//!
//! `data` fields go through `serde_bytes`, without which serde sees a
//! `Vec<u8>` as a sequence of separate `u8`s; bincode's derive already
//! writes a `Vec<u8>` as one slice. Field names are the schema's (camelCase),
//! which only serde_json writes.

use std::collections::BTreeMap;

use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codecs::{Error, Mirror};
use crate::verso_types::{blob, frames, person, telemetry, todo};

/// W1.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// `userName`.
    pub user_name: String,
    /// `favouriteNumber`.
    pub favourite_number: Option<i64>,
    /// `interests`.
    pub interests: Vec<String>,
}

impl Mirror for Person {
    type Canon = person::v1::Person;

    fn mirror(p: &Self::Canon) -> Self {
        Person {
            user_name: p.user_name.clone(),
            favourite_number: p.favourite_number,
            interests: p.interests.clone(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(person::v1::Person {
            user_name: self.user_name.clone(),
            favourite_number: self.favourite_number,
            interests: self.interests.clone(),
        })
    }
}

/// W2's `Status`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// `OPEN`.
    Open,
    /// `IN_PROGRESS`.
    InProgress,
    /// `DONE`.
    Done,
}

/// W2's `Priority`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Priority {
    /// `LOW`.
    Low,
    /// `NORMAL`.
    Normal,
    /// `HIGH`.
    High,
    /// `URGENT`.
    Urgent,
}

/// W2's `User`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct User {
    /// `id`.
    pub id: u64,
    /// `name`.
    pub name: String,
}

/// W2's `Team`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct Team {
    /// `name`.
    pub name: String,
}

/// W2's `Assignee` union (serde numbers the variants from 0).
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub enum Assignee {
    /// `User`.
    User(User),
    /// `Team`.
    Team(Team),
}

/// W2's `TodoDetail`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct TodoDetail {
    /// `title`.
    pub title: String,
    /// `notes`.
    pub notes: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
}

/// W2's `Todo`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Todo {
    /// `id`.
    pub id: u64,
    /// `detail`.
    pub detail: TodoDetail,
    /// `status`.
    pub status: Status,
    /// `priority`.
    pub priority: Priority,
    /// `createdAt`.
    pub created_at: i64,
    /// `completedAt`.
    pub completed_at: Option<i64>,
    /// `assignee`.
    pub assignee: Option<Assignee>,
}

/// W2's `Board`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    /// `name`.
    pub name: String,
    /// `todoIds`.
    pub todo_ids: Vec<u64>,
}

/// W2, the app.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct App {
    /// `todos`, by id.
    pub todos: BTreeMap<u64, Todo>,
    /// `boards`.
    pub boards: Vec<Board>,
}

impl Mirror for App {
    type Canon = todo::v1::App;

    fn mirror(app: &Self::Canon) -> Self {
        use todo::v1 as t;
        let todo = |t: &t::Todo| Todo {
            id: t.id,
            detail: TodoDetail {
                title: t.detail.title.clone(),
                notes: t.detail.notes.clone(),
                tags: t.detail.tags.clone(),
            },
            status: match t.status {
                t::Status::Open => Status::Open,
                t::Status::InProgress => Status::InProgress,
                t::Status::Done => Status::Done,
            },
            priority: match t.priority {
                t::Priority::Low => Priority::Low,
                t::Priority::Normal => Priority::Normal,
                t::Priority::High => Priority::High,
                t::Priority::Urgent => Priority::Urgent,
            },
            created_at: t.created_at,
            completed_at: t.completed_at,
            assignee: t.assignee.as_ref().map(|a| match a {
                t::Assignee::User(u) => Assignee::User(User {
                    id: u.id,
                    name: u.name.clone(),
                }),
                t::Assignee::Team(team) => Assignee::Team(Team {
                    name: team.name.clone(),
                }),
            }),
        };
        App {
            todos: app.todos.iter().map(|(id, t)| (*id, todo(t))).collect(),
            boards: app
                .boards
                .iter()
                .map(|b| Board {
                    name: b.name.clone(),
                    todo_ids: b.todo_ids.clone(),
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        use todo::v1 as t;
        let todo = |t: &Todo| t::Todo {
            id: t.id,
            detail: t::TodoDetail {
                title: t.detail.title.clone(),
                notes: t.detail.notes.clone(),
                tags: t.detail.tags.clone(),
            },
            status: match t.status {
                Status::Open => t::Status::Open,
                Status::InProgress => t::Status::InProgress,
                Status::Done => t::Status::Done,
            },
            priority: match t.priority {
                Priority::Low => t::Priority::Low,
                Priority::Normal => t::Priority::Normal,
                Priority::High => t::Priority::High,
                Priority::Urgent => t::Priority::Urgent,
            },
            created_at: t.created_at,
            completed_at: t.completed_at,
            assignee: t.assignee.as_ref().map(|a| match a {
                Assignee::User(u) => t::Assignee::User(t::User {
                    id: u.id,
                    name: u.name.clone(),
                }),
                Assignee::Team(team) => t::Assignee::Team(t::Team {
                    name: team.name.clone(),
                }),
            }),
        };
        Ok(t::App {
            todos: self.todos.iter().map(|(id, t)| (*id, todo(t))).collect(),
            boards: self
                .boards
                .iter()
                .map(|b| t::Board {
                    name: b.name.clone(),
                    todo_ids: b.todo_ids.clone(),
                })
                .collect(),
        })
    }
}

/// W3's `Reading`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone, Copy)]
pub struct Reading {
    /// `timestamp`.
    pub timestamp: u64,
    /// `sensor`.
    pub sensor: u32,
    /// `value`.
    pub value: f64,
    /// `minimum`.
    pub minimum: f32,
    /// `maximum`.
    pub maximum: f32,
    /// `flags`.
    pub flags: u16,
    /// `ok`.
    pub ok: bool,
}

/// W3, the batch.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct Batch {
    /// `readings`.
    pub readings: Vec<Reading>,
}

impl Mirror for Batch {
    type Canon = telemetry::v1::Batch;

    fn mirror(batch: &Self::Canon) -> Self {
        Batch {
            readings: batch
                .readings
                .iter()
                .map(|r| Reading {
                    timestamp: r.timestamp,
                    sensor: r.sensor,
                    value: r.value,
                    minimum: r.minimum,
                    maximum: r.maximum,
                    flags: r.flags,
                    ok: r.ok,
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(telemetry::v1::Batch {
            readings: self
                .readings
                .iter()
                .map(|r| telemetry::v1::Reading {
                    timestamp: r.timestamp,
                    sensor: r.sensor,
                    value: r.value,
                    minimum: r.minimum,
                    maximum: r.maximum,
                    flags: r.flags,
                    ok: r.ok,
                })
                .collect(),
        })
    }
}

/// W4.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct Blob {
    /// `name`.
    pub name: String,
    /// `data`.
    #[serde(with = "serde_bytes")]
    pub data: Vec<u8>,
}

impl Mirror for Blob {
    type Canon = blob::v1::Blob;

    fn mirror(b: &Self::Canon) -> Self {
        Blob {
            name: b.name.clone(),
            data: b.data.clone(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(blob::v1::Blob {
            name: self.name.clone(),
            data: self.data.clone(),
        })
    }
}

/// W5's `Kind`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone, Copy)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Kind {
    /// `DATA`.
    Data,
    /// `PING`.
    Ping,
    /// `CLOSE`.
    Close,
}

/// W5's `Frame`.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct Frame {
    /// `id`.
    pub id: u32,
    /// `kind`.
    pub kind: Kind,
    /// `data`.
    #[serde(with = "serde_bytes")]
    pub data: Vec<u8>,
}

/// W5, the frames.
#[derive(Serialize, Deserialize, Encode, Decode, PartialEq, Debug, Clone)]
pub struct Frames {
    /// `frames`.
    pub frames: Vec<Frame>,
}

impl Mirror for Frames {
    type Canon = frames::v1::Frames;

    fn mirror(f: &Self::Canon) -> Self {
        use frames::v1 as v;
        Frames {
            frames: f
                .frames
                .iter()
                .map(|frame| Frame {
                    id: frame.id,
                    kind: match frame.kind {
                        v::Kind::Data => Kind::Data,
                        v::Kind::Ping => Kind::Ping,
                        v::Kind::Close => Kind::Close,
                    },
                    data: frame.data.clone(),
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        use frames::v1 as v;
        Ok(v::Frames {
            frames: self
                .frames
                .iter()
                .map(|frame| v::Frame {
                    id: frame.id,
                    kind: match frame.kind {
                        Kind::Data => v::Kind::Data,
                        Kind::Ping => v::Kind::Ping,
                        Kind::Close => v::Kind::Close,
                    },
                    data: frame.data.clone(),
                })
                .collect(),
        })
    }
}
