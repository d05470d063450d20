//! `per_frame_errors`: over a real `Framed`, a bad frame is an item and the
//! connection goes on; framing errors still end the stream.

use bytes::BytesMut;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt, duplex};
use tokio_util::codec::{Decoder, Framed};

use super::{Num, Text, within};
use crate::handshake::{self, Negotiable};
use crate::{DuplexCodec, Error, FrameError, PerFrameCodec, VersionedCodec};

#[tokio::test]
async fn a_bad_frame_between_two_good_ones_is_an_item_and_the_stream_goes_on() {
    let (mut peer, io) = duplex(256);
    let mut framed = Framed::new(io, VersionedCodec::<Num>::fixed(1).per_frame_errors());
    // 8, a frame with a trailing byte, 9.
    peer.write_all(&[0, 0, 0, 1, 8, 0, 0, 0, 2, 8, 8, 0, 0, 0, 1, 9])
        .await
        .unwrap();
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), Ok(8));
    match within(framed.next()).await {
        Some(Ok(Err(FrameError {
            version: Some(1),
            source: verso::Error::Decode { version: 1, .. },
            ..
        }))) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), Ok(9));

    // Still connected both ways: a later frame is read, an answer written.
    peer.write_all(&[0, 0, 0, 1, 10]).await.unwrap();
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), Ok(10));
    within(framed.send(11)).await.unwrap();
    let mut answer = [0; 5];
    within(peer.read_exact(&mut answer)).await.unwrap();
    assert_eq!(answer, [0, 0, 0, 1, 11]);

    drop(peer);
    assert!(within(framed.next()).await.is_none());
}

#[tokio::test]
async fn embedded_frames_of_a_version_not_read_are_items_too() {
    let (mut peer, io) = duplex(256);
    let mut framed = Framed::new(io, VersionedCodec::<Num>::embedded().per_frame_errors());
    // v1 5, v9 (not read), a 1-byte frame (no room for the header), v2 6.
    peer.write_all(&[
        0, 0, 0, 3, 1, 0, 5, 0, 0, 0, 3, 9, 0, 5, 0, 0, 0, 1, 1, 0, 0, 0, 6, 2, 0, 6, 0, 0, 0,
    ])
    .await
    .unwrap();
    drop(peer);
    let mut items = Vec::new();
    while let Some(item) = within(framed.next()).await {
        items.push(item.unwrap());
    }
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items[0], Ok(5));
    assert!(
        matches!(
            &items[1],
            Err(FrameError {
                version: Some(9),
                source: verso::Error::UnsupportedVersion { version: 9, .. },
                ..
            })
        ),
        "{items:?}"
    );
    assert!(
        matches!(
            &items[2],
            Err(FrameError {
                version: None,
                source: verso::Error::HeaderTooShort { len: 1 },
                ..
            })
        ),
        "{items:?}"
    );
    assert_eq!(items[3], Ok(6));
}

#[tokio::test]
async fn an_over_long_frame_still_ends_the_stream() {
    let (mut peer, io) = duplex(256);
    let codec = VersionedCodec::<Num>::fixed(1)
        .max_frame_length(4)
        .per_frame_errors();
    let mut framed = Framed::new(io, codec);
    peer.write_all(&[0, 0, 0, 1, 8, 0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0, 1, 9])
        .await
        .unwrap();
    assert_eq!(within(framed.next()).await.unwrap().unwrap(), Ok(8));
    assert!(matches!(
        within(framed.next()).await,
        Some(Err(Error::FrameTooLong { length: 5, max: 4 }))
    ));
    // What follows an untrusted length cannot be found: nothing more.
    assert!(within(framed.next()).await.is_none());
}

#[tokio::test]
async fn a_frame_cut_off_by_the_peer_hanging_up_still_ends_the_stream() {
    let (mut peer, io) = duplex(256);
    let mut framed = Framed::new(io, VersionedCodec::<Num>::fixed(2).per_frame_errors());
    peer.write_all(&[0, 0, 0, 4, 1, 0]).await.unwrap();
    drop(peer);
    assert!(matches!(
        within(framed.next()).await,
        Some(Err(Error::TruncatedFrame { received: 2 }))
    ));
    assert!(within(framed.next()).await.is_none());
}

#[tokio::test]
async fn a_server_accepting_with_per_frame_errors_answers_past_a_bad_request() {
    type ServerCodec = DuplexCodec<PerFrameCodec<Num>, VersionedCodec<Text>>;
    // Text exists only in version 2, so the pair speaks 2..=2, as without
    // per-frame errors.
    assert_eq!(ServerCodec::versions(), 2..=2);
    assert_eq!(
        ServerCodec::versions(),
        DuplexCodec::<VersionedCodec<Num>, VersionedCodec<Text>>::versions()
    );

    let (mut client, io) = duplex(256);
    let server = tokio::spawn(async move {
        let mut framed = handshake::accept::<ServerCodec, _>(io).await?;
        let version = framed.codec().decoder().codec().read_version();
        while let Some(request) = framed.next().await.transpose()? {
            let answer = match request {
                Ok(n) => format!("#{n}"),
                Err(bad) => format!("unreadable: {bad}"),
            };
            framed.send(answer).await?;
        }
        Ok::<_, Error>(version)
    });
    assert_eq!(
        within(handshake::client(&mut client, 1..=2)).await.unwrap(),
        2
    );
    // A 1-byte frame (no v2 number), then the number 7.
    client
        .write_all(&[0, 0, 0, 1, 1, 0, 0, 0, 4, 7, 0, 0, 0])
        .await
        .unwrap();
    let mut answers = Framed::new(client, VersionedCodec::<Text>::fixed(2));
    let first = within(answers.next()).await.unwrap().unwrap();
    assert!(
        first.starts_with("unreadable: cannot read the received version 2 message: "),
        "{first}"
    );
    assert_eq!(within(answers.next()).await.unwrap().unwrap(), "#7");
    drop(answers);
    assert_eq!(within(server).await.unwrap().unwrap(), Some(2));
}

#[test]
fn a_duplex_pair_turns_on_per_frame_errors_for_its_reading_side_only() {
    let codec = DuplexCodec::<VersionedCodec<Num>, VersionedCodec<Text>>::fixed(2)
        .max_frame_length(64)
        .per_frame_errors();
    assert_eq!(codec.decoder().codec().read_version(), Some(2));
    assert_eq!(codec.decoder().codec().frame_limit(), 64);
    assert_eq!(codec.encoder().written_version(), 2);
    // The same as setting up the pair for the agreed version.
    let negotiated = <DuplexCodec<PerFrameCodec<Num>, VersionedCodec<Text>>>::for_version(2);
    assert_eq!(negotiated.decoder().codec().read_version(), Some(2));
    // And back: the inner codec reports unreadable frames as errors again.
    let (decoder, _) = codec.into_parts();
    let mut inner = decoder.into_inner();
    assert_eq!(inner.frame_limit(), 64);
    let mut src = BytesMut::from(&[0u8, 0, 0, 1, 1][..]);
    assert!(matches!(
        inner.decode(&mut src),
        Err(Error::Decode {
            version: Some(2),
            ..
        })
    ));
}
