//! The bundled example family `schemas/todo` (three versions of a todo
//! app's saved state) with the converters verso cannot generate, shared by
//! the examples (`todo-tour`, the HTTP service, the SQLite store) and the
//! tests.

/// The generated code of `schemas/todo`: `v1`, `v2`, `v3`, `latest`,
/// `AppVersioned` and `TodoVersioned`.
#[deny(warnings)]
pub mod todo {
    verso::include_family!("todo");
}

pub mod converters;

/// When a todo was created, as a reader should show it: `None` when the
/// schema says the time is unknown ([`converters::CREATED_AT_UNKNOWN`], a
/// todo upgraded from v1), milliseconds since the Unix epoch otherwise.
pub fn known_created_at(created_at: todo::v3::Timestamp) -> Option<todo::v3::Timestamp> {
    (created_at != converters::CREATED_AT_UNKNOWN).then_some(created_at)
}
