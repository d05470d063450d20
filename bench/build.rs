//! Compiles the benchmark's message definitions: the verso families under
//! `schemas/` (one version each) with `verso-build`, exactly as a user's build
//! script would, and the `.proto` files under `proto/` with prost-build. The
//! `.proto` files are parsed by protox, a compiler written in Rust, so no
//! `protoc` binary has to be installed to build or run the benchmark.

use std::error::Error;
use std::path::Path;

/// The workloads' protobuf files; each has its own package.
const PROTOS: [&str; 5] = [
    "proto/person.proto",
    "proto/todo.proto",
    "proto/telemetry.proto",
    "proto/blob.proto",
    "proto/frames.proto",
];

fn main() -> Result<(), Box<dyn Error>> {
    // With borrowed twins too: the "verso (borrowed)" rows decode into them.
    verso_build::Config::new().borrowed(true).compile_all(&[
        "schemas/person",
        "schemas/todo",
        "schemas/telemetry",
        "schemas/blob",
        "schemas/frames",
    ])?;

    // vbare's own build step over the same schema files: one module per
    // file (`person_v1`, …), listed in `$OUT_DIR/combined_imports.rs`.
    vbare_compiler::process_schemas(Path::new("schemas"))?;
    // W2 and W4 again with `data` as `Bytes` and `str` as `verso::Str`
    // (`benches/bytes.rs`), in a directory of their own.
    verso_build::Config::new()
        .bytes(true)
        .out_dir(format!("{}/verso-bytes", std::env::var("OUT_DIR")?))
        .compile_all(&["schemas/todo", "schemas/blob"])?;

    for proto in PROTOS {
        println!("cargo:rerun-if-changed={proto}");
    }
    let descriptors = protox::compile(PROTOS, [Path::new("proto")])?;
    prost_build::Config::new()
        // The same map as verso's and the serde mirrors' (a BTreeMap), so
        // that no codec pays for hashing the others do not.
        .btree_map(["."])
        .compile_fds(descriptors)?;
    Ok(())
}
