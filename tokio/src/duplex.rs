//! [`DuplexCodec`]: one codec for reading, another for writing.

use std::ops::RangeInclusive;

use bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder};
use verso::Versioned;

use crate::handshake::Negotiable;
use crate::{PerFrameCodec, VersionedCodec};

/// Reads with `D` and writes with `E`, for connections whose two directions
/// carry different root types (a server reads `Request`s and writes
/// `Response`s; its client the other way round).
///
/// ```
/// # use verso_tokio::{DuplexCodec, VersionedCodec};
/// # struct Request; struct Response;
/// # impl verso::Versioned for Request {
/// #     type Latest = u8; const OLDEST: u16 = 1; const LATEST: u16 = 1;
/// #     fn decode_with(b: &[u8], v: u16, l: verso::Limits) -> Result<u8, verso::Error> { unimplemented!() }
/// #     fn encode(l: u8, v: u16) -> Result<Vec<u8>, verso::Error> { unimplemented!() }
/// # }
/// # impl verso::Versioned for Response {
/// #     type Latest = u8; const OLDEST: u16 = 1; const LATEST: u16 = 1;
/// #     fn decode_with(b: &[u8], v: u16, l: verso::Limits) -> Result<u8, verso::Error> { unimplemented!() }
/// #     fn encode(l: u8, v: u16) -> Result<Vec<u8>, verso::Error> { unimplemented!() }
/// # }
/// // The server's side of a connection that agreed on version 1.
/// let codec = DuplexCodec::new(
///     VersionedCodec::<Request>::fixed(1),
///     VersionedCodec::<Response>::fixed(1),
/// );
/// ```
#[derive(Debug, Clone)]
pub struct DuplexCodec<D, E> {
    decoder: D,
    encoder: E,
}

impl<D, E> DuplexCodec<D, E> {
    /// Reads with `decoder`, writes with `encoder`.
    pub fn new(decoder: D, encoder: E) -> Self {
        DuplexCodec { decoder, encoder }
    }

    /// The reading codec.
    pub fn decoder(&self) -> &D {
        &self.decoder
    }

    /// The writing codec.
    pub fn encoder(&self) -> &E {
        &self.encoder
    }

    /// Both codecs, reader first.
    pub fn into_parts(self) -> (D, E) {
        (self.decoder, self.encoder)
    }
}

impl<D: Negotiable, E: Negotiable> DuplexCodec<D, E> {
    /// The versions in which both root types exist: what a handshake should
    /// offer or accept for this pair. A root type introduced in a later
    /// version than the other narrows the range.
    pub fn versions() -> RangeInclusive<u16> {
        <Self as Negotiable>::versions()
    }
}

impl<R: Versioned, W: Versioned> DuplexCodec<VersionedCodec<R>, VersionedCodec<W>> {
    /// Both directions in fixed mode, version `version`.
    pub fn fixed(version: u16) -> Self {
        Self::new(
            VersionedCodec::fixed(version),
            VersionedCodec::fixed(version),
        )
    }

    /// Sets the frame limit of both directions (see
    /// [`VersionedCodec::max_frame_length`]).
    #[must_use]
    pub fn max_frame_length(self, bytes: usize) -> Self {
        Self::new(
            self.decoder.max_frame_length(bytes),
            self.encoder.max_frame_length(bytes),
        )
    }

    /// Reports requests (or answers) that cannot be read as items, so that
    /// `Framed` keeps the connection: see
    /// [`VersionedCodec::per_frame_errors`]. Writing is unchanged.
    pub fn per_frame_errors(self) -> DuplexCodec<PerFrameCodec<R>, VersionedCodec<W>> {
        DuplexCodec::new(self.decoder.per_frame_errors(), self.encoder)
    }
}

impl<D: Decoder, E> Decoder for DuplexCodec<D, E> {
    type Item = D::Item;
    type Error = D::Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<D::Item>, D::Error> {
        self.decoder.decode(src)
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<D::Item>, D::Error> {
        self.decoder.decode_eof(src)
    }
}

impl<T, D, E: Encoder<T>> Encoder<T> for DuplexCodec<D, E> {
    type Error = E::Error;

    fn encode(&mut self, item: T, dst: &mut BytesMut) -> Result<(), E::Error> {
        self.encoder.encode(item, dst)
    }
}
