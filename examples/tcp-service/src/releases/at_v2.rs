//! The client release built at version 2: `v1.bare` and `v2.bare`, and the v1 ↔ v2
//! converters (the same file the server compiles).

verso::include_family!("notes@v2");

// The server's `notes` module loads this file too, on purpose: one
// converter file per step, compiled into every family that has that step.
#[allow(clippy::duplicate_mod)]
#[path = "../converters/v1_v2.rs"]
mod v1_v2;
