//! The tcp-service example.
