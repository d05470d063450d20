//! Compiles `../schemas/shared_input` (two versions, `str` and `data` in
//! every kind of place) with `bytes(true)` and serde derives. (Every
//! feature of the schema language is compiled with `bytes(true)` by
//! `tests/no_std`, edition 2024, and `tests/edition2021`.)

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .bytes(true)
        .serde(true)
        .compile("../schemas/shared_input")
}
