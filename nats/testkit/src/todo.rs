//! The todo family as each release shipped, built from the same folder
//! (`verso_build::Config::up_to`, included as `todo@vK`):
//! [`at_v1`] knows only `v1.bare`, [`at_v2`] `v1` and `v2`, [`at_v3`] the
//! bundled family (with serde derives), [`at_v4`] adds this crate's `v4.bare`. Each release has `TodoVersioned` and the converters of its
//! steps, one file per step compiled into every release that has the step.

pub mod at_v1;
pub mod at_v2;
pub mod at_v3;
pub mod at_v4;
