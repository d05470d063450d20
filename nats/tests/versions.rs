//! Producers of every release and consumers of two, against a real
//! nats-server: old messages arrive as the latest types, a consumer created
//! later replays the stream, and what a release cannot read waits in the
//! dead letters for the next one.

mod common;

use std::convert::Infallible;

use async_nats::jetstream;
use common::*;
use verso_nats::{Consumer, Delivery, Publisher, replay_dead_letters};
use verso_nats_testkit::server::NatsServer;
use verso_nats_testkit::todo::{at_v1, at_v2, at_v3, at_v4};

/// How many todos each producer publishes.
const EACH: u64 = 30;

/// Publishes `EACH` todos from each of three producers built at v1, v2 and
/// v3, concurrently, and returns what a v3 reader must see, in stream order.
async fn publish_every_release(jetstream: &jetstream::Context) -> Vec<(u64, at_v3::v3::Todo)> {
    let v1 = Publisher::<at_v1::TodoVersioned>::new(jetstream.clone());
    let v2 = Publisher::<at_v2::TodoVersioned>::new(jetstream.clone());
    let v3 = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    assert_eq!((v1.version(), v2.version(), v3.version()), (1, 2, 3));
    let ids = |release: u64| (0..EACH).map(move |i| i * 3 + release);
    let from_v1 = async {
        let mut sent = Vec::new();
        for id in ids(1) {
            let ack = v1
                .publish("todos.v1", v1_todo(id))
                .await
                .expect("publish v1");
            sent.push((ack.sequence, v1_as_v3(id)));
        }
        sent
    };
    let from_v2 = async {
        let mut sent = Vec::new();
        for id in ids(2) {
            let ack = v2
                .publish("todos.v2", v2_todo(id))
                .await
                .expect("publish v2");
            sent.push((ack.sequence, v2_as_v3(id)));
        }
        sent
    };
    let from_v3 = async {
        let mut sent = Vec::new();
        for id in ids(3) {
            let ack = v3
                .publish("todos.v3", v3_todo(id))
                .await
                .expect("publish v3");
            sent.push((ack.sequence, v3_todo(id)));
        }
        sent
    };
    let (a, b, c) = tokio::join!(from_v1, from_v2, from_v3);
    let mut all: Vec<_> = a.into_iter().chain(b).chain(c).collect();
    all.sort_by_key(|(sequence, _)| *sequence);
    all
}

/// Drains `consumer` into a list of deliveries.
async fn received<V: verso::Versioned>(consumer: &Consumer<V>) -> Vec<Delivery<V::Latest>> {
    let mut seen = Vec::new();
    let tally = consumer
        .drain(
            async |delivery| {
                seen.push(delivery);
                Ok::<(), Infallible>(())
            },
            IDLE,
        )
        .await
        .expect("drain");
    assert_eq!(tally.processed, seen.len() as u64);
    assert_eq!(tally.dead_lettered, 0, "{tally:?}");
    seen
}

fn sequences_and_values(seen: Vec<Delivery<at_v3::v3::Todo>>) -> Vec<(u64, at_v3::v3::Todo)> {
    seen.into_iter().map(|d| (d.sequence, d.value)).collect()
}

#[tokio::test]
async fn producers_of_every_release_reach_a_running_v3_consumer_once_in_order() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let consumer = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "live").await,
        DEAD_LETTER_SUBJECT,
    );
    let (published, seen) = tokio::join!(publish_every_release(&jetstream), received(&consumer));
    assert_eq!(published.len() as u64, 3 * EACH);
    let versions: Vec<u16> = seen.iter().map(|d| d.version).collect();
    assert!(
        [1, 2, 3].iter().all(|v| versions.contains(v)),
        "{versions:?}"
    );
    // Each delivery says where it came from.
    for delivery in &seen {
        assert_eq!(delivery.subject, format!("todos.v{}", delivery.version));
    }
    assert_eq!(sequences_and_values(seen), published);
    assert_eq!(stored(&jetstream, DEAD_LETTERS).await, 0);
}

#[tokio::test]
async fn a_consumer_created_after_everything_was_published_replays_the_stream() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let published = publish_every_release(&jetstream).await;

    // "Days later": a new durable consumer, starting from the first message.
    let later = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "days-later").await,
        DEAD_LETTER_SUBJECT,
    );
    assert_eq!(sequences_and_values(received(&later).await), published);
    // Its progress is kept: nothing is delivered twice.
    assert!(received(&later).await.is_empty());
}

#[tokio::test]
async fn what_v3_cannot_read_waits_in_the_dead_letters_until_v4_replays_it() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let v3 = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    let v4 = Publisher::<at_v4::TodoVersioned>::new(jetstream.clone());
    let mut v4_sequences = Vec::new();
    for id in 0..20_u64 {
        if id.is_multiple_of(2) {
            v3.publish("todos.v3", v3_todo(id))
                .await
                .expect("publish v3");
        } else {
            let ack = v4
                .publish("todos.v4", v4_todo(id))
                .await
                .expect("publish v4");
            v4_sequences.push(ack.sequence);
        }
    }
    let published = stored(&jetstream, STREAM).await;
    assert_eq!(published, 20);

    // The v3 consumer processes what it reads, dead-letters the rest with
    // the reason, and keeps going.
    let consumer = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "v3").await,
        DEAD_LETTER_SUBJECT,
    );
    let mut processed_by_v3 = Vec::new();
    let tally = consumer
        .drain(
            async |delivery| {
                processed_by_v3.push(delivery.value.id);
                Ok::<(), Infallible>(())
            },
            IDLE,
        )
        .await
        .expect("drain");
    assert_eq!(processed_by_v3, (0..20).step_by(2).collect::<Vec<_>>());
    assert_eq!((tally.processed, tally.dead_lettered), (10, 10));
    assert_eq!(stored(&jetstream, DEAD_LETTERS).await, 10);
    let dead = first_dead_letter(&jetstream).await;
    let header = |name: &str| dead.headers.get(name).map(|v| v.as_str().to_owned());
    assert_eq!(
        header(verso_nats::ERROR_HEADER).as_deref(),
        Some("unsupported version 4: this build reads and writes versions 1 to 3")
    );
    assert_eq!(
        header(verso_nats::ERROR_KIND_HEADER).as_deref(),
        Some("unsupported-version")
    );
    assert_eq!(
        header(verso_nats::ORIGINAL_STREAM_HEADER).as_deref(),
        Some(STREAM)
    );
    assert_eq!(
        header(verso_nats::ORIGINAL_SUBJECT_HEADER).as_deref(),
        Some("todos.v4")
    );
    assert_eq!(
        header(verso_nats::ORIGINAL_SEQUENCE_HEADER),
        Some(v4_sequences[0].to_string())
    );
    assert_eq!(header(verso_nats::VERSION_HEADER).as_deref(), Some("4"));

    // After the upgrade, a v4 build replays the dead letters.
    let mut replayed = Vec::new();
    let replay = replay_dead_letters::<at_v4::TodoVersioned, Infallible>(
        &jetstream,
        DEAD_LETTERS,
        async |delivery| {
            assert_eq!(delivery.version, 4);
            assert_eq!(delivery.subject, "todos.v4");
            replayed.push((delivery.sequence, delivery.value));
            Ok(())
        },
    )
    .await
    .expect("replay");
    assert!(replay.left.is_empty(), "{:?}", replay.left);
    let expected: Vec<_> = v4_sequences
        .iter()
        .zip((1..20).step_by(2))
        .map(|(&sequence, id)| (sequence, v4_todo(id)))
        .collect();
    assert_eq!(replayed, expected);

    // Nothing is unaccounted for, and the dead letters are gone.
    assert_eq!(tally.processed + replay.processed, published);
    assert_eq!(tally.dead_lettered, replay.processed);
    assert_eq!(stored(&jetstream, DEAD_LETTERS).await, 0);
    // The v3 consumer has nothing left to see.
    let again = consumer
        .drain(async |_| Ok::<(), Infallible>(()), IDLE)
        .await
        .expect("drain");
    assert_eq!(again.finished(), 0);
}

/// The oldest message of the dead-letter stream.
async fn first_dead_letter(
    jetstream: &jetstream::Context,
) -> async_nats::jetstream::message::StreamMessage {
    let stream = jetstream
        .get_stream(DEAD_LETTERS)
        .await
        .expect("the dead letters");
    let first = stream.get_info().await.expect("info").state.first_sequence;
    stream
        .get_raw_message(first)
        .await
        .expect("the first dead letter")
}
