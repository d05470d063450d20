//! The errors of talking to JetStream (what cannot be read is not an error
//! of the adapter but an [`Unreadable`](crate::Unreadable) message, which
//! goes to the dead letters).

/// A failure to talk to JetStream, or a value that cannot be published.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The value cannot be encoded at the publisher's version (a converter
    /// refused it, or the version is outside the family's range).
    #[error("cannot encode the message: {0}")]
    Encode(#[source] verso::Error),
    /// A JetStream request failed; `action` says which.
    #[error("JetStream: cannot {action}: {source}")]
    Nats {
        /// What was being done ("publish to `orders.created`").
        action: String,
        /// The client's error.
        #[source]
        source: async_nats::Error,
    },
}

impl Error {
    /// Wraps a client error with what was being done.
    pub(crate) fn nats(action: impl Into<String>, source: impl Into<async_nats::Error>) -> Self {
        Error::Nats {
            action: action.into(),
            source: source.into(),
        }
    }
}
