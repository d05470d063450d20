//! Text as JSON encoded as every features type: whatever encodes decodes to
//! JSON that encodes to the same bytes.
//! The check is `verso_tests::fuzz_checks::json_encode`, shared with the replay
//! test `tests/tests/fuzz_corpus.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| verso_tests::fuzz_checks::json_encode(data));
