//! What reading an old message costs compared with reading a latest one.
//!
//! `cargo bench -p verso-tests --bench versioned`
//!
//! Both families have ten versions and the root `Log`, a list of 1,000
//! records (id, name, value, level, a few tags; about 66 KB). Every benchmark
//! decodes the same bytes: a v1 message whose values are valid in every
//! version.
//!
//! - `identical`: `tests/schemas/bench_identical`, where `Log` is the same in
//!   all ten versions. `LogVersioned::decode(bytes, 1)` against
//!   `verso::from_slice::<v10::Log>`: verso decodes a version whose wire
//!   shape is identical to the latest straight into the latest types, so the
//!   two should cost the same.
//! - `chain`: `tests/schemas/bench_chain`, where every version adds a value
//!   to the leaf enum `Level` (hand-written converters in
//!   `tests/src/bench_families.rs`; `Record` and `Log` are converted by
//!   generated code). `LogVersioned::decode(bytes, 1)` decodes v1 and walks
//!   nine upgrade steps; the difference from decoding v10 directly, divided
//!   by nine, is the cost of one step for 1,000 records.
//!
//! Criterion times each function on its own, and on a shared 2-core machine
//! two runs of the same code can differ by 20%. So after each group the
//! benchmark also times the two paths in alternating rounds and prints the
//! median of each, their ratio and (for the chain) the cost per step: the
//! figures to quote.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use verso::Versioned;
use verso_tests::bench_chain::{self, v1 as chain_v1, v10 as chain_v10};
use verso_tests::bench_identical::{self, v1 as ident_v1, v10 as ident_v10};

const RECORDS: u64 = 1_000;

fn tags(i: u64) -> Vec<String> {
    (0..i % 4).map(|t| format!("tag-{t}")).collect()
}

fn identical_log() -> ident_v1::Log {
    ident_v1::Log {
        records: (0..RECORDS)
            .map(|i| ident_v1::Record {
                id: i,
                name: format!("request {i} served from the edge cache"),
                value: i as f64 * 0.25,
                level: (i % 2) as u8,
                tags: tags(i),
            })
            .collect(),
    }
}

fn chain_log() -> chain_v1::Log {
    chain_v1::Log {
        records: (0..RECORDS)
            .map(|i| chain_v1::Record {
                id: i,
                name: format!("request {i} served from the edge cache"),
                value: i as f64 * 0.25,
                level: if i % 2 == 0 {
                    chain_v1::Level::Debug
                } else {
                    chain_v1::Level::Info
                },
                tags: tags(i),
            })
            .collect(),
    }
}

/// Whether criterion runs for real (not `--test` or `--list`).
fn measuring() -> bool {
    !std::env::args().any(|arg| arg == "--test" || arg == "--list")
}

/// Median time of one call of `direct` and of `versioned`, timed in 300
/// alternating rounds of 10 calls each (the order flips every round), so
/// that both see the same machine.
fn interleaved<A, B>(
    mut direct: impl FnMut() -> A,
    mut versioned: impl FnMut() -> B,
) -> [Duration; 2] {
    const ROUNDS: usize = 300;
    const CALLS: u32 = 10;
    let mut times = [Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS)];
    for round in 0..ROUNDS {
        for which in [round % 2, 1 - round % 2] {
            let start = Instant::now();
            for _ in 0..CALLS {
                if which == 0 {
                    black_box(direct());
                } else {
                    black_box(versioned());
                }
            }
            times[which].push(start.elapsed() / CALLS);
        }
    }
    times.map(|mut t| {
        t.sort_unstable();
        t[ROUNDS / 2]
    })
}

fn identical(c: &mut Criterion) {
    let bytes = verso::to_vec(&identical_log());
    // The same bytes are a valid v10 message, and both paths agree.
    let direct: ident_v10::Log = verso::from_slice(&bytes).unwrap();
    let versioned = bench_identical::LogVersioned::decode(&bytes, 1).unwrap();
    assert_eq!(direct, versioned);

    let mut group = c.benchmark_group("versioned/identical");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("v10 direct", |b| {
        b.iter(|| verso::from_slice::<ident_v10::Log>(black_box(&bytes)).unwrap())
    });
    group.bench_function("v1 to latest", |b| {
        b.iter(|| bench_identical::LogVersioned::decode(black_box(&bytes), 1).unwrap())
    });
    group.finish();

    if measuring() {
        let [direct, versioned] = interleaved(
            || verso::from_slice::<ident_v10::Log>(black_box(&bytes)).unwrap(),
            || bench_identical::LogVersioned::decode(black_box(&bytes), 1).unwrap(),
        );
        println!(
            "versioned/identical, interleaved medians: v10 direct {direct:.1?}, v1 to latest {versioned:.1?}, ratio {:.3}\n",
            versioned.as_secs_f64() / direct.as_secs_f64()
        );
    }
}

fn chain(c: &mut Criterion) {
    let bytes = verso::to_vec(&chain_log());
    let direct: chain_v10::Log = verso::from_slice(&bytes).unwrap();
    let versioned = bench_chain::LogVersioned::decode(&bytes, 1).unwrap();
    assert_eq!(direct, versioned);

    let mut group = c.benchmark_group("versioned/chain");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("v10 direct", |b| {
        b.iter(|| verso::from_slice::<chain_v10::Log>(black_box(&bytes)).unwrap())
    });
    group.bench_function("v1 to latest (9 steps)", |b| {
        b.iter(|| bench_chain::LogVersioned::decode(black_box(&bytes), 1).unwrap())
    });
    group.finish();

    if measuring() {
        let [direct, versioned] = interleaved(
            || verso::from_slice::<chain_v10::Log>(black_box(&bytes)).unwrap(),
            || bench_chain::LogVersioned::decode(black_box(&bytes), 1).unwrap(),
        );
        let step = versioned.saturating_sub(direct) / 9;
        println!(
            "versioned/chain, interleaved medians: v10 direct {direct:.1?}, v1 to latest {versioned:.1?}, ratio {:.3}; one step {step:.1?} per {RECORDS} records ({:.1} ns per record, {:.1}% of a direct decode)\n",
            versioned.as_secs_f64() / direct.as_secs_f64(),
            step.as_secs_f64() * 1e9 / RECORDS as f64,
            100.0 * step.as_secs_f64() / direct.as_secs_f64(),
        );
    }
}

criterion_group!(benches, identical, chain);
criterion_main!(benches);
