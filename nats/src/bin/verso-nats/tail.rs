//! `verso-nats tail`: a stream's messages as JSON lines.

use std::io::Write;
use std::path::PathBuf;

use async_nats::jetstream::{self, consumer::DeliverPolicy, consumer::pull::OrderedConfig};
use clap::Args;
use futures_util::StreamExt;
use serde_json::{Map, Value};
use verso_nats::{Header, read_version};

use crate::schemas::Schemas;

/// The options of `verso-nats tail`.
#[derive(Debug, Args)]
pub(crate) struct TailArgs {
    /// The NATS server to connect to (`nats://host:4222`).
    #[arg(long, value_name = "URL")]
    server: String,
    /// The JetStream stream to read.
    #[arg(long, value_name = "NAME")]
    stream: String,
    /// The family's schema folder (`v1.bare` … `vN.bare`).
    #[arg(long, value_name = "DIR")]
    schemas: PathBuf,
    /// The type of the messages (a type name of the schemas).
    #[arg(long = "type", value_name = "T")]
    type_name: String,
    /// Start at the stream's first message instead of the next new one.
    #[arg(long)]
    from_start: bool,
    /// Stop after this many messages.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
}

/// Prints the stream's messages to standard output until `--count` is
/// reached (or forever).
pub(crate) async fn run(args: &TailArgs) -> Result<(), String> {
    let schemas = Schemas::load(&args.schemas, &args.type_name)?;
    let client = async_nats::connect(args.server.as_str())
        .await
        .map_err(|e| format!("cannot connect to {}: {e}", args.server))?;
    let stream = jetstream::new(client)
        .get_stream(&args.stream)
        .await
        .map_err(|e| format!("cannot open stream `{}`: {e}", args.stream))?;
    // An ordered consumer: server-side state of its own, nothing acknowledged,
    // so tailing never disturbs the stream's real consumers.
    let consumer = stream
        .create_consumer(OrderedConfig {
            deliver_policy: if args.from_start {
                DeliverPolicy::All
            } else {
                DeliverPolicy::New
            },
            ..Default::default()
        })
        .await
        .map_err(|e| format!("cannot read stream `{}`: {e}", args.stream))?;
    let mut messages = consumer
        .messages()
        .await
        .map_err(|e| format!("cannot read stream `{}`: {e}", args.stream))?;
    let mut out = std::io::stdout().lock();
    let mut shown = 0;
    while args.count.is_none_or(|count| shown < count) {
        let Some(message) = messages.next().await else {
            return Ok(());
        };
        let message = message.map_err(|e| format!("cannot read stream `{}`: {e}", args.stream))?;
        writeln!(out, "{}", Value::Object(line(&schemas, &message)))
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
        shown += 1;
    }
    Ok(())
}

/// `{"seq","subject","version","value"}`, or `{"seq","subject","error"}`
/// for a message that cannot be read.
fn line(schemas: &Schemas, message: &jetstream::Message) -> Map<String, Value> {
    let mut line = Map::new();
    let sequence = message.info().map(|info| info.stream_sequence).ok();
    line.insert("seq".into(), sequence.into());
    line.insert("subject".into(), message.subject.as_str().into());
    // Any client's message shows, with the header or without it.
    let decoded = read_version(message.headers.as_ref(), &message.payload, Header::Optional)
        .map_err(|e| e.to_string())
        .and_then(|(version, bare)| Ok((version, schemas.decode(version, bare, 2)?)));
    match decoded {
        Ok((version, value)) => {
            line.insert("version".into(), version.into());
            line.insert("value".into(), value);
        }
        Err(error) => {
            line.insert("error".into(), error.into());
        }
    }
    line
}
