//! What the broker tests share: a stream of todos with its dead-letter
//! stream, durable consumers, and todos of every version with what each
//! becomes in v3.

#![allow(dead_code)] // each test binary uses its own part

use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream};
use verso_nats_testkit::todo::{at_v1, at_v2, at_v3, at_v4};

/// The stream producers publish into.
pub(crate) const STREAM: &str = "TODOS";
/// The subjects it captures.
pub(crate) const SUBJECTS: &str = "todos.>";
/// The stream that keeps the dead letters.
pub(crate) const DEAD_LETTERS: &str = "TODOS_DEAD";
/// The subject dead letters are sent to.
pub(crate) const DEAD_LETTER_SUBJECT: &str = "dead.todos";
/// How long JetStream waits for an acknowledgement before it delivers again.
pub(crate) const ACK_WAIT: Duration = Duration::from_secs(2);
/// How long a consumer waits for more before a test's drain ends.
pub(crate) const IDLE: Duration = Duration::from_millis(500);

/// Connects to `urls` and creates the todo stream and its dead-letter
/// stream, both with `replicas` copies.
pub(crate) async fn setup(urls: &[String], replicas: usize) -> jetstream::Context {
    let addresses: Vec<async_nats::ServerAddr> = urls
        .iter()
        .map(|url| url.parse().expect("a server URL"))
        .collect();
    let client = async_nats::connect(addresses)
        .await
        .expect("cannot connect to nats-server");
    let jetstream = jetstream::new(client);
    // A cluster that has just formed may still be electing its JetStream
    // leader, which times the first requests out.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    for (name, subject) in [(STREAM, SUBJECTS), (DEAD_LETTERS, DEAD_LETTER_SUBJECT)] {
        let config = stream::Config {
            name: name.to_owned(),
            subjects: vec![subject.to_owned()],
            num_replicas: replicas,
            ..Default::default()
        };
        while let Err(e) = jetstream.get_or_create_stream(config.clone()).await {
            assert!(
                std::time::Instant::now() < deadline,
                "cannot create stream {name}: {e}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    jetstream
}

/// A durable pull consumer of the todo stream, from its first message.
pub(crate) async fn durable(jetstream: &jetstream::Context, name: &str) -> consumer::PullConsumer {
    jetstream
        .get_stream(STREAM)
        .await
        .expect("the todo stream")
        .get_or_create_consumer(
            name,
            consumer::pull::Config {
                durable_name: Some(name.to_owned()),
                ack_policy: consumer::AckPolicy::Explicit,
                deliver_policy: consumer::DeliverPolicy::All,
                // A delivery whose acknowledgement was lost comes back soon.
                ack_wait: ACK_WAIT,
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("cannot create consumer {name}: {e}"))
}

/// The messages a stream holds.
pub(crate) async fn stored(jetstream: &jetstream::Context, name: &str) -> u64 {
    let mut stream = jetstream.get_stream(name).await.expect("the stream");
    stream
        .info()
        .await
        .expect("the stream's info")
        .state
        .messages
}

/// A todo as release 1 writes it.
pub(crate) fn v1_todo(id: u64) -> at_v1::v1::Todo {
    at_v1::v1::Todo {
        id,
        title: format!("todo {id} from v1"),
        done: id.is_multiple_of(2),
    }
}

/// A todo as release 2 writes it.
pub(crate) fn v2_todo(id: u64) -> at_v2::v2::Todo {
    at_v2::v2::Todo {
        id,
        title: format!("todo {id} from v2"),
        status: at_v2::v2::Status::InProgress,
        created_at: 1_700_000_000_000 + id as i64,
        completed_at: None,
        tags: vec!["v2".to_owned(), format!("n{id}")],
    }
}

/// A todo as release 3 writes it.
pub(crate) fn v3_todo(id: u64) -> at_v3::v3::Todo {
    at_v3::v3::Todo {
        id,
        detail: at_v3::v3::TodoDetail {
            title: format!("todo {id} from v3"),
            notes: Some("written by release 3".to_owned()),
            tags: vec!["v3".to_owned()],
        },
        status: at_v3::v3::Status::Done,
        priority: at_v3::v3::Priority::High,
        created_at: 1_800_000_000_000 + id as i64,
        completed_at: Some(1_800_000_000_500 + id as i64),
        assignee: Some(at_v3::v3::Assignee::User(at_v3::v3::User {
            id: 7,
            name: "Ada".to_owned(),
        })),
    }
}

/// A todo as release 4 writes it (assigned to two people: no v3 form).
pub(crate) fn v4_todo(id: u64) -> at_v4::v4::Todo {
    let person = |id, name: &str| at_v4::v4::User {
        id,
        name: name.to_owned(),
    };
    at_v4::v4::Todo {
        id,
        detail: at_v4::v4::TodoDetail {
            title: format!("todo {id} from v4"),
            notes: None,
            tags: Vec::new(),
        },
        status: at_v4::v4::Status::Open,
        priority: at_v4::v4::Priority::Urgent,
        created_at: 1_900_000_000_000 + id as i64,
        completed_at: None,
        assignees: vec![person(7, "Ada"), person(8, "Grace")],
        estimate: Some(90),
    }
}

/// What a v3 consumer must see for [`v1_todo`]: what v1 knew, the rest
/// as the converters fill it in.
pub(crate) fn v1_as_v3(id: u64) -> at_v3::v3::Todo {
    let old = v1_todo(id);
    at_v3::v3::Todo {
        id,
        detail: at_v3::v3::TodoDetail {
            title: old.title,
            notes: None,
            tags: Vec::new(),
        },
        status: if old.done {
            at_v3::v3::Status::Done
        } else {
            at_v3::v3::Status::Open
        },
        priority: at_v3::v3::Priority::Normal,
        created_at: 0,
        completed_at: None,
        assignee: None,
    }
}

/// What a v3 consumer must see for [`v2_todo`].
pub(crate) fn v2_as_v3(id: u64) -> at_v3::v3::Todo {
    let old = v2_todo(id);
    at_v3::v3::Todo {
        id,
        detail: at_v3::v3::TodoDetail {
            title: old.title,
            notes: None,
            tags: old.tags,
        },
        status: at_v3::v3::Status::InProgress,
        priority: at_v3::v3::Priority::Normal,
        created_at: old.created_at,
        completed_at: None,
        assignee: None,
    }
}
