#!/usr/bin/env bash
# Runs verso's fuzz targets (fuzz/fuzz_targets/*.rs) with cargo-fuzz on a
# stable toolchain.
#
#   scripts/fuzz.sh --list             one target name per line
#   scripts/fuzz.sh --seed             rewrite fuzz/seeds/ from checked-in material
#   scripts/fuzz.sh TARGET SECONDS     fuzz one target for SECONDS seconds
#
# A run reads the checked-in seeds (fuzz/seeds/TARGET, never written to) and
# grows the working corpus fuzz/corpus/TARGET (git-ignored). On a crash it
# exits non-zero and libFuzzer leaves the input in fuzz/artifacts/TARGET/;
# `cargo test -p verso-tests --test fuzz_corpus` replays artifacts, and a
# minimized crash (`cargo fuzz tmin TARGET FILE`, with the same
# RUSTC_BOOTSTRAP=1) belongs in tests/data/fuzz-regressions/TARGET/.
#
# Environment: FUZZ_SANITIZER (default address; `none` is faster),
# FUZZ_ARGS (extra libFuzzer arguments, e.g. "-max_len=4096").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="$root/fuzz"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

targets() {
    local file
    for file in "$fuzz_dir"/fuzz_targets/*.rs; do
        basename "$file" .rs
    done
}

case "${1:-}" in
    --list)
        targets
        exit 0
        ;;
    --seed)
        cd "$root"
        VERSO_BLESS=1 cargo test -p verso-tests --test fuzz_corpus -- --exact checked_in_seeds_are_up_to_date
        exit 0
        ;;
    -h | --help | "")
        usage
        ;;
esac

[[ $# -eq 2 ]] || usage
target="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] || {
    echo "SECONDS must be a whole number, not '$seconds'" >&2
    exit 2
}
# Not `targets | grep -q`: grep stops reading early, and pipefail would
# turn the writer's SIGPIPE into a failure.
[[ -f "$fuzz_dir/fuzz_targets/$target.rs" ]] || {
    echo "unknown target '$target'; targets:" >&2
    targets >&2
    exit 2
}

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov…,
# --cfg fuzzing via -Z options); RUSTC_BOOTSTRAP lets stable rustc accept them.
export RUSTC_BOOTSTRAP=1

corpus="$fuzz_dir/corpus/$target"
seeds="$fuzz_dir/seeds/$target"
mkdir -p "$corpus" "$fuzz_dir/artifacts/$target"
# libFuzzer reads every directory given and writes new inputs only to the
# first: the seeds start each run from real messages and stay untouched.
inputs=("$corpus")
if [[ -d "$seeds" ]]; then
    inputs+=("$seeds")
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of libFuzzer arguments.
(cd "$fuzz_dir" && cargo fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$target" \
    "${inputs[@]}" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 ${FUZZ_ARGS:-}) 2>&1 | tee "$log" || status=$?

echo "---"
# libFuzzer's last status line (#N DONE cov: … ft: … corp: … exec/s: …).
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
if [[ $status -ne 0 ]]; then
    echo "$target: crash or failure (exit $status); inputs in fuzz/artifacts/$target/:" >&2
    ls -1 "$fuzz_dir/artifacts/$target" >&2 || true
fi
exit "$status"
