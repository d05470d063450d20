//! Compiles families whose converters verso generates entirely, so this
//! edition 2021 crate needs no hand-written code.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile_all(&[
        "../schemas/features",
        "../schemas/interop",
        "../schemas/bench_identical",
    ])
}
