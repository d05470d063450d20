//! `examples/tcp-service`'s notes protocol, with its converters (children
//! of the family's module, as there).

verso::include_family!("notes");

#[path = "../../../../examples/tcp-service/src/converters/v1_v2.rs"]
mod v1_v2;
#[path = "../../../../examples/tcp-service/src/converters/v2_v3.rs"]
mod v2_v3;
