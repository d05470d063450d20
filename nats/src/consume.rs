//! The consumer adapter: decode any supported version, hand the latest
//! types to the handler, acknowledge after it succeeded, dead-letter what
//! cannot be read.

use std::fmt::Display;
use std::marker::PhantomData;
use std::time::Duration;

use async_nats::jetstream::{self, AckKind, consumer::PullConsumer};
use futures_util::StreamExt;
use verso::Versioned;

use crate::envelope::{self, Unreadable};
use crate::{
    ERROR_HEADER, ERROR_KIND_HEADER, Error, ORIGINAL_SEQUENCE_HEADER, ORIGINAL_STREAM_HEADER,
    ORIGINAL_SUBJECT_HEADER,
};

/// How many deliveries a message whose handler keeps failing gets before
/// it is dead-lettered.
const DEFAULT_MAX_DELIVERIES: u64 = 5;
/// How many messages one pull asks for.
const DEFAULT_BATCH: usize = 100;

/// One message, decoded into the family's latest types.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery<T> {
    /// The message as the latest types.
    pub value: T,
    /// The version that wrote it.
    pub version: u16,
    /// The subject it was published to.
    pub subject: String,
    /// Its sequence number in the stream it was published to.
    pub sequence: u64,
}

/// What became of one message.
#[derive(Debug)]
pub enum Outcome {
    /// The handler returned `Ok` and the message was acknowledged.
    Processed,
    /// The message went to the dead-letter subject, and the original was
    /// acknowledged.
    DeadLettered(Unreadable),
    /// The handler failed; the message was handed back for redelivery
    /// (until it has had its maximum number of deliveries).
    Retried,
}

/// Counts of what a run of the consumer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Messages the handler processed.
    pub processed: u64,
    /// Messages sent to the dead-letter subject.
    pub dead_lettered: u64,
    /// Handler failures handed back for redelivery.
    pub retried: u64,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Processed => self.processed += 1,
            Outcome::DeadLettered(_) => self.dead_lettered += 1,
            Outcome::Retried => self.retried += 1,
        }
    }

    /// Every message this run finished with: processed or dead-lettered.
    pub fn finished(&self) -> u64 {
        self.processed + self.dead_lettered
    }
}

/// A JetStream pull consumer that delivers a family's latest types.
///
/// The dead-letter subject must be captured by a stream (its own, so that
/// replaying it does not mix with the live messages); until a dead letter
/// is stored, the original is not acknowledged, so nothing is lost when
/// that stream is missing — the adapter returns the error instead.
pub struct Consumer<V> {
    jetstream: jetstream::Context,
    consumer: PullConsumer,
    dead_letter_subject: String,
    max_deliveries: u64,
    batch: usize,
    family: PhantomData<fn() -> V>,
}

impl<V: Versioned> Consumer<V> {
    /// Reads `consumer` (a pull consumer with explicit acknowledgements)
    /// and sends what cannot be read to `dead_letter_subject`.
    pub fn new(
        jetstream: jetstream::Context,
        consumer: PullConsumer,
        dead_letter_subject: impl Into<String>,
    ) -> Self {
        Consumer {
            jetstream,
            consumer,
            dead_letter_subject: dead_letter_subject.into(),
            max_deliveries: DEFAULT_MAX_DELIVERIES,
            batch: DEFAULT_BATCH,
            family: PhantomData,
        }
    }

    /// How many deliveries a message gets while the handler fails on it
    /// (default 5, at least 1) before it is dead-lettered with the
    /// handler's last error.
    #[must_use]
    pub fn max_deliveries(mut self, deliveries: u64) -> Self {
        self.max_deliveries = deliveries.max(1);
        self
    }

    /// How many messages one pull asks the server for (default 100).
    #[must_use]
    pub fn batch(mut self, messages: usize) -> Self {
        self.batch = messages.max(1);
        self
    }

    /// Handles the messages that arrive until none has arrived for `idle`,
    /// and says what became of them.
    pub async fn drain<E: Display>(
        &self,
        mut handler: impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
        idle: Duration,
    ) -> Result<Tally, Error> {
        let mut tally = Tally::default();
        loop {
            let pulled = self.pull(&mut handler, idle, &mut tally).await?;
            if pulled == 0 {
                return Ok(tally);
            }
        }
    }

    /// Handles messages as they arrive, until an error talking to JetStream.
    pub async fn run<E: Display>(
        &self,
        mut handler: impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
    ) -> Result<std::convert::Infallible, Error> {
        let mut messages = self
            .consumer
            .messages()
            .await
            .map_err(|e| Error::nats("pull messages", e))?;
        loop {
            let message = match messages.next().await {
                Some(message) => message.map_err(|e| Error::nats("pull messages", e))?,
                None => return Err(Error::nats("pull messages", "the subscription ended")),
            };
            self.handle(message, &mut handler).await?;
        }
    }

    /// Handles one pull of at most a batch of messages, waiting up to
    /// `wait` for them; returns how many arrived.
    async fn pull<E: Display>(
        &self,
        handler: &mut impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
        wait: Duration,
        tally: &mut Tally,
    ) -> Result<usize, Error> {
        let mut batch = self
            .consumer
            .batch()
            .max_messages(self.batch)
            .expires(wait)
            .messages()
            .await
            .map_err(|e| Error::nats("pull messages", e))?;
        let mut pulled = 0;
        while let Some(message) = batch.next().await {
            let message = message.map_err(|e| Error::nats("pull messages", e))?;
            tally.add(&self.handle(message, handler).await?);
            pulled += 1;
        }
        Ok(pulled)
    }

    /// Decodes one message, runs the handler on it and acknowledges, hands
    /// back or dead-letters it.
    async fn handle<E: Display>(
        &self,
        message: jetstream::Message,
        handler: &mut impl AsyncFnMut(Delivery<V::Latest>) -> Result<(), E>,
    ) -> Result<Outcome, Error> {
        let origin = Origin::of(&message)?;
        let (version, value) =
            match envelope::decode::<V>(message.headers.as_ref(), &message.payload) {
                Ok(decoded) => decoded,
                Err(why) => return self.dead_letter(&message, &origin, why).await,
            };
        let delivery = Delivery {
            value,
            version,
            subject: message.subject.to_string(),
            sequence: origin.sequence,
        };
        match handler(delivery).await {
            Ok(()) => {
                acknowledge(&message, AckKind::Ack).await?;
                Ok(Outcome::Processed)
            }
            Err(e) if origin.delivered >= self.max_deliveries => {
                let why = Unreadable::HandlerFailed {
                    attempts: origin.delivered,
                    last: e.to_string(),
                };
                self.dead_letter(&message, &origin, why).await
            }
            Err(_) => {
                acknowledge(&message, AckKind::Nak(None)).await?;
                Ok(Outcome::Retried)
            }
        }
    }

    /// Stores `message` under the dead-letter subject with the reason, then
    /// acknowledges the original.
    async fn dead_letter(
        &self,
        message: &jetstream::Message,
        origin: &Origin,
        why: Unreadable,
    ) -> Result<Outcome, Error> {
        // The original headers stay (the version header among them), so the
        // dead letter can be read as the message was.
        let mut headers = message.headers.clone().unwrap_or_default();
        headers.insert(
            ERROR_HEADER,
            envelope::header_value(&why.to_string()).as_str(),
        );
        headers.insert(ERROR_KIND_HEADER, why.kind());
        headers.insert(ORIGINAL_STREAM_HEADER, origin.stream.as_str());
        headers.insert(ORIGINAL_SUBJECT_HEADER, message.subject.as_str());
        headers.insert(
            ORIGINAL_SEQUENCE_HEADER,
            origin.sequence.to_string().as_str(),
        );
        // If the acknowledgement below is lost, the message comes back and is
        // dead-lettered again: this id makes the dead-letter stream keep one.
        let id = format!("{}.{}", origin.stream, origin.sequence);
        headers.insert(async_nats::header::NATS_MESSAGE_ID, id.as_str());
        let action = || format!("dead-letter to `{}`", self.dead_letter_subject);
        self.jetstream
            .publish_with_headers(
                self.dead_letter_subject.clone(),
                headers,
                message.payload.clone(),
            )
            .await
            .map_err(|e| Error::nats(action(), e))?
            .await
            .map_err(|e| Error::nats(action(), e))?;
        acknowledge(message, AckKind::Ack).await?;
        Ok(Outcome::DeadLettered(why))
    }
}

/// Acknowledges (or hands back) a message and waits for the server to
/// confirm, so that an acknowledged message is not delivered again.
async fn acknowledge(message: &jetstream::Message, kind: AckKind) -> Result<(), Error> {
    message
        .double_ack_with(kind)
        .await
        .map_err(|e| Error::nats("acknowledge a message", e))
}

/// Where a message came from, read from its JetStream metadata.
struct Origin {
    stream: String,
    sequence: u64,
    delivered: u64,
}

impl Origin {
    fn of(message: &jetstream::Message) -> Result<Self, Error> {
        let info = message
            .info()
            .map_err(|e| Error::nats("read a message's JetStream metadata", e))?;
        Ok(Origin {
            stream: info.stream.to_owned(),
            sequence: info.stream_sequence,
            delivered: u64::try_from(info.delivered).unwrap_or(0),
        })
    }
}
