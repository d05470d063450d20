//! The handlers: one per route, each written once on the latest types. The
//! extractors decode whatever version the caller speaks into `v3`, and
//! [`BareReply::encode`] writes the answer back in that version.

use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use verso_example_todo::todo::{AppVersioned, TodoVersioned};

use crate::extract::{ApiVersion, Bare, BareReply, TodoId};
use crate::{ApiError, AppState};

/// `POST /vN/todos`: stores a new todo and answers it back (`201 Created`,
/// `Location: /vN/todos/{id}`).
pub(crate) async fn create_todo(
    State(state): State<AppState>,
    Bare { version, value, .. }: Bare<TodoVersioned>,
) -> Result<BareReply, ApiError> {
    let id = value.id;
    let mut app = state.app.write().await;
    if app.todos.contains_key(&id) {
        return Err(ApiError::TodoExists { id });
    }
    // The answer is encoded before the todo is stored, so a caller whose
    // version cannot express it gets an error and the store is untouched.
    let reply = BareReply::encode::<TodoVersioned>(StatusCode::CREATED, version, value.clone())?
        .location(format!("/v{}/todos/{id}", version.0));
    app.todos.insert(id, value);
    Ok(reply)
}

/// `GET /vN/todos`: the whole state (`App`: todos and boards).
pub(crate) async fn get_app(
    State(state): State<AppState>,
    version: ApiVersion,
) -> Result<BareReply, ApiError> {
    // Cloned so the lock is not held while the downgrade chain runs.
    let app = state.app.read().await.clone();
    BareReply::encode::<AppVersioned>(StatusCode::OK, version, app)
}

/// `PUT /vN/todos`: replaces the whole state with the `App` in the body and
/// answers it back. An old `App` goes through the upgrade chain, whose
/// converters may refuse it (a v1 list with two todos sharing an id).
pub(crate) async fn replace_app(
    State(state): State<AppState>,
    Bare { version, value, .. }: Bare<AppVersioned>,
) -> Result<BareReply, ApiError> {
    let mut app = state.app.write().await;
    // As in `create_todo`: encode first, store only what can be answered.
    let reply = BareReply::encode::<AppVersioned>(StatusCode::OK, version, value.clone())?;
    *app = value;
    Ok(reply)
}

/// `GET /vN/todos/{id}`: one todo.
pub(crate) async fn get_todo(
    State(state): State<AppState>,
    version: ApiVersion,
    TodoId(id): TodoId,
) -> Result<BareReply, ApiError> {
    let todo = state
        .app
        .read()
        .await
        .todos
        .get(&id)
        .cloned()
        .ok_or(ApiError::TodoNotFound { id })?;
    BareReply::encode::<TodoVersioned>(StatusCode::OK, version, todo)
}

/// Any path no route matches.
pub(crate) async fn no_route(uri: Uri) -> ApiError {
    ApiError::NoRoute {
        path: uri.path().to_owned(),
    }
}

/// A known path with a method it does not take (axum adds the `Allow`
/// header).
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> (StatusCode, String) {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{method} is not allowed on {}: /…/todos takes GET, POST and PUT, /…/todos/{{id}} takes GET\n",
            uri.path()
        ),
    )
}
