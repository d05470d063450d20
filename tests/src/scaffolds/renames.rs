//! `verso scaffold` of `schemas/evolution/renames`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::renames::{v1, v2};
impl verso::Upgrade for v1::PersistedConnection {
    type Next = v2::PersistedConnection;
    fn upgrade(self) -> Result<v2::PersistedConnection, verso::ConvertError> {
        // DECIDE: `PersistedConnection` changed: field `lastSeen` added.
        // DECIDE: `lastSeen` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        Ok(v2::PersistedConnection {
            id: self.id,
            token: self.token,
            last_seen: None,
        })
    }
}
impl verso::Downgrade for v2::PersistedConnection {
    type Prev = v1::PersistedConnection;
    fn downgrade(self) -> Result<v1::PersistedConnection, verso::ConvertError> {
        // DECIDE: `PersistedConnection` changed: field `lastSeen` added.
        // DECIDE: `lastSeen` has no counterpart in v1: use `self.last_seen` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "PersistedConnection v2 → v1: decide what becomes of `lastSeen`, which v1 has no field for",
            ),
        )?;
        Ok(v1::PersistedConnection {
            id: self.id,
            token: self.token,
        })
    }
}
