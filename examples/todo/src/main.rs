//! `todo-tour`: the job verso exists for, on the bundled todo family, in a
//! few lines of output. A file saved by version 1 of the app is read as the
//! latest types; the latest state is written for a reader that only knows
//! version 1; and two messages the chain must refuse are refused, with the
//! reason.
//!
//! Run it with `cargo run -p verso-example-todo`.

use std::process::ExitCode;

use verso::Versioned;
use verso_example_todo::known_created_at;
use verso_example_todo::todo::{AppVersioned, v1, v3};

fn main() -> ExitCode {
    println!(
        "schemas/todo: versions {} to {} of a todo app's saved state\n",
        AppVersioned::OLDEST,
        AppVersioned::LATEST
    );

    // 1. Old bytes, read as the latest.
    let saved_by_v1 = verso::to_vec(&v1::App {
        todos: vec![
            v1::Todo {
                id: 7,
                title: "Ship v2".into(),
                done: true,
            },
            v1::Todo {
                id: 8,
                title: "Write the changelog".into(),
                done: false,
            },
        ],
    });
    let file = [&1u16.to_le_bytes()[..], &saved_by_v1].concat();
    println!(
        "1. A file saved by v1 ({} bytes): {}",
        file.len(),
        hex(&file)
    );
    let latest = match AppVersioned::decode_embedded(&file) {
        Ok(latest) => latest,
        Err(error) => return fail(&error),
    };
    println!("   read as v3, through the converters v1 → v2 → v3:");
    for todo in latest.todos.values() {
        // v1 did not record creation times: the schema's "unknown" is shown
        // as such, not as a date in 1970.
        let created = match known_created_at(todo.created_at) {
            Some(ms) => format!("created at {ms} ms since the epoch"),
            None => "created at an unknown time (v1 did not record it)".to_owned(),
        };
        println!(
            "     todo {}: {:?}, status {:?}, priority {:?}, tags {:?}, {created}",
            todo.id, todo.detail.title, todo.status, todo.priority, todo.detail.tags
        );
    }

    // 2. The latest, written for an old reader.
    let mut state = latest;
    if let Some(todo) = state.todos.get_mut(&8) {
        todo.status = v3::Status::Done;
        todo.detail.tags.push("docs".into());
    }
    state.boards.push(v3::Board {
        name: "Release".into(),
        todo_ids: vec![7, 8],
    });
    let for_v1 = match AppVersioned::encode_embedded(state, 1) {
        Ok(bytes) => bytes,
        Err(error) => return fail(&error),
    };
    println!(
        "\n2. v3 state (todo 8 done, tagged, a board) written for a v1 reader ({} bytes): {}",
        for_v1.len(),
        hex(&for_v1)
    );
    match verso::from_slice::<v1::App>(&for_v1[2..]) {
        Ok(old) => {
            println!("   what v1 reads: (tags and boards do not exist in v1)");
            for todo in &old.todos {
                println!(
                    "     todo {}: {:?}, done {}",
                    todo.id, todo.title, todo.done
                );
            }
        }
        Err(error) => return fail(&error),
    }

    // 3. Refusals, explained.
    println!("\n3. What the chain refuses, and why:");
    let clash = verso::to_vec(&v1::App {
        todos: vec![
            v1::Todo {
                id: 1,
                title: "a".into(),
                done: false,
            },
            v1::Todo {
                id: 1,
                title: "b".into(),
                done: false,
            },
        ],
    });
    for (what, result) in [
        (
            "a v1 file whose todos share an id",
            AppVersioned::decode(&clash, 1),
        ),
        (
            "a message from a newer build (v4)",
            AppVersioned::decode_embedded(&[4, 0, 0]),
        ),
        (
            "a v1 file cut short",
            AppVersioned::decode_embedded(&file[..file.len() - 3]),
        ),
    ] {
        match result {
            Ok(_) => {
                eprintln!("error: {what} was accepted");
                return ExitCode::FAILURE;
            }
            Err(error) => println!("   {what}:\n     {error}"),
        }
    }
    ExitCode::SUCCESS
}

fn hex(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(24).map(|b| format!("{b:02x}")).collect();
    let more = if bytes.len() > 24 { " …" } else { "" };
    format!("{}{more}", shown.join(" "))
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}
