//! Bytes (a root selector, then an embedded-version message) through the
//! generated `…Versioned` API of real families: decode, decode without
//! converting, upgrade, encode, transcode to the latest and the oldest.
//! The check is `verso_tests::fuzz_checks::decode_versioned`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::decode_versioned(data));
