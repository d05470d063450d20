//! Prints the results of `cargo bench -p verso-bench --bench peers` as one
//! markdown table: per workload, op and codec the median time per op, the
//! throughput over that codec's own encoded bytes, the encoded size, and
//! the speed relative to serde_bare, prost and memcpy (baseline time over
//! this row's time: above 1 is faster than the baseline).
//!
//! `bench-table [CRITERION_DIR]`; without an argument it reads criterion's
//! own output directory (`$CRITERION_HOME`, `$CARGO_TARGET_DIR/criterion`,
//! or the workspace's `target/criterion`). The sizes are computed here, by
//! encoding the workloads, so they are always this build's.

use std::path::PathBuf;
use std::process::ExitCode;

use verso_bench::ids::{self, BENCH_COMMAND};
use verso_bench::report;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let dir = args.next().map_or_else(ids::criterion_dir, PathBuf::from);
    if args.next().is_some() {
        eprintln!("usage: bench-table [CRITERION_DIR]");
        return ExitCode::from(2);
    }
    let entries = match report::entries() {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("bench-table: a codec failed its round trip: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = match report::rows(&entries, &dir) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("bench-table: cannot read criterion's results: {e}");
            return ExitCode::FAILURE;
        }
    };
    let missing: Vec<String> = rows
        .iter()
        .filter(|row| row.ns.is_none())
        .map(|row| {
            format!(
                "{}/{}",
                ids::group_name(row.entry.workload, row.op),
                row.entry.codec
            )
        })
        .collect();
    if missing.len() == rows.len() {
        eprintln!(
            "bench-table: no benchmark results in {}\nrun `{BENCH_COMMAND}` first \
             (or pass criterion's output directory as the argument)",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    print!("{}", report::render(&rows));
    if !missing.is_empty() {
        eprintln!(
            "bench-table: {} of {} benchmarks have no result in {} (shown as -): {}\n\
             run `{BENCH_COMMAND}` for all of them",
            missing.len(),
            rows.len(),
            dir.display(),
            missing.join(", ")
        );
    }
    ExitCode::SUCCESS
}
