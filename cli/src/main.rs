//! The `verso` command-line tool.
fn main() {}
