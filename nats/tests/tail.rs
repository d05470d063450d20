//! `verso-nats tail` against a real server: one JSON line per message, in
//! the JSON mapping of the version that wrote it, from the schema folder
//! alone — messages of verso producers and of any other client.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use async_nats::jetstream;
use bytes::Bytes;
use common::*;
use serde_json::{Value, json};
use verso_nats::Publisher;
use verso_nats_testkit::server::NatsServer;
use verso_nats_testkit::todo::{at_v1, at_v3};

/// How long one run of the tool may take.
const WITHIN: Duration = Duration::from_secs(15);

/// The bundled todo family, which the tool reads as an operator would.
fn schemas() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas/todo")
}

fn tail(server: &NatsServer, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_verso-nats"))
        .args([
            "tail",
            "--server",
            &server.url(),
            "--stream",
            STREAM,
            "--type",
            "Todo",
        ])
        .arg("--schemas")
        .arg(schemas())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run verso-nats")
}

/// Waits for `child` to exit (killing it after [`WITHIN`]), while `poke`
/// runs between checks.
async fn finish(mut child: Child, mut poke: impl AsyncFnMut()) -> Output {
    let deadline = Instant::now() + WITHIN;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            child.kill().expect("kill verso-nats");
            panic!("verso-nats tail did not stop within {WITHIN:?}");
        }
        poke().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.wait_with_output().expect("output")
}

fn lines(output: &Output) -> Vec<Value> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON value per line"))
        .collect()
}

async fn publish_raw(jetstream: &jetstream::Context, subject: &str, payload: Vec<u8>) {
    jetstream
        .publish_with_headers(subject.to_owned(), HeaderMap::new(), Bytes::from(payload))
        .await
        .expect("publish")
        .await
        .expect("stored");
}

#[tokio::test]
async fn tail_prints_every_message_in_the_version_that_wrote_it() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    Publisher::<at_v1::TodoVersioned>::new(jetstream.clone())
        .publish("todos.v1", v1_todo(1))
        .await
        .expect("publish");
    Publisher::<at_v3::TodoVersioned>::new(jetstream.clone())
        .publish("todos.v3", v3_todo(2))
        .await
        .expect("publish");
    // A script's message: version 1 embedded by hand, no header.
    let mut script = vec![1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 2];
    script.extend_from_slice(b"hi");
    script.push(1);
    publish_raw(&jetstream, "todos.script", script).await;
    publish_raw(&jetstream, "todos.script", vec![1, 0, 3]).await;
    publish_raw(&jetstream, "todos.script", vec![7, 0]).await;

    let output = finish(
        tail(&server, &["--from-start", "--count", "5"]),
        async || {},
    )
    .await;
    assert_eq!(
        lines(&output),
        [
            json!({"seq": 1, "subject": "todos.v1", "version": 1,
                   "value": {"id": 1, "title": "todo 1 from v1", "done": false}}),
            json!({"seq": 2, "subject": "todos.v3", "version": 3, "value": {
                "id": 2,
                "detail": {"title": "todo 2 from v3", "notes": "written by release 3", "tags": ["v3"]},
                "status": "DONE", "priority": "HIGH",
                "createdAt": 1_800_000_000_002_i64, "completedAt": 1_800_000_000_502_i64,
                "assignee": {"User": {"id": 7, "name": "Ada"}}}}),
            json!({"seq": 3, "subject": "todos.script", "version": 1,
                   "value": {"id": 3, "title": "hi", "done": true}}),
            json!({"seq": 4, "subject": "todos.script",
                   "error": "invalid version 1 `Todo` message: Todo.id: unexpected end of input (needs 8 bytes, 1 left) at byte 2"}),
            json!({"seq": 5, "subject": "todos.script",
                   "error": "version 7 is not in the schema folder, which has versions 1 to 3"}),
        ]
    );
}

#[tokio::test]
async fn without_from_start_tail_shows_only_new_messages() {
    let server = NatsServer::start();
    let jetstream = setup(&[server.url()], 1).await;
    let publisher = Publisher::<at_v3::TodoVersioned>::new(jetstream.clone());
    publisher
        .publish("todos.old", v3_todo(1))
        .await
        .expect("publish");
    let child = tail(&server, &["--count", "1"]);
    // Publish until the tool, once subscribed, has seen one.
    let output = finish(child, async || {
        publisher
            .publish("todos.new", v3_todo(2))
            .await
            .expect("publish");
    })
    .await;
    let shown = lines(&output);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["subject"], "todos.new");
    assert_eq!(shown[0]["value"]["id"], 2);
}

#[tokio::test]
async fn tail_names_a_type_the_schemas_do_not_have() {
    let server = NatsServer::start();
    let output = Command::new(env!("CARGO_BIN_EXE_verso-nats"))
        .args([
            "tail",
            "--server",
            &server.url(),
            "--stream",
            STREAM,
            "--type",
            "Nope",
        ])
        .arg("--schemas")
        .arg(schemas())
        .output()
        .expect("run verso-nats");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("has a type `Nope`"), "{stderr}");
}
