//! Families generated with `verso_build::Config::bytes(true)`: `data` is
//! `bytes::Bytes` and `str` is `verso::Str`, slices of the input when
//! decoded with `verso::from_bytes` or `…Versioned::decode_bytes`. Compiled
//! under `deny(warnings)`.

/// `tests/schemas/shared_input`: a note with `str` and `data` in every kind
/// of place, in two versions.
#[deny(warnings)]
pub mod shared_input {
    verso::include_family!("shared_input");
}

mod converters;
