//! Versioned verso messages on [NATS JetStream](https://docs.nats.io/nats-concepts/jetstream).
//!
//! Producers of several releases publish into one stream; consumers read it
//! hours or days later, after either side was upgraded. Every message
//! carries its schema version twice: in the payload, as verso's embedded
//! form (a 2-byte little-endian version, then the BARE message of that
//! version), and in a [`VERSION_HEADER`] header, so that tools and filters
//! can see the version without decoding.
//!
//! - [`Publisher`] encodes the latest types at a chosen version and waits
//!   for JetStream's acknowledgement (with an optional `Nats-Msg-Id` for
//!   JetStream's de-duplication).
//! - [`Consumer`] wraps a JetStream pull consumer: it decodes any version the
//!   build supports into the latest types through the family's converter
//!   chain, acknowledges a message only once the handler returned `Ok`, and
//!   sends what it cannot read to a dead-letter subject with headers saying
//!   why ([`ERROR_HEADER`] and the original stream, subject and sequence),
//!   then acknowledges the original: nothing is dropped, nothing is retried
//!   forever.
//! - [`replay_dead_letters`] lets a newer build process, after an upgrade,
//!   the dead letters it now understands.
//!
//! The `verso-nats tail` binary (feature `tail`, on by default) prints any
//! stream as JSON lines from the schema folder alone.

mod consume;
mod envelope;
mod error;
mod publish;
mod replay;

pub use consume::{Consumer, Delivery, Outcome, Tally};
pub use envelope::{
    ERROR_HEADER, ERROR_KIND_HEADER, Header, ORIGINAL_SEQUENCE_HEADER, ORIGINAL_STREAM_HEADER,
    ORIGINAL_SUBJECT_HEADER, Unreadable, VERSION_HEADER, read_version,
};
pub use error::Error;
pub use publish::Publisher;
pub use replay::{DeadLetter, Replay, replay_dead_letters};
