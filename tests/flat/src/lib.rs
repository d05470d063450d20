//! rivet's stored-data schemas (`tests/schemas/rivet/data`, six families
//! in vbare's flat layout, `NAME.vN.bare`) compiled by one
//! `Config::compile` of the folder and included by NAME, each in a module
//! named after it (NAME with `.` as `_`).
//!
//! The hand-written converters are those `verso scaffold` asked for, with
//! each `DECIDE:` point decided the way rivet's own converters do
//! ([`runner_config`], [`runner_alloc_idx`]). [`unedited`] compiles the
//! scaffold's stubs as printed, against a second copy of the six-version
//! family.
//!
//! [`imports`] is a family importing another (`tests/schemas/imports`).

/// `pegboard.namespace.actor_by_key` (v1).
pub mod pegboard_namespace_actor_by_key {
    verso::include_family!("pegboard.namespace.actor_by_key");
}

/// `pegboard.namespace.actor_name` (v1).
pub mod pegboard_namespace_actor_name {
    verso::include_family!("pegboard.namespace.actor_name");
}

/// `pegboard.namespace.runner_alloc_idx` (v1, v2).
pub mod pegboard_namespace_runner_alloc_idx {
    verso::include_family!("pegboard.namespace.runner_alloc_idx");
}

/// `pegboard.namespace.runner_by_key` (v1).
pub mod pegboard_namespace_runner_by_key {
    verso::include_family!("pegboard.namespace.runner_by_key");
}

/// `pegboard.namespace.runner_config` (v1 … v6).
pub mod pegboard_namespace_runner_config {
    verso::include_family!("pegboard.namespace.runner_config");
}

/// `pegboard.runner.metadata` (v1).
pub mod pegboard_runner_metadata {
    verso::include_family!("pegboard.runner.metadata");
}

pub mod runner_alloc_idx;
pub mod runner_config;

/// The six-version family once more, with `verso scaffold`'s stubs for it
/// compiled exactly as printed (`build.rs` writes them): every stub
/// compiles, and one whose `DECIDE:` points are not decided returns a
/// `ConvertError` at run time.
pub mod unedited {
    /// The same generated code as [`crate::pegboard_namespace_runner_config`]
    /// (distinct types, so the stubs' impls do not meet the decided ones).
    pub mod pegboard_namespace_runner_config {
        verso::include_family!("pegboard.namespace.runner_config");
    }

    mod scaffold {
        include!(concat!(env!("OUT_DIR"), "/runner_config_scaffold.rs"));
    }
}

/// Two families side by side, one importing the other (`#import`):
/// `fleet` v1 and v2 import `common` v1, `fleet` v3 imports `common` v2,
/// whose `Position` gained a field.
pub mod imports {
    /// The shared family.
    #[deny(warnings)]
    pub mod common {
        verso::include_family!("common");
    }

    /// The importer: its code names `super::common::vK::Position`.
    #[deny(warnings)]
    pub mod fleet {
        verso::include_family!("fleet");
    }
}

/// [`imports`] again, with serde derives and borrowed twins (its own
/// output directory, the same converters).
pub mod imports_serde {
    /// The shared family.
    #[deny(warnings)]
    pub mod common {
        include!(concat!(env!("OUT_DIR"), "/verso-imports-serde/common.rs"));
    }

    /// The importer.
    #[deny(warnings)]
    pub mod fleet {
        include!(concat!(env!("OUT_DIR"), "/verso-imports-serde/fleet.rs"));
    }
}

mod import_converters;
