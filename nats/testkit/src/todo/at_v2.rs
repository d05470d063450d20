//! The release that knows versions 1 and 2.

verso::include_family!("todo@v2");

#[path = "v1_v2.rs"]
mod v1_v2;
