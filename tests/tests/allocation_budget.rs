//! The allocation budget, proven with a counting global allocator: decoding
//! any input — random bytes, huge length prefixes, many one-byte elements
//! of 257-byte values, maps of minimal keys — never holds more heap than
//! `Limits::max_alloc` plus a small constant, whatever the input's size.
//! One test function, so no other test allocates while it measures; the
//! counting allocator is dhat's.

use verso::{Decode, DecodeErrorKind, Limits};
use verso_tests::amplify::v1;
use verso_tests::rng::Rng;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// The budget the test decodes with: small, so crafted inputs of a few
/// megabytes would pass it many times over without it.
const BUDGET: usize = 1 << 20;

/// What a decode may hold beyond its budget: the error value and its path,
/// and the slack of allocator rounding.
const SLACK: usize = 64 << 10;

/// The peak heap while decoding `bytes` as `T`, above what was live before
/// (dhat counts every allocation of the process while its profiler runs).
fn peak_of<T: Decode>(bytes: &[u8]) -> (usize, Result<T, verso::DecodeError>) {
    let profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get().curr_bytes;
    let result = verso::from_slice_with::<T>(bytes, Limits::default().with_max_alloc(BUDGET));
    let peak = dhat::HeapStats::get().max_bytes.saturating_sub(before);
    drop(profiler);
    (peak, result)
}

fn uint(mut n: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn check<T: Decode>(name: &str, bytes: &[u8]) -> Result<T, verso::DecodeError> {
    let (peak, result) = peak_of::<T>(bytes);
    assert!(
        peak <= BUDGET + SLACK,
        "{name}: {} input bytes held {peak} heap bytes, over the budget of {BUDGET} (+{SLACK})",
        bytes.len()
    );
    result
}

#[test]
fn decoding_never_holds_more_than_the_budget() {
    // Many one-byte elements of 257-byte values: 4 MB of void tags would
    // be a 1 GB list.
    let mut slots = Vec::new();
    uint(4_000_000, &mut slots);
    slots.extend(std::iter::repeat_n(1u8, 4_000_000));
    let err = check::<v1::Slots>("void slots", &slots).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::AllocationLimitExceeded { limit, .. } if *limit == BUDGET),
        "{err}"
    );
    assert!(err.to_string().contains("Limits::with_max_alloc"), "{err}");
    // Under the budget, the same shape decodes.
    let mut small = Vec::new();
    uint(2_000, &mut small);
    small.extend(std::iter::repeat_n(1u8, 2_000));
    assert_eq!(
        check::<v1::Slots>("few slots", &small).unwrap().items.len(),
        2_000
    );

    // Huge length prefixes: refused before anything is allocated.
    for claimed in [u64::MAX, 1 << 40, 4_000_000] {
        let mut bytes = Vec::new();
        uint(claimed, &mut bytes);
        bytes.extend([0u8; 16]);
        assert!(check::<v1::Slots>("huge count", &bytes).is_err());
        assert!(check::<v1::Index>("huge count", &bytes).is_err());
    }

    // Maps of minimal keys whose values are lists of void slots; strings
    // and data blobs of every size up to the input.
    let mut index = Vec::new();
    uint(256, &mut index);
    for key in 0..=255u8 {
        index.push(key);
        uint(16_000, &mut index);
        index.extend(std::iter::repeat_n(1u8, 16_000));
    }
    uint(0, &mut index);
    uint(0, &mut index);
    assert!(check::<v1::Index>("map of slot lists", &index).is_err());
    let mut blobs = vec![0u8, 0];
    uint(100_000, &mut blobs);
    for _ in 0..100_000 {
        blobs.push(30);
        blobs.extend([7u8; 30]);
    }
    // 3 MB of 30-byte blobs: 100,000 × (24 + 30) bytes = 5.4 MB.
    assert!(check::<v1::Index>("many blobs", &blobs).is_err());

    // Deep recursion is refused by depth before memory matters.
    let deep: Vec<u8> = std::iter::repeat_n(1u8, 100_000).collect();
    assert!(check::<v1::Tree>("deep tree", &deep).is_err());

    // Random bytes of every length, as every type.
    let mut rng = Rng::new(7);
    for round in 0..400 {
        let len = rng.below(if round % 4 == 0 { 1 << 20 } else { 4096 });
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        let _ = check::<v1::Slots>("random", &bytes);
        let _ = check::<v1::Index>("random", &bytes);
        let _ = check::<v1::Tree>("random", &bytes);
        let _ = check::<v1::Big>("random", &bytes);
    }
}
