//! The hand-written converters of `Todo`, v1 ↔ v2: `done` became a status;
//! timestamps and tags arrived.
//!
//! Names only `super::v1` and `super::v2`, so every release that has the
//! step compiles this same file.

use verso::{ConvertError, Downgrade, Upgrade};

use super::{v1, v2};

impl Upgrade for v1::Todo {
    type Next = v2::Todo;
    fn upgrade(self) -> Result<v2::Todo, ConvertError> {
        Ok(v2::Todo {
            id: self.id,
            title: self.title,
            status: if self.done {
                v2::Status::Done
            } else {
                v2::Status::Open
            },
            // v1 recorded no times: 0 stands for "unknown".
            created_at: 0,
            completed_at: None,
            tags: Vec::new(),
        })
    }
}

impl Downgrade for v2::Todo {
    type Prev = v1::Todo;
    /// A v1 reader sees whether the todo is done; times and tags are left out.
    fn downgrade(self) -> Result<v1::Todo, ConvertError> {
        Ok(v1::Todo {
            id: self.id,
            title: self.title,
            done: self.status == v2::Status::Done,
        })
    }
}
