//! The converters of `schemas/todo` that verso cannot generate: the types
//! `verso diff` reports as changed, one file per step. Everything else
//! (`Status` from v2 to v3, the versioned wrappers, the chain) is generated.

mod v1_v2;
mod v2_v3;
