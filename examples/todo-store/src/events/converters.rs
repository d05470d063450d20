//! The converters of `schemas/todo-events` that verso cannot generate
//! (`verso diff schemas/todo-events` lists exactly these). The upgrades are
//! the upcasters a replaying consumer needs; the downgrades are what an old
//! producer's build could say, and refuse what it could not.

use verso::{ConvertError, Downgrade, Upgrade};

use crate::todo_events::{v1, v2, v3};

/// The priority every v1 todo had, in v2's numbering (0 low … 3 urgent).
const V2_NORMAL: u8 = 1;

// ---- v1 ↔ v2: TodoAdded got a priority; TodoRenamed arrived
// (TodoCompleted → TodoClosed is a rename verso converts itself).

impl Upgrade for v1::TodoAdded {
    type Next = v2::TodoAdded;
    fn upgrade(self) -> Result<v2::TodoAdded, ConvertError> {
        Ok(v2::TodoAdded {
            id: self.id,
            title: self.title,
            // v1 had no priorities: every todo was a normal one.
            priority: V2_NORMAL,
        })
    }
}

impl Downgrade for v2::TodoAdded {
    type Prev = v1::TodoAdded;
    fn downgrade(self) -> Result<v1::TodoAdded, ConvertError> {
        if self.priority != V2_NORMAL {
            return Err(ConvertError::new(format!(
                "v1 has no priorities and this todo's is {}",
                self.priority
            ))
            .in_field("priority"));
        }
        Ok(v1::TodoAdded {
            id: self.id,
            title: self.title,
        })
    }
}

impl Downgrade for v2::Event {
    type Prev = v1::Event;
    fn downgrade(self) -> Result<v1::Event, ConvertError> {
        Ok(match self {
            v2::Event::TodoAdded(e) => v1::Event::TodoAdded(e.downgrade()?),
            v2::Event::TodoClosed(e) => v1::Event::TodoCompleted(e.downgrade()?),
            v2::Event::TodoRemoved(e) => v1::Event::TodoRemoved(e.downgrade()?),
            v2::Event::TodoRenamed(e) => {
                return Err(ConvertError::new(format!(
                    "v1 cannot rename a todo (todo {})",
                    e.id
                )));
            }
        })
    }
}

// ---- v2 ↔ v3: the priority number became an enum, a close got a reason,
// TodoReopened arrived.

impl Upgrade for v2::TodoAdded {
    type Next = v3::TodoAdded;
    fn upgrade(self) -> Result<v3::TodoAdded, ConvertError> {
        let priority = match self.priority {
            0 => v3::Priority::Low,
            1 => v3::Priority::Normal,
            2 => v3::Priority::High,
            3 => v3::Priority::Urgent,
            // v2 documented 0..=3 but its type allowed any u8; a producer
            // that wrote 9 said nothing v3 can mean. Refuse, don't guess.
            other => {
                return Err(ConvertError::new(format!(
                    "priority {other} is outside v2's documented range 0..=3"
                ))
                .in_field("priority"));
            }
        };
        Ok(v3::TodoAdded {
            id: self.id,
            title: self.title,
            priority,
        })
    }
}

impl Downgrade for v3::TodoAdded {
    type Prev = v2::TodoAdded;
    fn downgrade(self) -> Result<v2::TodoAdded, ConvertError> {
        Ok(v2::TodoAdded {
            id: self.id,
            title: self.title,
            priority: match self.priority {
                v3::Priority::Low => 0,
                v3::Priority::Normal => 1,
                v3::Priority::High => 2,
                v3::Priority::Urgent => 3,
            },
        })
    }
}

impl Upgrade for v2::TodoClosed {
    type Next = v3::TodoClosed;
    fn upgrade(self) -> Result<v3::TodoClosed, ConvertError> {
        // Before v3 the only way to close a todo was to finish it.
        Ok(v3::TodoClosed {
            id: self.id,
            reason: v3::CloseReason::Done,
        })
    }
}

impl Downgrade for v3::TodoClosed {
    type Prev = v2::TodoClosed;
    fn downgrade(self) -> Result<v2::TodoClosed, ConvertError> {
        match self.reason {
            v3::CloseReason::Done => Ok(v2::TodoClosed { id: self.id }),
            // A v2 reader would take it for "done".
            v3::CloseReason::Dropped => Err(ConvertError::new(format!(
                "v2 can only close a todo as done, and todo {} was dropped",
                self.id
            ))
            .in_field("reason")),
        }
    }
}

impl Downgrade for v3::Event {
    type Prev = v2::Event;
    fn downgrade(self) -> Result<v2::Event, ConvertError> {
        Ok(match self {
            v3::Event::TodoAdded(e) => v2::Event::TodoAdded(e.downgrade()?),
            v3::Event::TodoClosed(e) => v2::Event::TodoClosed(e.downgrade()?),
            v3::Event::TodoRemoved(e) => v2::Event::TodoRemoved(e.downgrade()?),
            v3::Event::TodoRenamed(e) => v2::Event::TodoRenamed(e.downgrade()?),
            v3::Event::TodoReopened(e) => {
                return Err(ConvertError::new(format!(
                    "v2 cannot reopen a todo (todo {})",
                    e.id
                )));
            }
        })
    }
}
