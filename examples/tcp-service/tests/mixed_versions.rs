//! A real TCP server and clients of three releases — v1, v2 and v3, each
//! built only from its own era's generated module (the v1 and v2 releases
//! with `verso_build::Config::up_to`) — connected at the same time, plus
//! clients that misbehave.

use std::collections::BTreeSet;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_util::codec::Framed;
use verso_example_tcp_service::client::{Client, ClientError};
use verso_example_tcp_service::notes::{self, v3};
use verso_example_tcp_service::releases::at_v1::{self, v1};
use verso_example_tcp_service::releases::at_v2::{self, v2};
use verso_example_tcp_service::server::{CloseReason, ConnectionReport, Server, Service};
use verso_tokio::{DuplexCodec, FrameError, VersionedCodec, handshake};

type V1Client = Client<at_v1::RequestVersioned, at_v1::ResponseVersioned>;
type V2Client = Client<at_v2::RequestVersioned, at_v2::ResponseVersioned>;
type V3Client = Client<notes::RequestVersioned, notes::ResponseVersioned>;

/// Fails the test instead of hanging.
async fn within<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("timed out")
}

struct Running {
    addr: SocketAddr,
    service: Arc<Service>,
    reports: mpsc::UnboundedReceiver<ConnectionReport>,
}

impl Running {
    async fn start(handshake_timeout: Duration) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = Arc::new(Service::new());
        let (sender, reports) = mpsc::unbounded_channel();
        let server = Server::new(Arc::clone(&service)).handshake_timeout(handshake_timeout);
        tokio::spawn(server.serve(listener, move |report| {
            // The test may have stopped listening; nothing to do then.
            let _ = sender.send(report);
        }));
        Running {
            addr,
            service,
            reports,
        }
    }

    async fn next_report(&mut self) -> ConnectionReport {
        within(self.reports.recv()).await.expect("server stopped")
    }
}

fn v1_add(text: &str) -> v1::Request {
    v1::Request::AddNote(v1::AddNote { text: text.into() })
}

fn v2_add(text: &str, tags: &[&str]) -> v2::Request {
    v2::Request::AddNote(v2::AddNote {
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    })
}

fn v3_add(body: v3::Body, tags: &[&str]) -> v3::Request {
    v3::Request::AddNote(v3::AddNote {
        body,
        tags: tags.iter().map(|t| t.to_string()).collect(),
    })
}

fn text(text: &str) -> v3::Body {
    v3::Body::Str(text.into())
}

fn tags(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|t| t.to_string()).collect()
}

async fn v1_added(client: &mut V1Client, request: v1::Request) -> u64 {
    match within(client.call(request)).await.unwrap() {
        v1::Response::Added(v1::Added { id }) => id,
        other => panic!("v1: {other:?}"),
    }
}

async fn v2_added(client: &mut V2Client, request: v2::Request) -> u64 {
    match within(client.call(request)).await.unwrap() {
        v2::Response::Added(v2::Added { id }) => id,
        other => panic!("v2: {other:?}"),
    }
}

async fn v3_added(client: &mut V3Client, request: v3::Request) -> u64 {
    match within(client.call(request)).await.unwrap() {
        v3::Response::Added(v3::Added { id }) => id,
        other => panic!("v3: {other:?}"),
    }
}

async fn connect_all(addr: SocketAddr) -> (V1Client, V2Client, V3Client) {
    let (c1, c2, c3) = within(async {
        tokio::join!(
            V1Client::connect(addr),
            V2Client::connect(addr),
            V3Client::connect(addr)
        )
    })
    .await;
    let (c1, c2, c3) = (c1.unwrap(), c2.unwrap(), c3.unwrap());
    // Each release gets the newest version it knows.
    assert_eq!((c1.version(), c2.version(), c3.version()), (1, 2, 3));
    (c1, c2, c3)
}

#[test]
fn the_old_releases_are_the_family_as_it_stood_at_their_version() {
    use verso::Versioned;
    // `up_to(K)`: the wrappers' latest is K; the server's is the family's.
    assert_eq!(
        (
            at_v1::RequestVersioned::OLDEST,
            at_v1::RequestVersioned::LATEST
        ),
        (1, 1)
    );
    assert_eq!(
        (
            at_v2::ResponseVersioned::OLDEST,
            at_v2::ResponseVersioned::LATEST
        ),
        (1, 2)
    );
    assert_eq!(notes::RequestVersioned::LATEST, 3);
    // A v1 release's `latest` is its v1: the same type.
    let request: at_v1::latest::Request = v1::Request::ListNotes;
    assert_eq!(
        at_v1::RequestVersioned::encode(request, 1).unwrap(),
        notes::RequestVersioned::encode(notes::latest::Request::ListNotes, 1).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_releases_at_once_each_answered_in_its_own_version() {
    let started = Instant::now();
    let mut server = Running::start(Duration::from_secs(10)).await;
    // All three connected before anyone sends.
    let (mut c1, mut c2, mut c3) = connect_all(server.addr).await;

    // Interleaved: each client adds a note in its own version.
    assert_eq!(
        v3_added(&mut c3, v3_add(text("buy milk"), &["shop"])).await,
        1
    );
    assert_eq!(v1_added(&mut c1, v1_add("call mum")).await, 2);
    assert_eq!(
        v2_added(&mut c2, v2_add("fix bike", &["shop", "weekend"])).await,
        3
    );

    // The v1 client sees every note, in v1 form (no tags).
    let listed = within(c1.call(v1::Request::ListNotes)).await.unwrap();
    assert_eq!(
        listed,
        v1::Response::Notes(v1::Notes {
            notes: vec![
                v1::Note {
                    id: 1,
                    text: "buy milk".into()
                },
                v1::Note {
                    id: 2,
                    text: "call mum".into()
                },
                v1::Note {
                    id: 3,
                    text: "fix bike".into()
                },
            ]
        })
    );
    // The v2 client finds by tag, including the v3 client's note.
    let found = within(c2.call(v2::Request::FindByTag(v2::FindByTag { tag: "shop".into() })))
        .await
        .unwrap();
    assert_eq!(
        found,
        v2::Response::Notes(v2::Notes {
            notes: vec![
                v2::Note {
                    id: 1,
                    text: "buy milk".into(),
                    tags: tags(&["shop"])
                },
                v2::Note {
                    id: 3,
                    text: "fix bike".into(),
                    tags: tags(&["shop", "weekend"])
                },
            ]
        })
    );
    // The v3 client sees the v1 client's note as a text body without tags.
    let v3::Response::Notes(all) = within(c3.call(v3::Request::ListNotes)).await.unwrap() else {
        panic!("v3 list")
    };
    assert_eq!(
        all.notes[1],
        v3::Note {
            id: 2,
            body: text("call mum"),
            tags: vec![]
        }
    );

    // All three at the same time, five requests each.
    let (ids1, ids2, ids3) = within(async {
        tokio::join!(
            async {
                let mut ids = Vec::new();
                for i in 0..5 {
                    ids.push(v1_added(&mut c1, v1_add(&format!("v1 note {i}"))).await);
                }
                ids
            },
            async {
                let mut ids = Vec::new();
                for i in 0..5 {
                    ids.push(v2_added(&mut c2, v2_add(&format!("v2 note {i}"), &["bulk"])).await);
                }
                ids
            },
            async {
                let mut ids = Vec::new();
                for i in 0..5 {
                    let body = text(&format!("v3 note {i}"));
                    ids.push(v3_added(&mut c3, v3_add(body, &["bulk"])).await);
                }
                ids
            },
        )
    })
    .await;
    let ids: BTreeSet<u64> = ids1.iter().chain(&ids2).chain(&ids3).copied().collect();
    assert_eq!(ids, (4..=18).collect(), "every note stored once");

    // A checklist: versions 1 and 2 cannot show it.
    let checklist = v3::Body::Checklist(v3::Checklist {
        items: vec![
            v3::ChecklistItem {
                label: "eggs".into(),
                done: false,
            },
            v3::ChecklistItem {
                label: "flour".into(),
                done: true,
            },
        ],
    });
    assert_eq!(
        v3_added(&mut c3, v3_add(checklist.clone(), &["shop"])).await,
        19
    );

    // v1 asks for the list and gets an error frame, not a list without it.
    match within(c1.call(v1::Request::ListNotes)).await.unwrap() {
        v1::Response::Failure(v1::Failure { message }) => {
            eprintln!("v1 error frame: {message}");
            assert!(message.contains("note 19"), "{message}");
            assert!(message.contains("checklist"), "{message}");
            assert!(message.contains("version 1"), "{message}");
        }
        other => panic!("v1 should get an error frame: {other:?}"),
    }
    let v2_find_shop = v2::Request::FindByTag(v2::FindByTag { tag: "shop".into() });
    match within(c2.call(v2_find_shop)).await.unwrap() {
        v2::Response::Failure(v2::Failure { message }) => {
            assert!(message.contains("note 19"), "{message}");
            assert!(message.contains("version 2"), "{message}");
        }
        other => panic!("v2 should get an error frame: {other:?}"),
    }
    // An answer without the checklist is still fine, and so is the
    // connection after an error frame.
    let weekend = v2::Request::FindByTag(v2::FindByTag {
        tag: "weekend".into(),
    });
    match within(c2.call(weekend)).await.unwrap() {
        v2::Response::Notes(v2::Notes { notes }) => {
            assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), [3]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(v1_added(&mut c1, v1_add("still here")).await, 20);
    // v3 sees everything, the checklist included.
    let v3::Response::Notes(all) = within(c3.call(v3::Request::ListNotes)).await.unwrap() else {
        panic!("v3 list")
    };
    assert_eq!(all.notes.len(), 20);
    assert_eq!(all.notes[18].body, checklist);
    assert_eq!(all.notes[19].body, text("still here"));

    // The server's own validation, in the client's version.
    match within(c1.call(v1_add("   "))).await.unwrap() {
        v1::Response::Failure(v1::Failure { message }) => {
            assert!(message.contains("needs some text"), "{message}");
        }
        other => panic!("{other:?}"),
    }

    drop((c1, c2, c3));
    let mut reports = Vec::new();
    for _ in 0..3 {
        reports.push(server.next_report().await);
    }
    reports.sort_by_key(|r| r.version);
    let summary: Vec<_> = reports
        .iter()
        .map(|r| (r.version, r.requests, r.error_frames, r.outcome.is_ok()))
        .collect();
    assert_eq!(
        summary,
        [
            (Some(1), 10, 1, true),
            (Some(2), 9, 1, true),
            (Some(3), 9, 0, true),
        ]
    );
    let served = server.service.requests_served();
    assert_eq!(served, 28);
    eprintln!(
        "mixed versions: {served} requests served to 3 concurrent clients in {:?}",
        started.elapsed()
    );
}

/// Reads what the server sends until it closes, as v`version` responses.
async fn responses_until_closed(stream: TcpStream, version: u16) -> Vec<v3::Response> {
    responses_until(stream, version, usize::MAX).await
}

/// Reads up to `count` v`version` responses, fewer if the server closes,
/// then hangs up.
async fn responses_until(stream: TcpStream, version: u16, count: usize) -> Vec<v3::Response> {
    let mut framed = Framed::new(
        stream,
        VersionedCodec::<notes::ResponseVersioned>::fixed(version),
    );
    let mut responses = Vec::new();
    while responses.len() < count {
        let Some(response) = within(framed.next()).await else {
            break;
        };
        responses.push(response.expect("a well-formed response"));
    }
    responses
}

fn failure_message(responses: &[v3::Response]) -> &str {
    match responses {
        [v3::Response::Failure(v3::Failure { message })] => message,
        other => panic!("expected one error frame: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misbehaving_client_loses_only_its_own_connection() {
    let mut server = Running::start(Duration::from_millis(300)).await;
    let (mut c1, mut c2, mut c3) = connect_all(server.addr).await;
    assert_eq!(v1_added(&mut c1, v1_add("before")).await, 1);

    // An over-long length prefix after a good handshake.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    assert_eq!(
        within(handshake::client(&mut stream, 1..=3)).await.unwrap(),
        3
    );
    stream.write_all(&[0xFF, 0xFF, 0xFF, 0xFF]).await.unwrap();
    let message = failure_message(&responses_until_closed(stream, 3).await).to_owned();
    eprintln!("over-long frame: {message}");
    assert!(message.contains("over the limit"), "{message}");
    let report = server.next_report().await;
    assert_eq!(report.version, Some(3));
    match report.outcome {
        Err(CloseReason::BadFrame(verso_tokio::Error::FrameTooLong { length, max })) => {
            assert_eq!((length, max), (u64::from(u32::MAX), 64 * 1024));
        }
        other => panic!("{other:?}"),
    }

    // A frame of the right length that is not a request (union tag 7),
    // then a request: the first is answered with why, the second as usual,
    // on the same connection.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    assert_eq!(
        within(handshake::client(&mut stream, 1..=1)).await.unwrap(),
        1
    );
    let list_notes = [0, 0, 0, 1, 1];
    stream
        .write_all(&[&[0, 0, 0, 3, 7, 0xFF, 0xFF][..], &list_notes].concat())
        .await
        .unwrap();
    let responses = responses_until(stream, 1, 2).await;
    let message = failure_message(&responses[..1]).to_owned();
    eprintln!("bad frame: {message}");
    assert!(
        message
            .starts_with("cannot read this request: cannot read the received version 1 message: "),
        "{message}"
    );
    assert!(message.contains("unknown union tag 7"), "{message}");
    match &responses[1] {
        v3::Response::Notes(v3::Notes { notes }) => assert_eq!(notes.len(), 1),
        other => panic!("the request after the bad frame: {other:?}"),
    }
    let report = server.next_report().await;
    assert!(report.outcome.is_ok(), "{report:?}");
    assert_eq!((report.requests, report.bad_requests), (1, 1));

    // Not this protocol at all: closed without a reply.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
    let mut rest = Vec::new();
    match within(stream.read_to_end(&mut rest)).await {
        // Closing with the unread rest of the request may reset the
        // connection; either way nothing was sent back.
        Ok(_) => assert!(rest.is_empty(), "{rest:?}"),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    let report = server.next_report().await;
    assert!(
        matches!(
            report.outcome,
            Err(CloseReason::Handshake(verso_tokio::Error::BadMagic { found })) if &found == b"GET "
        ),
        "{report:?}"
    );

    // A client from the future: refused, both sides naming both ranges.
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let err = within(handshake::client(&mut stream, 4..=9))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "handshake refused: no common version (client speaks 4..=9, server speaks 1..=3)"
    );
    let report = server.next_report().await;
    assert!(
        matches!(&report.outcome, Err(CloseReason::Handshake(verso_tokio::Error::Refused { client, server }))
            if (client, server) == (&(4..=9), &(1..=3))),
        "{report:?}"
    );

    // A client that connects and says nothing is dropped after the
    // handshake time-out.
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    let report = server.next_report().await;
    assert!(
        matches!(report.outcome, Err(CloseReason::HandshakeTimeout(_))),
        "{report:?}"
    );
    let mut rest = Vec::new();
    assert_eq!(within(silent.read_to_end(&mut rest)).await.unwrap(), 0);

    // Everyone else is still served.
    assert_eq!(v1_added(&mut c1, v1_add("after")).await, 2);
    assert_eq!(v2_added(&mut c2, v2_add("after", &["x"])).await, 3);
    match within(c3.call(v3::Request::ListNotes)).await.unwrap() {
        v3::Response::Notes(v3::Notes { notes }) => assert_eq!(notes.len(), 3),
        other => panic!("{other:?}"),
    }
    drop((c1, c2, c3));
    for _ in 0..3 {
        assert!(server.next_report().await.outcome.is_ok());
    }
    // 5 answered requests: the bad frames were never requests.
    assert_eq!(server.service.requests_served(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_answer_costs_the_client_only_that_call() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // A server that answers the first request with a frame that is no
    // response (union tag 7), and the second one properly.
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await?;
        let version = handshake::server(&mut stream, 1..=3).await?;
        let codec = DuplexCodec::new(
            VersionedCodec::<notes::RequestVersioned>::fixed(version),
            VersionedCodec::<notes::ResponseVersioned>::fixed(version),
        );
        let mut framed = Framed::new(stream, codec);
        framed.next().await.transpose()?;
        // Nothing is buffered in `framed`'s writer: these bytes are a frame.
        framed.get_mut().write_all(&[0, 0, 0, 1, 7]).await?;
        framed.next().await.transpose()?;
        framed
            .send(v3::Response::Notes(v3::Notes { notes: vec![] }))
            .await?;
        Ok::<_, verso_tokio::Error>(framed.next().await.is_none())
    });

    let mut client = within(V1Client::connect(addr)).await.unwrap();
    assert_eq!(client.version(), 1);
    match within(client.call(v1::Request::ListNotes)).await {
        Err(
            err @ ClientError::BadAnswer(FrameError {
                version: Some(1), ..
            }),
        ) => assert_eq!(
            err.to_string(),
            "the notes service's answer is unreadable: cannot read the received version 1 \
             message: invalid version 1 message: Response: unknown union tag 7 at byte 0"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        within(client.call(v1::Request::ListNotes)).await.unwrap(),
        v1::Response::Notes(v1::Notes { notes: vec![] })
    );
    drop(client);
    assert!(within(server).await.unwrap().unwrap(), "the client hung up");
}
