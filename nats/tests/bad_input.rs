//! Messages a consumer cannot process go to the dead letters with the
//! reason, byte for byte as they came, and the consumer keeps going.

mod common;

use std::convert::Infallible;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, message::StreamMessage};
use bytes::Bytes;
use common::*;
use verso::Versioned;
use verso_nats::{Consumer, ERROR_HEADER, ERROR_KIND_HEADER, ORIGINAL_SEQUENCE_HEADER, Publisher};
use verso_nats_testkit::server::NatsServer;
use verso_nats_testkit::todo::{at_v3, at_v4};

/// Publishes raw bytes, as a client of any language could, with an
/// optional `Verso-Version` header; returns the stream sequence.
async fn publish_raw(
    jetstream: &jetstream::Context,
    version: Option<&str>,
    payload: Vec<u8>,
) -> u64 {
    let mut headers = HeaderMap::new();
    if let Some(version) = version {
        headers.insert(verso_nats::VERSION_HEADER, version);
    }
    jetstream
        .publish_with_headers("todos.raw", headers, Bytes::from(payload))
        .await
        .expect("publish")
        .await
        .expect("stored")
        .sequence
}

/// Every dead letter, oldest first.
async fn dead_letters(jetstream: &jetstream::Context) -> Vec<StreamMessage> {
    let stream = jetstream
        .get_stream(DEAD_LETTERS)
        .await
        .expect("the dead letters");
    let state = stream.get_info().await.expect("info").state;
    let mut all = Vec::new();
    for sequence in state.first_sequence..=state.last_sequence {
        all.push(
            stream
                .get_raw_message(sequence)
                .await
                .expect("a dead letter"),
        );
    }
    all
}

fn header(message: &StreamMessage, name: &str) -> String {
    message
        .headers
        .get(name)
        .map(|v| v.as_str().to_owned())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// Drains a consumer whose handler records the ids it processed.
async fn drain<V: Versioned>(
    consumer: &Consumer<V>,
    ids: impl Fn(&V::Latest) -> u64,
) -> (verso_nats::Tally, Vec<u64>) {
    let mut processed = Vec::new();
    let tally = consumer
        .drain(
            async |delivery| {
                processed.push(ids(&delivery.value));
                Ok::<(), Infallible>(())
            },
            IDLE,
        )
        .await
        .expect("drain");
    (tally, processed)
}

#[tokio::test]
async fn each_unreadable_message_is_dead_lettered_with_its_reason() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let good = at_v3::TodoVersioned::encode_embedded(v3_todo(1), 3).unwrap();
    let mut v2_over_v3 = good.clone();
    v2_over_v3[0] = 2;
    let cases: Vec<(Option<&str>, Vec<u8>, &str, &str)> = vec![
        (
            None,
            good.clone(),
            "missing-header",
            "has no `Verso-Version` header",
        ),
        (
            Some("3"),
            good[..good.len() / 2].to_vec(),
            "invalid-message",
            "invalid version 3 message",
        ),
        (
            Some("2"),
            v2_over_v3,
            "invalid-message",
            "invalid version 2 message",
        ),
        (
            Some("2"),
            good.clone(),
            "header-mismatch",
            "header says version 2 but the payload's embedded version is 3",
        ),
        (
            Some("3"),
            vec![3],
            "too-short",
            "too short for its 2-byte version header",
        ),
        (
            Some("9"),
            vec![9, 0, 1],
            "unsupported-version",
            "unsupported version 9: this build reads and writes versions 1 to 3",
        ),
        (
            Some("three"),
            good.clone(),
            "bad-header",
            "the `Verso-Version` header is \"three\"",
        ),
    ];
    let mut sequences = Vec::new();
    for (version, payload, _, _) in &cases {
        sequences.push(publish_raw(&jetstream, *version, payload.clone()).await);
    }
    // A good message after the bad ones is processed.
    Publisher::<at_v3::TodoVersioned>::new(jetstream.clone())
        .publish("todos.v3", v3_todo(2))
        .await
        .expect("publish");

    let consumer = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "v3").await,
        DEAD_LETTER_SUBJECT,
    );
    let (tally, processed) = drain(&consumer, |todo| todo.id).await;
    assert_eq!(processed, [2]);
    assert_eq!(tally.dead_lettered, cases.len() as u64);

    let dead = dead_letters(&jetstream).await;
    assert_eq!(dead.len(), cases.len());
    for ((case, sequence), letter) in cases.iter().zip(&sequences).zip(&dead) {
        let (_, payload, kind, reason) = case;
        assert_eq!(header(letter, ERROR_KIND_HEADER), *kind);
        let error = header(letter, ERROR_HEADER);
        assert!(
            error.contains(reason),
            "{kind}: {error:?} should say {reason:?}"
        );
        assert_eq!(
            header(letter, ORIGINAL_SEQUENCE_HEADER),
            sequence.to_string()
        );
        assert_eq!(
            letter.payload.as_ref(),
            &payload[..],
            "{kind}: the bytes are kept"
        );
    }
    // Everything was acknowledged: nothing comes back.
    assert_eq!(drain(&consumer, |todo| todo.id).await.0.finished(), 0);
}

#[tokio::test]
async fn a_converter_refusal_is_dead_lettered_and_stays_there_on_replay() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let mut for_a_team = v3_todo(5);
    for_a_team.assignee = Some(at_v3::v3::Assignee::Team(at_v3::v3::Team {
        name: "ops".to_owned(),
    }));
    let publisher = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    publisher
        .publish("todos.v3", for_a_team)
        .await
        .expect("publish");
    publisher
        .publish("todos.v3", v3_todo(6))
        .await
        .expect("publish");

    let consumer = Consumer::<at_v4::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "v4").await,
        DEAD_LETTER_SUBJECT,
    );
    let (tally, processed) = drain(&consumer, |todo| todo.id).await;
    assert_eq!(processed, [6]);
    assert_eq!(tally.dead_lettered, 1);
    let dead = dead_letters(&jetstream).await;
    assert_eq!(header(&dead[0], ERROR_KIND_HEADER), "converter-refused");
    assert_eq!(
        header(&dead[0], ERROR_HEADER),
        "cannot convert Todo from v3 to v4: assignee: v4 assigns todos to people only, and todo 5 is assigned to team \"ops\""
    );

    // The same build replaying it cannot do better: it stays, with the reason.
    let replay = verso_nats::replay_dead_letters::<at_v4::TodoVersioned, Infallible>(
        &jetstream,
        DEAD_LETTERS,
        async |_| Ok(()),
    )
    .await
    .expect("replay");
    assert_eq!(replay.processed, 0);
    assert_eq!(replay.left.len(), 1);
    assert_eq!(replay.left[0].subject, "todos.v3");
    assert_eq!(replay.left[0].reason.kind(), "converter-refused");
    assert_eq!(stored(&jetstream, DEAD_LETTERS).await, 1);
}

#[tokio::test]
async fn a_handler_that_keeps_failing_gets_its_message_dead_lettered_after_the_last_delivery() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    Publisher::<at_v3::TodoVersioned>::new(jetstream.clone())
        .publish("todos.v3", v3_todo(9))
        .await
        .expect("publish");
    let consumer = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "v3").await,
        DEAD_LETTER_SUBJECT,
    )
    .max_deliveries(3);
    let mut attempts = 0;
    let tally = consumer
        .drain(
            async |_| {
                attempts += 1;
                Err("the database is down")
            },
            IDLE,
        )
        .await
        .expect("drain");
    assert_eq!(attempts, 3);
    assert_eq!(
        (tally.retried, tally.dead_lettered, tally.processed),
        (2, 1, 0)
    );
    let dead = dead_letters(&jetstream).await;
    assert_eq!(header(&dead[0], ERROR_KIND_HEADER), "handler-failed");
    assert_eq!(
        header(&dead[0], ERROR_HEADER),
        "the handler failed on all 3 deliveries, the last time with: the database is down"
    );
}

#[tokio::test]
async fn without_a_dead_letter_stream_the_message_is_not_acknowledged() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    publish_raw(&jetstream, None, vec![3, 0]).await;
    let pull = durable(&jetstream, "v3").await;
    let consumer =
        Consumer::<at_v3::TodoVersioned>::new(jetstream.clone(), pull.clone(), "nowhere.captured");
    let err = consumer
        .drain(async |_| Ok::<(), Infallible>(()), IDLE)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("JetStream: cannot dead-letter to `nowhere.captured`"),
        "{err}"
    );
    // Not acknowledged: the message is still the consumer's to deliver.
    let info = pull.get_info().await.expect("consumer info");
    assert_eq!(info.ack_floor.stream_sequence, 0);
    assert_eq!(info.num_ack_pending, 1);
}
