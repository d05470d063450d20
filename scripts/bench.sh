#!/usr/bin/env bash
# Runs the peer comparison (bench/benches/peers.rs: verso against
# serde_bare, prost, bincode, postcard, serde_json and apache-avro on five
# workloads, beside memcpy) and prints its results as one markdown table,
# under a line that says when, on what machine, with which compiler and by
# which command it was measured.
#
#   scripts/bench.sh                 every workload (a few minutes)
#   scripts/bench.sh W2/             one workload: arguments go to criterion
#   PROFILE=bench-lto scripts/bench.sh
#                                    the same under fat LTO and one codegen
#                                    unit, as speed-minded crates ship
#
# The header line names the profile: the two tables are not comparable row
# for row with each other, only within themselves.
#
# criterion's progress goes to stderr, so `scripts/bench.sh > results.md`
# keeps only the header and the table. The table always shows every row;
# rows not measured in this or an earlier run show `-`. Results live where
# criterion puts them ($CARGO_TARGET_DIR/criterion, or target/criterion).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=${PROFILE:-bench}
command=(cargo bench -p verso-bench --profile "$profile" --bench peers)
if (($# > 0)); then
    command+=(-- "$@")
fi

start=$(date +%s)
"${command[@]}" >&2
seconds=$(($(date +%s) - start))

# Built after the benchmark, in the release profile it already compiled.
table=$(cargo run --quiet --release -p verso-bench --bin bench-table)

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, ${cpu:-unknown CPU model};" \
    "$(rustc --version); \`${command[*]}\` (${seconds} s)"
echo
echo "$table"
