//! The hand-written converters of `Todo`, v2 ↔ v3: title and tags moved
//! into `detail`; priority and assignee arrived.

use verso::{ConvertError, Downgrade, Upgrade};

use super::{v2, v3};

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
            // Every v2 todo had the same importance.
            priority: v3::Priority::Normal,
            created_at: self.created_at,
            completed_at: self.completed_at,
            assignee: None,
        })
    }
}

impl Downgrade for v3::Todo {
    type Prev = v2::Todo;
    /// v2 has no notes, priority or assignee: a v2 reader goes without them.
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
