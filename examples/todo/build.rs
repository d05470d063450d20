//! Compiles `schemas/todo` exactly as a user's build script would. `App`
//! (the saved state) and `Todo` (what the HTTP example posts) are the roots.
//! `samples(true)` checks `schemas/todo/samples` in `cargo test`: messages
//! of every version against what they read as in v3.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .root("App")
        .root("Todo")
        .samples(true)
        .compile("../../schemas/todo")
}
