//! Encode and decode throughput of generated code, beside `serde_bare` 0.5
//! on the same data.
//!
//! `cargo bench -p verso-tests --bench codec`
//!
//! Data sets: the `schemas/todo` v3 app with 1,000 todos, and a batch of
//! 10,000 fixed-size telemetry readings. The serde types mirror the schemas
//! field for field; for telemetry both produce the same bytes (asserted),
//! for the todo app they differ only in union tags (serde_bare numbers
//! variants from 0, the schema from 1).

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::{Deserialize, Serialize};
use verso_tests::telemetry::v1 as tel;
use verso_tests::todo::v3;

fn todo_app() -> v3::App {
    let mut todos = BTreeMap::new();
    for i in 0..1_000u64 {
        todos.insert(
            i,
            v3::Todo {
                id: i,
                detail: v3::TodoDetail {
                    title: format!("Todo number {i}: write the next converter"),
                    notes: (i % 3 == 0).then(|| "Some notes, with *Markdown*.".to_owned()),
                    tags: (0..i % 4).map(|t| format!("tag{t}")).collect(),
                },
                status: [v3::Status::Open, v3::Status::InProgress, v3::Status::Done]
                    [(i % 3) as usize],
                priority: v3::Priority::Normal,
                created_at: 1_700_000_000_000 + i as i64,
                completed_at: (i % 2 == 0).then_some(1_700_000_100_000 + i as i64),
                assignee: match i % 3 {
                    0 => None,
                    1 => Some(v3::Assignee::User(v3::User {
                        id: i,
                        name: "Ada".into(),
                    })),
                    _ => Some(v3::Assignee::Team(v3::Team {
                        name: "core".into(),
                    })),
                },
            },
        );
    }
    let boards = (0..10)
        .map(|b| v3::Board {
            name: format!("Board {b}"),
            todo_ids: (0..100).map(|i| b * 100 + i).collect(),
        })
        .collect();
    v3::App { todos, boards }
}

mod peer {
    //! The same shapes for serde_bare.
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) enum Status {
        Open,
        InProgress,
        Done,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) enum Priority {
        Low,
        Normal,
        High,
        Urgent,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct User {
        pub(crate) id: u64,
        pub(crate) name: String,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct Team {
        pub(crate) name: String,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) enum Assignee {
        User(User),
        Team(Team),
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct TodoDetail {
        pub(crate) title: String,
        pub(crate) notes: Option<String>,
        pub(crate) tags: Vec<String>,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct Todo {
        pub(crate) id: u64,
        pub(crate) detail: TodoDetail,
        pub(crate) status: Status,
        pub(crate) priority: Priority,
        pub(crate) created_at: i64,
        pub(crate) completed_at: Option<i64>,
        pub(crate) assignee: Option<Assignee>,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct Board {
        pub(crate) name: String,
        pub(crate) todo_ids: Vec<u64>,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct App {
        pub(crate) todos: BTreeMap<u64, Todo>,
        pub(crate) boards: Vec<Board>,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct Reading {
        pub(crate) timestamp: u64,
        pub(crate) sensor: u32,
        pub(crate) value: f64,
        pub(crate) minimum: f32,
        pub(crate) maximum: f32,
        pub(crate) flags: u16,
        pub(crate) ok: bool,
    }
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    pub(crate) struct Batch {
        pub(crate) readings: Vec<Reading>,
    }
}

fn readings() -> (tel::Batch, peer::Batch) {
    let reading = |i: u64| {
        (
            1_700_000_000_000 + i,
            (i % 64) as u32,
            i as f64 * 0.25,
            -1.5f32,
            99.5f32,
            (i % 7) as u16,
            i % 11 != 0,
        )
    };
    let ours = tel::Batch {
        readings: (0..10_000)
            .map(|i| {
                let (timestamp, sensor, value, minimum, maximum, flags, ok) = reading(i);
                tel::Reading {
                    timestamp,
                    sensor,
                    value,
                    minimum,
                    maximum,
                    flags,
                    ok,
                }
            })
            .collect(),
    };
    let theirs = peer::Batch {
        readings: (0..10_000)
            .map(|i| {
                let (timestamp, sensor, value, minimum, maximum, flags, ok) = reading(i);
                peer::Reading {
                    timestamp,
                    sensor,
                    value,
                    minimum,
                    maximum,
                    flags,
                    ok,
                }
            })
            .collect(),
    };
    (ours, theirs)
}

fn to_peer(app: &v3::App) -> peer::App {
    // Going through bytes would need identical tags; build it field by field.
    let todos = app
        .todos
        .iter()
        .map(|(k, t)| {
            (
                *k,
                peer::Todo {
                    id: t.id,
                    detail: peer::TodoDetail {
                        title: t.detail.title.clone(),
                        notes: t.detail.notes.clone(),
                        tags: t.detail.tags.clone(),
                    },
                    status: match t.status {
                        v3::Status::Open => peer::Status::Open,
                        v3::Status::InProgress => peer::Status::InProgress,
                        v3::Status::Done => peer::Status::Done,
                    },
                    priority: match t.priority {
                        v3::Priority::Low => peer::Priority::Low,
                        v3::Priority::Normal => peer::Priority::Normal,
                        v3::Priority::High => peer::Priority::High,
                        v3::Priority::Urgent => peer::Priority::Urgent,
                    },
                    created_at: t.created_at,
                    completed_at: t.completed_at,
                    assignee: t.assignee.as_ref().map(|a| match a {
                        v3::Assignee::User(u) => peer::Assignee::User(peer::User {
                            id: u.id,
                            name: u.name.clone(),
                        }),
                        v3::Assignee::Team(t) => peer::Assignee::Team(peer::Team {
                            name: t.name.clone(),
                        }),
                    }),
                },
            )
        })
        .collect();
    let boards = app
        .boards
        .iter()
        .map(|b| peer::Board {
            name: b.name.clone(),
            todo_ids: b.todo_ids.clone(),
        })
        .collect();
    peer::App { todos, boards }
}

fn bench_pair<O, P>(c: &mut Criterion, name: &str, ours: &O, theirs: &P)
where
    O: verso::Encode + verso::Decode + PartialEq + std::fmt::Debug,
    P: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let our_bytes = verso::to_vec(ours);
    let their_bytes = serde_bare::to_vec(theirs).unwrap();
    assert_eq!(&verso::from_slice::<O>(&our_bytes).unwrap(), ours);
    assert_eq!(&serde_bare::from_slice::<P>(&their_bytes).unwrap(), theirs);
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(our_bytes.len() as u64));
    group.bench_function("verso encode", |b| {
        b.iter(|| verso::to_vec(black_box(ours)))
    });
    group.bench_function("serde_bare encode", |b| {
        b.iter(|| serde_bare::to_vec(black_box(theirs)).unwrap())
    });
    group.bench_function("verso decode", |b| {
        b.iter(|| verso::from_slice::<O>(black_box(&our_bytes)).unwrap())
    });
    group.bench_function("serde_bare decode", |b| {
        b.iter(|| serde_bare::from_slice::<P>(black_box(&their_bytes)).unwrap())
    });
    group.finish();
}

fn todo(c: &mut Criterion) {
    let app = todo_app();
    bench_pair(c, "todo v3 app, 1000 todos", &app, &to_peer(&app));
}

fn telemetry(c: &mut Criterion) {
    let (ours, theirs) = readings();
    assert_eq!(
        verso::to_vec(&ours),
        serde_bare::to_vec(&theirs).unwrap(),
        "same bytes"
    );
    bench_pair(c, "telemetry, 10000 readings", &ours, &theirs);
}

criterion_group!(benches, todo, telemetry);
criterion_main!(benches);
