//! The hand-written converters of `Todo`, v3 ↔ v4: a todo is assigned to
//! any number of people, never to a team, and has an estimate.

use verso::{ConvertError, Downgrade, Upgrade};

use super::{v3, v4};

impl Upgrade for v3::Todo {
    type Next = v4::Todo;
    fn upgrade(self) -> Result<v4::Todo, ConvertError> {
        let assignees = match self.assignee {
            None => Vec::new(),
            Some(v3::Assignee::User(user)) => vec![user.upgrade()?],
            // Which of the team's members it goes to is for a person to decide.
            Some(v3::Assignee::Team(team)) => {
                return Err(ConvertError::new(format!(
                    "v4 assigns todos to people only, and todo {} is assigned to team {:?}",
                    self.id, team.name
                ))
                .in_field("assignee"));
            }
        };
        Ok(v4::Todo {
            id: self.id,
            detail: self.detail.upgrade()?,
            status: self.status.upgrade()?,
            priority: self.priority.upgrade()?,
            created_at: self.created_at,
            completed_at: self.completed_at,
            assignees,
            estimate: None,
        })
    }
}

impl Downgrade for v4::Todo {
    type Prev = v3::Todo;
    /// A v3 reader has no estimate, and room for one assignee.
    fn downgrade(self) -> Result<v3::Todo, ConvertError> {
        let mut assignees = self.assignees.into_iter();
        let assignee = assignees.next();
        if assignees.next().is_some() {
            return Err(ConvertError::new(format!(
                "v3 has room for one assignee, and todo {} has several",
                self.id
            ))
            .in_field("assignees"));
        }
        Ok(v3::Todo {
            id: self.id,
            detail: self.detail.downgrade()?,
            status: self.status.downgrade()?,
            priority: self.priority.downgrade()?,
            created_at: self.created_at,
            completed_at: self.completed_at,
            assignee: assignee
                .map(|user| user.downgrade().map(v3::Assignee::User))
                .transpose()?,
        })
    }
}
