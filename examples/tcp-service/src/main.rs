//! `notes-server [ADDR]`: serves the notes protocol (every version) on ADDR
//! (default 127.0.0.1:7878), logging each connection as it ends.

use std::process::ExitCode;
use std::sync::Arc;

use verso_example_tcp_service::server::{Server, Service, chain};

#[tokio::main]
async fn main() -> ExitCode {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:7878".to_owned());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("notes-server: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(local) => eprintln!("notes-server: listening on {local}"),
        Err(_) => eprintln!("notes-server: listening on {addr}"),
    }
    let error = Server::new(Arc::new(Service::new()))
        .serve(listener, |report| {
            let version = report
                .version
                .map_or_else(|| "-".to_owned(), |v| format!("v{v}"));
            let outcome = match &report.outcome {
                Ok(()) => "client hung up".to_owned(),
                Err(reason) => chain(reason),
            };
            eprintln!(
                "notes-server: {} {version}: {} request(s), {} unreadable, {} error frame(s); {outcome}",
                report.peer, report.requests, report.bad_requests, report.error_frames
            );
        })
        .await;
    eprintln!("notes-server: cannot accept connections: {error}");
    ExitCode::FAILURE
}
