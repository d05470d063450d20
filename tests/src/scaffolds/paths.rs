//! `verso scaffold` of `schemas/evolution/paths`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::paths::{v1, v2};
impl verso::Downgrade for v2::Level {
    type Prev = v1::Level;
    fn downgrade(self) -> Result<v1::Level, verso::ConvertError> {
        // DECIDE: `Level` changed: value EXTREME added.
        // DECIDE: EXTREME does not exist in v1: map it to another value, or keep the error.
        Ok(
            match self {
                v2::Level::Low => v1::Level::Low,
                v2::Level::High => v1::Level::High,
                v2::Level::Extreme => {
                    return Err(
                        verso::ConvertError::new(
                            "Level v2 → v1: EXTREME does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
