//! The notes protocol as the server speaks it: every version (`v1`, `v2`,
//! `v3`, `latest`), `RequestVersioned` and `ResponseVersioned`, and the
//! converters verso cannot generate.

verso::include_family!("notes");

#[path = "converters/v1_v2.rs"]
mod v1_v2;
#[path = "converters/v2_v3.rs"]
mod v2_v3;
