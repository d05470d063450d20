//! The converters of `schemas/todo` that verso cannot generate: the types
//! `verso diff` reports as changed. Everything else (`Status` from v2 to v3,
//! the versioned wrapper, the chain) is generated.

use std::collections::BTreeMap;

use verso::{ConvertError, Downgrade, Upgrade};

use crate::todo::{v1, v2, v3};

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
            // v1 did not record times: 0 means "unknown".
            created_at: 0,
            completed_at: None,
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

// ---- v2 → v3: title and tags moved into `detail`; priority, assignee and
// boards arrived.

impl Upgrade for v2::Todo {
    type Next = v3::Todo;
    fn upgrade(self) -> Result<v3::Todo, ConvertError> {
        Ok(v3::Todo {
            id: self.id,
            detail: v3::TodoDetail {
                title: self.title,
                notes: None,
                tags: self.tags,
            },
            status: self.status.upgrade()?,
            priority: v3::Priority::Normal,
            created_at: self.created_at,
            completed_at: self.completed_at,
            assignee: None,
        })
    }
}

impl Downgrade for v3::Todo {
    type Prev = v2::Todo;
    /// v2 has no notes, priority or assignee: they are dropped.
    fn downgrade(self) -> Result<v2::Todo, ConvertError> {
        Ok(v2::Todo {
            id: self.id,
            title: self.detail.title,
            status: self.status.downgrade()?,
            created_at: self.created_at,
            completed_at: self.completed_at,
            tags: self.detail.tags,
        })
    }
}

impl Upgrade for v2::App {
    type Next = v3::App;
    fn upgrade(self) -> Result<v3::App, ConvertError> {
        let todos = self
            .todos
            .into_iter()
            .map(|(id, todo)| Ok((id, todo.upgrade()?)))
            .collect::<Result<_, ConvertError>>()?;
        Ok(v3::App {
            todos,
            boards: Vec::new(),
        })
    }
}

impl Downgrade for v3::App {
    type Prev = v2::App;
    /// v2 has no boards: they are dropped; the todos stay.
    fn downgrade(self) -> Result<v2::App, ConvertError> {
        let todos = self
            .todos
            .into_iter()
            .map(|(id, todo)| Ok((id, todo.downgrade()?)))
            .collect::<Result<_, ConvertError>>()?;
        Ok(v2::App { todos })
    }
}
