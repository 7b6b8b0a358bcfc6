#!/usr/bin/env bash
# Builds every fuzz target under fuzz/ and runs each for FUZZ_SECONDS (default 10),
# starting from its committed seed corpus (fuzz/corpus/<target>/, never modified: new
# inputs go to a temp copy). Fails on the first crash, leak, timeout or build error and
# keeps the crashing input under $FUZZ_ARTIFACTS (default: a temp folder, printed).
#
# What works here: cargo-fuzz 0.13 (`cargo install cargo-fuzz --locked`) needs nightly
# -Z flags (sanitizers). On a machine with only the stable toolchain,
# RUSTC_BOOTSTRAP=1 lets stable rustc accept them, and that is what this script uses by
# default (stable 1.95 + ASan works). Set FUZZ_TOOLCHAIN=nightly to use
# `cargo +nightly fuzz` instead where a nightly toolchain is installed.
#
# Usage: scripts/fuzz-smoke.sh [TARGET...]   (default: every target in fuzz/Cargo.toml)
# Env:   FUZZ_SECONDS=10  FUZZ_TOOLCHAIN=stable|nightly  FUZZ_ARTIFACTS=DIR  FUZZ_JOBS=1
#        FUZZ_BUILD_FLAGS="-O" (release, the default here; "-a" adds debug assertions and
#        overflow checks, at the price of rebuilding every dependency with them)
#
# The first build instruments every dependency (SQLite's C amalgamation included) and
# took 26 minutes on this 2-core machine with CARGO_BUILD_JOBS=1; later builds only
# recompile crumbs and the targets (about 5 minutes).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${FUZZ_SECONDS:-10}"
toolchain="${FUZZ_TOOLCHAIN:-stable}"
read -r -a build_flags <<<"${FUZZ_BUILD_FLAGS:--O}"
export CARGO_BUILD_JOBS="${FUZZ_JOBS:-${CARGO_BUILD_JOBS:-1}}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

fuzz() {
    if [ "$toolchain" = nightly ]; then
        cargo +nightly fuzz "$@"
    else
        RUSTC_BOOTSTRAP=1 cargo fuzz "$@"
    fi
}

cd "$root/fuzz"
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(fuzz list)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/crumbs-fuzz-smoke.XXXXXX")"
artifacts="${FUZZ_ARTIFACTS:-$work/artifacts}"
keep=0
# Keep the folder only when it holds a crashing input; otherwise leave nothing behind.
trap 'if [ "$keep" = 1 ]; then rm -rf "$work/corpus"; else rm -rf "$work"; fi' EXIT

echo "fuzz-smoke: building ${#targets[@]} targets (${toolchain})" >&2
if [ "$#" -gt 0 ]; then
    for t in "${targets[@]}"; do fuzz build "${build_flags[@]}" "$t"; done
else
    fuzz build "${build_flags[@]}"
fi

failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/corpus/$t" "$artifacts/$t"
    seeds="$root/fuzz/corpus/$t"
    [ -d "$seeds" ] || seeds=""
    start=$(date +%s)
    # -rss_limit_mb: a parser that allocates the declared size of a hostile header fails.
    if fuzz run "${build_flags[@]}" "$t" "$work/corpus/$t" ${seeds:+"$seeds"} -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$artifacts/$t/" -print_final_stats=1 \
        >"$work/$t.log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?')
        echo "fuzz-smoke: $t ok ($(( $(date +%s) - start ))s, ${runs} runs)"
    else
        echo "fuzz-smoke: $t FAILED; input kept in $artifacts/$t/" >&2
        grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$work/$t.log" | head -20 >&2 || true
        failed+=("$t")
        keep=1
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz-smoke: crashes in: ${failed[*]}" >&2
    exit 1
fi
