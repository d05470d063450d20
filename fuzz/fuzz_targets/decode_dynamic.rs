//! Bytes (a type selector, then a message) decoded by the schema-driven
//! codec of `verso decode`: an error or JSON that encodes back to the bytes.
//! The check is `verso_tests::fuzz_checks::decode_dynamic`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::decode_dynamic(data));
