//! `verso scaffold` of `schemas/evolution/void_member`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::void_member::{v1, v2, v3};
impl verso::Upgrade for v1::CommandStopActor {
    type Next = v2::CommandStopActor;
    fn upgrade(self) -> Result<v2::CommandStopActor, verso::ConvertError> {
        // DECIDE: `CommandStopActor` changed: was a struct, now void.
        // DECIDE: `CommandStopActor` carries nothing in v2: return `Ok(CommandStopActor)` to drop what `self` holds, or keep the error.
        Err(
            verso::ConvertError::new(
                "CommandStopActor v1 → v2: v2's `CommandStopActor` carries nothing; decide whether dropping the value is right",
            ),
        )
    }
}
impl verso::Downgrade for v2::CommandStopActor {
    type Prev = v1::CommandStopActor;
    fn downgrade(self) -> Result<v1::CommandStopActor, verso::ConvertError> {
        // DECIDE: `CommandStopActor` changed: was a struct, now void.
        // DECIDE: the type changed kind: build a v1 `CommandStopActor` here.
        Err(
            verso::ConvertError::new("CommandStopActor v2 → v1: write this conversion"),
        )
    }
}
impl verso::Upgrade for v2::CommandStopActor {
    type Next = v3::CommandStopActor;
    fn upgrade(self) -> Result<v3::CommandStopActor, verso::ConvertError> {
        // DECIDE: `CommandStopActor` changed: was void, now a struct.
        // DECIDE: the type changed kind: build a v3 `CommandStopActor` here.
        Err(
            verso::ConvertError::new("CommandStopActor v2 → v3: write this conversion"),
        )
    }
}
impl verso::Downgrade for v3::CommandStopActor {
    type Prev = v2::CommandStopActor;
    fn downgrade(self) -> Result<v2::CommandStopActor, verso::ConvertError> {
        // DECIDE: `CommandStopActor` changed: was void, now a struct.
        // DECIDE: `CommandStopActor` carries nothing in v2: return `Ok(CommandStopActor)` to drop what `self` holds, or keep the error.
        Err(
            verso::ConvertError::new(
                "CommandStopActor v3 → v2: v2's `CommandStopActor` carries nothing; decide whether dropping the value is right",
            ),
        )
    }
}
