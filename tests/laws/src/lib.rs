//! Every family of verso's own tests and examples, generated with
//! `Config::arbitrary(true)` and wired with the same hand-written
//! converters as where they are tested otherwise (included by `#[path]`,
//! so the modules here are laid out as there: `crate::person`,
//! `crate::evolution::members`, …). `tests/laws.rs` checks each family's
//! laws; `wrong` is a family whose converters are deliberately wrong.

/// `schemas/todo` (`examples/todo`'s converters).
pub mod todo {
    verso::include_family!("todo");
}

#[path = "../../../examples/todo/src/converters/mod.rs"]
pub mod todo_converters;

/// `schemas/person`.
pub mod person {
    verso::include_family!("person");
}

#[path = "../../src/person_converters.rs"]
pub mod person_converters;

/// `schemas/television`.
pub mod television {
    verso::include_family!("television");
}

#[path = "../../src/television_converters.rs"]
pub mod television_converters;

/// `tests/schemas/features`: every feature of the schema language.
pub mod features {
    verso::include_family!("features");
}

/// `tests/schemas/interop`: every BARE type.
pub mod interop {
    verso::include_family!("interop");
}

/// `tests/schemas/telemetry`.
pub mod telemetry {
    verso::include_family!("telemetry");
}

/// `tests/schemas/amplify`.
pub mod amplify {
    verso::include_family!("amplify");
}

/// `tests/schemas/bench_identical`: ten identical versions.
pub mod bench_identical {
    verso::include_family!("bench_identical");
}

/// `tests/schemas/bench_chain`: ten versions, an enum value added at each.
pub mod bench_chain {
    verso::include_family!("bench_chain");
}

#[path = "../../src/bench_families.rs"]
pub mod bench_families;

/// `tests/schemas/borrowed_chain` (plain here: no twins, no serde).
pub mod borrowed_chain {
    verso::include_family!("borrowed_chain");
}

/// `tests/schemas/serde` (plain here).
pub mod serde_schema {
    verso::include_family!("serde");
}

/// `tests/schemas/evolution/*` and rivet's protocols, with the unedited
/// `verso scaffold` stubs of `verso-tests` (they return a `ConvertError`
/// where a decision is left).
pub mod evolution {
    /// A union member that turns from a struct into void and back.
    pub mod void_member {
        verso::include_family!("void_member");
    }

    /// Enum values and union members added, removed and retagged.
    pub mod members {
        verso::include_family!("members");
    }

    /// A root and a nested type renamed in v3.
    pub mod renames {
        verso::include_family!("renames");
    }

    /// A family whose v1 and v2 were retired.
    pub mod retired {
        verso::include_family!("retired");
    }

    /// An anonymous enum inside a struct that changes around it.
    pub mod anonymous {
        verso::include_family!("anonymous");
    }

    /// Conversions failing inside a list, a map value and a map key.
    pub mod paths {
        verso::include_family!("paths");
    }

    /// Numbers widened and narrowed, its stubs checked narrowings.
    pub mod widenings {
        verso::include_family!("widenings");
    }

    /// Every change whose stub would lose or invent data.
    pub mod drops {
        verso::include_family!("drops");
    }

    /// rivet's client protocol, v1–v4.
    pub mod client_protocol {
        verso::include_family!("client_protocol");
    }

    /// rivet's actor inspector protocol, v1–v6.
    pub mod inspector_protocol {
        verso::include_family!("inspector_protocol");
    }

    /// rivet's UPS protocol, v1–v3.
    pub mod ups_protocol {
        verso::include_family!("ups_protocol");
    }
}

// As `verso scaffold` prints it.
#[rustfmt::skip]
#[path = "../../src/scaffolds/mod.rs"]
pub mod scaffolds;

/// rivet's stored-data folder (`NAME.vN.bare`), every family.
pub mod pegboard_namespace_actor_by_key {
    verso::include_family!("pegboard.namespace.actor_by_key");
}

/// `pegboard.namespace.actor_name`.
pub mod pegboard_namespace_actor_name {
    verso::include_family!("pegboard.namespace.actor_name");
}

/// `pegboard.namespace.runner_alloc_idx` (v1, v2).
pub mod pegboard_namespace_runner_alloc_idx {
    verso::include_family!("pegboard.namespace.runner_alloc_idx");
}

/// `pegboard.namespace.runner_by_key`.
pub mod pegboard_namespace_runner_by_key {
    verso::include_family!("pegboard.namespace.runner_by_key");
}

/// `pegboard.namespace.runner_config` (v1 … v6).
pub mod pegboard_namespace_runner_config {
    verso::include_family!("pegboard.namespace.runner_config");
}

/// `pegboard.runner.metadata`.
pub mod pegboard_runner_metadata {
    verso::include_family!("pegboard.runner.metadata");
}

#[path = "../../flat/src/runner_alloc_idx.rs"]
pub mod runner_alloc_idx;
#[path = "../../flat/src/runner_config.rs"]
pub mod runner_config;

/// The `#import` pair: `fleet` imports `common`.
pub mod imports {
    /// The shared family.
    pub mod common {
        verso::include_family!("common");
    }

    /// The importer.
    pub mod fleet {
        verso::include_family!("fleet");
    }
}

/// The pair once more, for the second build the shared converters are
/// written for.
pub mod imports_serde {
    /// The shared family.
    pub mod common {
        include!(concat!(env!("OUT_DIR"), "/verso-imports-again/common.rs"));
    }

    /// The importer.
    pub mod fleet {
        include!(concat!(env!("OUT_DIR"), "/verso-imports-again/fleet.rs"));
    }
}

#[path = "../../flat/src/import_converters.rs"]
pub mod import_converters;

pub mod notes;

/// `examples/todo-store`'s event family.
pub mod todo_events {
    verso::include_family!("todo_events");
}

#[path = "../../../examples/todo-store/src/events/converters.rs"]
pub mod todo_events_converters;

pub mod nats_todo;

/// Deliberately wrong converters: `tests/laws.rs` shows the laws catch them.
pub mod wrong {
    verso::include_family!("wrong");
}

pub mod wrong_converters;
