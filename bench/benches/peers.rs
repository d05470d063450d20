//! Encode and decode time of every workload with every codec, beside a
//! memcpy of verso's bytes.
//!
//! `cargo bench -p verso-bench --bench peers` (filter with `-- W2/`), then
//! `cargo run --release -p verso-bench --bin bench-table` for the table, or
//! `scripts/bench.sh` for both.
//!
//! Groups are `W<n>/encode` and `W<n>/decode`, functions the codec names;
//! each function's throughput is its own encoded size, so MB/s compares how
//! fast each codec moves its own bytes. Before a codec is timed its round
//! trip is checked against the workload's value, so a codec cannot be
//! timed doing less work than the others. Each timed call includes freeing
//! what it returns (the encoded vector, the decoded value), as a caller's
//! would.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use verso_bench::codecs::{self, Codec, CodecVisitor, Values, names};
use verso_bench::ids::{self, Op};
use verso_bench::workloads::{self, Workload, WorkloadVisitor};

/// Times one op of one workload for every codec, in one criterion group.
struct Group<'g, 'c> {
    group: &'g mut BenchmarkGroup<'c, WallTime>,
    op: Op,
    workload: &'static str,
}

impl CodecVisitor for Group<'_, '_> {
    fn codec<C: Codec>(&mut self, codec: &C, value: &C::Value, canon: &C::Canon) {
        let bytes = match codecs::round_trip(codec, value, canon) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{}: {e}", self.workload),
        };
        self.group.throughput(Throughput::Bytes(bytes.len() as u64));
        match self.op {
            Op::Encode => self.group.bench_function(codec.name(), |b| {
                b.iter(|| match codec.encode(black_box(value)) {
                    Ok(bytes) => bytes,
                    Err(e) => panic!("{}: {e}", codec.name()),
                })
            }),
            // A codec that decodes from a `Bytes` gets one made beforehand,
            // as its caller would hold it.
            Op::Decode if codec.takes_bytes() => {
                let shared = vbare::Bytes::from(bytes.clone());
                self.group.bench_function(codec.name(), |b| {
                    b.iter(|| match codec.decode_bytes(black_box(&shared)) {
                        Ok(value) => value,
                        Err(e) => panic!("{}: {e}", codec.name()),
                    })
                })
            }
            Op::Decode => self.group.bench_function(codec.name(), |b| {
                b.iter(|| match codec.decode(black_box(&bytes)) {
                    Ok(value) => value,
                    Err(e) => panic!("{}: {e}", codec.name()),
                })
            }),
        };
    }

    fn memcpy(&mut self, bytes: &[u8]) {
        // The same copy stands for both ops: the cost of only moving the
        // bytes, which a codec can at best match (on a large payload it does,
        // its own copy landing in a fresh allocation about as fast as this
        // one). The destination is allocated once, outside the timing.
        let mut dst = vec![0u8; bytes.len()];
        self.group.throughput(Throughput::Bytes(bytes.len() as u64));
        let mut timed = false;
        self.group.bench_function(names::MEMCPY, |b| {
            timed = true;
            b.iter(|| {
                dst.copy_from_slice(black_box(bytes));
                black_box(&mut dst);
            })
        });
        // Unless criterion's filter skipped it, the timed copy copied.
        assert!(!timed || dst == bytes, "memcpy copied the wrong bytes");
    }
}

struct Workloads<'c> {
    criterion: &'c mut Criterion,
}

impl WorkloadVisitor for Workloads<'_> {
    fn workload<W: Workload>(&mut self) {
        let values = Values::<W>::new();
        for op in Op::ALL {
            let mut group = self.criterion.benchmark_group(ids::group_name(W::ID, op));
            let mut visitor = Group {
                group: &mut group,
                op,
                workload: W::ID,
            };
            if let Err(e) = codecs::visit_codecs(&values, &mut visitor) {
                panic!("{}: {e}", W::ID);
            }
            group.finish();
        }
    }
}

fn peers(criterion: &mut Criterion) {
    workloads::visit_all(&mut Workloads { criterion });
}

criterion_group! {
    name = benches;
    // 5 workloads × 2 ops × 8 rows: short samples keep the whole run to a
    // few minutes on a 2-core machine; the slowest rows (serde_json and
    // apache-avro on the large workloads) still get 20 samples.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(750))
        .measurement_time(Duration::from_secs(2));
    targets = peers
}
criterion_main!(benches);
