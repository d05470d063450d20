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

/// The widening regression family (`tests/schemas/evolution/widenings`)
/// with `bytes(true)`, wired with its unedited scaffold.
pub mod evolution {
    /// Widenings and renames, `data` as `Bytes`.
    #[deny(warnings)]
    pub mod widenings {
        include!(concat!(env!("OUT_DIR"), "/verso-widenings/widenings.rs"));
    }
}

// The checked-in scaffold of `tests/schemas/evolution/widenings`, unedited.
#[path = "../../src/scaffolds/widenings.rs"]
#[deny(warnings)]
#[rustfmt::skip]
mod widenings_scaffold;
