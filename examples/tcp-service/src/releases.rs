//! The notes protocol as each older client release was built: the family
//! as it stood at that version (`verso_build::Config::up_to` in the build
//! script, included as `notes@vK`), with the converters of that time.
//! Nothing in here knows of a later version, so a client written against
//! one of these modules behaves as the old binary does.

pub mod at_v1;
pub mod at_v2;
