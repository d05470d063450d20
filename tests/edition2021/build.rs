//! Compiles families whose converters verso generates entirely, so this
//! edition 2021 crate needs no hand-written code.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile_all(&[
        "../schemas/features",
        "../schemas/interop",
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
