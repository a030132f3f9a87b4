#!/bin/sh
# Replaces the committed corpus of each TARGET (corpus/<target>/) with a small one made from
# the corpus a run of fuzz/run.sh grew (work/<target>/, seeds included): libFuzzer's
# `-set_cover_merge=1` into an empty folder keeps a small set of inputs that together reach
# every feature the grown corpus reaches (`-merge=1`, what `cargo fuzz cmin` runs, keeps far
# more: hundreds per target). Inputs over MAX_BYTES (default 2048) are left out first, and
# when more than MAX_FILES (default 40) are left, the largest MAX_FILES are kept (the smallest
# are a few bytes each and reach little); both lose coverage, which the printed counts show.
# `cargo test` replays what is committed, so it must stay small (13 targets: under 1 MB) and
# fast.
#
# Usage: fuzz/minimise.sh [TARGET...]   (default: every target with a work/ folder)
set -eu
cd "$(dirname "$0")"
max_files=${MAX_FILES:-40}
max_bytes=${MAX_BYTES:-2048}
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
targets=${*:-$(ls work | grep -v '\.')}
for target in $targets; do
    [ -d "work/$target" ] || { echo "no work/$target: run fuzz/run.sh first" >&2; exit 1; }
    rm -rf "work/$target.small" "work/$target.min"
    mkdir -p "work/$target.small" "work/$target.min"
    find "work/$target" -maxdepth 1 -type f -size -"$((max_bytes + 1))"c \
        -exec cp {} "work/$target.small/" \;
    "$bin/$target" -set_cover_merge=1 "work/$target.min" "work/$target.small" \
        >"logs/$target.minimise.log" 2>&1
    kept=$(ls "work/$target.min" | wc -l)
    if [ "$kept" -gt "$max_files" ]; then
        ls -S "work/$target.min" | tail -n +"$((max_files + 1))" |
            while read -r name; do rm "work/$target.min/$name"; done
    fi
    rm -rf "corpus/$target"
    cp -r "work/$target.min" "corpus/$target"
    printf '%-14s grown %5s  under %sB %5s  set cover %4s  committed %3s (%s bytes)\n' "$target" \
        "$(ls "work/$target" | wc -l)" "$max_bytes" "$(ls "work/$target.small" | wc -l)" "$kept" \
        "$(ls "corpus/$target" | wc -l)" "$(cat "corpus/$target"/* | wc -c)"
done
