//! Two things a versioned format has to survive in production, done with
//! the todo family of `verso-example-todo`:
//!
//! - **A rolling upgrade through SQLite** ([`store`], [`old_app`],
//!   [`new_app`], [`migrate`]). Each row of `todos(id, body)` holds one
//!   todo as an embedded-version blob (2-byte little-endian version, then
//!   BARE). While old and new builds of the app share the database, the
//!   new build *reads every version and writes the old one* (v2); once every
//!   reader is upgraded it switches its write version to v3, and a
//!   resumable, batched [`migrate::migrate`] rewrites the remaining rows at
//!   v3. The `todo-store` binary runs the migration with a progress bar,
//!   and [`verify::verify`] decodes every row (the migration skips the
//!   ones whose header already says v3) without writing any.
//! - **An append-only event log** ([`events`]): length-delimited frames of
//!   embedded-version events written by producers at v1, v2 and v3 of the
//!   family in `schemas/todo-events`, replayed by the latest consumer
//!   through the converter chain (event sourcing's upcasters).
//!
//! # What the old build is
//!
//! The old app is not a simulation with the new types: `build.rs` compiles
//! the todo family *as it was at v2* (`verso_build::Config::up_to(2)`: only
//! `v1.bare` and `v2.bare` are read) into
//! [`todo`](mod@todo), and [`old_app`] includes the very converter file the v2-era
//! crate had (`examples/todo/src/converters/v1_v2.rs`, which names
//! `crate::todo::{v1, v2}` — hence [`todo`](mod@todo) sits at this crate's root). Its
//! `TodoVersioned` knows versions 1 and 2 and nothing else, exactly like a
//! binary built before `v3.bare` existed.

pub mod events;
pub mod migrate;
pub mod new_app;
pub mod old_app;
pub mod store;
pub mod verify;

/// The todo family as it was at version 2 (`v1`, `v2`, `latest` = `v2`,
/// `AppVersioned`, `TodoVersioned`): what the old app build was compiled
/// from. The new app uses the full family, `verso_example_todo::todo`.
#[deny(warnings)]
pub mod todo {
    verso::include_family!("todo@v2");
}

/// The generated code of `schemas/todo-events` (`v1`..`v3`,
/// `EventVersioned`); the converters verso cannot generate are in
/// [`events::converters`].
#[deny(warnings)]
pub mod todo_events {
    verso::include_family!("todo_events");
}
