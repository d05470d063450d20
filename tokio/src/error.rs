//! The one error type of this crate.

use std::io;
use std::ops::RangeInclusive;

/// Why a frame or a handshake failed.
///
/// `Display` says what happened in this crate's terms and leaves the cause
/// to [`source()`](std::error::Error::source): an error reporter that walks
/// the chain (anyhow's `{:#}`, tracing's error fields) shows each part once.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading from or writing to the connection failed.
    #[error("connection I/O failed")]
    Io(#[from] io::Error),

    /// A frame's length prefix is above the limit
    /// ([`VersionedCodec::max_frame_length`](crate::VersionedCodec::max_frame_length)),
    /// or an outgoing message would be. Nothing was allocated for it. An
    /// incoming over-long frame cannot be skipped safely: close the
    /// connection.
    #[error("frame of {length} bytes is over the limit of {max} bytes")]
    FrameTooLong {
        /// The length the prefix announced, or the outgoing message's length.
        length: u64,
        /// The limit in force.
        max: usize,
    },

    /// The peer closed the connection in the middle of a frame.
    #[error("connection closed in the middle of a frame ({received} byte(s) of it arrived)")]
    TruncatedFrame {
        /// How many bytes of the unfinished frame (after its length prefix,
        /// once that was complete) had arrived.
        received: usize,
    },

    /// A received frame is not a valid message: a version this build does
    /// not read, an embedded frame shorter than its version header, bytes
    /// that are not a message of that version, or an upgrade that failed.
    /// The frame has been consumed; the next frame can still be read.
    #[error("{}", match .version {
        Some(version) => format!("cannot read the received version {version} message"),
        None => "cannot read the received message".to_owned(),
    })]
    Decode {
        /// The version the frame was read as (the agreed one, or the one in
        /// its header), when it has one.
        version: Option<u16>,
        /// What was wrong.
        #[source]
        source: verso::Error,
    },

    /// A value could not be written for the peer's version: the version is
    /// not supported, or a downgrade cannot represent the value. Nothing
    /// was written; the connection can go on.
    #[error("cannot write the message as version {version}")]
    Encode {
        /// The version asked for.
        version: u16,
        /// Why it failed.
        #[source]
        source: verso::Error,
    },

    /// The peer's handshake did not start with the magic bytes `VRSO`: it
    /// does not speak this protocol.
    #[error(
        "handshake: expected the magic bytes \"VRSO\" (56 52 53 4f), received {:02x} {:02x} {:02x} {:02x}",
        .found[0], .found[1], .found[2], .found[3]
    )]
    BadMagic {
        /// The four bytes received instead.
        found: [u8; 4],
    },

    /// The peer uses a handshake format this build does not know.
    #[error(
        "handshake: format {found} is not supported (this build speaks format {})",
        crate::handshake::FORMAT
    )]
    UnsupportedFormat {
        /// The format byte received.
        found: u8,
    },

    /// The peer closed the connection before the handshake message was
    /// complete.
    #[error("handshake: connection closed after {received} of the {expected} bytes of the {what}")]
    HandshakeTruncated {
        /// `"client hello"` or `"server reply"`.
        what: &'static str,
        /// Bytes received.
        received: usize,
        /// Bytes the message has.
        expected: usize,
    },

    /// The two sides have no version in common; both sides get this error,
    /// with both ranges.
    #[error(
        "handshake refused: no common version (client speaks {}..={}, server speaks {}..={})",
        .client.start(), .client.end(), .server.start(), .server.end()
    )]
    Refused {
        /// The versions the client offered.
        client: RangeInclusive<u16>,
        /// The versions the server supports.
        server: RangeInclusive<u16>,
    },

    /// The server's reply has a status other than accept (0) or refuse
    /// (1), or is a refusal whose version field is not 0.
    #[error("handshake: malformed server reply (status {status}, version {version})")]
    MalformedReply {
        /// The status byte.
        status: u8,
        /// The version field.
        version: u16,
    },

    /// The server accepted with a version that is not in both ranges.
    #[error(
        "handshake: the server chose version {version}, which is not in both the client's {}..={} and its own {}..={}",
        .client.start(), .client.end(), .server.start(), .server.end()
    )]
    InvalidChoice {
        /// The version the server chose.
        version: u16,
        /// The versions the client offered.
        client: RangeInclusive<u16>,
        /// The versions the server said it supports.
        server: RangeInclusive<u16>,
    },
}
