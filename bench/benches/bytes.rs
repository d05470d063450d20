//! Owned decoding that shares the input: the W2 todo app and the W4 1 MiB
//! blob decoded into types generated with `Config::bytes(true)` by
//! `verso::from_bytes` (each `str` and `data` a slice of the input), beside
//! the copying owned decodes, verso's `from_slice` and serde_bare's, and
//! vbare 0.2's owned decode, whose `str` and `data` share its `Bytes` too.
//!
//! `cargo bench -p verso-bench --bench bytes`. Each timed call includes
//! freeing the decoded value, and for `verso (bytes)` cloning the input
//! handle (a reference-count increment), as a caller's would.

use std::hint::black_box;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use verso_bench::codecs::Mirror;
use verso_bench::peers::vbare as vbare_peer;
use verso_bench::verso_bytes_types as shared;
use verso_bench::workloads::{W2Todo, W4Blob, Workload};

/// Times the three decodes of one workload's bytes, after checking that
/// each gives the workload's value.
fn group<W: Workload, S: verso::Decode + verso::Encode>(criterion: &mut Criterion) {
    let value = W::build();
    let bytes = verso::to_vec(&value);
    let input = Bytes::from(bytes.clone());
    let mirror = W::Serde::mirror(&value);
    let bare = serde_bare::to_vec(&mirror).expect("serde_bare encodes the mirror");
    // The same data each way: the shared decode re-encodes to the same
    // bytes, serde_bare's decode is the mirror of the value.
    let decoded: S = verso::from_bytes(input.clone()).expect("shared decode");
    assert_eq!(verso::to_vec(&decoded), bytes, "{}: shared decode", W::ID);
    let back: W::Serde = serde_bare::from_slice(&bare).expect("serde_bare decode");
    assert_eq!(back, mirror, "{}: serde_bare decode", W::ID);

    let mut group = criterion.benchmark_group(format!("{}/decode-owned", W::ID));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("verso (bytes)", |b| {
        b.iter(|| verso::from_bytes::<S>(black_box(&input).clone()).expect("decodes"))
    });
    group.bench_function("verso", |b| {
        b.iter(|| verso::from_slice::<W::Verso>(black_box(&bytes)).expect("decodes"))
    });
    group.bench_function("serde_bare", |b| {
        b.iter(|| serde_bare::from_slice::<W::Serde>(black_box(&bare)).expect("decodes"))
    });
    // vbare's owned types share the input `Bytes` the way `bytes(true)`'s do.
    let vbare_value: W::Vbare =
        vbare_peer::from_verso(&value).expect("vbare decodes verso's bytes");
    let vbare_input = Bytes::from(bytes.clone());
    assert_eq!(
        <W::Vbare as vbare::Message>::decode(vbare_input.clone()).expect("vbare decode"),
        vbare_value,
        "{}: vbare decode",
        W::ID
    );
    group.bench_function("vbare (owned, Bytes)", |b| {
        b.iter(|| {
            <W::Vbare as vbare::Message>::decode(black_box(&vbare_input).clone()).expect("decodes")
        })
    });
    group.finish();
}

fn shared_input(criterion: &mut Criterion) {
    group::<W2Todo, shared::todo::v1::App>(criterion);
    group::<W4Blob, shared::blob::v1::Blob>(criterion);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(750))
        .measurement_time(Duration::from_secs(2));
    targets = shared_input
}
criterion_main!(benches);
