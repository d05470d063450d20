//! The old build of the app: compiled from the todo family as it was at v2
//! ([`crate::todo`](mod@crate::todo)) with the v1 ↔ v2 converters it shipped with, included
//! from `examples/todo/src/converters/v1_v2.rs` unchanged. It reads v1 and
//! v2 and writes v2; a v3 row is `UnsupportedVersion` to it, and it never
//! rewrites one (see [`crate::store`]).

use crate::store::{Record, Store};
use crate::todo::{TodoVersioned, v2};

// The same file the v2-era `verso-example-todo` compiled: it names only
// `crate::todo::{v1, v2}`, which here is the v2-era family.
#[path = "../../todo/src/converters/v1_v2.rs"]
mod converters;

/// The `createdAt` the old build's v1 → v2 upgrade gives a v1 todo:
/// "unknown", as `schemas/todo/v2.bare` defines it (the same constant as the
/// new build's, from the same file).
pub use converters::CREATED_AT_UNKNOWN;

/// The old build's store: reads v1 and v2, writes v2.
pub type OldStore = Store<TodoVersioned>;

/// The old build's todo (v2 is its latest).
pub type Todo = v2::Todo;

impl Record for v2::Todo {
    fn id(&self) -> u64 {
        self.id
    }
}
