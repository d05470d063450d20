//! The output of `verso scaffold DIR --module crate::evolution::NAME` for
//! every family in [`crate::evolution`], unedited (kept up to date by
//! `tests/tests/evolution.rs`; refresh with `VERSO_BLESS=1`).

pub mod anonymous;
pub mod client_protocol;
pub mod drops;
pub mod inspector_protocol;
pub mod members;
pub mod paths;
pub mod renames;
pub mod retired;
pub mod ups_protocol;
pub mod void_member;
pub mod widenings;
