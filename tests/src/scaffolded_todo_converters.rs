//! The output of `verso scaffold schemas/todo --module crate::scaffolded_todo`,
//! unedited (kept up to date by `tests/tests/scaffold.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::scaffolded_todo::{v1, v2, v3};
impl verso::Upgrade for v1::App {
    type Next = v2::App;
    fn upgrade(self) -> Result<v2::App, verso::ConvertError> {
        // DECIDE: `App` changed: field `todos` retyped list<Todo> → map<u64><Todo>.
        // DECIDE: `todos` changed type: convert `self.todos` here.
        Ok(v2::App {
            todos: Err(
                verso::ConvertError::new("App v1 → v2: decide how to convert `todos`"),
            )?,
        })
    }
}
impl verso::Downgrade for v2::App {
    type Prev = v1::App;
    fn downgrade(self) -> Result<v1::App, verso::ConvertError> {
        // DECIDE: `App` changed: field `todos` retyped list<Todo> → map<u64><Todo>.
        // DECIDE: `todos` changed type: convert `self.todos` here.
        Ok(v1::App {
            todos: Err(
                verso::ConvertError::new("App v2 → v1: decide how to convert `todos`"),
            )?,
        })
    }
}
impl verso::Upgrade for v1::Todo {
    type Next = v2::Todo;
    fn upgrade(self) -> Result<v2::Todo, verso::ConvertError> {
        // DECIDE: `Todo` changed: field `done` removed, field `status` added, field `createdAt` added, field `completedAt` added, field `tags` added.
        // DECIDE: `status` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `createdAt` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `completedAt` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        // DECIDE: `tags` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `done` has no counterpart in v2: use `self.done` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v1 → v2: decide what becomes of `done`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Todo {
            id: self.id,
            title: self.title,
            status: Err(
                verso::ConvertError::new("Todo v1 → v2: decide how to fill `status`"),
            )?,
            created_at: Err(
                verso::ConvertError::new(
                    "Todo v1 → v2: decide how to fill `createdAt`",
                ),
            )?,
            completed_at: None,
            tags: Err(
                verso::ConvertError::new("Todo v1 → v2: decide how to fill `tags`"),
            )?,
        })
    }
}
impl verso::Downgrade for v2::Todo {
    type Prev = v1::Todo;
    fn downgrade(self) -> Result<v1::Todo, verso::ConvertError> {
        // DECIDE: `Todo` changed: field `done` removed, field `status` added, field `createdAt` added, field `completedAt` added, field `tags` added.
        // DECIDE: `done` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `status` has no counterpart in v1: use `self.status` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v1: decide what becomes of `status`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `createdAt` has no counterpart in v1: use `self.created_at` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v1: decide what becomes of `createdAt`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `completedAt` has no counterpart in v1: use `self.completed_at` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v1: decide what becomes of `completedAt`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `tags` has no counterpart in v1: use `self.tags` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v1: decide what becomes of `tags`, which v1 has no field for",
            ),
        )?;
        Ok(v1::Todo {
            id: self.id,
            title: self.title,
            done: Err(
                verso::ConvertError::new("Todo v2 → v1: decide how to fill `done`"),
            )?,
        })
    }
}
impl verso::Upgrade for v2::App {
    type Next = v3::App;
    fn upgrade(self) -> Result<v3::App, verso::ConvertError> {
        // DECIDE: `App` changed: field `boards` added.
        // DECIDE: `boards` has no counterpart in v2: fill it in (from another field, or a default).
        Ok(v3::App {
            todos: ::verso::convert_map_values(self.todos, ::verso::Upgrade::upgrade)
                .map_err(|e| e.in_field("todos"))?,
            boards: Err(
                verso::ConvertError::new("App v2 → v3: decide how to fill `boards`"),
            )?,
        })
    }
}
impl verso::Downgrade for v3::App {
    type Prev = v2::App;
    fn downgrade(self) -> Result<v2::App, verso::ConvertError> {
        // DECIDE: `App` changed: field `boards` added.
        // DECIDE: `boards` has no counterpart in v2: use `self.boards` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "App v3 → v2: decide what becomes of `boards`, which v2 has no field for",
            ),
        )?;
        Ok(v2::App {
            todos: ::verso::convert_map_values(self.todos, ::verso::Downgrade::downgrade)
                .map_err(|e| e.in_field("todos"))?,
        })
    }
}
impl verso::Upgrade for v2::Todo {
    type Next = v3::Todo;
    fn upgrade(self) -> Result<v3::Todo, verso::ConvertError> {
        // DECIDE: `Todo` changed: field `title` removed, field `tags` removed, field `detail` added, field `priority` added, field `assignee` added.
        // DECIDE: `detail` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `priority` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `assignee` has no counterpart in v2: `None` says v2 never recorded it; fill it in if another field knows it.
        // DECIDE: `title` has no counterpart in v3: use `self.title` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v3: decide what becomes of `title`, which v3 has no field for",
            ),
        )?;
        // DECIDE: `tags` has no counterpart in v3: use `self.tags` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v2 → v3: decide what becomes of `tags`, which v3 has no field for",
            ),
        )?;
        Ok(v3::Todo {
            id: self.id,
            detail: Err(
                verso::ConvertError::new("Todo v2 → v3: decide how to fill `detail`"),
            )?,
            status: ::verso::Upgrade::upgrade(self.status)
                .map_err(|e| e.in_field("status"))?,
            priority: Err(
                verso::ConvertError::new("Todo v2 → v3: decide how to fill `priority`"),
            )?,
            created_at: self.created_at,
            completed_at: self.completed_at,
            assignee: None,
        })
    }
}
impl verso::Downgrade for v3::Todo {
    type Prev = v2::Todo;
    fn downgrade(self) -> Result<v2::Todo, verso::ConvertError> {
        // DECIDE: `Todo` changed: field `title` removed, field `tags` removed, field `detail` added, field `priority` added, field `assignee` added.
        // DECIDE: `title` has no counterpart in v3: fill it in (from another field, or a default).
        // DECIDE: `tags` has no counterpart in v3: fill it in (from another field, or a default).
        // DECIDE: `detail` has no counterpart in v2: use `self.detail` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v3 → v2: decide what becomes of `detail`, which v2 has no field for",
            ),
        )?;
        // DECIDE: `priority` has no counterpart in v2: use `self.priority` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v3 → v2: decide what becomes of `priority`, which v2 has no field for",
            ),
        )?;
        // DECIDE: `assignee` has no counterpart in v2: use `self.assignee` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Todo v3 → v2: decide what becomes of `assignee`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Todo {
            id: self.id,
            title: Err(
                verso::ConvertError::new("Todo v3 → v2: decide how to fill `title`"),
            )?,
            status: ::verso::Downgrade::downgrade(self.status)
                .map_err(|e| e.in_field("status"))?,
            created_at: self.created_at,
            completed_at: self.completed_at,
            tags: Err(
                verso::ConvertError::new("Todo v3 → v2: decide how to fill `tags`"),
            )?,
        })
    }
}
