//! Framing and a version handshake for verso messages over tokio streams.
//!
//! - [`VersionedCodec`] puts one message of a verso family's root type per
//!   length-delimited frame (`tokio_util`'s `LengthDelimitedCodec` with its
//!   defaults: a 4-byte big-endian length, then the payload). Decoding
//!   yields the latest types whatever version arrived; encoding takes the
//!   latest types and downgrades them for the peer.
//! - [`handshake`] agrees on one version per connection before the first
//!   frame; afterwards both sides use
//!   [`VersionedCodec::fixed`] frames of that version.
//! - [`DuplexCodec`] reads one root type and writes another (requests in,
//!   responses out).
//! - [`VersionedCodec::per_frame_errors`] gives a [`PerFrameCodec`], whose
//!   items are `Result<Latest, FrameError>`: a bad frame is reported and
//!   the connection goes on (see [Errors](#errors)).
//! - Every failure is an [`Error`]; its `Display` gives the cause too, so
//!   `eprintln!("{e}")` tells the whole story.
//!
//! # Example
//!
//! `Num` stands for a generated `…Versioned` enum; here it is written by
//! hand: version 1 carries a `u8`, version 2 a `u32`, and the latest type
//! is `u32`.
//!
//! ```
//! # use verso::{ConvertError, Error as VersoError, Versioned};
//! # struct Num;
//! # impl Versioned for Num {
//! #     type Latest = u32;
//! #     const OLDEST: u16 = 1;
//! #     const LATEST: u16 = 2;
//! #     fn decode_with(bytes: &[u8], version: u16, limits: verso::Limits) -> Result<u32, VersoError> {
//! #         Self::check_version(version)?;
//! #         let decoded = if version == 1 {
//! #             verso::from_slice_with::<u8>(bytes, limits).map(u32::from)
//! #         } else {
//! #             verso::from_slice_with::<u32>(bytes, limits)
//! #         };
//! #         decoded.map_err(|source| VersoError::Decode { version, source })
//! #     }
//! #     fn encode(latest: u32, version: u16) -> Result<Vec<u8>, VersoError> {
//! #         Self::check_version(version)?;
//! #         if version == 2 {
//! #             return Ok(verso::to_vec(&latest));
//! #         }
//! #         u8::try_from(latest).map(|small| verso::to_vec(&small)).map_err(|_| VersoError::Convert {
//! #             type_name: "Num", from: 2, to: 1,
//! #             source: ConvertError::new("v1 holds numbers up to 255"),
//! #         })
//! #     }
//! # }
//! use futures_util::{SinkExt, StreamExt};
//! use tokio_util::codec::Framed;
//! use verso_tokio::{VersionedCodec, handshake};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), verso_tokio::Error> {
//! let (mut client_io, mut server_io) = tokio::io::duplex(1024);
//!
//! // The server speaks versions 1 and 2 and doubles every number.
//! let server = tokio::spawn(async move {
//!     let version = handshake::server(&mut server_io, 1..=2).await?;
//!     let mut framed = Framed::new(server_io, VersionedCodec::<Num>::fixed(version));
//!     while let Some(n) = framed.next().await {
//!         let n: u32 = n?; // the latest type, whatever the client speaks
//!         framed.send(n.saturating_mul(2)).await?; // written in the client's version
//!     }
//!     Ok::<u16, verso_tokio::Error>(version)
//! });
//!
//! // An old client that speaks only version 1.
//! let version = handshake::client(&mut client_io, 1..=1).await?;
//! assert_eq!(version, 1);
//! let mut framed = Framed::new(client_io, VersionedCodec::<Num>::fixed(version));
//! framed.send(21).await?;
//! assert_eq!(framed.next().await.transpose()?, Some(42));
//!
//! // 300 does not fit in version 1: an error for this message, nothing is sent.
//! let err = framed.send(300).await.unwrap_err();
//! assert!(matches!(err, verso_tokio::Error::Encode { version: 1, .. }), "{err}");
//!
//! drop(framed);
//! assert_eq!(server.await.expect("server task")?, 1);
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! What each failure costs:
//!
//! | failure | with `VersionedCodec` in `Framed` | with [`PerFrameCodec`] in `Framed` |
//! |---|---|---|
//! | a received frame's message cannot be read ([`Error::Decode`]: a version not read, bytes that are not a message of it, a failed upgrade) | `Some(Err(..))`, then the stream ends | the item `Some(Ok(Err(`[`FrameError`]`)))`; the stream goes on |
//! | the framing fails ([`Error::Io`], an incoming [`Error::FrameTooLong`], [`Error::TruncatedFrame`]) | `Some(Err(..))`, then the stream ends | the same |
//! | a value cannot be written ([`Error::Encode`], an outgoing [`Error::FrameTooLong`]) | `send` fails, nothing is written, the sink goes on | the same |
//! | the [handshake] fails | no session: close the connection | the same |
//!
//! An over-long incoming frame ends the stream because its length prefix
//! is not to be trusted, so nothing after it can be found.
//!
//! Every error's `Display` includes its cause (`cannot read the received
//! version 1 message: invalid version 1 message: …`), as `verso::Error`'s
//! does, and `source()` returns only the causes that text does not show,
//! so a reporter that prints the whole chain shows each part once.
//!
//! A server that answers every frame it can read and keeps the connection
//! when one is bad:
//!
//! ```
//! # use verso::{Error as VersoError, Versioned};
//! # struct Num;
//! # impl Versioned for Num {
//! #     type Latest = u8;
//! #     const OLDEST: u16 = 1;
//! #     const LATEST: u16 = 1;
//! #     fn decode_with(bytes: &[u8], version: u16, limits: verso::Limits) -> Result<u8, VersoError> {
//! #         Self::check_version(version)?;
//! #         verso::from_slice_with(bytes, limits).map_err(|source| VersoError::Decode { version, source })
//! #     }
//! #     fn encode(latest: u8, version: u16) -> Result<Vec<u8>, VersoError> {
//! #         Self::check_version(version)?;
//! #         Ok(verso::to_vec(&latest))
//! #     }
//! # }
//! use futures_util::{SinkExt, StreamExt};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//! use tokio_util::codec::Framed;
//! use verso_tokio::VersionedCodec;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), verso_tokio::Error> {
//! let (mut client, server_io) = tokio::io::duplex(1024);
//! let server = tokio::spawn(async move {
//!     let codec = VersionedCodec::<Num>::fixed(1).per_frame_errors();
//!     let mut framed = Framed::new(server_io, codec);
//!     let mut bad_frames = 0;
//!     // `?` on the framing: after such an error the stream has ended.
//!     while let Some(frame) = framed.next().await.transpose()? {
//!         match frame {
//!             Ok(n) => framed.send(n.wrapping_add(1)).await?,
//!             Err(bad) => {
//!                 eprintln!("skipping a frame: {bad}");
//!                 bad_frames += 1;
//!             }
//!         }
//!     }
//!     Ok::<u32, verso_tokio::Error>(bad_frames)
//! });
//!
//! // Version 1 frames: 1, then a 2-byte frame that is no `u8`, then 2.
//! client.write_all(&[0, 0, 0, 1, 1, 0, 0, 0, 2, 7, 7, 0, 0, 0, 1, 2]).await?;
//! let mut answers = [0; 10];
//! client.read_exact(&mut answers).await?;
//! assert_eq!(answers, [0, 0, 0, 1, 2, 0, 0, 0, 1, 3]);
//! drop(client);
//! assert_eq!(server.await.expect("server task")?, 1);
//! # Ok(())
//! # }
//! ```
//!
//! # The handshake
//!
//! The client sends a hello as soon as it is connected; the server answers
//! with a reply; then both sides send frames of the agreed version. All
//! integers are little-endian. Both messages have a fixed length, so each
//! side reads exactly that many bytes.
//!
//! Client hello, 9 bytes:
//!
//! | offset | bytes | field | value |
//! |---|---|---|---|
//! | 0 | 4 | magic | `56 52 53 4F` (`"VRSO"`) |
//! | 4 | 1 | format | `01` |
//! | 5 | 2 | oldest version the client speaks | `u16` LE |
//! | 7 | 2 | latest version the client speaks | `u16` LE |
//!
//! Server reply, 12 bytes:
//!
//! | offset | bytes | field | value |
//! |---|---|---|---|
//! | 0 | 4 | magic | `56 52 53 4F` (`"VRSO"`) |
//! | 4 | 1 | format | `01` |
//! | 5 | 1 | status | `00` accept, `01` refuse |
//! | 6 | 2 | version | accept: the chosen version; refuse: `00 00` |
//! | 8 | 2 | oldest version the server speaks | `u16` LE |
//! | 10 | 2 | latest version the server speaks | `u16` LE |
//!
//! The chosen version is the highest version in both ranges
//! ([`verso::negotiate`]); the server refuses when the ranges do not
//! overlap (an empty range, oldest > latest, overlaps nothing). After a
//! refusal the server closes the connection. A client must reject an
//! accept whose version is outside its own range or the server's, a
//! refusal whose version field is not zero, and any other status. A server
//! that receives a hello with other magic bytes or another format closes
//! the connection without a reply; it checks the first 5 bytes before it
//! waits for the rest.
//!
//! For example, a client speaking 1 to 3 and a server speaking 2 to 5:
//!
//! ```text
//! hello  56 52 53 4F 01 01 00 03 00
//! reply  56 52 53 4F 01 00 03 00 02 00 05 00     accept version 3
//! ```
//!
//! After the reply every frame is a 4-byte big-endian payload length
//! followed by the payload: the plain BARE encoding of one message in the
//! agreed version.

mod codec;
mod duplex;
mod error;
pub mod handshake;
mod per_frame;

pub use codec::{DEFAULT_MAX_FRAME_LENGTH, VersionedCodec};
pub use duplex::DuplexCodec;
pub use error::{Error, FrameError};
pub use per_frame::PerFrameCodec;

/// The README's code, compiled by `cargo test --doc` so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests;
