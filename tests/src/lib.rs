//! Shared helpers for verso's integration tests.
