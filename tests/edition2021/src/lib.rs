//! The generated code of several families, compiled in an edition 2021 crate
//! under `deny(warnings)` (and clippy in CI): generated code must work in
//! both editions.

/// `tests/schemas/features`.
#[deny(warnings)]
pub mod features {
    verso::include_family!("features");
}

/// The same, generated with `Config::bytes(true)`: `data` as `bytes::Bytes`,
/// `str` as `verso::Str`.
#[deny(warnings)]
pub mod features_bytes {
    include!(concat!(env!("OUT_DIR"), "/verso-bytes/features.rs"));
}

/// `tests/schemas/interop`.
#[deny(warnings)]
pub mod interop {
    verso::include_family!("interop");
}

/// `tests/schemas/bench_identical`: ten versions, converters all generated.
#[deny(warnings)]
pub mod bench_identical {
    verso::include_family!("bench_identical");
}

#[cfg(test)]
mod tests {
    use verso::Versioned;

    #[test]
    fn generated_code_works_in_edition_2021() {
        let color = super::features::v1::Color::Green;
        assert_eq!(verso::to_vec(&color), [5]);
        assert_eq!(
            <super::bench_identical::LogVersioned as Versioned>::LATEST,
            10
        );
    }
}
