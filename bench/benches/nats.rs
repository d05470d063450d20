//! Loopback throughput and latency through one real nats-server: 1 KiB todo
//! messages published into JetStream and handled by a consumer that
//! acknowledges each one, as verso payloads (v3 messages, and v1 messages
//! upgraded to v3 on the way in) and as serde_json payloads of the same v3
//! values. One run, printed as a markdown table under the date, the
//! machine and the command:
//!
//! ```sh
//! cargo bench -p verso-bench --bench nats
//! ```
//!
//! Throughput is measured with a window of publishes in flight, as a busy
//! producer has; latency, publish → handler (from just before a message is
//! published to the moment the handler has it decoded), in a second run
//! that publishes one message at a time, so that it is the path's latency
//! rather than the time spent in a backlog.

use std::collections::HashMap;
use std::convert::Infallible;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer, stream};
use futures_util::StreamExt;
use verso_nats::{Consumer, Publisher};
use verso_nats_testkit::server::NatsServer;
use verso_nats_testkit::todo::{at_v1, at_v3};

/// Messages of the throughput run of a row.
const MESSAGES: u64 = 20_000;
/// Publishes awaiting their acknowledgement at once in the throughput run.
const IN_FLIGHT: usize = 256;
/// Messages of the latency run of a row, published one after the other
/// (so that the latency is the path's, not a backlog's).
const PACED: u64 = 2_000;
/// The size the messages are made to.
const SIZE: usize = 1024;
/// The subject every row publishes to.
const SUBJECT: &str = "bench.todos";
/// How long the consumer waits for more before a row ends.
const IDLE: Duration = Duration::from_millis(500);

/// One row of the table.
struct Row {
    name: &'static str,
    bytes: usize,
    /// The throughput run: how long [`MESSAGES`] took.
    elapsed: Duration,
    /// The latency run: each message's publish → handler time.
    latencies: Vec<Duration>,
}

/// One run: how long it took from the first publish to the last handler
/// call, and each message's latency.
struct Run {
    elapsed: Duration,
    latencies: Vec<Duration>,
}

/// A row from its throughput run and its paced latency run.
fn row(name: &'static str, bytes: usize, flood: Run, paced: Run) -> Row {
    Row {
        name,
        bytes,
        elapsed: flood.elapsed,
        latencies: paced.latencies,
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let server = NatsServer::start();
    let client = async_nats::connect(server.url()).await.expect("connect");
    let jetstream = jetstream::new(client);
    let (v3_bytes, v1_bytes) = (
        verso::to_vec(&v3_todo(0)).len() + 2,
        verso::to_vec(&v1_todo(0)).len() + 2,
    );
    let json_bytes = serde_json::to_vec(&v3_todo(0)).expect("JSON").len();
    let mut rows = Vec::new();
    for (name, version, bytes) in [
        ("verso v3 → v3", 3, v3_bytes),
        ("verso v1 → v3 (upgraded)", 1, v1_bytes),
    ] {
        let flood = verso_run(&jetstream, version, MESSAGES, IN_FLIGHT).await;
        let paced = verso_run(&jetstream, version, PACED, 1).await;
        rows.push(row(name, bytes, flood, paced));
    }
    let flood = json_run(&jetstream, MESSAGES, IN_FLIGHT).await;
    let paced = json_run(&jetstream, PACED, 1).await;
    rows.push(row("serde_json v3 → v3", json_bytes, flood, paced));
    println!("{}", header(started.elapsed()));
    println!();
    println!("| payload | bytes | messages/s | p50 latency | p99 latency |");
    println!("|---|--:|--:|--:|--:|");
    for row in rows {
        println!("{}", format_row(row));
    }
}

/// A v3 todo of about [`SIZE`] bytes on the wire.
fn v3_todo(id: u64) -> at_v3::v3::Todo {
    at_v3::v3::Todo {
        id,
        detail: at_v3::v3::TodoDetail {
            title: format!("todo {id}"),
            notes: Some("n".repeat(SIZE - 90)),
            tags: vec!["bench".to_owned(), "nats".to_owned()],
        },
        status: at_v3::v3::Status::InProgress,
        priority: at_v3::v3::Priority::High,
        created_at: 1_800_000_000_000,
        completed_at: None,
        assignee: Some(at_v3::v3::Assignee::User(at_v3::v3::User {
            id: 7,
            name: "Ada".to_owned(),
        })),
    }
}

/// A v1 todo of about [`SIZE`] bytes on the wire.
fn v1_todo(id: u64) -> at_v1::v1::Todo {
    at_v1::v1::Todo {
        id,
        title: "t".repeat(SIZE - 14),
        done: false,
    }
}

/// A fresh stream and a durable consumer on it, for one row.
async fn fresh(jetstream: &jetstream::Context) -> consumer::PullConsumer {
    let _ = jetstream.delete_stream("BENCH").await;
    let _ = jetstream.delete_stream("BENCH_DEAD").await;
    for (name, subject) in [("BENCH", SUBJECT), ("BENCH_DEAD", "bench.dead")] {
        jetstream
            .create_stream(stream::Config {
                name: name.to_owned(),
                subjects: vec![subject.to_owned()],
                ..Default::default()
            })
            .await
            .expect("create stream");
    }
    jetstream
        .get_stream("BENCH")
        .await
        .expect("stream")
        .create_consumer(consumer::pull::Config {
            durable_name: Some("bench".to_owned()),
            ack_policy: consumer::AckPolicy::Explicit,
            max_ack_pending: 10_000,
            ..Default::default()
        })
        .await
        .expect("consumer")
}

/// Publishes `messages` todos written at `version`, `in_flight` at a time,
/// and consumes them as v3.
async fn verso_run(
    jetstream: &jetstream::Context,
    version: u16,
    messages: u64,
    in_flight: usize,
) -> Run {
    let pull = fresh(jetstream).await;
    let consumer = Consumer::<at_v3::TodoVersioned>::new(jetstream.clone(), pull, "bench.dead");
    let v1 = Publisher::<at_v1::TodoVersioned>::new(jetstream.clone());
    let v3 = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    let mut sent: HashMap<u64, Instant> = HashMap::new();
    let start = Instant::now();
    let publish = futures_util::stream::iter(0..messages)
        .map(|id| {
            let (v1, v3) = (&v1, &v3);
            let at = Instant::now();
            async move {
                if version == 1 {
                    v1.publish(SUBJECT, v1_todo(id)).await.expect("publish");
                } else {
                    v3.publish(SUBJECT, v3_todo(id)).await.expect("publish");
                }
                (id, at)
            }
        })
        .buffer_unordered(in_flight)
        .for_each(|(id, at)| {
            sent.insert(id, at);
            async {}
        });
    let mut handled: Vec<(u64, Instant)> = Vec::with_capacity(messages as usize);
    let consume = consumer.drain(
        async |delivery| {
            handled.push((delivery.value.id, Instant::now()));
            Ok::<(), Infallible>(())
        },
        IDLE,
    );
    let ((), tally) = tokio::join!(publish, consume);
    let tally = tally.expect("consume");
    assert_eq!(tally.processed, messages, "{tally:?}");
    let elapsed = handled.last().expect("messages").1 - start;
    let latencies = handled.iter().map(|(id, at)| *at - sent[id]).collect();
    Run { elapsed, latencies }
}

/// The same v3 values as serde_json payloads, consumed the same way:
/// decoded, handed over, acknowledged and confirmed.
async fn json_run(jetstream: &jetstream::Context, messages: u64, in_flight: usize) -> Run {
    let pull = fresh(jetstream).await;
    let mut sent: HashMap<u64, Instant> = HashMap::new();
    let start = Instant::now();
    let publish = futures_util::stream::iter(0..messages)
        .map(|id| {
            let at = Instant::now();
            async move {
                let payload = serde_json::to_vec(&v3_todo(id)).expect("JSON");
                jetstream
                    .publish(SUBJECT, payload.into())
                    .await
                    .expect("publish")
                    .await
                    .expect("stored");
                (id, at)
            }
        })
        .buffer_unordered(in_flight)
        .for_each(|(id, at)| {
            sent.insert(id, at);
            async {}
        });
    let consume = async {
        let mut handled = Vec::with_capacity(messages as usize);
        while (handled.len() as u64) < messages {
            let mut batch = pull
                .batch()
                .max_messages(100)
                .expires(IDLE)
                .messages()
                .await
                .expect("pull");
            while let Some(message) = batch.next().await {
                let message = message.expect("message");
                let todo: at_v3::v3::Todo =
                    serde_json::from_slice(&message.payload).expect("a JSON todo");
                handled.push((todo.id, Instant::now()));
                message.double_ack().await.expect("ack");
            }
        }
        handled
    };
    let ((), handled) = tokio::join!(publish, consume);
    let elapsed = handled.last().expect("messages").1 - start;
    let latencies = handled.iter().map(|(id, at)| *at - sent[id]).collect();
    Run { elapsed, latencies }
}

fn format_row(mut row: Row) -> String {
    row.latencies.sort_unstable();
    let at = |q: f64| row.latencies[((row.latencies.len() - 1) as f64 * q) as usize];
    let rate = MESSAGES as f64 / row.elapsed.as_secs_f64();
    format!(
        "| {} | {} | {:.0} | {:.3} ms | {:.3} ms |",
        row.name,
        row.bytes,
        rate,
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3
    )
}

/// When, on what machine, with which compiler and by which command.
fn header(took: Duration) -> String {
    let run = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_else(|| "unknown".to_owned())
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU model".to_owned());
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{}; {cpus} CPUs, {cpu}; {}; nats-server {}; `cargo bench -p verso-bench --bench nats` ({} s)",
        run("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        run("rustc", &["--version"]),
        run("nats-server", &["--version"]).trim_start_matches("nats-server: "),
        took.as_secs()
    )
}
