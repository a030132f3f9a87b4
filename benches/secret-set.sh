#!/usr/bin/env bash
# `secret set` benchmark: one key, sealed against the cached RSA-4096 certificate and committed
# with --no-push, median wall time (hyperfine), next to `git commit` alone on the same deploy
# repository. Budget: at most 15 ms for `secret set`, sealing and commit included.
# Needs hyperfine, openssl and git (Debian: hyperfine, openssl, git).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=$PWD/target/release/ungleich-django
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export HOME=$work GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$work/.gitconfig
git config --global user.name Bench
git config --global user.email bench@example.com
openssl req -x509 -newkey rsa:4096 -nodes -days 30 -subj /CN=sealed-secret \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
mkdir -p "$work/deploy" "$work/app"
git -C "$work/deploy" init -q -b main
printf 'name: shop\nimage: registry.example.com/acme/shop:1.0\n' > "$work/deploy/app.yaml"
git -C "$work/deploy" add app.yaml
git -C "$work/deploy" commit -q -m Start
printf 'app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n' > "$work/app/ungleich-django.yaml"
printf 'a value of some length, like a Django SECRET_KEY: 50 characters' > "$work/value"
# The first set caches the certificate; every later one seals against the cache, offline.
"$bin" -C "$work/app" secret set FIRST --from-file "$work/value" --cert "$work/cert.pem" --no-push 2>/dev/null

median_ms() { # command...
    local json
    json=$(mktemp)
    hyperfine --shell=none --warmup 10 --runs 100 --export-json "$json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
    rm -f "$json"
}

printf '%-58s %12s\n' "command" "median (ms)"
printf '%-58s %12s\n' "ungleich-django secret set KEY --from-file F --no-push" \
    "$(median_ms "$bin" -C "$work/app" secret set -q SECRET_KEY --from-file "$work/value" --no-push)"
printf '%-58s %12s\n' "git commit --allow-empty (same repository)" \
    "$(median_ms git -C "$work/deploy" commit -q --allow-empty -m bench)"
echo "budget: secret set at most 15 ms"
