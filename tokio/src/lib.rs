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
//! - Every failure is an [`Error`].
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

pub use codec::{DEFAULT_MAX_FRAME_LENGTH, VersionedCodec};
pub use duplex::DuplexCodec;
pub use error::Error;

#[cfg(test)]
mod tests;
