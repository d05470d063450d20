//! A client of the notes service, generic over the protocol release it was
//! built with.

use std::io;

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpStream, ToSocketAddrs};
use tokio_util::codec::Framed;
use verso::Versioned;
use verso_tokio::{DuplexCodec, FrameError, PerFrameCodec, VersionedCodec, handshake};

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No TCP connection.
    #[error("cannot connect to the notes service")]
    Connect(#[source] io::Error),
    /// The handshake, a frame, or the connection failed.
    #[error("notes service connection failed")]
    Transport(#[from] verso_tokio::Error),
    /// The server closed the connection instead of answering.
    #[error("the notes service closed the connection without answering")]
    Closed,
    /// The answer arrived but is not a response of the agreed version. It
    /// has been consumed, so the connection can go on with the next call.
    #[error("the notes service's answer is unreadable: {0}")]
    BadAnswer(FrameError),
}

/// A connection to the notes service, speaking the newest version that both
/// this client's release (`Req`, `Resp`: its generated `RequestVersioned`
/// and `ResponseVersioned`) and the server know.
pub struct Client<Req: Versioned, Resp: Versioned> {
    framed: Framed<TcpStream, DuplexCodec<PerFrameCodec<Resp>, VersionedCodec<Req>>>,
}

impl<Req: Versioned, Resp: Versioned> Client<Req, Resp> {
    /// Connects and runs the handshake.
    pub async fn connect(addr: impl ToSocketAddrs) -> Result<Self, ClientError> {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(ClientError::Connect)?;
        // Answers come back one per request, so Nagle's delay only slows
        // each round trip down.
        stream.set_nodelay(true).map_err(ClientError::Connect)?;
        let framed = handshake::connect(stream).await?;
        Ok(Client { framed })
    }

    /// The version agreed with the server.
    pub fn version(&self) -> u16 {
        self.framed.codec().encoder().written_version()
    }

    /// Sends one request and waits for its answer.
    pub async fn call(&mut self, request: Req::Latest) -> Result<Resp::Latest, ClientError> {
        self.framed.send(request).await?;
        match self.framed.next().await {
            Some(answer) => answer?.map_err(ClientError::BadAnswer),
            None => Err(ClientError::Closed),
        }
    }
}
