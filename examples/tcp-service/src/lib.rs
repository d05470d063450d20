//! A notes service over TCP that serves clients of every protocol version
//! at once, with [`verso_tokio`]'s handshake and framing.
//!
//! - [`notes`]: the protocol family `schemas/notes` (v1: add and list
//!   notes; v2: tags and finding notes by tag; v3: a note's body is text or
//!   a checklist), as the server compiles it.
//! - [`releases`]: the same family as the v1 and v2 client releases were
//!   built, from only the schema files that existed then.
//! - [`server`]: one handler written on the latest types; each connection
//!   agrees on a version in the handshake and gets its answers in that
//!   version. An answer its version cannot express (a checklist, for a v1
//!   or v2 client) becomes an error frame (`Response::Failure`, there since
//!   v1), never a wrong answer. A frame that is not a request of the
//!   connection's version gets a `Failure` saying why, and the connection
//!   goes on ([`verso_tokio::VersionedCodec::per_frame_errors`]); broken
//!   framing (a length over the limit, a frame cut off) closes that
//!   connection only.
//! - [`client`]: a client generic over the release it was built with; an
//!   unreadable answer is an error for that call only.
//!
//! `cargo run -p verso-example-tcp-service --bin notes-server [ADDR]` runs
//! the server; `tests/mixed_versions.rs` runs it with a client of each
//! release connected at once, and with clients that misbehave.
//!
//! ```no_run
//! use std::sync::Arc;
//! use verso_example_tcp_service::server::{Server, Service};
//!
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:7878").await?;
//! let error = Server::new(Arc::new(Service::new()))
//!     .serve(listener, |report| eprintln!("{report:?}"))
//!     .await;
//! # Err(error) }
//! ```

pub mod client;
pub mod notes;
pub mod releases;
pub mod server;

/// The README's code, compiled and run by `cargo test --doc` so that it
/// stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
