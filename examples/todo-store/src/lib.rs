//! The todo-store example.
