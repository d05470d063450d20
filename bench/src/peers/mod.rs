//! The peers' side of each workload: their mirror types, message
//! definitions and schemas, with conversions from and to the canonical
//! (verso) values.

pub mod avro;
pub mod proto;
pub mod serde_types;
pub mod vbare;
