#!/bin/sh
# Runs every fuzz target for SECONDS seconds each (default 60), one after another, and prints
# each one's executions, executions per second, corpus growth and findings. Needs cargo-fuzz
# (`cargo install cargo-fuzz --locked`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets it use
# the nightly flags it needs.
#
# The committed corpora (corpus/<target>/) are the seeds; the fuzzer works on a copy in
# work/<target>/, so a run never changes what is committed. UPDATE_CORPUS=1 replaces each
# committed corpus with the run's, minimised to a few dozen small files by minimise.sh (which
# also runs alone, on the work/ folders a run left). A crash is saved in
# artifacts/<target>/; the run goes on with the next target and the script exits 1 at the end.
# Every crash becomes a file in regressions/<target>/ once fixed, which `cargo test` replays.
#
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
[ $# -gt 0 ] && shift
export RUSTC_BOOTSTRAP=1
targets=${*:-$(cargo fuzz list)}
# NO_BUILD=1 runs the binaries built last.
[ "${NO_BUILD:-0}" = 1 ] || cargo fuzz build
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
mkdir -p work logs
found=0
printf '%-14s %12s %8s %8s %s\n' target executions exec/s corpus findings > logs/summary.txt
for target in $targets; do
    rm -rf "work/$target"
    mkdir -p "work/$target" "artifacts/$target"
    cp "corpus/$target"/* "work/$target/"
    before=$(ls "work/$target" | wc -l)
    # Findings are this run's: artifacts/ keeps earlier ones until they are fixed.
    touch "work/$target.start"
    status=0
    # The binary itself, not `cargo fuzz run`: cargo would check the build again per target,
    # and the build script's rerun-if-changed paths make that a rebuild in a git worktree.
    "$bin/$target" "work/$target" -artifact_prefix="artifacts/$target/" \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
        >"logs/$target.log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$target.log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$target.log" | tail -n 1)
    after=$(ls "work/$target" | wc -l)
    findings=$(find "artifacts/$target" -type f -newer "work/$target.start" | xargs -r -n 1 basename |
        tr '\n' ' ')
    if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
        found=1
    fi
    printf '%-14s %12s %8s %8s %s\n' "$target" "${runs:-?}" "${speed:-?}" "$before->$after" \
        "${findings:-none}" | tee -a logs/summary.txt
    if [ "${UPDATE_CORPUS:-0}" = 1 ] && [ "$status" -eq 0 ]; then
        ./minimise.sh "$target"
    fi
done
cat logs/summary.txt
exit "$found"
