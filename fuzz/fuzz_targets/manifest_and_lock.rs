//! Text as `verso.toml` and as `verso.lock`: parsing, validation and
//! loading never panic; a parsed lock renders and parses back to itself.
//! The check is `verso_tests::fuzz_checks::manifest_and_lock`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::manifest_and_lock(data));
