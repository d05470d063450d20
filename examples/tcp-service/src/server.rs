//! The server: one handler on the latest types, and a connection loop that
//! speaks each client's version.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_util::codec::Framed;
use verso_tokio::{DuplexCodec, PerFrameCodec, VersionedCodec, handshake};

use crate::notes::{RequestVersioned, ResponseVersioned, latest};

/// Reads requests, writes responses, in the connection's version. A frame
/// that is not a request is an item (`Err(FrameError)`), not the end of the
/// stream, so the server can answer it and go on.
type ServerCodec = DuplexCodec<PerFrameCodec<RequestVersioned>, VersionedCodec<ResponseVersioned>>;

/// The notes and the one request handler, written on the latest types only:
/// which version a client speaks is the connection's business.
#[derive(Debug, Default)]
pub struct Service {
    notes: Mutex<Vec<latest::Note>>,
    requests: AtomicU64,
}

impl Service {
    /// An empty service.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers one request.
    pub fn handle(&self, request: latest::Request) -> latest::Response {
        self.requests.fetch_add(1, Ordering::Relaxed);
        match request {
            latest::Request::AddNote(add) => self.add(add),
            latest::Request::ListNotes => latest::Response::Notes(latest::Notes {
                notes: self.notes().clone(),
            }),
            latest::Request::FindByTag(find) => latest::Response::Notes(latest::Notes {
                notes: self
                    .notes()
                    .iter()
                    .filter(|note| note.tags.contains(&find.tag))
                    .cloned()
                    .collect(),
            }),
        }
    }

    fn add(&self, add: latest::AddNote) -> latest::Response {
        let empty = match &add.body {
            latest::Body::Str(text) => text.trim().is_empty(),
            latest::Body::Checklist(list) => list.items.is_empty(),
        };
        if empty {
            return failure("a note needs some text or at least one checklist item");
        }
        let mut notes = self.notes();
        // Ids count from 1, in the order notes arrive.
        let id = notes.len() as u64 + 1;
        notes.push(latest::Note {
            id,
            body: add.body,
            tags: add.tags,
        });
        latest::Response::Added(latest::Added { id })
    }

    /// How many requests have been answered, on every connection.
    pub fn requests_served(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    fn notes(&self) -> MutexGuard<'_, Vec<latest::Note>> {
        // A panic elsewhere while holding the lock leaves the notes as they
        // were (every change is a single push), so they are still good.
        self.notes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn failure(message: impl Into<String>) -> latest::Response {
    latest::Response::Failure(latest::Failure {
        message: message.into(),
    })
}

/// Why the server closed a connection.
#[derive(Debug, thiserror::Error)]
pub enum CloseReason {
    /// The client sent no complete hello in time.
    #[error("no handshake within {0:?}")]
    HandshakeTimeout(Duration),
    /// The handshake failed: a stranger, a refusal, a cut-off hello.
    #[error("did not start a session")]
    Handshake(#[source] verso_tokio::Error),
    /// The framing broke: a length over the limit (nothing after it can be
    /// trusted), or the client hung up in the middle of a frame. The client
    /// was told why, if it still listened. (A whole frame that is not a
    /// request does not close the connection: it gets a `Failure`.)
    #[error("bad frame from the client")]
    BadFrame(#[source] verso_tokio::Error),
    /// Reading or writing failed.
    #[error("connection failed")]
    Transport(#[source] verso_tokio::Error),
}

/// How a connection went, reported when it ends.
#[derive(Debug)]
pub struct ConnectionReport {
    /// The client's address.
    pub peer: SocketAddr,
    /// The version agreed by the handshake, if it got that far.
    pub version: Option<u16>,
    /// Requests answered (error frames included).
    pub requests: u64,
    /// Frames that were not a request of the connection's version, each
    /// answered with a `Failure` saying why.
    pub bad_requests: u64,
    /// Answers replaced by an error frame because the connection's version
    /// could not express them.
    pub error_frames: u64,
    /// `Ok` when the client hung up, or why the server closed.
    pub outcome: Result<(), CloseReason>,
}

/// Serves a [`Service`] over TCP.
#[derive(Debug, Clone)]
pub struct Server {
    service: Arc<Service>,
    handshake_timeout: Duration,
    max_request_length: usize,
}

impl Server {
    /// Serves `service`, with a 10 s handshake time-out and requests of at
    /// most 64 KiB.
    pub fn new(service: Arc<Service>) -> Self {
        Server {
            service,
            handshake_timeout: Duration::from_secs(10),
            max_request_length: 64 * 1024,
        }
    }

    /// How long a client has to send its hello.
    #[must_use]
    pub fn handshake_timeout(mut self, timeout: Duration) -> Self {
        self.handshake_timeout = timeout;
        self
    }

    /// The largest request frame accepted, in bytes.
    #[must_use]
    pub fn max_request_length(mut self, bytes: usize) -> Self {
        self.max_request_length = bytes;
        self
    }

    /// Accepts connections until accepting fails, each in its own task;
    /// `on_close` gets each connection's report when it ends. One
    /// connection's failure never touches the others.
    pub async fn serve<F>(self, listener: TcpListener, on_close: F) -> io::Error
    where
        F: Fn(ConnectionReport) + Send + Sync + 'static,
    {
        let on_close = Arc::new(on_close);
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(error) => return error,
            };
            let server = self.clone();
            let on_close = Arc::clone(&on_close);
            tokio::spawn(async move { on_close(server.serve_connection(stream, peer).await) });
        }
    }

    /// Serves one connection to its end: the handshake, then one response
    /// per request.
    pub async fn serve_connection<IO>(&self, mut io: IO, peer: SocketAddr) -> ConnectionReport
    where
        IO: AsyncRead + AsyncWrite + Unpin,
    {
        let mut report = ConnectionReport {
            peer,
            version: None,
            requests: 0,
            bad_requests: 0,
            error_frames: 0,
            outcome: Ok(()),
        };
        let versions = ServerCodec::versions();
        let version = match tokio::time::timeout(
            self.handshake_timeout,
            handshake::server(&mut io, versions),
        )
        .await
        {
            Ok(Ok(version)) => version,
            Ok(Err(error)) => {
                report.outcome = Err(CloseReason::Handshake(error));
                return report;
            }
            Err(_) => {
                report.outcome = Err(CloseReason::HandshakeTimeout(self.handshake_timeout));
                return report;
            }
        };
        report.version = Some(version);
        let codec = DuplexCodec::new(
            VersionedCodec::fixed(version).max_frame_length(self.max_request_length),
            VersionedCodec::fixed(version),
        )
        .per_frame_errors();
        let mut framed = Framed::new(io, codec);
        report.outcome = self.answer_requests(&mut framed, &mut report).await;
        report
    }

    async fn answer_requests<IO>(
        &self,
        framed: &mut Framed<IO, ServerCodec>,
        report: &mut ConnectionReport,
    ) -> Result<(), CloseReason>
    where
        IO: AsyncRead + AsyncWrite + Unpin,
    {
        while let Some(frame) = framed.next().await {
            let response = match frame {
                Ok(Ok(request)) => {
                    report.requests += 1;
                    self.service.handle(request)
                }
                // A whole frame that is not a request: the stream is still
                // in step, so the client hears why and may go on.
                Ok(Err(bad)) => {
                    report.bad_requests += 1;
                    failure(format!("cannot read this request: {bad}"))
                }
                Err(error @ verso_tokio::Error::Io(_)) => {
                    return Err(CloseReason::Transport(error));
                }
                Err(error) => {
                    // Best effort: tell the client why before closing. A
                    // client that is not listening does not change the
                    // reason.
                    let _ = framed.send(failure(closing_message(&error))).await;
                    return Err(CloseReason::BadFrame(error));
                }
            };
            self.send(framed, response, report).await?;
        }
        Ok(())
    }

    /// Sends one answer; one the client's version cannot carry becomes an
    /// error frame.
    async fn send<IO>(
        &self,
        framed: &mut Framed<IO, ServerCodec>,
        response: latest::Response,
        report: &mut ConnectionReport,
    ) -> Result<(), CloseReason>
    where
        IO: AsyncRead + AsyncWrite + Unpin,
    {
        match framed.send(response).await {
            Ok(()) => Ok(()),
            // Nothing was written: the client's version cannot express
            // this answer (or it is too large), so it gets an error frame
            // saying so instead of a wrong answer.
            Err(
                error @ (verso_tokio::Error::Encode { .. }
                | verso_tokio::Error::FrameTooLong { .. }),
            ) => {
                report.error_frames += 1;
                let message = format!("this answer cannot be sent: {}", chain(&error));
                framed
                    .send(failure(message))
                    .await
                    .map_err(CloseReason::Transport)
            }
            Err(error) => Err(CloseReason::Transport(error)),
        }
    }
}

/// The text of the last frame a misbehaving client gets.
fn closing_message(error: &verso_tokio::Error) -> String {
    format!("closing the connection: {}", chain(error))
}

/// An error and its causes on one line, `: `-separated, for a message that
/// leaves the process (the client has no access to the chain).
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
