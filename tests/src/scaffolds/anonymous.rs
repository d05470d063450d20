//! `verso scaffold` of `schemas/evolution/anonymous`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::anonymous::{v1, v2, v3};
impl verso::Upgrade for v1::Task {
    type Next = v2::Task;
    fn upgrade(self) -> Result<v2::Task, verso::ConvertError> {
        // DECIDE: `Task` changed: field `due` added.
        // DECIDE: `due` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        Ok(v2::Task {
            title: self.title,
            state: ::verso::Upgrade::upgrade(self.state)
                .map_err(|e| e.in_field("state"))?,
            due: None,
        })
    }
}
impl verso::Downgrade for v2::Task {
    type Prev = v1::Task;
    fn downgrade(self) -> Result<v1::Task, verso::ConvertError> {
        // DECIDE: `Task` changed: field `due` added.
        // DECIDE: `due` has no counterpart in v1: use `self.due` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Task v2 → v1: decide what becomes of `due`, which v1 has no field for",
            ),
        )?;
        Ok(v1::Task {
            title: self.title,
            state: ::verso::Downgrade::downgrade(self.state)
                .map_err(|e| e.in_field("state"))?,
        })
    }
}
impl verso::Downgrade for v3::TaskState {
    type Prev = v2::TaskState;
    fn downgrade(self) -> Result<v2::TaskState, verso::ConvertError> {
        // DECIDE: `Task.State` changed: value BLOCKED added.
        // DECIDE: BLOCKED does not exist in v2: map it to another value, or keep the error.
        Ok(
            match self {
                v3::TaskState::Open => v2::TaskState::Open,
                v3::TaskState::Done => v2::TaskState::Done,
                v3::TaskState::Blocked => {
                    return Err(
                        verso::ConvertError::new(
                            "Task.State v3 → v2: BLOCKED does not exist in v2",
                        ),
                    );
                }
            },
        )
    }
}
