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
