//! `verso scaffold` of `schemas/evolution/drops`, unedited (kept up to date by
//! `tests/tests/evolution.rs`).

// Converters to write by hand, scaffolded by `verso scaffold`. Every
// `DECIDE:` marks a choice; until it is made, that conversion returns a
// `ConvertError` at run time.

use crate::evolution::drops::{v1, v2};
impl verso::Downgrade for v2::Event {
    type Prev = v1::Event;
    fn downgrade(self) -> Result<v1::Event, verso::ConvertError> {
        // DECIDE: `Event` changed: member `Start` added.
        // DECIDE: member `Start` does not exist in v1: convert it to another member, or keep the error.
        Ok(
            match self {
                v2::Event::Sample(value) => {
                    v1::Event::Sample(::verso::Downgrade::downgrade(value)?)
                }
                v2::Event::Stop => {
                    v1::Event::Stop(::verso::Downgrade::downgrade(v2::Stop)?)
                }
                v2::Event::Start(_value) => {
                    return Err(
                        verso::ConvertError::new(
                            "Event v2 → v1: member `Start` does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
impl verso::Upgrade for v1::Log {
    type Next = v2::Log;
    fn upgrade(self) -> Result<v2::Log, verso::ConvertError> {
        // DECIDE: `Log` changed: field `legacy` removed, field `source` added.
        // DECIDE: `source` has no counterpart in v1: `None` says v1 never recorded it; fill it in if another field knows it.
        // DECIDE: `legacy` has no counterpart in v2: use `self.legacy` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Log v1 → v2: decide what becomes of `legacy`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Log {
            events: ::verso::Upgrade::upgrade(self.events)
                .map_err(|e| e.in_field("events"))?,
            source: None,
        })
    }
}
impl verso::Downgrade for v2::Log {
    type Prev = v1::Log;
    fn downgrade(self) -> Result<v1::Log, verso::ConvertError> {
        // DECIDE: `Log` changed: field `legacy` removed, field `source` added.
        // DECIDE: `legacy` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `source` has no counterpart in v1: use `self.source` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Log v2 → v1: decide what becomes of `source`, which v1 has no field for",
            ),
        )?;
        Ok(v1::Log {
            events: ::verso::Downgrade::downgrade(self.events)
                .map_err(|e| e.in_field("events"))?,
            legacy: Err(
                verso::ConvertError::new("Log v2 → v1: decide how to fill `legacy`"),
            )?,
        })
    }
}
impl verso::Upgrade for v1::Sample {
    type Next = v2::Sample;
    fn upgrade(self) -> Result<v2::Sample, verso::ConvertError> {
        // DECIDE: `Sample` changed: field `celsius` removed, field `value` added, field `unit` added.
        // DECIDE: `value` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `unit` has no counterpart in v1: fill it in (from another field, or a default).
        // DECIDE: `celsius` has no counterpart in v2: use `self.celsius` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Sample v1 → v2: decide what becomes of `celsius`, which v2 has no field for",
            ),
        )?;
        Ok(v2::Sample {
            at: self.at,
            value: Err(
                verso::ConvertError::new("Sample v1 → v2: decide how to fill `value`"),
            )?,
            unit: Err(
                verso::ConvertError::new("Sample v1 → v2: decide how to fill `unit`"),
            )?,
        })
    }
}
impl verso::Downgrade for v2::Sample {
    type Prev = v1::Sample;
    fn downgrade(self) -> Result<v1::Sample, verso::ConvertError> {
        // DECIDE: `Sample` changed: field `celsius` removed, field `value` added, field `unit` added.
        // DECIDE: `celsius` has no counterpart in v2: fill it in (from another field, or a default).
        // DECIDE: `value` has no counterpart in v1: use `self.value` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Sample v2 → v1: decide what becomes of `value`, which v1 has no field for",
            ),
        )?;
        // DECIDE: `unit` has no counterpart in v1: use `self.unit` above, or drop it; then delete the next line.
        let () = Err(
            verso::ConvertError::new(
                "Sample v2 → v1: decide what becomes of `unit`, which v1 has no field for",
            ),
        )?;
        Ok(v1::Sample {
            at: self.at,
            celsius: Err(
                verso::ConvertError::new(
                    "Sample v2 → v1: decide how to fill `celsius`",
                ),
            )?,
        })
    }
}
impl verso::Upgrade for v1::Stop {
    type Next = v2::Stop;
    fn upgrade(self) -> Result<v2::Stop, verso::ConvertError> {
        // DECIDE: `Stop` changed: was a struct, now void.
        // DECIDE: `Stop` carries nothing in v2: return `Ok(Stop)` to drop what `self` holds, or keep the error.
        Err(
            verso::ConvertError::new(
                "Stop v1 → v2: v2's `Stop` carries nothing; decide whether dropping the value is right",
            ),
        )
    }
}
impl verso::Downgrade for v2::Stop {
    type Prev = v1::Stop;
    fn downgrade(self) -> Result<v1::Stop, verso::ConvertError> {
        // DECIDE: `Stop` changed: was a struct, now void.
        // DECIDE: the type changed kind: build a v1 `Stop` here.
        Err(verso::ConvertError::new("Stop v2 → v1: write this conversion"))
    }
}
impl verso::Downgrade for v2::Unit {
    type Prev = v1::Unit;
    fn downgrade(self) -> Result<v1::Unit, verso::ConvertError> {
        // DECIDE: `Unit` changed: value FAHRENHEIT added.
        // DECIDE: FAHRENHEIT does not exist in v1: map it to another value, or keep the error.
        Ok(
            match self {
                v2::Unit::Celsius => v1::Unit::Celsius,
                v2::Unit::Fahrenheit => {
                    return Err(
                        verso::ConvertError::new(
                            "Unit v2 → v1: FAHRENHEIT does not exist in v1",
                        ),
                    );
                }
            },
        )
    }
}
