//! `verso scaffold` of `schemas/evolution/members`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::members::{v1, v2, v3};
impl verso::Downgrade for v2::Event {
    type Prev = v1::Event;
    fn downgrade(self) -> Result<v1::Event, verso::ConvertError> {
        // DECIDE: `Event` changed: member `Archived` added.
        // DECIDE: member `Archived` does not exist in v1: convert it to another member, or keep the error.
        Ok(
            match self {
                v2::Event::Created(value) => {
                    v1::Event::Created(::verso::Downgrade::downgrade(value)?)
                }
                v2::Event::Deleted(value) => {
                    v1::Event::Deleted(::verso::Downgrade::downgrade(value)?)
                }
                v2::Event::Archived(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "Event v2 → v1: member `Archived` does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Downgrade for v2::Status {
    type Prev = v1::Status;
    fn downgrade(self) -> Result<v1::Status, verso::ConvertError> {
        // DECIDE: `Status` changed: value CANCELLED added.
        // DECIDE: CANCELLED does not exist in v1: map it to another value, or keep the error.
        Ok(
            match self {
                v2::Status::Open => v1::Status::Open,
                v2::Status::Done => v1::Status::Done,
                v2::Status::Cancelled => {
                    return Err(
                        verso::ConvertError::new(
                            "Status v2 → v1: CANCELLED does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Upgrade for v2::Event {
    type Next = v3::Event;
    fn upgrade(self) -> Result<v3::Event, verso::ConvertError> {
        // DECIDE: `Event` changed: member `Created` removed.
        // DECIDE: member `Created` does not exist in v3: convert it to another member, or keep the error.
        Ok(
            match self {
                v2::Event::Created(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "Event v2 → v3: member `Created` does not exist in v3",
                        ),
                    );
                }
                v2::Event::Deleted(value) => {
                    v3::Event::Deleted(::verso::Upgrade::upgrade(value)?)
                }
                v2::Event::Archived(value) => {
                    v3::Event::Archived(::verso::Upgrade::upgrade(value)?)
                }
            },
        )
    }
}
impl verso::Upgrade for v2::Status {
    type Next = v3::Status;
    fn upgrade(self) -> Result<v3::Status, verso::ConvertError> {
        // DECIDE: `Status` changed: value DONE removed.
        // DECIDE: DONE does not exist in v3: map it to another value, or keep the error.
        Ok(
            match self {
                v2::Status::Open => v3::Status::Open,
                v2::Status::Done => {
                    return Err(
                        verso::ConvertError::new(
                            "Status v2 → v3: DONE does not exist in v3",
                        ),
                    );
                }
                v2::Status::Cancelled => v3::Status::Cancelled,
            },
        )
    }
}
