//! The nats example's release that knows todo v1 to v4, with its
//! converters (children of the family's module, as there).

include!(concat!(env!("OUT_DIR"), "/verso-nats/nats_todo.rs"));

#[path = "../../../../nats/testkit/src/todo/v1_v2.rs"]
mod v1_v2;
#[path = "../../../../nats/testkit/src/todo/v2_v3.rs"]
mod v2_v3;
#[path = "../../../../nats/testkit/src/todo/v3_v4.rs"]
mod v3_v4;
