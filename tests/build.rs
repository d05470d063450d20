//! Compiles the example families and the test schemas into Rust, exactly as
//! a user's build script would.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile_all(&[
        "../schemas/todo",
        "schemas/features",
        "schemas/interop",
    ])
}
