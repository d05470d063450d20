//! Benchmarks of the schema front end (lex + parse + check).
//!
//! `cargo bench -p verso-tests --bench front_end`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use verso_codegen::{Options, check};
use verso_tests::generate;

fn family_50_versions_of_40_types(c: &mut Criterion) {
    let family = generate::family(50, 40);
    let bytes: usize = family.iter().map(|(_, text)| text.len()).sum();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("family 50 versions x 40 types", |b| {
        b.iter(|| {
            for (_, text) in &family {
                let checked = check(black_box(text), &Options::default());
                assert!(!checked.has_errors());
            }
        })
    });
    group.finish();
}

fn one_large_schema(c: &mut Criterion) {
    let text = generate::schema(5_000, 7);
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function(
        format!("one schema of 5000 types ({} KiB)", text.len() / 1024),
        |b| {
            b.iter(|| {
                let checked = check(black_box(&text), &Options::default());
                assert!(!checked.has_errors());
            })
        },
    );
    group.finish();
}

criterion_group!(benches, family_50_versions_of_40_types, one_large_schema);
criterion_main!(benches);
