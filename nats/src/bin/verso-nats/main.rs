//! `verso-nats`: the operator's tool for versioned streams on NATS
//! JetStream. `verso-nats tail` prints a stream's messages as JSON lines,
//! decoded with the schema folder alone.

mod schemas;
mod tail;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "verso-nats",
    version,
    about = "Versioned verso messages on NATS JetStream"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a stream's messages, one JSON line each, in the JSON mapping of
    /// the version that wrote them.
    Tail(tail::TailArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    let result = match cli.command {
        Command::Tail(args) => runtime.block_on(tail::run(&args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
