//! Compiles `../schemas/shared_input` (two versions, `str` and `data` in
//! every kind of place) with `bytes(true)` and serde derives. (Every
//! feature of the schema language is compiled with `bytes(true)` by
//! `tests/no_std`, edition 2024, and `tests/edition2021`.)

//!
//! Also the widenings regression family with `bytes(true)` (a `data[16]`
//! widened to `data` becomes `Bytes`), both with `arbitrary(true)` so their
//! laws run over `Str` and `Bytes` values.

fn main() -> Result<(), verso_build::Error> {
    verso_build::Config::new()
        .bytes(true)
        .serde(true)
        .arbitrary(true)
        .compile("../schemas/shared_input")?;
    verso_build::Config::new()
        .bytes(true)
        .arbitrary(true)
        .out_dir(format!(
            "{}/verso-widenings",
            std::env::var("OUT_DIR").unwrap_or_default()
        ))
        .compile("../schemas/evolution/widenings")
}
