//! A 3-node JetStream cluster with a replicated (R3) stream: a node is
//! killed while producers publish and the consumer reads, then restarted.
//! Every acknowledged publish is stored once (a publish retried under its
//! message id is not stored twice) and consumed, and the consumer's progress
//! survives. Delivery is at least once: a delivery whose acknowledgement
//! died with the node comes back, with the same stream sequence, so a
//! handler that remembers the sequences it applied applies each todo once.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::*;
use verso_nats::{Consumer, Publisher};
use verso_nats_testkit::server::Cluster;
use verso_nats_testkit::todo::at_v3;

/// How many todos are published.
const TODOS: u64 = 150;
/// After how many acknowledged publishes a node is killed…
const KILL_AT: u64 = 50;
/// …and after how many it is restarted.
const RESTART_AT: u64 = 100;
/// How long the whole exchange may take.
const WITHIN: Duration = Duration::from_secs(45);
/// The pause before a failed request is tried again.
const RETRY: Duration = Duration::from_millis(100);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_mid_stream_loses_no_acknowledged_message_and_no_progress() {
    let mut cluster = Cluster::start::<3>();
    let jetstream = setup(&cluster.urls(), 3).await;
    let leader = jetstream
        .get_stream(STREAM)
        .await
        .expect("the stream")
        .get_info()
        .await
        .expect("info")
        .cluster
        .and_then(|c| c.leader)
        .expect("the stream has a leader");
    let consumer = Consumer::<at_v3::TodoVersioned>::new(
        jetstream.clone(),
        durable(&jetstream, "survivor").await,
        DEAD_LETTER_SUBJECT,
    );
    let publisher = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    let acknowledged = AtomicU64::new(0);
    let deadline = Instant::now() + WITHIN;

    // Each todo is published until JetStream acknowledges it, under the same
    // message id: a publish whose acknowledgement was lost is stored once.
    let publish = async {
        let mut duplicates = 0;
        for id in 0..TODOS {
            let message_id = format!("todo-{id}");
            loop {
                assert!(
                    Instant::now() < deadline,
                    "todo {id} was never acknowledged"
                );
                match publisher
                    .publish_with_id("todos.v3", &message_id, v3_todo(id))
                    .await
                {
                    Ok(ack) => {
                        duplicates += u64::from(ack.duplicate);
                        break;
                    }
                    Err(_) => tokio::time::sleep(RETRY).await,
                }
            }
            acknowledged.fetch_add(1, Ordering::SeqCst);
        }
        duplicates
    };
    // The stream sequences each todo was delivered under, and how many
    // deliveries there were.
    let mut seen: BTreeMap<u64, BTreeSet<u64>> = BTreeMap::new();
    let mut deliveries = 0;
    let pull = durable(&jetstream, "survivor").await;
    let consume = async {
        // Until every todo was seen and nothing is left unacknowledged.
        while !(seen.len() as u64 == TODOS && settled(&pull).await) {
            assert!(
                Instant::now() < deadline,
                "only {} todos consumed",
                seen.len()
            );
            let drained = consumer
                .drain(
                    async |delivery| {
                        deliveries += 1;
                        seen.entry(delivery.value.id)
                            .or_default()
                            .insert(delivery.sequence);
                        Ok::<(), Infallible>(())
                    },
                    IDLE,
                )
                .await;
            if drained.is_err() {
                tokio::time::sleep(RETRY).await;
            }
        }
    };
    let chaos = async {
        let node = cluster.node_mut(&leader).expect("the leader is a node");
        while acknowledged.load(Ordering::SeqCst) < KILL_AT {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        node.kill();
        while acknowledged.load(Ordering::SeqCst) < RESTART_AT {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::task::block_in_place(|| node.restart());
    };
    let (duplicates, (), ()) = tokio::join!(publish, consume, chaos);

    assert!(cluster.nodes().iter().all(|node| node.is_running()));
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        (0..TODOS).collect::<Vec<_>>()
    );
    // One stored message per todo: a repeat is a redelivery of it.
    let stored_twice: Vec<_> = seen
        .iter()
        .filter(|(_, sequences)| sequences.len() > 1)
        .collect();
    assert!(
        stored_twice.is_empty(),
        "stored more than once: {stored_twice:?}"
    );
    assert!(deliveries >= TODOS, "{deliveries} deliveries");
    assert_eq!(
        stored(&jetstream, STREAM).await,
        TODOS,
        "{duplicates} duplicate publishes"
    );

    // The progress is the cluster's: a new handle on the durable consumer,
    // through the restarted node, has nothing left to deliver.
    let through_restarted = setup(&[cluster.node_mut(&leader).unwrap().url()], 3).await;
    let resumed = durable(&through_restarted, "survivor").await;
    let info = resumed.get_info().await.expect("consumer info");
    assert_eq!(info.ack_floor.stream_sequence, TODOS, "{info:?}");
    assert_eq!((info.num_pending, info.num_ack_pending), (0, 0));
    let again =
        Consumer::<at_v3::TodoVersioned>::new(through_restarted, resumed, DEAD_LETTER_SUBJECT)
            .drain(async |_| Ok::<(), Infallible>(()), IDLE)
            .await
            .expect("drain");
    assert_eq!(again.finished(), 0);
}

/// Whether the consumer has nothing pending and nothing unacknowledged.
async fn settled(pull: &async_nats::jetstream::consumer::PullConsumer) -> bool {
    pull.get_info()
        .await
        .is_ok_and(|info| info.num_pending == 0 && info.num_ack_pending == 0)
}
