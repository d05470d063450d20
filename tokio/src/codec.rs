//! [`VersionedCodec`]: one verso message per length-delimited frame.

use std::fmt;
use std::io;
use std::marker::PhantomData;

use bytes::BytesMut;
use tokio_util::codec::length_delimited::LengthDelimitedCodecError;
use tokio_util::codec::{Decoder, Encoder, LengthDelimitedCodec};
use verso::Versioned;

use crate::{Error, FrameError, PerFrameCodec};

/// The default limit on a frame's payload: 8 MiB, `LengthDelimitedCodec`'s
/// own default.
pub const DEFAULT_MAX_FRAME_LENGTH: usize = 8 * 1024 * 1024;

/// The bytes of a frame's length prefix (a big-endian `u32`).
const LENGTH_PREFIX: usize = 4;

/// How the version of a frame's message is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Each frame starts with its version (`u16`, little-endian).
    Embedded,
    /// Every frame is a plain message of this version.
    Fixed(u16),
}

/// A `tokio_util` codec for one root type `V` of a verso family (a
/// generated `…Versioned` enum): each frame is a 4-byte big-endian length
/// (`LengthDelimitedCodec`'s defaults) followed by one message.
///
/// Decoding yields the latest types whatever version arrived; encoding
/// takes the latest types and writes them for the peer's version.
///
/// - [`embedded()`](Self::embedded): every frame carries its version as a
///   2-byte little-endian prefix; any supported version is read, and
///   [`LATEST`](Versioned::LATEST) is written unless
///   [`write_version`](Self::write_version) says otherwise.
/// - [`fixed(k)`](Self::fixed): frames are plain BARE of version `k`, agreed
///   beforehand (by the [`handshake`](crate::handshake), a URL, a config).
///
/// A frame that is not a valid message is consumed and reported as
/// [`Error::Decode`], and the next call reads the next frame. But
/// `tokio_util`'s `Framed` ends its stream (yields `None`) after any
/// decoder error, so over `Framed` one bad frame ends the connection; to
/// keep it, use [`per_frame_errors`](Self::per_frame_errors), whose items
/// are `Result<V::Latest, FrameError>`. A length prefix above
/// [`max_frame_length`](Self::max_frame_length) is reported as
/// [`Error::FrameTooLong`] before anything is allocated for it; the codec
/// does not skip that frame (its length is not to be trusted), so the
/// connection should be closed.
///
/// A complete length prefix makes the codec reserve room for the whole
/// frame, so the limit bounds the memory one connection can claim.
pub struct VersionedCodec<V: Versioned> {
    framing: LengthDelimitedCodec,
    mode: Mode,
    write_version: u16,
    marker: PhantomData<fn() -> V>,
}

impl<V: Versioned> VersionedCodec<V> {
    fn with_mode(mode: Mode, write_version: u16) -> Self {
        let mut framing = LengthDelimitedCodec::new();
        framing.set_max_frame_length(DEFAULT_MAX_FRAME_LENGTH);
        VersionedCodec {
            framing,
            mode,
            write_version,
            marker: PhantomData,
        }
    }

    /// Frames that carry their version: reads every version from
    /// [`OLDEST`](Versioned::OLDEST) to [`LATEST`](Versioned::LATEST),
    /// writes `LATEST`.
    pub fn embedded() -> Self {
        Self::with_mode(Mode::Embedded, V::LATEST)
    }

    /// Frames of plain BARE of `version`, read and written.
    ///
    /// The version is not checked here: with a version `V` does not
    /// support, every frame fails with [`Error::Decode`] or
    /// [`Error::Encode`] naming the supported range. Use
    /// [`try_fixed`](Self::try_fixed) to find out at construction.
    pub fn fixed(version: u16) -> Self {
        Self::with_mode(Mode::Fixed(version), version)
    }

    /// Like [`fixed`](Self::fixed), but refuses a version `V` does not
    /// support, with [`Error::UnsupportedVersion`] naming the supported
    /// range.
    pub fn try_fixed(version: u16) -> Result<Self, Error> {
        V::check_version(version).map_err(|_| Error::UnsupportedVersion {
            version,
            supported: V::OLDEST..=V::LATEST,
        })?;
        Ok(Self::fixed(version))
    }

    /// Writes `version` from now on (for an old peer that reads embedded
    /// frames but not the latest version). In fixed mode this changes only
    /// what is written, so both sides must have agreed on it.
    #[must_use]
    pub fn write_version(mut self, version: u16) -> Self {
        self.write_version = version;
        self
    }

    /// Sets the largest frame payload read or written, in bytes (default
    /// [`DEFAULT_MAX_FRAME_LENGTH`], 8 MiB). A limit above what the 4-byte
    /// prefix can express is lowered to `u32::MAX`.
    #[must_use]
    pub fn max_frame_length(mut self, bytes: usize) -> Self {
        self.framing.set_max_frame_length(bytes);
        self
    }

    /// The same codec, but a frame whose message cannot be read is an item,
    /// `Err(FrameError)`, rather than an error, so that `Framed` goes on to
    /// the next frame; see [`PerFrameCodec`].
    pub fn per_frame_errors(self) -> PerFrameCodec<V> {
        PerFrameCodec::new(self)
    }

    /// The version frames are read as: `Some(k)` in fixed mode, `None` when
    /// each frame carries its own.
    pub fn read_version(&self) -> Option<u16> {
        match self.mode {
            Mode::Embedded => None,
            Mode::Fixed(version) => Some(version),
        }
    }

    /// The version values are written as.
    pub fn written_version(&self) -> u16 {
        self.write_version
    }

    /// The largest frame payload accepted, in bytes.
    pub fn frame_limit(&self) -> usize {
        self.framing.max_frame_length()
    }

    /// Turns a framing error into [`Error::FrameTooLong`] when it is one.
    ///
    /// `LengthDelimitedCodec` reports an over-long prefix without consuming
    /// it, so the prefix is still at the front of `src` and gives the length
    /// its error leaves out.
    fn framing_error(&self, error: io::Error, src: &BytesMut) -> Error {
        let too_long = error
            .get_ref()
            .is_some_and(|inner| inner.is::<LengthDelimitedCodecError>());
        match src.get(..LENGTH_PREFIX) {
            Some(&[a, b, c, d]) if too_long => Error::FrameTooLong {
                length: u64::from(u32::from_be_bytes([a, b, c, d])),
                max: self.frame_limit(),
            },
            _ => Error::Io(error),
        }
    }

    /// The payload of the next complete frame in `src`, if there is one.
    /// Errors here are framing errors: the stream is out of step after
    /// them.
    pub(crate) fn next_frame(&mut self, src: &mut BytesMut) -> Result<Option<BytesMut>, Error> {
        self.framing
            .decode(src)
            .map_err(|error| self.framing_error(error, src))
    }

    /// Reads one frame's payload as a message of the frame's version.
    ///
    /// Through [`Versioned::decode_bytes`]: for a family generated with
    /// `Config::bytes(true)` its `data` and `str` values are slices of the
    /// frame, itself a slice of the read buffer, so nothing is copied; for
    /// other families this is the plain decode.
    pub(crate) fn read_message(&self, frame: BytesMut) -> Result<V::Latest, FrameError> {
        let frame = frame.freeze();
        match self.mode {
            Mode::Embedded => {
                let version = verso::split_embedded(&frame).ok().map(|(v, _)| v);
                V::decode_bytes_embedded(frame).map_err(|source| FrameError { version, source })
            }
            Mode::Fixed(version) => V::decode_bytes(frame, version).map_err(|source| FrameError {
                version: Some(version),
                source,
            }),
        }
    }
}

impl<V: Versioned> Decoder for VersionedCodec<V> {
    type Item = V::Latest;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<V::Latest>, Error> {
        match self.next_frame(src)? {
            Some(frame) => Ok(Some(self.read_message(frame)?)),
            None => Ok(None),
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<V::Latest>, Error> {
        let decoded = self.decode(src)?;
        at_eof(decoded, src)
    }
}

/// What a decoder returns at the end of the stream, given what its
/// `decode` returned: a frame, nothing (no bytes left), or an error for the
/// bytes of a frame that will never be complete.
pub(crate) fn at_eof<T>(decoded: Option<T>, src: &BytesMut) -> Result<Option<T>, Error> {
    match decoded {
        Some(item) => Ok(Some(item)),
        None if src.is_empty() => Ok(None),
        None => Err(Error::TruncatedFrame {
            received: src.len(),
        }),
    }
}

impl<V: Versioned> Encoder<V::Latest> for VersionedCodec<V> {
    type Error = Error;

    fn encode(&mut self, item: V::Latest, dst: &mut BytesMut) -> Result<(), Error> {
        let version = self.write_version;
        let message = match self.mode {
            Mode::Embedded => V::encode_embedded(item, version),
            Mode::Fixed(_) => V::encode(item, version),
        }
        .map_err(|source| Error::Encode { version, source })?;
        // Checked here, not left to the framing, to report the length.
        if message.len() > self.frame_limit() {
            return Err(Error::FrameTooLong {
                length: message.len() as u64,
                max: self.frame_limit(),
            });
        }
        self.framing.encode(message.as_slice(), dst)?;
        Ok(())
    }
}

impl<V: Versioned> Clone for VersionedCodec<V> {
    fn clone(&self) -> Self {
        // A clone starts at a frame boundary, like a new codec.
        Self::with_mode(self.mode, self.write_version).max_frame_length(self.frame_limit())
    }
}

impl<V: Versioned> fmt::Debug for VersionedCodec<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VersionedCodec")
            .field("read_version", &self.read_version())
            .field("write_version", &self.write_version)
            .field("max_frame_length", &self.frame_limit())
            .finish()
    }
}
