//! Shared helpers for verso's integration tests and benchmarks, and the
//! generated code of the bundled schema families (compiled by `build.rs`
//! exactly as in a user's crate, under `deny(warnings)`).

pub mod fuzz_checks;
pub mod generate;
pub mod random;
pub mod rng;

/// The example family `schemas/todo` with its hand-written converters,
/// compiled once by the example crate `verso-example-todo`.
pub use verso_example_todo::{converters as todo_converters, todo};

/// The example family `schemas/person`: Kleppmann's person record (a field
/// renamed, a field added, an optional field turned into a list), with its
/// hand-written converters in [`person_converters`].
#[deny(warnings)]
pub mod person {
    verso::include_family!("person");
}

pub mod person_converters;

/// The example family `schemas/television`: a field renamed and retyped, a
/// field removed, a field added where Protobuf would reuse a retired field
/// number; hand-written converters in [`television_converters`].
#[deny(warnings)]
pub mod television {
    verso::include_family!("television");
}

pub mod television_converters;

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

/// `tests/schemas/amplify`: values much larger in memory than on the wire,
/// for the allocation budget's test.
#[deny(warnings)]
pub mod amplify {
    verso::include_family!("amplify");
}

/// `tests/schemas/telemetry`: fixed-size records for the benchmarks.
#[deny(warnings)]
pub mod telemetry {
    verso::include_family!("telemetry");
}

/// `tests/schemas/bench_identical`: ten versions of a log whose root is the
/// same in all of them, for the `versioned` benchmark (old versions decode
/// straight into the latest types).
#[deny(warnings)]
pub mod bench_identical {
    verso::include_family!("bench_identical");
}

/// `tests/schemas/bench_chain`: ten versions of a log where every step adds
/// a value to the leaf enum `Level`, for the `versioned` benchmark; the
/// hand-written converters are in [`bench_families`].
#[deny(warnings)]
pub mod bench_chain {
    verso::include_family!("bench_chain");
}

pub mod bench_families;

/// Families that pin how verso plans evolution (`tests/schemas/evolution/`)
/// and the real-world VBARE families of rivet (`tests/schemas/rivet/`, see
/// its NOTICE). Each is wired with the converter stubs exactly as `verso
/// scaffold` prints them ([`scaffolds`]), so the stubs are proven to compile
/// next to the generated code.
pub mod evolution {
    /// A union member that turns from a struct into void and back.
    #[deny(warnings)]
    pub mod void_member {
        verso::include_family!("void_member");
    }

    /// Enum values and union members added, removed and retagged.
    #[deny(warnings)]
    pub mod members {
        verso::include_family!("members");
    }

    /// A root and a nested type renamed in v3 (`verso.toml`).
    #[deny(warnings)]
    pub mod renames {
        verso::include_family!("renames");
    }

    /// A family whose v1 and v2 were retired: it starts at v3.
    #[deny(warnings)]
    pub mod retired {
        verso::include_family!("retired");
    }

    /// An anonymous enum inside a struct that changes around it.
    #[deny(warnings)]
    pub mod anonymous {
        verso::include_family!("anonymous");
    }

    /// A conversion that fails inside a list, a map value and a map key.
    #[deny(warnings)]
    pub mod paths {
        verso::include_family!("paths");
    }

    /// Widenings and renames: every upgrade generated, the downgrades'
    /// stubs are checked narrowings.
    #[deny(warnings)]
    pub mod widenings {
        verso::include_family!("widenings");
    }

    /// Every change whose stub would lose or invent data: each stub fails
    /// until decided.
    #[deny(warnings)]
    pub mod drops {
        verso::include_family!("drops");
    }

    /// rivet's client protocol, v1–v4.
    #[deny(warnings)]
    pub mod client_protocol {
        verso::include_family!("client_protocol");
    }

    /// rivet's actor inspector protocol, v1–v6.
    #[deny(warnings)]
    pub mod inspector_protocol {
        verso::include_family!("inspector_protocol");
    }

    /// rivet's UPS protocol, v1–v3.
    #[deny(warnings)]
    pub mod ups_protocol {
        verso::include_family!("ups_protocol");
    }
}

// Kept exactly as `verso scaffold` prints it, so rustfmt leaves it alone.
#[deny(warnings)]
#[rustfmt::skip]
pub mod scaffolds;


/// `tests/schemas/features` with serde derives, whose serde form is the
/// JSON mapping (`tests/tests/serde_mapping.rs`).
#[deny(warnings)]
pub mod features_serde {
    include!(concat!(
        env!("OUT_DIR"),
        "/verso-serde-features/features.rs"
    ));
}

/// `tests/schemas/serde` generated with serde derives and
/// `#[serde(rename_all = "camelCase")]` on `Note`.
#[deny(warnings)]
pub mod serde_check {
    include!(concat!(env!("OUT_DIR"), "/verso-serde/serde.rs"));
}

/// `tests/schemas/borrowed_chain` with serde derives and borrowed twins:
/// several versions whose modules serde puts inside a macro.
#[deny(warnings)]
pub mod serde_chain {
    include!(concat!(
        env!("OUT_DIR"),
        "/verso-serde-chain/borrowed_chain.rs"
    ));
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

/// `tests/schemas/features` and `borrowed_chain` generated with borrowed twins
/// (`Config::borrowed`).
#[deny(warnings)]
pub mod borrowed {
    /// Every feature, with twins.
    pub mod features {
        include!(concat!(env!("OUT_DIR"), "/verso-borrowed/features.rs"));
    }
    /// Two versions whose wire shapes differ, with twins.
    pub mod borrowed_chain {
        include!(concat!(
            env!("OUT_DIR"),
            "/verso-borrowed/borrowed_chain.rs"
        ));
    }
}

/// `schemas/todo` again, wired with the converter stubs exactly as
/// `verso scaffold` prints them ([`scaffolded_todo_converters`]), to prove
/// the stubs compile and fail cleanly at run time.
#[deny(warnings)]
pub mod scaffolded_todo {
    include!(concat!(env!("OUT_DIR"), "/verso-scaffold/todo.rs"));
}

// Kept exactly as `verso scaffold` prints it, so rustfmt leaves it alone.
#[deny(warnings)]
#[rustfmt::skip]
pub mod scaffolded_todo_converters;
