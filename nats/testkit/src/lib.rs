//! Test support for `verso-nats`: real `nats-server` processes (one node,
//! or a JetStream cluster on loopback ports) in [`server`], and the todo
//! family as each release was built in [`todo`].

pub mod server;
pub mod todo;
