//! Compiles one family, so that `include_family!` of a family the build did
//! not compile (`ui/unknown_family.rs`) lists what it did compile.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new().compile("../../schemas/person")
}
