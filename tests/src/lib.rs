//! Shared helpers for verso's integration tests and benchmarks.

pub mod generate;
