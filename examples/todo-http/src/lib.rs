//! The todo-http example.
