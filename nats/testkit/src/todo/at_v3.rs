//! The release that knows versions 1 to 3 (the bundled `schemas/todo`).

verso::include_family!("todo@v3");

#[allow(clippy::duplicate_mod)]
#[path = "v1_v2.rs"]
mod v1_v2;
#[path = "v2_v3.rs"]
mod v2_v3;
