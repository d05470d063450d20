//! Compiles a firmware-style config family (with one hand-written step) and
//! families covering every schema feature, for a `#![no_std]` crate.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile_all(&[
        "schemas/config",
        "../schemas/features",
        "../schemas/bench_identical",
    ])?;
    // `data` as `bytes::Bytes`, `str` as `verso::Str`, in a directory of
    // its own (the same family name).
    verso_build::Config::new()
        .bytes(true)
        .out_dir(format!(
            "{}/verso-bytes",
            std::env::var("OUT_DIR").unwrap_or_default()
        ))
        .compile("../schemas/features")
}
