//! Generated code against the dynamic codec on the same bytes and type: both
//! fail alike, or both read the same value.
//! The check is `verso_tests::fuzz_checks::differential`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::differential(data));
