//! Unit tests of the codec and the handshake, over hand-written
//! `Versioned` roots (so the crate needs no build script).

use std::future::Future;
use std::time::Duration;

use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, duplex};
use tokio_util::codec::{Decoder, Encoder, Framed};
use verso::{ConvertError, Versioned};

use crate::handshake::{self, HELLO_LEN, REPLY_LEN};
use crate::{DEFAULT_MAX_FRAME_LENGTH, DuplexCodec, Error, VersionedCodec};

mod errors;
mod per_frame;

/// A number: version 1 carries a `u8`, version 2 a `u32`.
struct Num;

impl Versioned for Num {
    type Latest = u32;
    const OLDEST: u16 = 1;
    const LATEST: u16 = 2;

    fn decode_with(bytes: &[u8], version: u16, limits: verso::Limits) -> Result<u32, verso::Error> {
        Self::check_version(version)?;
        let decoded = if version == 1 {
            verso::from_slice_with::<u8>(bytes, limits).map(u32::from)
        } else {
            verso::from_slice_with::<u32>(bytes, limits)
        };
        decoded.map_err(|source| verso::Error::Decode { version, source })
    }

    fn encode(latest: u32, version: u16) -> Result<Vec<u8>, verso::Error> {
        Self::check_version(version)?;
        if version == 2 {
            return Ok(verso::to_vec(&latest));
        }
        let small = u8::try_from(latest).map_err(|_| verso::Error::Convert {
            type_name: "Num",
            from: 2,
            to: 1,
            source: ConvertError::new("version 1 holds numbers up to 255"),
        })?;
        Ok(verso::to_vec(&small))
    }
}

/// A text that exists only from version 2 on.
struct Text;

impl Versioned for Text {
    type Latest = String;
    const OLDEST: u16 = 2;
    const LATEST: u16 = 2;

    fn decode_with(
        bytes: &[u8],
        version: u16,
        limits: verso::Limits,
    ) -> Result<String, verso::Error> {
        Self::check_version(version)?;
        verso::from_slice_with(bytes, limits)
            .map_err(|source| verso::Error::Decode { version, source })
    }

    fn encode(latest: String, version: u16) -> Result<Vec<u8>, verso::Error> {
        Self::check_version(version)?;
        Ok(verso::to_vec(&latest))
    }
}

/// A blob that decodes from a shared buffer as a slice of it, as the
/// wrappers of families generated with `Config::bytes(true)` do.
struct Blob;

impl Versioned for Blob {
    type Latest = bytes::Bytes;
    const OLDEST: u16 = 1;
    const LATEST: u16 = 1;

    fn decode_with(
        bytes: &[u8],
        version: u16,
        limits: verso::Limits,
    ) -> Result<bytes::Bytes, verso::Error> {
        Self::decode_bytes_with(bytes::Bytes::copy_from_slice(bytes), version, limits)
    }

    fn decode_bytes_with(
        bytes: bytes::Bytes,
        version: u16,
        limits: verso::Limits,
    ) -> Result<bytes::Bytes, verso::Error> {
        Self::check_version(version)?;
        verso::from_bytes_with(bytes, limits)
            .map_err(|source| verso::Error::Decode { version, source })
    }

    fn encode(latest: bytes::Bytes, version: u16) -> Result<Vec<u8>, verso::Error> {
        Self::check_version(version)?;
        Ok(verso::to_vec(&latest))
    }
}

#[test]
fn frames_decode_as_slices_of_the_read_buffer() {
    for mut codec in [VersionedCodec::<Blob>::embedded(), VersionedCodec::fixed(1)] {
        let mut src = BytesMut::new();
        codec
            .encode(bytes::Bytes::from_static(b"payload"), &mut src)
            .unwrap();
        let buffer = src.as_ptr_range();
        let (start, end) = (buffer.start as usize, buffer.end as usize);
        let blob = codec.decode(&mut src).unwrap().unwrap();
        assert_eq!(blob, &b"payload"[..]);
        let at = blob.as_ptr() as usize;
        assert!((start..end).contains(&at) && at + blob.len() <= end);
    }
    // The per-frame codec reads through the same path.
    let mut codec = VersionedCodec::<Blob>::embedded().per_frame_errors();
    let mut src = BytesMut::from(&[0, 0, 0, 4, 1, 0, 1, 7][..]);
    let start = src.as_ptr() as usize;
    let blob = codec.decode(&mut src).unwrap().unwrap().unwrap();
    assert_eq!(blob.as_ptr() as usize, start + 7);
}

/// Fails the test instead of hanging when a future never finishes.
async fn within<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(5), future)
        .await
        .expect("timed out")
}

fn decode_all(codec: &mut VersionedCodec<Num>, bytes: &[u8]) -> Vec<Result<u32, Error>> {
    let mut src = BytesMut::from(bytes);
    let mut out = Vec::new();
    loop {
        match codec.decode(&mut src) {
            Ok(Some(n)) => out.push(Ok(n)),
            Ok(None) => return out,
            Err(e @ Error::FrameTooLong { .. }) => {
                out.push(Err(e));
                return out;
            }
            Err(e) => out.push(Err(e)),
        }
    }
}

fn encode(codec: &mut VersionedCodec<Num>, n: u32) -> Result<Vec<u8>, Error> {
    let mut dst = BytesMut::new();
    codec.encode(n, &mut dst)?;
    Ok(dst.to_vec())
}

// ---- codec, embedded mode

#[test]
fn embedded_reads_every_version_and_writes_the_latest() {
    let mut codec = VersionedCodec::<Num>::embedded();
    // length 6: version 2 (2 bytes) and a u32 (4 bytes).
    assert_eq!(
        encode(&mut codec, 7).unwrap(),
        [0, 0, 0, 6, 2, 0, 7, 0, 0, 0]
    );
    let frames = [
        &[0, 0, 0, 3, 1, 0, 9][..],          // v1: a u8
        &[0, 0, 0, 6, 2, 0, 1, 1, 0, 0][..], // v2: a u32
    ]
    .concat();
    let decoded: Vec<u32> = decode_all(&mut codec, &frames)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(decoded, [9, 257]);
    assert_eq!(codec.read_version(), None);
    assert_eq!(codec.written_version(), 2);
}

#[test]
fn embedded_write_version_writes_for_an_old_peer() {
    let mut codec = VersionedCodec::<Num>::embedded().write_version(1);
    assert_eq!(encode(&mut codec, 7).unwrap(), [0, 0, 0, 3, 1, 0, 7]);
}

#[test]
fn a_header_too_short_is_an_error_for_that_frame_only() {
    let mut codec = VersionedCodec::<Num>::embedded();
    // A 1-byte frame, an empty frame, then a good one.
    let results = decode_all(
        &mut codec,
        &[0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 5],
    );
    assert_eq!(results.len(), 3, "{results:?}");
    for (result, len) in results[..2].iter().zip([1, 0]) {
        match result {
            Err(Error::Decode {
                version: None,
                source: verso::Error::HeaderTooShort { len: got },
            }) => assert_eq!(*got, len),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(results[2].as_ref().unwrap(), &5);
}

#[test]
fn an_unsupported_version_is_an_error_naming_the_range() {
    let mut codec = VersionedCodec::<Num>::embedded();
    let results = decode_all(&mut codec, &[0, 0, 0, 3, 9, 0, 1, 0, 0, 0, 3, 1, 0, 4]);
    match &results[0] {
        Err(
            err @ Error::Decode {
                version: Some(9),
                source:
                    verso::Error::UnsupportedVersion {
                        version: 9,
                        oldest: 1,
                        latest: 2,
                    },
            },
        ) => assert_eq!(
            err.to_string(),
            "cannot read the received version 9 message: \
             unsupported version 9: this build reads and writes versions 1 to 2"
        ),
        other => panic!("{other:?}"),
    }
    // Positioned after the bad frame.
    assert_eq!(results[1].as_ref().unwrap(), &4);
}

// ---- codec, fixed mode

#[test]
fn fixed_frames_are_plain_bare_of_the_agreed_version() {
    let mut v1 = VersionedCodec::<Num>::fixed(1);
    assert_eq!(encode(&mut v1, 200).unwrap(), [0, 0, 0, 1, 200]);
    assert_eq!(
        decode_all(&mut v1, &[0, 0, 0, 1, 200])
            .pop()
            .unwrap()
            .unwrap(),
        200
    );
    assert_eq!(v1.read_version(), Some(1));

    let mut v2 = VersionedCodec::<Num>::fixed(2);
    assert_eq!(encode(&mut v2, 1).unwrap(), [0, 0, 0, 4, 1, 0, 0, 0]);
    // A v1-sized payload is not a v2 message; the next frame still reads.
    let results = decode_all(&mut v2, &[0, 0, 0, 1, 7, 0, 0, 0, 4, 2, 0, 0, 0]);
    assert!(
        matches!(
            &results[0],
            Err(Error::Decode {
                version: Some(2),
                source: verso::Error::Decode { version: 2, .. }
            })
        ),
        "{results:?}"
    );
    assert_eq!(results[1].as_ref().unwrap(), &2);
}

#[test]
fn trailing_bytes_in_a_frame_are_an_error() {
    let mut v1 = VersionedCodec::<Num>::fixed(1);
    let results = decode_all(&mut v1, &[0, 0, 0, 2, 7, 7]);
    assert!(
        matches!(
            &results[..],
            [Err(Error::Decode {
                version: Some(1),
                ..
            })]
        ),
        "{results:?}"
    );
}

#[test]
fn a_fixed_unsupported_version_fails_at_construction_or_first_use() {
    // Refused as what it is (the text is in `errors`).
    assert!(matches!(
        VersionedCodec::<Num>::try_fixed(3),
        Err(Error::UnsupportedVersion { version: 3, supported }) if supported == (1..=2)
    ));
    assert_eq!(
        VersionedCodec::<Num>::try_fixed(1).unwrap().read_version(),
        Some(1)
    );

    let mut v3 = VersionedCodec::<Num>::fixed(3);
    assert!(matches!(
        encode(&mut v3, 1),
        Err(Error::Encode {
            version: 3,
            source: verso::Error::UnsupportedVersion { .. }
        })
    ));
    assert!(matches!(
        &decode_all(&mut v3, &[0, 0, 0, 1, 1])[..],
        [Err(Error::Decode {
            version: Some(3),
            source: verso::Error::UnsupportedVersion { .. }
        })]
    ));
}

#[test]
fn a_value_the_version_cannot_hold_is_an_encode_error_and_writes_nothing() {
    let mut v1 = VersionedCodec::<Num>::fixed(1);
    let mut dst = BytesMut::new();
    let err = v1.encode(300, &mut dst).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Encode {
                version: 1,
                source: verso::Error::Convert { from: 2, to: 1, .. }
            }
        ),
        "{err:?}"
    );
    assert!(dst.is_empty());
    // The codec goes on.
    v1.encode(30, &mut dst).unwrap();
    assert_eq!(&dst[..], [0, 0, 0, 1, 30]);
}

#[test]
fn partial_frames_wait_for_the_rest() {
    let mut codec = VersionedCodec::<Num>::fixed(2);
    let frame = [0, 0, 0, 4, 9, 0, 0, 0];
    let mut src = BytesMut::new();
    for (i, byte) in frame.iter().enumerate() {
        src.extend_from_slice(&[*byte]);
        let decoded = codec.decode(&mut src).unwrap();
        if i + 1 < frame.len() {
            assert_eq!(decoded, None, "after {} byte(s)", i + 1);
        } else {
            assert_eq!(decoded, Some(9));
        }
    }
    assert!(src.is_empty());
}

#[test]
fn a_frame_cut_off_by_the_end_of_the_stream_is_an_error() {
    let mut codec = VersionedCodec::<Num>::fixed(2);
    let mut src = BytesMut::from(&[0u8, 0, 0, 4, 9, 0][..]);
    assert!(matches!(
        codec.decode_eof(&mut src),
        Err(Error::TruncatedFrame { received: 2 })
    ));
    let mut codec = VersionedCodec::<Num>::fixed(2);
    let mut src = BytesMut::from(&[0u8, 0][..]);
    assert!(matches!(
        codec.decode_eof(&mut src),
        Err(Error::TruncatedFrame { received: 2 })
    ));
    let mut src = BytesMut::new();
    assert!(matches!(codec.decode_eof(&mut src), Ok(None)));
}

#[test]
fn a_frame_too_long_is_rejected_before_anything_is_allocated() {
    // Default limit: a prefix announcing 4 GiB - 1.
    let mut codec = VersionedCodec::<Num>::embedded();
    assert_eq!(codec.frame_limit(), DEFAULT_MAX_FRAME_LENGTH);
    let mut src = BytesMut::from(&[0xFFu8, 0xFF, 0xFF, 0xFF][..]);
    let capacity = src.capacity();
    match codec.decode(&mut src) {
        Err(Error::FrameTooLong { length, max }) => {
            assert_eq!(length, u64::from(u32::MAX));
            assert_eq!(max, 8 * 1024 * 1024);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(src.capacity(), capacity, "the buffer grew");

    // A configured limit: 16 is accepted, 17 is not.
    let mut codec = VersionedCodec::<Num>::fixed(2).max_frame_length(16);
    let mut src = BytesMut::from(&[0u8, 0, 0, 17][..]);
    let capacity = src.capacity();
    let err = codec.decode(&mut src).unwrap_err();
    assert!(
        matches!(
            err,
            Error::FrameTooLong {
                length: 17,
                max: 16
            }
        ),
        "{err:?}"
    );
    assert_eq!(src.capacity(), capacity);
    let mut codec = VersionedCodec::<Num>::fixed(2).max_frame_length(16);
    let mut src = BytesMut::from(&[0u8, 0, 0, 16][..]);
    assert_eq!(codec.decode(&mut src).unwrap(), None);

    // The 4-byte prefix cannot announce more than u32::MAX.
    let codec = VersionedCodec::<Num>::embedded().max_frame_length(usize::MAX);
    assert_eq!(codec.frame_limit(), u32::MAX as usize);
}

#[test]
fn an_outgoing_frame_too_long_is_an_error_and_writes_nothing() {
    let mut codec = VersionedCodec::<Num>::fixed(2).max_frame_length(3);
    let mut dst = BytesMut::new();
    assert!(matches!(
        codec.encode(1, &mut dst),
        Err(Error::FrameTooLong { length: 4, max: 3 })
    ));
    assert!(dst.is_empty());
}

// ---- handshake

/// The documented bytes of a hello for `oldest..=latest`.
fn hello_bytes(oldest: u16, latest: u16) -> Vec<u8> {
    [
        &b"VRSO"[..],
        &[1],
        &oldest.to_le_bytes(),
        &latest.to_le_bytes(),
    ]
    .concat()
}

/// The documented bytes of a reply.
fn reply_bytes(status: u8, version: u16, oldest: u16, latest: u16) -> Vec<u8> {
    [
        &b"VRSO"[..],
        &[1, status],
        &version.to_le_bytes(),
        &oldest.to_le_bytes(),
        &latest.to_le_bytes(),
    ]
    .concat()
}

async fn read_exactly(io: &mut DuplexStream, n: usize) -> Vec<u8> {
    let mut buf = vec![0; n];
    io.read_exact(&mut buf).await.unwrap();
    buf
}

#[tokio::test]
async fn both_sides_agree_on_the_highest_common_version() {
    let (mut a, mut b) = duplex(64);
    let (client, server) = within(async {
        tokio::join!(
            handshake::client(&mut a, 1..=3),
            handshake::server(&mut b, 2..=5)
        )
    })
    .await;
    assert_eq!(client.unwrap(), 3);
    assert_eq!(server.unwrap(), 3);
}

#[tokio::test]
async fn the_client_sends_the_documented_hello_and_reads_the_reply() {
    let (mut a, mut b) = duplex(64);
    let client = tokio::spawn(async move { handshake::client(&mut a, 1..=3).await });
    let hello = within(read_exactly(&mut b, HELLO_LEN)).await;
    assert_eq!(hello, [0x56, 0x52, 0x53, 0x4F, 1, 1, 0, 3, 0]);
    assert_eq!(hello, hello_bytes(1, 3));
    b.write_all(&reply_bytes(0, 3, 2, 5)).await.unwrap();
    assert_eq!(within(client).await.unwrap().unwrap(), 3);
}

#[tokio::test]
async fn the_server_sends_the_documented_reply() {
    let (mut a, mut b) = duplex(64);
    let server = tokio::spawn(async move { handshake::server(&mut b, 2..=5).await });
    a.write_all(&hello_bytes(1, 3)).await.unwrap();
    let reply = within(read_exactly(&mut a, REPLY_LEN)).await;
    assert_eq!(reply, [0x56, 0x52, 0x53, 0x4F, 1, 0, 3, 0, 2, 0, 5, 0]);
    assert_eq!(within(server).await.unwrap().unwrap(), 3);
}

#[tokio::test]
async fn a_refusal_names_both_ranges_on_both_sides() {
    let (mut a, mut b) = duplex(64);
    let (client, server) = within(async {
        tokio::join!(
            handshake::client(&mut a, 1..=2),
            handshake::server(&mut b, 4..=6)
        )
    })
    .await;
    for err in [client.unwrap_err(), server.unwrap_err()] {
        match &err {
            Error::Refused { client, server } => {
                assert_eq!((client, server), (&(1..=2), &(4..=6)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "handshake refused: no common version (client speaks 1..=2, server speaks 4..=6)"
        );
    }

    // The refusal on the wire.
    let (mut a, mut b) = duplex(64);
    let server = tokio::spawn(async move { handshake::server(&mut b, 4..=6).await });
    a.write_all(&hello_bytes(1, 2)).await.unwrap();
    assert_eq!(
        within(read_exactly(&mut a, REPLY_LEN)).await,
        reply_bytes(1, 0, 4, 6)
    );
    assert!(matches!(
        within(server).await.unwrap(),
        Err(Error::Refused { .. })
    ));
}

#[tokio::test]
async fn an_empty_offer_is_refused() {
    let (mut a, mut b) = duplex(64);
    let server = tokio::spawn(async move { handshake::server(&mut b, 1..=3).await });
    a.write_all(&hello_bytes(3, 1)).await.unwrap();
    assert_eq!(
        within(read_exactly(&mut a, REPLY_LEN)).await,
        reply_bytes(1, 0, 1, 3)
    );
    assert!(matches!(
        within(server).await.unwrap(),
        Err(Error::Refused { .. })
    ));
}

#[tokio::test]
async fn bad_magic_is_refused_after_five_bytes_without_a_reply() {
    let (mut a, mut b) = duplex(64);
    // Only 5 bytes: the server must decide without waiting for the rest.
    a.write_all(b"GET /").await.unwrap();
    let err = within(handshake::server(&mut b, 1..=3)).await.unwrap_err();
    assert!(
        matches!(err, Error::BadMagic { found } if &found == b"GET "),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "handshake: expected the magic bytes \"VRSO\" (56 52 53 4f), received 47 45 54 20"
    );
    drop(b);
    let mut rest = Vec::new();
    within(a.read_to_end(&mut rest)).await.unwrap();
    assert!(rest.is_empty(), "the server answered {rest:?}");

    // And a server reply with the wrong magic.
    let (mut a, mut b) = duplex(64);
    let client = tokio::spawn(async move { handshake::client(&mut a, 1..=3).await });
    within(read_exactly(&mut b, HELLO_LEN)).await;
    b.write_all(b"HTTP/1.1 400").await.unwrap();
    assert!(matches!(
        within(client).await.unwrap(),
        Err(Error::BadMagic { found }) if &found == b"HTTP"
    ));
}

#[tokio::test]
async fn an_unknown_format_is_refused() {
    let (mut a, mut b) = duplex(64);
    a.write_all(b"VRSO\x02").await.unwrap();
    assert!(matches!(
        within(handshake::server(&mut b, 1..=3)).await,
        Err(Error::UnsupportedFormat { found: 2 })
    ));
}

#[tokio::test]
async fn a_truncated_hello_or_reply_is_an_error() {
    for cut in [0, 3, 5, 8] {
        let (mut a, mut b) = duplex(64);
        a.write_all(&hello_bytes(1, 3)[..cut]).await.unwrap();
        drop(a);
        match within(handshake::server(&mut b, 1..=3)).await {
            Err(Error::HandshakeTruncated {
                what: "client hello",
                received,
                expected: 9,
            }) => assert_eq!(received, cut),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }

    let (mut a, mut b) = duplex(64);
    let client = tokio::spawn(async move { handshake::client(&mut a, 1..=3).await });
    within(read_exactly(&mut b, HELLO_LEN)).await;
    b.write_all(&reply_bytes(0, 3, 1, 3)[..11]).await.unwrap();
    drop(b);
    let err = within(client).await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::HandshakeTruncated {
                what: "server reply",
                received: 11,
                expected: 12
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "handshake: connection closed after 11 of the 12 bytes of the server reply"
    );
}

#[tokio::test]
async fn a_reply_that_breaks_the_rules_is_rejected() {
    async fn client_reading(reply: Vec<u8>) -> Result<u16, Error> {
        let (mut a, mut b) = duplex(64);
        let client = tokio::spawn(async move { handshake::client(&mut a, 1..=3).await });
        within(read_exactly(&mut b, HELLO_LEN)).await;
        b.write_all(&reply).await.unwrap();
        within(client).await.unwrap()
    }
    assert!(matches!(
        client_reading(reply_bytes(7, 3, 1, 3)).await,
        Err(Error::MalformedReply {
            status: 7,
            version: 3
        })
    ));
    assert!(matches!(
        client_reading(reply_bytes(1, 2, 4, 5)).await,
        Err(Error::MalformedReply {
            status: 1,
            version: 2
        })
    ));
    // Outside the client's range, and outside the server's own.
    assert!(matches!(
        client_reading(reply_bytes(0, 4, 1, 9)).await,
        Err(Error::InvalidChoice { version: 4, .. })
    ));
    assert!(matches!(
        client_reading(reply_bytes(0, 2, 3, 9)).await,
        Err(Error::InvalidChoice { version: 2, .. })
    ));
}

#[tokio::test]
async fn the_handshake_reads_nothing_past_its_message() {
    let (mut a, mut b) = duplex(64);
    // The hello and a first frame (version 2, the number 5) in one write.
    let mut bytes = hello_bytes(2, 2);
    bytes.extend_from_slice(&[0, 0, 0, 4, 5, 0, 0, 0]);
    a.write_all(&bytes).await.unwrap();
    let version = within(handshake::server(&mut b, 1..=2)).await.unwrap();
    let mut framed = Framed::new(b, VersionedCodec::<Num>::fixed(version));
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), 5);
}

#[tokio::test]
async fn connect_and_accept_frame_the_connection_for_the_agreed_version() {
    type ServerCodec = DuplexCodec<VersionedCodec<Num>, VersionedCodec<Text>>;
    type ClientCodec = DuplexCodec<VersionedCodec<Text>, VersionedCodec<Num>>;
    // Text exists only in version 2, so the pair speaks 2..=2.
    assert_eq!(ServerCodec::versions(), 2..=2);

    let (a, b) = duplex(256);
    let server = tokio::spawn(async move {
        let mut framed = handshake::accept::<ServerCodec, _>(b).await?;
        while let Some(n) = framed.next().await {
            framed.send(format!("#{}", n?)).await?;
        }
        Ok::<_, Error>(framed.codec().decoder().read_version())
    });
    let mut client = within(handshake::connect::<ClientCodec, _>(a))
        .await
        .unwrap();
    assert_eq!(client.codec().encoder().written_version(), 2);
    for n in [1, 70_000] {
        within(client.send(n)).await.unwrap();
        assert_eq!(
            within(client.next()).await.unwrap().unwrap(),
            format!("#{n}")
        );
    }
    drop(client);
    assert_eq!(within(server).await.unwrap().unwrap(), Some(2));

    // A symmetric codec, and a client whose range the server cannot meet.
    let (a, b) = duplex(256);
    let server = tokio::spawn(handshake::accept::<VersionedCodec<Text>, _>(b));
    let client = within(handshake::connect::<VersionedCodec<Num>, _>(a)).await;
    // Num offers 1..=2, Text accepts 2..=2: version 2.
    assert_eq!(client.unwrap().codec().read_version(), Some(2));
    assert_eq!(
        within(server)
            .await
            .unwrap()
            .unwrap()
            .codec()
            .read_version(),
        Some(2)
    );
}

#[tokio::test]
async fn a_bad_frame_on_a_framed_stream_is_reported_and_ends_the_stream() {
    let (mut a, b) = duplex(256);
    let mut framed = Framed::new(b, VersionedCodec::<Num>::fixed(1));
    // A good frame, then a frame with a trailing byte.
    a.write_all(&[0, 0, 0, 1, 8, 0, 0, 0, 2, 8, 8])
        .await
        .unwrap();
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), 8);
    assert!(matches!(
        within(framed.next()).await,
        Some(Err(Error::Decode {
            version: Some(1),
            ..
        }))
    ));
    assert!(within(framed.next()).await.is_none());
}
