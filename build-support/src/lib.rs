//! build.rs integration for verso. Code generation arrives with the wire
//! runtime; for now this crate re-exports the schema front end so build
//! scripts can already validate schema families.

pub use verso_codegen as codegen;
