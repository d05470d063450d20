//! The notes protocol as each older client release was built: from the
//! schema files that existed when it shipped (the build script copies them
//! into `OUT_DIR`), with the converters of that time. Nothing in here knows
//! of a later version, so a client written against one of these modules
//! behaves as the old binary does.

pub mod at_v1;
pub mod at_v2;
