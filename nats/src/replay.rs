//! Replaying dead letters after an upgrade: a newer build processes what it
//! now understands, and what it still cannot read stays where it is.

use std::fmt::Display;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{
    self,
    consumer::{AckPolicy, DeliverPolicy, PullConsumer, pull},
};
use futures_util::StreamExt;
use verso::Versioned;

use crate::envelope::{self, Unreadable};
use crate::{Delivery, Error, ORIGINAL_SEQUENCE_HEADER, ORIGINAL_SUBJECT_HEADER};

/// How long one pull of the dead-letter stream waits for its batch.
const PULL_WAIT: Duration = Duration::from_secs(1);
/// How many dead letters one pull asks for.
const BATCH: usize = 100;

/// A dead letter that is still not processed.
#[derive(Debug)]
pub struct DeadLetter {
    /// Its sequence number in the dead-letter stream.
    pub sequence: u64,
    /// The subject the original was published to.
    pub subject: String,
    /// Why it still cannot be processed.
    pub reason: Unreadable,
}

/// What a replay of the dead letters did.
#[derive(Debug, Default)]
pub struct Replay {
    /// Dead letters the handler processed; they were deleted from the
    /// dead-letter stream.
    pub processed: u64,
    /// Dead letters that are still unreadable (or whose handler failed);
    /// they stay in the stream for a later build.
    pub left: Vec<DeadLetter>,
}

/// Reads every message of the dead-letter stream `stream` (as stored by
/// [`Consumer`](crate::Consumer)), hands what this build can now decode to
/// `handler` as the original message (its subject and sequence from the
/// dead letter's headers), and deletes each dead letter the handler
/// processed. The others stay, and the result says why.
pub async fn replay_dead_letters<V: Versioned, E: Display>(
    jetstream: &jetstream::Context,
    stream: &str,
    mut handler: impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
) -> Result<Replay, Error> {
    let action = |what: &str| format!("{what} of the dead-letter stream `{stream}`");
    let dead_letters = jetstream
        .get_stream(stream)
        .await
        .map_err(|e| Error::nats(action("find"), e))?;
    // A consumer of its own that acknowledges nothing: the stream is left as
    // it was but for the dead letters deleted once processed.
    let mut reader: PullConsumer = dead_letters
        .create_consumer(pull::Config {
            deliver_policy: DeliverPolicy::All,
            ack_policy: AckPolicy::None,
            inactive_threshold: Duration::from_secs(60),
            ..Default::default()
        })
        .await
        .map_err(|e| Error::nats(action("create a reader"), e))?;
    let mut pending = reader
        .info()
        .await
        .map_err(|e| Error::nats(action("read the size"), e))?
        .num_pending;
    let mut replay = Replay::default();
    while pending > 0 {
        let mut batch = reader
            .batch()
            .max_messages(BATCH)
            .expires(PULL_WAIT)
            .messages()
            .await
            .map_err(|e| Error::nats(action("read"), e))?;
        let mut pulled = 0;
        while let Some(message) = batch.next().await {
            let message = message.map_err(|e| Error::nats(action("read"), e))?;
            let info = message
                .info()
                .map_err(|e| Error::nats(action("read the metadata"), e))?;
            let sequence = info.stream_sequence;
            pending = info.pending;
            pulled += 1;
            match replay_one::<V, E>(&message, sequence, &mut handler).await {
                Ok(()) => {
                    dead_letters
                        .delete_message(sequence)
                        .await
                        .map_err(|e| Error::nats(action("delete a replayed message"), e))?;
                    replay.processed += 1;
                }
                Err(reason) => replay.left.push(DeadLetter {
                    sequence,
                    subject: original_subject(&message),
                    reason,
                }),
            }
        }
        if pulled == 0 {
            // Pending messages that do not come were deleted meanwhile.
            break;
        }
    }
    Ok(replay)
}

/// Decodes one dead letter and runs the handler on it.
async fn replay_one<V: Versioned, E: Display>(
    message: &jetstream::Message,
    sequence: u64,
    handler: &mut impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
) -> Result<(), Unreadable> {
    let (version, value) = envelope::decode::<V>(message.headers.as_ref(), &message.payload)?;
    let delivery = Delivery {
        value,
        version,
        subject: original_subject(message),
        sequence: original_sequence(message.headers.as_ref()).unwrap_or(sequence),
    };
    handler(delivery)
        .await
        .map_err(|e| Unreadable::HandlerFailed {
            attempts: 1,
            last: e.to_string(),
        })
}

/// The subject the original was published to (the dead letter's own when
/// the header is missing).
fn original_subject(message: &jetstream::Message) -> String {
    message
        .headers
        .as_ref()
        .and_then(|h| h.get(ORIGINAL_SUBJECT_HEADER))
        .map_or_else(|| message.subject.to_string(), |v| v.as_str().to_owned())
}

fn original_sequence(headers: Option<&HeaderMap>) -> Option<u64> {
    headers?
        .get(ORIGINAL_SEQUENCE_HEADER)?
        .as_str()
        .parse()
        .ok()
}
