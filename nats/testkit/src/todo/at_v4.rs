//! The release that knows versions 1 to 4.

verso::include_family!("todo@v4");

#[allow(clippy::duplicate_mod)]
#[path = "v1_v2.rs"]
mod v1_v2;
#[allow(clippy::duplicate_mod)]
#[path = "v2_v3.rs"]
mod v2_v3;
#[path = "v3_v4.rs"]
mod v3_v4;
