//! `verso scaffold` of `schemas/evolution/retired`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::retired::{v3, v4};
impl verso::Upgrade for v3::Reading {
    type Next = v4::Reading;
    fn upgrade(self) -> Result<v4::Reading, verso::ConvertError> {
        // DECIDE: `Reading` changed: field `humidity` added.
        // DECIDE: `humidity` has no counterpart in v3: `None` says v3 never recorded it; fill it in if another field knows it.
        Ok(v4::Reading {
            sensor: self.sensor,
            celsius: self.celsius,
            humidity: None,
        })
    }
}
impl verso::Downgrade for v4::Reading {
    type Prev = v3::Reading;
    fn downgrade(self) -> Result<v3::Reading, verso::ConvertError> {
        // DECIDE: `Reading` changed: field `humidity` added.
        // DECIDE: `humidity` has no counterpart in v3: use `self.humidity` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Reading v4 → v3: decide what becomes of `humidity`, which v3 has no field for",
            ),
        )?;
        Ok(v3::Reading {
            sensor: self.sensor,
            celsius: self.celsius,
        })
    }
}
