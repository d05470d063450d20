//! The errors of this crate: [`Error`] for everything, and [`FrameError`]
//! for a frame whose message could not be read.
//!
//! Both follow one rule, the one `verso::Error` and `std::io::Error`
//! follow: `Display` tells the whole story on one line, the cause included,
//! and [`source()`](std::error::Error::source) returns the first cause that
//! line does not already show (the cause's own source). So `{e}` alone says
//! what went wrong and why, and a reporter that walks the chain (anyhow's
//! `{:#}`, tracing's error fields) shows every part exactly once.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::ops::RangeInclusive;

/// Why a frame or a handshake failed.
///
/// `Display` includes the cause (`cannot write the message as version 1:
/// cannot convert Num from v2 to v1: …`); `source()` returns only what that
/// text leaves out (see [Errors](crate#errors)). The cause itself is the
/// variant's field.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading from or writing to the connection failed.
    Io(io::Error),

    /// A frame's length prefix is above the limit
    /// ([`VersionedCodec::max_frame_length`](crate::VersionedCodec::max_frame_length)),
    /// or an outgoing message would be. Nothing was allocated for it. An
    /// incoming over-long frame cannot be skipped safely: close the
    /// connection.
    FrameTooLong {
        /// The length the prefix announced, or the outgoing message's length.
        length: u64,
        /// The limit in force.
        max: usize,
    },

    /// The peer closed the connection in the middle of a frame.
    TruncatedFrame {
        /// How many bytes of the unfinished frame (after its length prefix,
        /// once that was complete) had arrived.
        received: usize,
    },

    /// A received frame is not a valid message: a version this build does
    /// not read, an embedded frame shorter than its version header, bytes
    /// that are not a message of that version, or an upgrade that failed.
    /// The frame has been consumed; the next frame can still be read (with
    /// `Framed`, through [`per_frame_errors`](crate::VersionedCodec::per_frame_errors),
    /// which yields it as a [`FrameError`] instead).
    Decode {
        /// The version the frame was read as (the agreed one, or the one in
        /// its header), when it has one.
        version: Option<u16>,
        /// What was wrong.
        source: verso::Error,
    },

    /// A value could not be written for the peer's version: the version is
    /// not supported, or a downgrade cannot represent the value. Nothing
    /// was written; the connection can go on.
    Encode {
        /// The version asked for.
        version: u16,
        /// Why it failed.
        source: verso::Error,
    },

    /// A codec was asked for a version its root type does not have
    /// ([`VersionedCodec::try_fixed`](crate::VersionedCodec::try_fixed)):
    /// refused when it is made, before anything is read or written.
    UnsupportedVersion {
        /// The version asked for.
        version: u16,
        /// The versions the root type has.
        supported: RangeInclusive<u16>,
    },

    /// The peer's handshake did not start with the magic bytes `VRSO`: it
    /// does not speak this protocol.
    BadMagic {
        /// The four bytes received instead.
        found: [u8; 4],
    },

    /// The peer uses a handshake format this build does not know.
    UnsupportedFormat {
        /// The format byte received.
        found: u8,
    },

    /// The peer closed the connection before the handshake message was
    /// complete.
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
    Refused {
        /// The versions the client offered.
        client: RangeInclusive<u16>,
        /// The versions the server supports.
        server: RangeInclusive<u16>,
    },

    /// The server's reply has a status other than accept (0) or refuse
    /// (1), or is a refusal whose version field is not 0.
    MalformedReply {
        /// The status byte.
        status: u8,
        /// The version field.
        version: u16,
    },

    /// The server accepted with a version that is not in both ranges.
    InvalidChoice {
        /// The version the server chose.
        version: u16,
        /// The versions the client offered.
        client: RangeInclusive<u16>,
        /// The versions the server said it supports.
        server: RangeInclusive<u16>,
    },
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::Io(error)
    }
}

impl From<FrameError> for Error {
    fn from(error: FrameError) -> Self {
        Error::Decode {
            version: error.version,
            source: error.source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(error) => write!(f, "connection I/O failed: {error}"),
            Error::FrameTooLong { length, max } => write!(
                f,
                "frame of {length} bytes is over the limit of {max} bytes; if such frames are \
                 legitimate, raise the limit with max_frame_length on both peers"
            ),
            Error::TruncatedFrame { received } => write!(
                f,
                "connection closed in the middle of a frame ({received} byte(s) of it arrived)"
            ),
            Error::Decode { version, source } => write_unreadable(f, *version, source),
            Error::Encode { version, source } => {
                write!(f, "cannot write the message as version {version}: {source}")
            }
            Error::UnsupportedVersion { version, supported } => write!(
                f,
                "cannot set up a codec for version {version}: it is outside the supported \
                 range {}; use a version in that range, such as the one the handshake agreed",
                Range(supported)
            ),
            Error::BadMagic {
                found: [a, b, c, d],
            } => write!(
                f,
                "handshake: expected the magic bytes \"VRSO\" (56 52 53 4f), received \
                 {a:02x} {b:02x} {c:02x} {d:02x}"
            ),
            Error::UnsupportedFormat { found } => write!(
                f,
                "handshake: format {found} is not supported (this build speaks format {})",
                crate::handshake::FORMAT
            ),
            Error::HandshakeTruncated {
                what,
                received,
                expected,
            } => write!(
                f,
                "handshake: connection closed after {received} of the {expected} bytes of the {what}"
            ),
            Error::Refused { client, server } => write!(
                f,
                "handshake refused: no common version (client speaks {}, server speaks {})",
                Range(client),
                Range(server)
            ),
            Error::MalformedReply { status, version } => write!(
                f,
                "handshake: malformed server reply (status {status}, version {version})"
            ),
            Error::InvalidChoice {
                version,
                client,
                server,
            } => write!(
                f,
                "handshake: the server chose version {version}, which is not in both the \
                 client's {} and its own {}",
                Range(client),
                Range(server)
            ),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        // The causes' own text is in `Display` already; see the module rule.
        match self {
            Error::Io(error) => error.source(),
            Error::Decode { source, .. } | Error::Encode { source, .. } => source.source(),
            _ => None,
        }
    }
}

/// A frame that arrived whole but whose message could not be read: the
/// item a [`PerFrameCodec`](crate::PerFrameCodec) yields for it, in place
/// of the message. The frame has been consumed and the connection is still
/// in step, so the next frame can be read.
///
/// Its causes are those of [`Error::Decode`], with the same text (`cannot
/// read the received version 1 message: …`), and `?` turns it into one.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FrameError {
    /// The version the frame was read as (the agreed one, or the one in its
    /// header), when it has one.
    pub version: Option<u16>,
    /// What was wrong.
    pub source: verso::Error,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_unreadable(f, self.version, &self.source)
    }
}

impl StdError for FrameError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.source()
    }
}

/// The text of a frame that could not be read, shared by [`FrameError`]
/// and [`Error::Decode`].
fn write_unreadable(
    f: &mut fmt::Formatter<'_>,
    version: Option<u16>,
    source: &verso::Error,
) -> fmt::Result {
    match version {
        Some(version) => write!(
            f,
            "cannot read the received version {version} message: {source}"
        ),
        None => write!(f, "cannot read the received message: {source}"),
    }
}

/// A version range as `1..=3`, as Rust writes it.
struct Range<'a>(&'a RangeInclusive<u16>);

impl fmt::Display for Range<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.0.start(), self.0.end())
    }
}
