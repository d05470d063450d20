//! The README's first command, `cargo run -p verso-example-todo`, does what
//! it promises: old bytes read as the latest, the latest written for an old
//! reader, and refusals explained.

use assert_cmd::Command;

#[test]
fn the_tour_reads_old_writes_old_and_explains_refusals() {
    let output = Command::new(env!("CARGO_BIN_EXE_todo-tour"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "versions 1 to 3",
        // v1's `done` became v3's status; v3's priority took its default.
        // v1 recorded no creation time: shown as unknown, not as 1970.
        r#"todo 7: "Ship v2", status Done, priority Normal, tags [], created at an unknown time (v1 did not record it)"#,
        r#"todo 8: "Write the changelog", status Open"#,
        // Marked done in v3, so a v1 reader sees done = true.
        r#"todo 8: "Write the changelog", done true"#,
        "cannot convert App from v1 to v2: two todos share id 1; v2 keys todos by id",
        "unsupported version 4: this build reads and writes versions 1 to 3",
        "App.todos[1].title: length 19 is too large for the 17 bytes left at byte 28",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
