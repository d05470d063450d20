//! The apache-avro mirror types and their schemas (JSON, parsed once).
//!
//! Avro differs from the others in three ways that shape these types:
//! - It has no unsigned integers: the `u64` fields are Avro `long`s and
//!   `i64` here (apache-avro's serde would otherwise map `u64` to an 8-byte
//!   `fixed`, which no Avro schema author would write). Every value in the
//!   workloads fits; converting back checks the sign. `u32` fields are
//!   `long`s too, `u16` and `u8` `int`s, as apache-avro maps them.
//! - Map keys are always strings. W2's `map<u64><Todo>` is written as an
//!   array of `{key, todo}` records instead, which keeps the keys as numbers
//!   and the order of the map.
//! - An optional union is one union with `null` in it (Avro unions cannot
//!   nest), so W2's `optional<Assignee>` is the enum [`Assignee`] with a
//!   variant for `null`.
//!
//! Record names are the Rust struct names, which apache-avro's schema-aware
//! deserializer checks; field names are the schema's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use apache_avro::Schema;
use serde::{Deserialize, Serialize};

use crate::codecs::{Error, Mirror};
use crate::verso_types::{blob, frames, person, telemetry, todo};

/// A root type with its Avro schema.
pub trait AvroRecord {
    /// The parsed schema, shared by every caller (parsing is not cheap, and
    /// apache-avro's writer and reader borrow it).
    fn schema() -> &'static Schema;
}

/// Parses a schema that is a constant of this module; a mistake in it is a
/// bug here, reported on first use.
fn parse(json: &str) -> Schema {
    match Schema::parse_str(json) {
        Ok(schema) => schema,
        Err(e) => panic!("bench/src/peers/avro.rs has an invalid Avro schema: {e}\n{json}"),
    }
}

/// W1's schema, as Kleppmann writes it for Avro.
pub const PERSON_SCHEMA: &str = r#"{
  "type": "record", "name": "Person",
  "fields": [
    {"name": "userName", "type": "string"},
    {"name": "favouriteNumber", "type": ["null", "long"], "default": null},
    {"name": "interests", "type": {"type": "array", "items": "string"}}
  ]
}"#;

/// W2's schema.
pub const APP_SCHEMA: &str = r#"{
  "type": "record", "name": "App",
  "fields": [
    {"name": "todos", "type": {"type": "array", "items": {
      "type": "record", "name": "TodoEntry",
      "fields": [
        {"name": "key", "type": "long"},
        {"name": "todo", "type": {
          "type": "record", "name": "Todo",
          "fields": [
            {"name": "id", "type": "long"},
            {"name": "detail", "type": {
              "type": "record", "name": "TodoDetail",
              "fields": [
                {"name": "title", "type": "string"},
                {"name": "notes", "type": ["null", "string"], "default": null},
                {"name": "tags", "type": {"type": "array", "items": "string"}}
              ]}},
            {"name": "status", "type": {"type": "enum", "name": "Status",
              "symbols": ["OPEN", "IN_PROGRESS", "DONE"]}},
            {"name": "priority", "type": {"type": "enum", "name": "Priority",
              "symbols": ["LOW", "NORMAL", "HIGH", "URGENT"]}},
            {"name": "createdAt", "type": "long"},
            {"name": "completedAt", "type": ["null", "long"], "default": null},
            {"name": "assignee", "type": [
              "null",
              {"type": "record", "name": "User", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"}
              ]},
              {"type": "record", "name": "Team", "fields": [
                {"name": "name", "type": "string"}
              ]}
            ], "default": null}
          ]}}
      ]}}},
    {"name": "boards", "type": {"type": "array", "items": {
      "type": "record", "name": "Board",
      "fields": [
        {"name": "name", "type": "string"},
        {"name": "todoIds", "type": {"type": "array", "items": "long"}}
      ]}}}
  ]
}"#;

/// W3's schema.
pub const BATCH_SCHEMA: &str = r#"{
  "type": "record", "name": "Batch",
  "fields": [
    {"name": "readings", "type": {"type": "array", "items": {
      "type": "record", "name": "Reading",
      "fields": [
        {"name": "timestamp", "type": "long"},
        {"name": "sensor", "type": "long"},
        {"name": "value", "type": "double"},
        {"name": "minimum", "type": "float"},
        {"name": "maximum", "type": "float"},
        {"name": "flags", "type": "int"},
        {"name": "ok", "type": "boolean"}
      ]}}}
  ]
}"#;

/// W4's schema.
pub const BLOB_SCHEMA: &str = r#"{
  "type": "record", "name": "Blob",
  "fields": [
    {"name": "name", "type": "string"},
    {"name": "data", "type": "bytes"}
  ]
}"#;

/// W5's schema.
pub const FRAMES_SCHEMA: &str = r#"{
  "type": "record", "name": "Frames",
  "fields": [
    {"name": "frames", "type": {"type": "array", "items": {
      "type": "record", "name": "Frame",
      "fields": [
        {"name": "id", "type": "long"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind",
          "symbols": ["DATA", "PING", "CLOSE"]}},
        {"name": "data", "type": "bytes"}
      ]}}}
  ]
}"#;

static PERSON: LazyLock<Schema> = LazyLock::new(|| parse(PERSON_SCHEMA));
static APP: LazyLock<Schema> = LazyLock::new(|| parse(APP_SCHEMA));
static BATCH: LazyLock<Schema> = LazyLock::new(|| parse(BATCH_SCHEMA));
static BLOB: LazyLock<Schema> = LazyLock::new(|| parse(BLOB_SCHEMA));
static FRAMES: LazyLock<Schema> = LazyLock::new(|| parse(FRAMES_SCHEMA));

/// A canonical `u64` as an Avro `long`. The workloads' numbers are far
/// below `i64::MAX`; one that is not is a bug in the workload, not data.
fn long(n: u64) -> i64 {
    match i64::try_from(n) {
        Ok(n) => n,
        Err(_) => panic!("workload value {n} does not fit an Avro long"),
    }
}

/// W1.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// `userName`.
    pub user_name: String,
    /// `favouriteNumber`.
    pub favourite_number: Option<i64>,
    /// `interests`.
    pub interests: Vec<String>,
}

impl AvroRecord for Person {
    fn schema() -> &'static Schema {
        &PERSON
    }
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone, Copy)]
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone, Copy)]
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct User {
    /// `id`.
    pub id: i64,
    /// `name`.
    pub name: String,
}

/// W2's `Team`.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct Team {
    /// `name`.
    pub name: String,
}

/// W2's `optional<Assignee>`: the union `["null", User, Team]`, whose
/// branch numbers are the variants' indexes.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub enum Assignee {
    /// `null`: nobody.
    Nobody,
    /// `User`.
    User(User),
    /// `Team`.
    Team(Team),
}

/// W2's `TodoDetail`.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct TodoDetail {
    /// `title`.
    pub title: String,
    /// `notes`.
    pub notes: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
}

/// W2's `Todo`.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Todo {
    /// `id`.
    pub id: i64,
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
    pub assignee: Assignee,
}

/// One entry of W2's map: Avro maps have string keys only.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct TodoEntry {
    /// The map's key.
    pub key: i64,
    /// The map's value.
    pub todo: Todo,
}

/// W2's `Board`.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    /// `name`.
    pub name: String,
    /// `todoIds`.
    pub todo_ids: Vec<i64>,
}

/// W2, the app.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct App {
    /// `todos`, in key order.
    pub todos: Vec<TodoEntry>,
    /// `boards`.
    pub boards: Vec<Board>,
}

impl AvroRecord for App {
    fn schema() -> &'static Schema {
        &APP
    }
}

impl Mirror for App {
    type Canon = todo::v1::App;

    fn mirror(app: &Self::Canon) -> Self {
        use todo::v1 as t;
        let todo = |t: &t::Todo| Todo {
            id: long(t.id),
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
            assignee: match &t.assignee {
                None => Assignee::Nobody,
                Some(t::Assignee::User(u)) => Assignee::User(User {
                    id: long(u.id),
                    name: u.name.clone(),
                }),
                Some(t::Assignee::Team(team)) => Assignee::Team(Team {
                    name: team.name.clone(),
                }),
            },
        };
        App {
            todos: app
                .todos
                .iter()
                .map(|(key, t)| TodoEntry {
                    key: long(*key),
                    todo: todo(t),
                })
                .collect(),
            boards: app
                .boards
                .iter()
                .map(|b| Board {
                    name: b.name.clone(),
                    todo_ids: b.todo_ids.iter().copied().map(long).collect(),
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        use todo::v1 as t;
        let todo = |a: &Todo| -> Result<t::Todo, Error> {
            Ok(t::Todo {
                id: u64::try_from(a.id)?,
                detail: t::TodoDetail {
                    title: a.detail.title.clone(),
                    notes: a.detail.notes.clone(),
                    tags: a.detail.tags.clone(),
                },
                status: match a.status {
                    Status::Open => t::Status::Open,
                    Status::InProgress => t::Status::InProgress,
                    Status::Done => t::Status::Done,
                },
                priority: match a.priority {
                    Priority::Low => t::Priority::Low,
                    Priority::Normal => t::Priority::Normal,
                    Priority::High => t::Priority::High,
                    Priority::Urgent => t::Priority::Urgent,
                },
                created_at: a.created_at,
                completed_at: a.completed_at,
                assignee: match &a.assignee {
                    Assignee::Nobody => None,
                    Assignee::User(u) => Some(t::Assignee::User(t::User {
                        id: u64::try_from(u.id)?,
                        name: u.name.clone(),
                    })),
                    Assignee::Team(team) => Some(t::Assignee::Team(t::Team {
                        name: team.name.clone(),
                    })),
                },
            })
        };
        let mut todos = BTreeMap::new();
        for entry in &self.todos {
            if todos
                .insert(u64::try_from(entry.key)?, todo(&entry.todo)?)
                .is_some()
            {
                return Err(format!("todo key {} appears twice", entry.key).into());
            }
        }
        Ok(t::App {
            todos,
            boards: self
                .boards
                .iter()
                .map(|b| {
                    Ok(t::Board {
                        name: b.name.clone(),
                        todo_ids: b
                            .todo_ids
                            .iter()
                            .map(|&id| u64::try_from(id))
                            .collect::<Result<_, _>>()?,
                    })
                })
                .collect::<Result<_, Error>>()?,
        })
    }
}

/// W3's `Reading`.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone, Copy)]
pub struct Reading {
    /// `timestamp`.
    pub timestamp: i64,
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct Batch {
    /// `readings`.
    pub readings: Vec<Reading>,
}

impl AvroRecord for Batch {
    fn schema() -> &'static Schema {
        &BATCH
    }
}

impl Mirror for Batch {
    type Canon = telemetry::v1::Batch;

    fn mirror(batch: &Self::Canon) -> Self {
        Batch {
            readings: batch
                .readings
                .iter()
                .map(|r| Reading {
                    timestamp: long(r.timestamp),
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
                .map(|r| {
                    Ok(telemetry::v1::Reading {
                        timestamp: u64::try_from(r.timestamp)?,
                        sensor: r.sensor,
                        value: r.value,
                        minimum: r.minimum,
                        maximum: r.maximum,
                        flags: r.flags,
                        ok: r.ok,
                    })
                })
                .collect::<Result<_, Error>>()?,
        })
    }
}

/// W4.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct Blob {
    /// `name`.
    pub name: String,
    /// `data`, through apache-avro's own bytes adapter (its documented
    /// remedy for serde's byte-by-byte `Vec<u8>`).
    #[serde(with = "apache_avro::serde::bytes")]
    pub data: Vec<u8>,
}

impl AvroRecord for Blob {
    fn schema() -> &'static Schema {
        &BLOB
    }
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone, Copy)]
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
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct Frame {
    /// `id`.
    pub id: u32,
    /// `kind`.
    pub kind: Kind,
    /// `data`.
    #[serde(with = "apache_avro::serde::bytes")]
    pub data: Vec<u8>,
}

/// W5, the frames.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
pub struct Frames {
    /// `frames`.
    pub frames: Vec<Frame>,
}

impl AvroRecord for Frames {
    fn schema() -> &'static Schema {
        &FRAMES
    }
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
