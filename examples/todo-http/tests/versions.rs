//! Runs the real server on 127.0.0.1:0 (a real socket, `axum::serve` in a
//! spawned task) and talks to it with a real HTTP client at v1, v2 and v3.
//!
//! Every test is bounded: each request by the client's timeout, the whole
//! test by `within`. Each test prints how many requests it made and how long
//! it took (`cargo test -p verso-example-todo-http -- --nocapture`).

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use verso_example_todo::todo::{v1, v2, v3};
use verso_example_todo_http::{AppState, router};

const BARE: &str = "application/x-bare";

/// A server on an ephemeral port and a client for it that counts requests.
struct Server {
    base: String,
    client: reqwest::Client,
    requests: AtomicUsize,
    started: Instant,
}

/// An answer, read to the end.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .unwrap()
    }

    /// The error text, checked to be declared and to be UTF-8.
    fn text(&self) -> &str {
        assert_eq!(self.header("content-type"), "text/plain; charset=utf-8");
        std::str::from_utf8(&self.body).expect("error bodies are UTF-8")
    }

    /// The BARE body as a `T`, checked to be declared as BARE.
    fn decode<T: verso::Decode>(&self) -> T {
        assert_eq!(
            self.header("content-type"),
            BARE,
            "status {}, body {:?}",
            self.status,
            String::from_utf8_lossy(&self.body)
        );
        verso::from_slice(&self.body).expect("the answer is a valid message")
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }
}

async fn start(state: AppState) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // The socket is already listening, so requests sent before the task
    // first runs wait in the backlog: no start-up race.
    tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        // A proxy from the environment must not see loopback test traffic.
        .no_proxy()
        .build()
        .unwrap();
    Server {
        base: format!("http://{addr}"),
        client,
        requests: AtomicUsize::new(0),
        started: Instant::now(),
    }
}

impl Server {
    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("the body arrives").to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.send(Method::GET, path, headers, None).await
    }

    /// Sends `body` as BARE, plus `headers`.
    async fn bare(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let mut all = vec![("content-type", BARE)];
        all.extend_from_slice(headers);
        self.send(method, path, &all, Some(body)).await
    }

    async fn post(&self, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        self.bare(Method::POST, path, headers, body).await
    }

    fn report(&self, test: &str) {
        eprintln!(
            "{test}: {} requests in {:.1} ms",
            self.requests.load(Ordering::Relaxed),
            self.started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Fails the test instead of letting a bug hang it.
async fn within(test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("the test finished within 30 s");
}

fn v3_todo(id: u64, title: &str) -> v3::Todo {
    v3::Todo {
        id,
        detail: v3::TodoDetail {
            title: title.into(),
            notes: None,
            tags: Vec::new(),
        },
        status: v3::Status::Open,
        priority: v3::Priority::Normal,
        created_at: 0,
        completed_at: None,
        assignee: None,
    }
}

#[tokio::test]
async fn a_todo_posted_at_v1_reads_back_upgraded_at_v3_and_v2() {
    within(async {
        let state = AppState::new();
        let server = start(state.clone()).await;
        let milk = v1::Todo {
            id: 1,
            title: "buy milk".into(),
            done: true,
        };
        let bread = v1::Todo {
            id: 2,
            title: "bake bread".into(),
            done: false,
        };
        for todo in [&milk, &bread] {
            let reply = server
                .post("/v1/todos", &[], verso::to_vec(todo))
                .await
                .expect(201);
            assert_eq!(reply.header("location"), format!("/v1/todos/{}", todo.id));
            assert_eq!(reply.header("verso-version"), "1");
            assert_eq!(reply.decode::<v1::Todo>(), *todo);
        }

        // At v3: the status comes from `done`; what v1 never knew is the
        // converters' defaults (normal priority, created at 0 = unknown).
        let reply = server.get("/v3/todos/1", &[]).await.expect(200);
        assert_eq!(reply.header("verso-version"), "3");
        let mut expected = v3_todo(1, "buy milk");
        expected.status = v3::Status::Done;
        assert_eq!(reply.decode::<v3::Todo>(), expected);
        let reply = server.get("/v3/todos/2", &[]).await.expect(200);
        assert_eq!(reply.decode::<v3::Todo>(), v3_todo(2, "bake bread"));

        // At v2: the same todo with v2's shape.
        let reply = server.get("/v2/todos/1", &[]).await.expect(200);
        assert_eq!(
            reply.decode::<v2::Todo>(),
            v2::Todo {
                id: 1,
                title: "buy milk".into(),
                status: v2::Status::Done,
                created_at: 0,
                completed_at: None,
                tags: Vec::new(),
            }
        );

        // The whole app, in every version.
        let reply = server.get("/v1/todos", &[]).await.expect(200);
        assert_eq!(
            reply.decode::<v1::App>(),
            v1::App {
                todos: vec![milk.clone(), bread.clone()]
            }
        );
        let reply = server.get("/v2/todos", &[]).await.expect(200);
        let v2_app = reply.decode::<v2::App>();
        assert_eq!(v2_app.todos.keys().copied().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(v2_app.todos[&2].status, v2::Status::Open);
        let reply = server.get("/v3/todos", &[]).await.expect(200);
        let v3_app = reply.decode::<v3::App>();
        assert_eq!(v3_app, state.snapshot().await);
        assert_eq!(v3_app.todos[&1], expected);
        assert!(v3_app.boards.is_empty());
        server.report("posted at v1");
    })
    .await;
}

#[tokio::test]
async fn a_todo_posted_at_v3_reads_back_downgraded_at_v1_and_v2() {
    within(async {
        let server = start(AppState::new()).await;
        let ship = v3::Todo {
            id: 7,
            detail: v3::TodoDetail {
                title: "ship v3".into(),
                notes: Some("after the review".into()),
                tags: vec!["release".into(), "http".into()],
            },
            status: v3::Status::InProgress,
            priority: v3::Priority::Urgent,
            created_at: 1_700_000_000_000,
            completed_at: None,
            assignee: Some(v3::Assignee::User(v3::User {
                id: 42,
                name: "ada".into(),
            })),
        };
        let fix = v3::Todo {
            id: 8,
            detail: v3::TodoDetail {
                title: "fix the build".into(),
                notes: None,
                tags: vec!["ci".into()],
            },
            status: v3::Status::Done,
            priority: v3::Priority::Low,
            created_at: 1_700_000_000_000,
            completed_at: Some(1_700_000_500_000),
            assignee: Some(v3::Assignee::Team(v3::Team {
                name: "infra".into(),
            })),
        };
        for todo in [&ship, &fix] {
            let reply = server
                .post("/v3/todos", &[], verso::to_vec(todo))
                .await
                .expect(201);
            assert_eq!(reply.decode::<v3::Todo>(), *todo);
        }

        // v1 knows only id, title and done.
        let reply = server.get("/v1/todos/7", &[]).await.expect(200);
        assert_eq!(reply.header("verso-version"), "1");
        assert_eq!(
            reply.decode::<v1::Todo>(),
            v1::Todo {
                id: 7,
                title: "ship v3".into(),
                done: false,
            }
        );
        let reply = server.get("/v1/todos/8", &[]).await.expect(200);
        assert_eq!(
            reply.decode::<v1::Todo>(),
            v1::Todo {
                id: 8,
                title: "fix the build".into(),
                done: true,
            }
        );

        // v2 keeps status, times and tags; notes, priority and assignee go.
        let ship_v2 = v2::Todo {
            id: 7,
            title: "ship v3".into(),
            status: v2::Status::InProgress,
            created_at: 1_700_000_000_000,
            completed_at: None,
            tags: vec!["release".into(), "http".into()],
        };
        let reply = server.get("/v2/todos/7", &[]).await.expect(200);
        assert_eq!(reply.decode::<v2::Todo>(), ship_v2);
        let reply = server.get("/v2/todos", &[]).await.expect(200);
        let app = reply.decode::<v2::App>();
        assert_eq!(app.todos.len(), 2);
        assert_eq!(app.todos[&7], ship_v2);
        assert_eq!(app.todos[&8].completed_at, Some(1_700_000_500_000));

        // The store lost nothing: reading at v3 gives back what was posted.
        let reply = server.get("/v3/todos/7", &[]).await.expect(200);
        assert_eq!(reply.decode::<v3::Todo>(), ship);
        let reply = server.get("/v1/todos", &[]).await.expect(200);
        let titles: Vec<_> = reply
            .decode::<v1::App>()
            .todos
            .into_iter()
            .map(|t| (t.id, t.title, t.done))
            .collect();
        assert_eq!(
            titles,
            [
                (7, "ship v3".to_owned(), false),
                (8, "fix the build".to_owned(), true)
            ]
        );
        server.report("posted at v3");
    })
    .await;
}

#[tokio::test]
async fn the_header_names_the_version_on_unversioned_routes() {
    within(async {
        let server = start(AppState::new()).await;
        let plants = v2::Todo {
            id: 3,
            title: "water plants".into(),
            status: v2::Status::InProgress,
            created_at: 1_000,
            completed_at: None,
            tags: vec!["garden".into()],
        };
        let reply = server
            .post("/todos", &[("Verso-Version", "2")], verso::to_vec(&plants))
            .await
            .expect(201);
        assert_eq!(reply.header("verso-version"), "2");
        assert_eq!(reply.header("location"), "/v2/todos/3");
        assert_eq!(reply.decode::<v2::Todo>(), plants);

        let reply = server
            .get("/todos/3", &[("Verso-Version", "3")])
            .await
            .expect(200);
        let mut expected = v3_todo(3, "water plants");
        expected.detail.tags = vec!["garden".into()];
        expected.status = v3::Status::InProgress;
        expected.created_at = 1_000;
        assert_eq!(reply.decode::<v3::Todo>(), expected);

        let reply = server
            .get("/todos", &[("Verso-Version", "1")])
            .await
            .expect(200);
        assert_eq!(
            reply.decode::<v1::App>(),
            v1::App {
                todos: vec![v1::Todo {
                    id: 3,
                    title: "water plants".into(),
                    done: false,
                }]
            }
        );

        // Path and header may both be sent when they agree…
        let reply = server
            .get("/v1/todos/3", &[("Verso-Version", "1")])
            .await
            .expect(200);
        assert_eq!(reply.decode::<v1::Todo>().title, "water plants");
        // …and are refused when they do not.
        let reply = server
            .get("/v1/todos/3", &[("Verso-Version", "3")])
            .await
            .expect(400);
        assert_eq!(
            reply.text(),
            "the path asks for version 1 but the Verso-Version header asks for 3: send one, or make them agree\n"
        );
        // No version at all is refused, not guessed.
        let reply = server.get("/todos/3", &[]).await.expect(400);
        assert_eq!(
            reply.text(),
            "no version given: send the header `Verso-Version: N` or use /vN/… (N from 1 to 3)\n"
        );
        let reply = server
            .get("/todos", &[("Verso-Version", "two")])
            .await
            .expect(400);
        assert_eq!(
            reply.text(),
            "the Verso-Version header must be a decimal version number from 1 to 3, got \"two\"\n"
        );
        server.report("header");
    })
    .await;
}

#[tokio::test]
async fn unsupported_versions_are_400_naming_the_range() {
    within(async {
        let server = start(AppState::new()).await;
        for (path, version) in [
            ("/v0/todos", "0"),
            ("/v4/todos", "4"),
            ("/v4/todos/1", "4"),
            ("/v70000/todos", "70000"),
        ] {
            let reply = server.get(path, &[]).await.expect(400);
            assert_eq!(
                reply.text(),
                format!("unsupported version {version}: this server speaks versions 1 to 3\n"),
                "{path}"
            );
        }
        let reply = server
            .get("/todos", &[("Verso-Version", "9")])
            .await
            .expect(400);
        assert_eq!(
            reply.text(),
            "unsupported version 9: this server speaks versions 1 to 3\n"
        );
        // The version is checked before the body is looked at: a valid v3
        // body sent to /v4 is refused for its version.
        let reply = server
            .post("/v4/todos", &[], verso::to_vec(&v3_todo(1, "x")))
            .await
            .expect(400);
        assert!(
            reply.text().starts_with("unsupported version 4"),
            "{}",
            reply.text()
        );
        server.report("unsupported versions");
    })
    .await;
}

#[tokio::test]
async fn routes_ids_and_conflicts() {
    within(async {
        let state = AppState::new();
        let server = start(state.clone()).await;
        // A first segment that is not `vN` is no route at all.
        for path in ["/x/todos", "/va/todos", "/v1/nothing", "/"] {
            let reply = server.get(path, &[]).await.expect(404);
            assert!(
                reply.text().starts_with(&format!("no route {path}: ")),
                "{}",
                reply.text()
            );
        }
        let reply = server.get("/v1/todos/abc", &[]).await.expect(400);
        assert_eq!(
            reply.text(),
            "a todo id is a decimal number from 0 to 18446744073709551615, got \"abc\"\n"
        );
        let reply = server.get("/v2/todos/99", &[]).await.expect(404);
        assert_eq!(reply.text(), "no todo has id 99\n");

        let first = v1::Todo {
            id: 5,
            title: "first".into(),
            done: false,
        };
        server
            .post("/v1/todos", &[], verso::to_vec(&first))
            .await
            .expect(201);
        let second = v3_todo(5, "second");
        let reply = server
            .post("/v3/todos", &[], verso::to_vec(&second))
            .await
            .expect(409);
        assert_eq!(reply.text(), "a todo with id 5 already exists\n");
        assert_eq!(state.snapshot().await.todos[&5].detail.title, "first");

        let reply = server
            .send(Method::DELETE, "/v1/todos/5", &[], None)
            .await
            .expect(405);
        assert_eq!(reply.header("allow"), "GET,HEAD");
        assert!(
            reply
                .text()
                .starts_with("DELETE is not allowed on /v1/todos/5")
        );
        server.report("routes");
    })
    .await;
}

#[tokio::test]
async fn malformed_bodies_are_400_with_the_offset_and_path() {
    within(async {
        let state = AppState::new();
        let server = start(state.clone()).await;
        let todo = v1::Todo {
            id: 1,
            title: "x".into(),
            done: true,
        };
        let good = verso::to_vec(&todo);
        // id (8 bytes), title (length 1, "x"), done: the bool is byte 10.
        assert_eq!(good.len(), 11);
        let mut bad_bool = good.clone();
        bad_bool[10] = 7;
        let reply = server.post("/v1/todos", &[], bad_bool).await.expect(400);
        // The runtime's decode error names the field path and the byte offset.
        let text = reply.text();
        assert!(
            text.starts_with("malformed body: invalid version 1 message: Todo.done: "),
            "{text}"
        );
        assert!(text.contains("invalid bool byte 0x07"), "{text}");
        assert!(text.ends_with(" at byte 10\n"), "{text}");

        let mut trailing = good.clone();
        trailing.push(0);
        let reply = server.post("/v1/todos", &[], trailing).await.expect(400);
        let text = reply.text();
        assert!(
            text.starts_with("malformed body: invalid version 1 message: "),
            "{text}"
        );
        assert!(text.contains("trailing byte"), "{text}");
        assert!(text.ends_with(" at byte 11\n"), "{text}");

        let reply = server.post("/v2/todos", &[], Vec::new()).await.expect(400);
        assert!(
            reply.text().starts_with(
                "malformed body: invalid version 2 message: Todo.id: unexpected end of input"
            ),
            "{}",
            reply.text()
        );

        // v1 bytes labelled v3: strict decoding catches this one.
        let reply = server
            .post("/v3/todos", &[], good.clone())
            .await
            .expect(400);
        assert!(
            reply
                .text()
                .starts_with("malformed body: invalid version 3 message: "),
            "{}",
            reply.text()
        );

        assert!(
            state.snapshot().await.todos.is_empty(),
            "nothing was stored"
        );
        // The same bytes, correctly labelled, are fine.
        server.post("/v1/todos", &[], good).await.expect(201);
        server.report("malformed");
    })
    .await;
}

#[tokio::test]
async fn a_wrong_content_type_is_415() {
    within(async {
        let state = AppState::new();
        let server = start(state.clone()).await;
        let body = verso::to_vec(&v1::Todo {
            id: 1,
            title: "typed".into(),
            done: false,
        });
        let reply = server
            .send(
                Method::POST,
                "/v1/todos",
                &[("content-type", "application/json")],
                Some(body.clone()),
            )
            .await
            .expect(415);
        assert_eq!(
            reply.text(),
            "unsupported Content-Type \"application/json\": the body must be a BARE message of the requested version, sent as Content-Type: application/x-bare\n"
        );
        let reply = server
            .send(Method::POST, "/v1/todos", &[], Some(body.clone()))
            .await
            .expect(415);
        assert!(reply.text().starts_with("missing Content-Type: "), "{}", reply.text());
        assert!(state.snapshot().await.todos.is_empty());

        // Parameters are ignored.
        let reply = server
            .send(
                Method::POST,
                "/v1/todos",
                &[("content-type", "application/x-bare; profile=todo")],
                Some(body),
            )
            .await
            .expect(201);
        assert_eq!(reply.decode::<v1::Todo>().title, "typed");
        server.report("content type");
    })
    .await;
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    within(async {
        let state = AppState::new().with_body_limit(64);
        let server = start(state.clone()).await;
        // id 8 bytes + length 1 byte + title + done 1 byte: a 54-byte title
        // makes exactly 64 bytes, which is allowed; one more is not.
        let todo = |id, len| v1::Todo {
            id,
            title: "t".repeat(len),
            done: false,
        };
        let at_limit = verso::to_vec(&todo(1, 54));
        assert_eq!(at_limit.len(), 64);
        server.post("/v1/todos", &[], at_limit).await.expect(201);
        let over = verso::to_vec(&todo(2, 55));
        let reply = server.post("/v1/todos", &[], over).await.expect(413);
        assert_eq!(
            reply.text(),
            "request body too large: the limit is 64 bytes\n"
        );
        let stored: Vec<u64> = state.snapshot().await.todos.keys().copied().collect();
        assert_eq!(stored, [1]);
        server.report("oversized");
    })
    .await;
}

#[tokio::test]
async fn an_app_an_upgrade_converter_refuses_is_422() {
    within(async {
        let mut todos = BTreeMap::new();
        todos.insert(1, v3_todo(1, "kept"));
        let before = v3::App {
            todos,
            boards: vec![v3::Board {
                name: "main".into(),
                todo_ids: vec![1],
            }],
        };
        let state = AppState::with_app(before.clone());
        let server = start(state.clone()).await;

        // v2 keys todos by id, so a v1 list with a repeated id cannot go up.
        let clash = v1::App {
            todos: vec![
                v1::Todo {
                    id: 7,
                    title: "a".into(),
                    done: false,
                },
                v1::Todo {
                    id: 7,
                    title: "b".into(),
                    done: true,
                },
            ],
        };
        let reply = server
            .bare(Method::PUT, "/v1/todos", &[], verso::to_vec(&clash))
            .await
            .expect(422);
        assert_eq!(
            reply.text(),
            "the body cannot be represented in version 3: cannot convert App from v1 to v2: two todos share id 7; v2 keys todos by id\n"
        );
        assert_eq!(state.snapshot().await, before, "the store is untouched");

        // Distinct ids go up, replace the state and come back as sent.
        let fine = v1::App {
            todos: vec![
                v1::Todo {
                    id: 7,
                    title: "a".into(),
                    done: false,
                },
                v1::Todo {
                    id: 9,
                    title: "b".into(),
                    done: true,
                },
            ],
        };
        let reply = server
            .bare(Method::PUT, "/v1/todos", &[], verso::to_vec(&fine))
            .await
            .expect(200);
        assert_eq!(reply.decode::<v1::App>(), fine);
        let reply = server.get("/v3/todos", &[]).await.expect(200);
        let app = reply.decode::<v3::App>();
        assert_eq!(app.todos.keys().copied().collect::<Vec<_>>(), [7, 9]);
        assert_eq!(app.todos[&9].status, v3::Status::Done);
        assert!(app.boards.is_empty(), "v1 has no boards, so the new state has none");
        server.report("refused upgrade");
    })
    .await;
}
