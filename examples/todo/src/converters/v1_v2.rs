//! The hand-written converters of the step v1 ↔ v2.
//!
//! This file names only `v1` and `v2`, so a build of the app as it was at
//! version 2 (the family without `v3.bare`) can include it as it is.

use std::collections::BTreeMap;

use verso::{ConvertError, Downgrade, Upgrade};

use crate::todo::{v1, v2};

/// The `createdAt` of a todo upgraded from v1, which did not record when a
/// todo was created. Not a default this converter picks: v2.bare's doc
/// comment on `Todo.createdAt` defines 0 as "unknown: upgraded from v1", so
/// every reader of v2 and later knows it, and shows it as unknown rather
/// than as 1970.
pub const CREATED_AT_UNKNOWN: v2::Timestamp = 0;

// ---- v1 → v2: `done` became `status`; timestamps and tags arrived; todos
// are keyed by id.

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
            // v1 recorded no times: the schema's "unknown", and no
            // completion time even for a done todo.
            created_at: CREATED_AT_UNKNOWN,
            completed_at: None,
            // v1 had no tags, so a v1 todo has none.
            tags: Vec::new(),
        })
    }
}

impl Downgrade for v2::Todo {
    type Prev = v1::Todo;
    fn downgrade(self) -> Result<v1::Todo, ConvertError> {
        Ok(v1::Todo {
            id: self.id,
            title: self.title,
            done: self.status == v2::Status::Done,
        })
    }
}

impl Upgrade for v1::App {
    type Next = v2::App;
    fn upgrade(self) -> Result<v2::App, ConvertError> {
        let mut todos = BTreeMap::new();
        for todo in self.todos {
            let id = todo.id;
            if todos.insert(id, todo.upgrade()?).is_some() {
                return Err(ConvertError::new(format!(
                    "two todos share id {id}; v2 keys todos by id"
                )));
            }
        }
        Ok(v2::App { todos })
    }
}

impl Downgrade for v2::App {
    type Prev = v1::App;
    fn downgrade(self) -> Result<v1::App, ConvertError> {
        let todos = self
            .todos
            .into_values()
            .map(Downgrade::downgrade)
            .collect::<Result<_, _>>()?;
        Ok(v1::App { todos })
    }
}
