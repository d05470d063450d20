//! Compiles `../schemas/shared_input` (two versions, `str` and `data` in
//! every kind of place) and `../schemas/features` (every feature of the
//! schema language) with `bytes(true)` and serde derives.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .bytes(true)
        .serde(true)
        .compile_all(&["../schemas/shared_input", "../schemas/features"])
}
