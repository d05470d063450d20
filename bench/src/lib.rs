//! verso against its peers: criterion benchmarks of encoding and decoding
//! the same data with verso's generated code, serde_bare, prost, bincode,
//! postcard, serde_json, apache-avro and vbare 0.2, beside a plain memory copy of
//! verso's bytes.
//!
//! - [`workloads`]: the five data sets and how each is built.
//! - [`peers`]: each peer's mirror types, messages and schemas.
//! - [`codecs`]: the codecs behind one trait, and the one list of them.
//! - [`ids`] and [`report`]: criterion's names and the results table.
//!
//! `benches/peers.rs` times every workload × codec, `tests/roundtrip.rs`
//! proves each carries the workload's data, and `bench-table` prints the
//! results; `scripts/bench.sh` runs both.

pub mod codecs;
pub mod ids;
pub mod peers;
pub mod report;
pub mod rng;
pub mod workloads;

/// `bytes` as the `Bytes` vbare decodes from (a copy).
pub fn vbare_bytes(bytes: &[u8]) -> vbare::Bytes {
    vbare::Bytes::copy_from_slice(bytes)
}

/// verso's generated code for `bench/schemas/`, one family per workload,
/// compiled by `build.rs` as a user's build script would.
pub mod verso_types {
    /// `schemas/person`: W1.
    pub mod person {
        verso::include_family!("person");
    }
    /// `schemas/todo`: W2.
    pub mod todo {
        verso::include_family!("todo");
    }
    /// `schemas/telemetry`: W3.
    pub mod telemetry {
        verso::include_family!("telemetry");
    }
    /// `schemas/blob`: W4.
    pub mod blob {
        verso::include_family!("blob");
    }
    /// `schemas/frames`: W5.
    pub mod frames {
        verso::include_family!("frames");
    }
}

/// W2 and W4 generated with `Config::bytes(true)`: `data` as `bytes::Bytes`
/// and `str` as `verso::Str`, slices of the input when decoded with
/// `verso::from_bytes` (`benches/bytes.rs`).
pub mod verso_bytes_types {
    /// `schemas/todo`: W2.
    pub mod todo {
        include!(concat!(env!("OUT_DIR"), "/verso-bytes/todo.rs"));
    }
    /// `schemas/blob`: W4.
    pub mod blob {
        include!(concat!(env!("OUT_DIR"), "/verso-bytes/blob.rs"));
    }
}
