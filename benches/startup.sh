#!/usr/bin/env bash
# Startup benchmark: `ungleich-django --version` and `--help`, median wall time (hyperfine) and
# peak memory (GNU time), next to `kubectl version --client` in the same run.
# Budget: at most 5 ms and 10 MiB. Needs hyperfine and GNU time (Debian: hyperfine, time).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/ungleich-django
kubectl=$(command -v kubectl || true)

median_ms() { # command...
    local json
    json=$(mktemp)
    hyperfine --shell=none --warmup 20 --runs 200 --export-json "$json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
    rm -f "$json"
}

peak_mib() { # command...
    local out
    out=$(mktemp)
    # The largest of 20 runs; GNU time reports kilobytes.
    for _ in $(seq 20); do /usr/bin/time -a -o "$out" -f '%M' "$@" >/dev/null 2>&1; done
    sort -n "$out" | tail -n1 | awk '{ printf "%.1f", $1 / 1024 }'
    rm -f "$out"
}

printf '%-36s %12s %14s\n' "command" "median (ms)" "peak RSS (MiB)"
row() { printf '%-36s %12s %14s\n' "$1" "$(median_ms "${@:2}")" "$(peak_mib "${@:2}")"; }
row "ungleich-django --version" "$bin" --version
row "ungleich-django --help" "$bin" --help
if [ -n "$kubectl" ]; then
    row "kubectl version --client" "$kubectl" version --client
fi
echo "budget: ungleich-django at most 5 ms and 10 MiB"
