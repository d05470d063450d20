//! [`PerFrameCodec`]: a [`VersionedCodec`] whose unreadable frames are
//! items, so that `Framed` keeps the connection.

use std::fmt;

use bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder};
use verso::Versioned;

use crate::codec::at_eof;
use crate::{Error, FrameError, VersionedCodec};

/// A [`VersionedCodec`] that reports a frame whose message cannot be read
/// as an item, not as an error: made by
/// [`VersionedCodec::per_frame_errors`].
///
/// `tokio_util`'s `Framed` ends its stream after the first decoder error,
/// so with a plain `VersionedCodec` one bad frame costs the connection.
/// This codec splits what can fail in two:
///
/// - **The frame's message** — a version this build does not read, an
///   embedded frame shorter than its header, bytes that are not a message
///   of the version, an upgrade that fails. The frame arrived whole, so
///   the stream is still in step: the item is `Err(`[`FrameError`]`)` and
///   the next item is the next frame.
/// - **The framing** — [`Error::Io`], [`Error::FrameTooLong`] (the length
///   prefix is not to be trusted, so the frame cannot be skipped),
///   [`Error::TruncatedFrame`]. These are the decoder's errors, and the
///   stream ends after them.
///
/// Writing is the same as `VersionedCodec`'s, errors included.
///
/// ```
/// # use verso::{Error as VersoError, Versioned};
/// # struct Num;
/// # impl Versioned for Num {
/// #     type Latest = u8;
/// #     const OLDEST: u16 = 1;
/// #     const LATEST: u16 = 1;
/// #     fn decode_with(bytes: &[u8], version: u16, limits: verso::Limits) -> Result<u8, VersoError> {
/// #         Self::check_version(version)?;
/// #         verso::from_slice_with(bytes, limits).map_err(|source| VersoError::Decode { version, source })
/// #     }
/// #     fn encode(latest: u8, version: u16) -> Result<Vec<u8>, VersoError> {
/// #         Self::check_version(version)?;
/// #         Ok(verso::to_vec(&latest))
/// #     }
/// # }
/// use futures_util::StreamExt;
/// use tokio::io::AsyncWriteExt;
/// use tokio_util::codec::FramedRead;
/// use verso_tokio::VersionedCodec;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), verso_tokio::Error> {
/// let (mut peer, io) = tokio::io::duplex(64);
/// // Three version 1 frames: the number 7, a 2-byte frame that is not a
/// // `u8`, the number 9.
/// peer.write_all(&[0, 0, 0, 1, 7, 0, 0, 0, 2, 1, 2, 0, 0, 0, 1, 9]).await?;
/// drop(peer);
///
/// let mut frames = FramedRead::new(io, VersionedCodec::<Num>::fixed(1).per_frame_errors());
/// assert_eq!(frames.next().await.transpose()?, Some(Ok(7)));
/// let bad = frames.next().await.transpose()?.expect("a frame").unwrap_err();
/// assert_eq!(bad.to_string(), "cannot read the received version 1 message: \
///     invalid version 1 message: 1 trailing byte after the message at byte 1");
/// assert_eq!(frames.next().await.transpose()?, Some(Ok(9)));
/// assert!(frames.next().await.is_none()); // the peer hung up
/// # Ok(())
/// # }
/// ```
pub struct PerFrameCodec<V: Versioned> {
    codec: VersionedCodec<V>,
}

impl<V: Versioned> PerFrameCodec<V> {
    /// Reads and writes with `codec`, reporting unreadable frames as items.
    pub fn new(codec: VersionedCodec<V>) -> Self {
        PerFrameCodec { codec }
    }

    /// The codec inside, for its settings
    /// ([`read_version`](VersionedCodec::read_version) and the like).
    pub fn codec(&self) -> &VersionedCodec<V> {
        &self.codec
    }

    /// The codec inside, which reports unreadable frames as errors again.
    pub fn into_inner(self) -> VersionedCodec<V> {
        self.codec
    }
}

impl<V: Versioned> Decoder for PerFrameCodec<V> {
    type Item = Result<V::Latest, FrameError>;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Self::Item>, Error> {
        let frame = self.codec.next_frame(src)?;
        Ok(frame.map(|frame| self.codec.read_message(frame)))
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Self::Item>, Error> {
        let decoded = self.decode(src)?;
        at_eof(decoded, src)
    }
}

impl<V: Versioned> Encoder<V::Latest> for PerFrameCodec<V> {
    type Error = Error;

    fn encode(&mut self, item: V::Latest, dst: &mut BytesMut) -> Result<(), Error> {
        self.codec.encode(item, dst)
    }
}

impl<V: Versioned> Clone for PerFrameCodec<V> {
    fn clone(&self) -> Self {
        Self::new(self.codec.clone())
    }
}

impl<V: Versioned> fmt::Debug for PerFrameCodec<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PerFrameCodec").field(&self.codec).finish()
    }
}
