//! An HTTP service that speaks every version of the todo family
//! (`schemas/todo`, v1 to v3) while its handlers know only the latest one.
//!
//! Each handler is written once, on `v3::Todo` and `v3::App`. A request body
//! in the caller's version is decoded and walked up the converter chain
//! (`TodoVersioned::decode`); the answer is walked down the chain to the
//! caller's version (`TodoVersioned::encode`, `AppVersioned::encode`). The
//! state lives in memory, a `tokio::sync::RwLock<v3::App>` ([`AppState`]).
//!
//! ```no_run
//! # async fn serve() -> std::io::Result<()> {
//! let app = verso_example_todo_http::router(verso_example_todo_http::AppState::new());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await
//! # }
//! ```
//!
//! # Routes
//!
//! | method | path | request body | answer |
//! |---|---|---|---|
//! | `POST` | `/vN/todos` | `Todo` | `201 Created`, the stored `Todo`, `Location: /vN/todos/{id}` |
//! | `GET`  | `/vN/todos` | — | `200`, the whole `App` (todos and boards) |
//! | `PUT`  | `/vN/todos` | `App` | `200`, the new `App`: replaces the whole state |
//! | `GET`  | `/vN/todos/{id}` | — | `200`, that `Todo` |
//!
//! `/todos` and `/todos/{id}` are the same routes without the version in the
//! path; they take it from the `Verso-Version` header.
//!
//! # Which version
//!
//! - The path's `/vN` or the header `Verso-Version: N` (a decimal number)
//!   names the version of both the request body and the answer.
//! - Both may be sent if they agree. If they disagree the request is refused
//!   (`400`): neither silently wins.
//! - An unversioned route without the header is refused (`400`) rather than
//!   given the latest version: a client that never said which version it
//!   speaks would otherwise start getting different bytes on the day the
//!   server learns v4.
//! - Versions outside [`OLDEST_VERSION`]..=[`LATEST_VERSION`] are `400`, and
//!   the reason names the supported range. (Not 404, so that "this version
//!   does not exist" and "this todo does not exist" stay distinguishable.)
//! - Successful answers carry `Verso-Version: N` back.
//!
//! What a client sees of data its version cannot hold is the converters'
//! decision: a todo posted at v1 is read at v3 with status `DONE` or `OPEN`
//! from `done`, priority `NORMAL`, `createdAt` 0 (unknown), no notes, tags or
//! assignee; a v3 todo read at v1 keeps id and title and `done` is
//! `status == DONE`. A converter that cannot express an answer refuses, and
//! the caller gets `406` with its reason, never a made-up answer.
//!
//! # Bodies
//!
//! Request and answer bodies are plain BARE messages (no embedded version
//! prefix: the version travels in the path or header) with
//! `Content-Type: application/x-bare` ([`CONTENT_TYPE`]); parameters after
//! `;` are ignored, any other type is `415`. Request bodies are limited to
//! [`DEFAULT_BODY_LIMIT`] bytes (see [`AppState::body_limit`]); a larger one
//! is `413`.
//!
//! Errors are `text/plain; charset=utf-8`, one line a person can read, e.g.
//! `malformed body: invalid version 1 message: Todo.done: invalid bool byte 0x07 (expected 00 or 01) at byte 10`.
//!
//! # Status codes
//!
//! | status | when ([`ApiError`] variant) |
//! |---|---|
//! | 200 | `GET`, `PUT` succeeded |
//! | 201 | `POST` stored the todo |
//! | 400 | no version (`MissingVersion`), a header that is not a number (`InvalidVersionHeader`), path and header disagree (`VersionConflict`), a version outside 1..=3 (`UnsupportedVersion`), an id that is not a `u64` (`InvalidTodoId`), a body that is not a valid message of that version, with the decoder's field path and byte offset (`MalformedBody`), a body that could not be read (`BodyUnreadable`) |
//! | 404 | no such todo (`TodoNotFound`), no such route, `/x/todos` included (`NoRoute`) |
//! | 405 | a route with a method it does not take (with `Allow`) |
//! | 406 | the answer cannot be expressed in the caller's version: a downgrade converter refused, with its reason; nothing was changed (`AnswerNotExpressible`) |
//! | 409 | `POST` of an id that exists (`TodoExists`) |
//! | 413 | request body over the limit (`BodyTooLarge`) |
//! | 415 | `Content-Type` missing or not `application/x-bare` (`UnsupportedMediaType`) |
//! | 422 | the body decoded but an upgrade converter refused it, with its reason, e.g. a v1 `App` whose todos share an id (`RequestNotConvertible`) |
//! | 500 | a failure of the server's own (`Internal`) |
//!
//! Checks run in that order: route, version, content type, size, decoding,
//! conversion, then the handler (not found, exists).

mod error;
mod extract;
mod handlers;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderName;
use axum::routing::get;
use tokio::sync::RwLock;
use verso::Versioned;
use verso_example_todo::todo::{AppVersioned, TodoVersioned, v3};

pub use error::ApiError;
pub use extract::{ApiVersion, Bare, BareReply, TodoId};

/// The media type of every BARE body, request or answer.
pub const CONTENT_TYPE: &str = "application/x-bare";

/// The header that names the version on unversioned routes, and that every
/// successful answer carries back.
pub const VERSION_HEADER: HeaderName = HeaderName::from_static("verso-version");

/// The oldest version every route speaks (both roots, `Todo` and `App`).
pub const OLDEST_VERSION: u16 = max(TodoVersioned::OLDEST, AppVersioned::OLDEST);

/// The newest version, the one the handlers are written on.
pub const LATEST_VERSION: u16 = min(TodoVersioned::LATEST, AppVersioned::LATEST);

/// The request body limit of [`AppState::new`]: 1 MiB, room for an `App` of
/// thousands of todos.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

const fn max(a: u16, b: u16) -> u16 {
    if a > b { a } else { b }
}

const fn min(a: u16, b: u16) -> u16 {
    if a < b { a } else { b }
}

/// The service's state: the todo app in the latest version, in memory, and
/// the request body limit. Cloning shares the store.
#[derive(Debug, Clone)]
pub struct AppState {
    app: Arc<RwLock<v3::App>>,
    body_limit: usize,
}

impl AppState {
    /// An empty store with the [`DEFAULT_BODY_LIMIT`].
    pub fn new() -> Self {
        Self::with_app(v3::App {
            todos: Default::default(),
            boards: Vec::new(),
        })
    }

    /// A store that starts with `app`.
    pub fn with_app(app: v3::App) -> Self {
        AppState {
            app: Arc::new(RwLock::new(app)),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Sets the largest request body accepted, in bytes; larger ones get
    /// `413 Payload Too Large`.
    #[must_use]
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest request body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// A copy of the current state, for tests and for saving it.
    pub async fn snapshot(&self) -> v3::App {
        self.app.read().await.clone()
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The service: every route of the [crate documentation](crate), on `state`.
pub fn router(state: AppState) -> Router {
    let limit = state.body_limit;
    let todos = || {
        get(handlers::get_app)
            .post(handlers::create_todo)
            .put(handlers::replace_app)
    };
    let todo = || get(handlers::get_todo);
    Router::new()
        // The same handlers on both forms: the `ApiVersion` extractor reads
        // `{version}` when the route has it, and the header either way.
        .route("/todos", todos())
        .route("/todos/{id}", todo())
        .route("/{version}/todos", todos())
        .route("/{version}/todos/{id}", todo())
        .fallback(handlers::no_route)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}
