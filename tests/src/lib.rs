//! Shared helpers for verso's integration tests and benchmarks, and the
//! generated code of the bundled schema families (compiled by `build.rs`
//! exactly as in a user's crate, under `deny(warnings)`).

pub mod generate;
pub mod random;
pub mod rng;

/// The example family `schemas/todo`, with its hand-written converters in
/// [`todo_converters`].
#[deny(warnings)]
pub mod todo {
    verso::include_family!("todo");
}

pub mod todo_converters;

/// `tests/schemas/features`: every feature of the schema language.
#[deny(warnings)]
pub mod features {
    verso::include_family!("features");
}

/// `tests/schemas/interop`: every BARE type, for the interoperability tests
/// against the bare-ts reference implementation (`tests/tests/interop.rs`).
#[deny(warnings)]
pub mod interop {
    verso::include_family!("interop");
}

/// `tests/schemas/telemetry`: fixed-size records for the benchmarks.
#[deny(warnings)]
pub mod telemetry {
    verso::include_family!("telemetry");
}

/// `tests/schemas/serde` generated with serde derives and
/// `#[serde(rename_all = "camelCase")]` on `Note`.
#[deny(warnings)]
pub mod serde_check {
    include!(concat!(env!("OUT_DIR"), "/verso-serde/serde.rs"));
}

/// `tests/schemas/features` generated with `HashMap` maps.
#[deny(warnings)]
pub mod features_hashmap {
    include!(concat!(env!("OUT_DIR"), "/verso-hashmap/features.rs"));
}

/// `tests/schemas/features` generated with `IndexMap` maps.
#[deny(warnings)]
pub mod features_indexmap {
    include!(concat!(env!("OUT_DIR"), "/verso-indexmap/features.rs"));
}
