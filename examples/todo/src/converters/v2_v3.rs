//! The hand-written converters of the step v2 ↔ v3.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::todo::{v2, v3};

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
            // v2 had no priorities: v3.bare's doc comment on
            // `Todo.priority` makes such a todo NORMAL.
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
