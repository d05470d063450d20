//! Publishing the latest types at a chosen version.

use std::marker::PhantomData;

use async_nats::jetstream::{self, message::PublishMessage, publish::PublishAck};
use verso::Versioned;

use crate::{Error, envelope};

/// Publishes values of a family's latest types into JetStream, encoded at
/// one version: the latest by default, or an older one while consumers of
/// an older release still read the stream.
///
/// Each message's payload is the embedded form (2-byte little-endian
/// version, then BARE) and its [`VERSION_HEADER`](crate::VERSION_HEADER)
/// says the same version. Publishing waits for JetStream's acknowledgement,
/// so a returned `Ok` means the stream stored the message.
pub struct Publisher<V> {
    jetstream: jetstream::Context,
    version: u16,
    family: PhantomData<fn() -> V>,
}

impl<V: Versioned> Publisher<V> {
    /// A publisher writing the family's latest version.
    pub fn new(jetstream: jetstream::Context) -> Self {
        Publisher {
            jetstream,
            version: V::LATEST,
            family: PhantomData,
        }
    }

    /// Writes `version` instead (the values are downgraded through the
    /// family's converters); a version outside the family's range is an
    /// error naming the range.
    pub fn at_version(mut self, version: u16) -> Result<Self, Error> {
        if !(V::OLDEST..=V::LATEST).contains(&version) {
            return Err(Error::Encode(verso::Error::UnsupportedVersion {
                version,
                oldest: V::OLDEST,
                latest: V::LATEST,
            }));
        }
        self.version = version;
        Ok(self)
    }

    /// The version this publisher writes.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// Publishes `value` to `subject` and waits until the stream stored it.
    pub async fn publish(&self, subject: &str, value: V::Latest) -> Result<PublishAck, Error> {
        self.send(subject, self.message(value)?).await
    }

    /// Publishes `value` with the message id `id` (`Nats-Msg-Id`): within
    /// the stream's duplicate window JetStream stores one message per id,
    /// so a publish retried after a lost acknowledgement is stored once
    /// (the second acknowledgement says `duplicate`).
    pub async fn publish_with_id(
        &self,
        subject: &str,
        id: &str,
        value: V::Latest,
    ) -> Result<PublishAck, Error> {
        self.send(subject, self.message(value)?.message_id(id))
            .await
    }

    /// The message for `value`: payload and version header.
    fn message(&self, value: V::Latest) -> Result<PublishMessage, Error> {
        let payload = V::encode_embedded(value, self.version).map_err(Error::Encode)?;
        Ok(PublishMessage::build()
            .payload(payload.into())
            .headers(envelope::version_headers(self.version)))
    }

    async fn send(&self, subject: &str, message: PublishMessage) -> Result<PublishAck, Error> {
        let action = || format!("publish to `{subject}`");
        self.jetstream
            .send_publish(subject.to_owned(), message)
            .await
            .map_err(|e| Error::nats(action(), e))?
            .await
            .map_err(|e| Error::nats(action(), e))
    }
}
