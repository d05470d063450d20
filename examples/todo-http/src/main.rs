//! `todo-http [ADDRESS]`: serves the todo service (see the library docs for
//! the routes) on ADDRESS, else `$TODO_HTTP_ADDR`, else 127.0.0.1:3000, and
//! prints the address it listens on. Ctrl-C stops it.

use std::process::ExitCode;

const DEFAULT_ADDR: &str = "127.0.0.1:3000";

#[tokio::main]
async fn main() -> ExitCode {
    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TODO_HTTP_ADDR").ok())
        .unwrap_or_else(|| DEFAULT_ADDR.to_owned());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("todo-http: cannot listen on {addr}: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Printed from the socket, so port 0 shows the port actually chosen.
    match listener.local_addr() {
        Ok(local) => println!("todo-http listening on http://{local}"),
        Err(_) => println!("todo-http listening on http://{addr}"),
    }
    let app = verso_example_todo_http::router(verso_example_todo_http::AppState::new());
    let shutdown = async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("todo-http: {err}");
            ExitCode::FAILURE
        }
    }
}
