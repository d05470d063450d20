//! The text of errors: `Display` includes the cause, and a reporter that
//! walks `source()` shows every part once.

use std::error::Error as StdError;
use std::fmt;

use bytes::BytesMut;

use super::{Num, decode_all, encode};
use crate::{Error, FrameError, VersionedCodec};

/// What a chain-walking reporter (anyhow's `{:#}`) prints.
fn whole_chain(error: &dyn StdError) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        text = format!("{text}: {next}");
        cause = next.source();
    }
    text
}

#[test]
fn an_encode_error_says_why_and_the_chain_says_it_once() {
    let err = encode(&mut VersionedCodec::<Num>::fixed(1), 300).unwrap_err();
    let expected = "cannot write the message as version 1: \
                    cannot convert Num from v2 to v1: version 1 holds numbers up to 255";
    assert_eq!(err.to_string(), expected);
    assert_eq!(whole_chain(&err), expected);
}

#[test]
fn a_decode_error_says_why_and_the_chain_says_it_once() {
    let mut results = decode_all(&mut VersionedCodec::<Num>::fixed(1), &[0, 0, 0, 2, 7, 7]);
    let err = results.pop().unwrap().unwrap_err();
    let expected = "cannot read the received version 1 message: \
                    invalid version 1 message: 1 trailing byte after the message at byte 1";
    assert_eq!(err.to_string(), expected);
    assert_eq!(whole_chain(&err), expected);
}

#[test]
fn a_frame_error_reads_as_the_decode_error_it_converts_into() {
    let frame_error = VersionedCodec::<Num>::embedded()
        .read_message(BytesMut::from(&[9, 0, 1][..]))
        .unwrap_err();
    assert_eq!(frame_error.version, Some(9));
    let expected = "cannot read the received version 9 message: \
                    unsupported version 9: this build reads and writes versions 1 to 2";
    assert_eq!(frame_error.to_string(), expected);
    assert_eq!(whole_chain(&frame_error), expected);

    let err = Error::from(frame_error.clone());
    assert!(
        matches!(&err, Error::Decode { version: Some(9), source } if *source == frame_error.source),
        "{err:?}"
    );
    assert_eq!(err.to_string(), expected);
    // No version: the frame is shorter than its header.
    let headless: FrameError = VersionedCodec::<Num>::embedded()
        .read_message(BytesMut::from(&[1][..]))
        .unwrap_err();
    assert_eq!(
        headless.to_string(),
        "cannot read the received message: \
         message of 1 byte is too short for its 2-byte version header"
    );
}

/// An I/O failure whose inner error has a cause of its own.
#[derive(Debug)]
struct Tls(CertificateExpired);

#[derive(Debug)]
struct CertificateExpired;

impl fmt::Display for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TLS session failed")
    }
}

impl StdError for Tls {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.0)
    }
}

impl fmt::Display for CertificateExpired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the certificate has expired")
    }
}

impl StdError for CertificateExpired {}

#[test]
fn an_io_error_shows_its_text_and_leaves_only_deeper_causes_to_source() {
    let err = Error::from(std::io::Error::other(Tls(CertificateExpired)));
    assert_eq!(err.to_string(), "connection I/O failed: TLS session failed");
    // `source()` goes on where the text stops.
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("the certificate has expired")
    );
    assert_eq!(
        whole_chain(&err),
        "connection I/O failed: TLS session failed: the certificate has expired"
    );
}

#[test]
fn errors_without_a_cause_have_no_source() {
    let errors = [
        Error::FrameTooLong { length: 9, max: 8 },
        Error::TruncatedFrame { received: 1 },
        Error::UnsupportedVersion {
            version: 9,
            supported: 1..=3,
        },
        Error::Refused {
            client: 1..=2,
            server: 3..=4,
        },
    ];
    for err in errors {
        assert!(err.source().is_none(), "{err}");
    }
}

#[test]
fn an_over_long_frame_names_the_setting_that_raises_the_limit() {
    let err = encode(&mut VersionedCodec::<Num>::fixed(2).max_frame_length(3), 1).unwrap_err();
    assert!(
        matches!(err, Error::FrameTooLong { length: 4, max: 3 }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "frame of 4 bytes is over the limit of 3 bytes; \
         if such frames are legitimate, raise the limit with max_frame_length on both peers"
    );
}

#[test]
fn try_fixed_refuses_at_construction_without_talking_of_writing() {
    let err = VersionedCodec::<Num>::try_fixed(9).unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "cannot set up a codec for version 9: it is outside the supported range 1..=2; \
         use a version in that range, such as the one the handshake agreed"
    );
    assert!(!text.contains("write"), "{text}");
}
