//! Compiles the two families this crate uses:
//!
//! - the todo family *as it was at version 2* (`Config::up_to(2)` on
//!   `schemas/todo`: `v1.bare` and `v2.bare` only), for the old app build
//!   that a rolling upgrade still has to serve next to the new one. Built
//!   from the same folder as the new app, so the old build's schemas are
//!   the very frozen files the new build also reads.
//! - this crate's event family `schemas/todo-events` (v1..v3).

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .root("App")
        .root("Todo")
        .up_to(2)
        .compile("../../schemas/todo")?;
    verso_build::Config::new().compile("schemas/todo-events")?;
    Ok(())
}
