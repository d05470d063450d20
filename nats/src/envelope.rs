//! What a verso message on NATS looks like: the embedded form as payload and
//! the version in a header, and how a reader checks that the two agree.

use async_nats::HeaderMap;

/// The header that carries the message's schema version, in decimal
/// (`Verso-Version: 3`): the same number as the payload's 2-byte prefix.
pub const VERSION_HEADER: &str = "Verso-Version";
/// On a dead letter: why the message could not be processed, for a person.
pub const ERROR_HEADER: &str = "Verso-Error";
/// On a dead letter: the kind of failure, for filters and tools (see
/// [`Unreadable::kind`]).
pub const ERROR_KIND_HEADER: &str = "Verso-Error-Kind";
/// On a dead letter: the stream the message was read from.
pub const ORIGINAL_STREAM_HEADER: &str = "Verso-Original-Stream";
/// On a dead letter: the subject the message was published to.
pub const ORIGINAL_SUBJECT_HEADER: &str = "Verso-Original-Subject";
/// On a dead letter: the message's sequence number in its original stream.
pub const ORIGINAL_SEQUENCE_HEADER: &str = "Verso-Original-Sequence";

/// Whether a reader insists on the [`VERSION_HEADER`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Header {
    /// A message without the header is unreadable (the consumer's rule:
    /// every verso producer sets it).
    Required,
    /// The embedded version alone is enough (`verso-nats tail`, which must
    /// show what any client wrote); a header that is present must still
    /// agree with it.
    Optional,
}

/// Why a message cannot be processed: it goes to the dead letters with this
/// reason.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Unreadable {
    /// The message has no [`VERSION_HEADER`].
    #[error(
        "the message has no `Verso-Version` header (a verso producer sets it to the payload's embedded version)"
    )]
    MissingHeader,
    /// The [`VERSION_HEADER`] is not a version number.
    #[error("the `Verso-Version` header is {value:?}, not a version number from 0 to 65535")]
    BadHeader {
        /// The header as received.
        value: String,
    },
    /// The [`VERSION_HEADER`] and the payload's embedded version differ.
    #[error(
        "the `Verso-Version` header says version {header} but the payload's embedded version is {embedded}"
    )]
    HeaderMismatch {
        /// The version in the header.
        header: u16,
        /// The version in the payload's 2-byte prefix.
        embedded: u16,
    },
    /// The payload is too short, of a version this build does not read, not
    /// a valid message of its version, or refused by a converter on the way
    /// to the latest types.
    #[error("{0}")]
    Message(#[source] verso::Error),
    /// The handler returned an error on every one of its attempts.
    #[error("the handler failed on all {attempts} deliveries, the last time with: {last}")]
    HandlerFailed {
        /// How many times the message was delivered.
        attempts: u64,
        /// The handler's last error, as it displays.
        last: String,
    },
}

impl Unreadable {
    /// A short name for the kind of failure, sent in [`ERROR_KIND_HEADER`]:
    /// `missing-header`, `bad-header`, `header-mismatch`, `too-short`,
    /// `unsupported-version`, `invalid-message`, `converter-refused` or
    /// `handler-failed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Unreadable::MissingHeader => "missing-header",
            Unreadable::BadHeader { .. } => "bad-header",
            Unreadable::HeaderMismatch { .. } => "header-mismatch",
            Unreadable::Message(verso::Error::HeaderTooShort { .. }) => "too-short",
            Unreadable::Message(verso::Error::UnsupportedVersion { .. }) => "unsupported-version",
            Unreadable::Message(verso::Error::Decode { .. }) => "invalid-message",
            Unreadable::Message(verso::Error::Convert { .. }) => "converter-refused",
            Unreadable::Message(_) => "invalid-message",
            Unreadable::HandlerFailed { .. } => "handler-failed",
        }
    }
}

/// The version of a message and its BARE bytes: the payload's embedded
/// version, checked against the [`VERSION_HEADER`] (which `header` says
/// whether to insist on).
pub fn read_version<'a>(
    headers: Option<&HeaderMap>,
    payload: &'a [u8],
    header: Header,
) -> Result<(u16, &'a [u8]), Unreadable> {
    let declared = declared_version(headers)?;
    if declared.is_none() && header == Header::Required {
        return Err(Unreadable::MissingHeader);
    }
    let (embedded, bare) = verso::split_embedded(payload).map_err(Unreadable::Message)?;
    match declared {
        Some(header) if header != embedded => Err(Unreadable::HeaderMismatch { header, embedded }),
        _ => Ok((embedded, bare)),
    }
}

/// The version the [`VERSION_HEADER`] declares, if it is there.
fn declared_version(headers: Option<&HeaderMap>) -> Result<Option<u16>, Unreadable> {
    let Some(value) = headers.and_then(|h| h.get(VERSION_HEADER)) else {
        return Ok(None);
    };
    let text = value.as_str();
    // Decimal digits only: `+3` or ` 3` would parse, but no producer writes them.
    match text.parse::<u16>() {
        Ok(version) if text.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(version)),
        _ => Err(Unreadable::BadHeader {
            value: text.to_owned(),
        }),
    }
}

/// Decodes a message into the family's latest types (see [`read_version`]).
pub(crate) fn decode<V: verso::Versioned>(
    headers: Option<&HeaderMap>,
    payload: &[u8],
) -> Result<(u16, V::Latest), Unreadable> {
    let (version, _) = read_version(headers, payload, Header::Required)?;
    let value = V::decode_embedded(payload).map_err(Unreadable::Message)?;
    Ok((version, value))
}

/// The headers a publisher sends with a message of `version`.
pub(crate) fn version_headers(version: u16) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(VERSION_HEADER, version.to_string().as_str());
    headers
}

/// `text` as one header value: NATS headers end at a line break, so breaks
/// become spaces.
pub(crate) fn header_value(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_version(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(VERSION_HEADER, value);
        headers
    }

    #[test]
    fn the_header_and_the_prefix_must_agree() {
        let payload = [3, 0, 9];
        assert_eq!(
            read_version(Some(&with_version("3")), &payload, Header::Required).unwrap(),
            (3, &[9][..])
        );
        let err = read_version(Some(&with_version("2")), &payload, Header::Optional).unwrap_err();
        assert!(matches!(
            err,
            Unreadable::HeaderMismatch {
                header: 2,
                embedded: 3
            }
        ));
        assert_eq!(err.kind(), "header-mismatch");
    }

    #[test]
    fn a_missing_header_is_unreadable_only_when_required() {
        let payload = [1, 0];
        assert!(matches!(
            read_version(None, &payload, Header::Required),
            Err(Unreadable::MissingHeader)
        ));
        assert_eq!(
            read_version(None, &payload, Header::Optional).unwrap(),
            (1, &[][..])
        );
    }

    #[test]
    fn a_header_that_is_not_a_number_is_named() {
        for bad in ["three", "+3", "70000", ""] {
            let err =
                read_version(Some(&with_version(bad)), &[3, 0], Header::Optional).unwrap_err();
            assert!(
                err.to_string().contains(&format!("{bad:?}")),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn a_payload_without_its_prefix_is_too_short() {
        let err = read_version(Some(&with_version("1")), &[1], Header::Required).unwrap_err();
        assert_eq!(err.kind(), "too-short");
    }

    #[test]
    fn header_values_stay_on_one_line() {
        assert_eq!(header_value("a\r\nb\nc"), "a  b c");
    }
}
