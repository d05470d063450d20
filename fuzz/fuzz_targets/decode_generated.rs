//! Bytes (a type selector, then a message) decoded by the generated code of
//! the features schema, recursive and anonymous types included: an error or
//! a value that re-encodes canonically.
//! The check is `verso_tests::fuzz_checks::decode_generated`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::decode_generated(data));
