//! Compiles a firmware-style config family (with one hand-written step) and
//! families covering every schema feature, for a `#![no_std]` crate.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile_all(&[
        "schemas/config",
        "../schemas/features",
        "../schemas/bench_identical",
    ])
}
