//! Text as a schema: checking never panics, diagnostics point into the text,
//! and formatting is idempotent and keeps the fingerprint.
//! The check is `verso_tests::fuzz_checks::schema_front_end`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::schema_front_end(data));
