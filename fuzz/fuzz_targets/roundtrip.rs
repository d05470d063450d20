//! Bytes as the decisions of a builder of valid messages of a features type:
//! generated code and the dynamic codec must read every one and write it
//! back.
//! The check is `verso_tests::fuzz_checks::roundtrip`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::roundtrip(data));
