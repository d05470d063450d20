//! The converters of `schemas/todo` that verso cannot generate: the types
//! `verso diff` reports as changed, one file per step. Everything else
//! (`Status` from v2 to v3, the versioned wrappers, the chain) is generated.
//!
//! Where an upgrade must fill in a field the old version never had and the
//! new schema requires, the value is one the new schema's doc comment
//! defines for that case (such as [`CREATED_AT_UNKNOWN`]), never a default
//! chosen here.

mod v1_v2;
mod v2_v3;

pub use v1_v2::CREATED_AT_UNKNOWN;
