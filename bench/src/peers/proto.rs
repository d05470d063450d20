//! The prost messages compiled from `bench/proto/*.proto` by the build
//! script (protox, then prost-build), and their conversions from and to the
//! canonical values.
//!
//! Protobuf has no 16-bit integer and sends enums as `i32`, and a message
//! field may be absent: converting back checks each of those instead of
//! assuming it.

use crate::codecs::{Error, Mirror};
use crate::verso_types;

macro_rules! proto_package {
    ($(#[$doc:meta])* $module:ident, $file:literal) => {
        $(#[$doc])*
        #[allow(missing_docs, clippy::all)]
        pub mod $module {
            include!(concat!(env!("OUT_DIR"), "/", $file));
        }
    };
}

proto_package!(
    /// `proto/person.proto`.
    person,
    "verso_bench.person.rs"
);
proto_package!(
    /// `proto/todo.proto`.
    todo,
    "verso_bench.todo.rs"
);
proto_package!(
    /// `proto/telemetry.proto`.
    telemetry,
    "verso_bench.telemetry.rs"
);
proto_package!(
    /// `proto/blob.proto`.
    blob,
    "verso_bench.blob.rs"
);
proto_package!(
    /// `proto/frames.proto`.
    frames,
    "verso_bench.frames.rs"
);

impl Mirror for person::Person {
    type Canon = verso_types::person::v1::Person;

    fn mirror(p: &Self::Canon) -> Self {
        person::Person {
            user_name: p.user_name.clone(),
            favourite_number: p.favourite_number,
            interests: p.interests.clone(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(verso_types::person::v1::Person {
            user_name: self.user_name.clone(),
            favourite_number: self.favourite_number,
            interests: self.interests.clone(),
        })
    }
}

impl Mirror for todo::App {
    type Canon = verso_types::todo::v1::App;

    fn mirror(app: &Self::Canon) -> Self {
        use verso_types::todo::v1 as t;
        let todo = |t: &t::Todo| todo::Todo {
            id: t.id,
            detail: Some(todo::TodoDetail {
                title: t.detail.title.clone(),
                notes: t.detail.notes.clone(),
                tags: t.detail.tags.clone(),
            }),
            status: match t.status {
                t::Status::Open => todo::Status::Open,
                t::Status::InProgress => todo::Status::InProgress,
                t::Status::Done => todo::Status::Done,
            } as i32,
            priority: match t.priority {
                t::Priority::Low => todo::Priority::Low,
                t::Priority::Normal => todo::Priority::Normal,
                t::Priority::High => todo::Priority::High,
                t::Priority::Urgent => todo::Priority::Urgent,
            } as i32,
            created_at: t.created_at,
            completed_at: t.completed_at,
            assignee: t.assignee.as_ref().map(|a| match a {
                t::Assignee::User(u) => todo::todo::Assignee::User(todo::User {
                    id: u.id,
                    name: u.name.clone(),
                }),
                t::Assignee::Team(team) => todo::todo::Assignee::Team(todo::Team {
                    name: team.name.clone(),
                }),
            }),
        };
        todo::App {
            todos: app.todos.iter().map(|(id, t)| (*id, todo(t))).collect(),
            boards: app
                .boards
                .iter()
                .map(|b| todo::Board {
                    name: b.name.clone(),
                    todo_ids: b.todo_ids.clone(),
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        use verso_types::todo::v1 as t;
        let todo = |p: &todo::Todo| -> Result<t::Todo, Error> {
            let detail = p.detail.as_ref().ok_or("a todo without its detail")?;
            Ok(t::Todo {
                id: p.id,
                detail: t::TodoDetail {
                    title: detail.title.clone(),
                    notes: detail.notes.clone(),
                    tags: detail.tags.clone(),
                },
                status: match todo::Status::try_from(p.status)? {
                    todo::Status::Open => t::Status::Open,
                    todo::Status::InProgress => t::Status::InProgress,
                    todo::Status::Done => t::Status::Done,
                },
                priority: match todo::Priority::try_from(p.priority)? {
                    todo::Priority::Low => t::Priority::Low,
                    todo::Priority::Normal => t::Priority::Normal,
                    todo::Priority::High => t::Priority::High,
                    todo::Priority::Urgent => t::Priority::Urgent,
                },
                created_at: p.created_at,
                completed_at: p.completed_at,
                assignee: p.assignee.as_ref().map(|a| match a {
                    todo::todo::Assignee::User(u) => t::Assignee::User(t::User {
                        id: u.id,
                        name: u.name.clone(),
                    }),
                    todo::todo::Assignee::Team(team) => t::Assignee::Team(t::Team {
                        name: team.name.clone(),
                    }),
                }),
            })
        };
        Ok(t::App {
            todos: self
                .todos
                .iter()
                .map(|(id, p)| Ok((*id, todo(p)?)))
                .collect::<Result<_, Error>>()?,
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

impl Mirror for telemetry::Batch {
    type Canon = verso_types::telemetry::v1::Batch;

    fn mirror(batch: &Self::Canon) -> Self {
        telemetry::Batch {
            readings: batch
                .readings
                .iter()
                .map(|r| telemetry::Reading {
                    timestamp: r.timestamp,
                    sensor: r.sensor,
                    value: r.value,
                    minimum: r.minimum,
                    maximum: r.maximum,
                    flags: u32::from(r.flags),
                    ok: r.ok,
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(verso_types::telemetry::v1::Batch {
            readings: self
                .readings
                .iter()
                .map(|r| {
                    Ok(verso_types::telemetry::v1::Reading {
                        timestamp: r.timestamp,
                        sensor: r.sensor,
                        value: r.value,
                        minimum: r.minimum,
                        maximum: r.maximum,
                        flags: u16::try_from(r.flags)?,
                        ok: r.ok,
                    })
                })
                .collect::<Result<_, Error>>()?,
        })
    }
}

impl Mirror for blob::Blob {
    type Canon = verso_types::blob::v1::Blob;

    fn mirror(b: &Self::Canon) -> Self {
        blob::Blob {
            name: b.name.clone(),
            data: b.data.clone(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        Ok(verso_types::blob::v1::Blob {
            name: self.name.clone(),
            data: self.data.clone(),
        })
    }
}

impl Mirror for frames::Frames {
    type Canon = verso_types::frames::v1::Frames;

    fn mirror(f: &Self::Canon) -> Self {
        use verso_types::frames::v1 as v;
        frames::Frames {
            frames: f
                .frames
                .iter()
                .map(|frame| frames::Frame {
                    id: frame.id,
                    kind: match frame.kind {
                        v::Kind::Data => frames::Kind::Data,
                        v::Kind::Ping => frames::Kind::Ping,
                        v::Kind::Close => frames::Kind::Close,
                    } as i32,
                    data: frame.data.clone(),
                })
                .collect(),
        }
    }

    fn canon(&self) -> Result<Self::Canon, Error> {
        use verso_types::frames::v1 as v;
        Ok(v::Frames {
            frames: self
                .frames
                .iter()
                .map(|frame| {
                    Ok(v::Frame {
                        id: frame.id,
                        kind: match frames::Kind::try_from(frame.kind)? {
                            frames::Kind::Data => v::Kind::Data,
                            frames::Kind::Ping => v::Kind::Ping,
                            frames::Kind::Close => v::Kind::Close,
                        },
                        data: frame.data.clone(),
                    })
                })
                .collect::<Result<_, Error>>()?,
        })
    }
}
