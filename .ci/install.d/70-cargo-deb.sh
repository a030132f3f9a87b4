# The Debian package test (tests/it/package.rs): cargo-deb builds the .deb; bash-completion and
# man-db are what the installed package is checked with. jq is what the CI recipes in
# examples/ci/ turn the release's NDJSON into annotations with (tests/it/ci_recipes.rs).
# cargo-deb is built from crates.io at a fixed version, skipped when that one is installed.
set -euo pipefail
. .ci/lib.sh
apt_install bash-completion man-db jq
want=3.8.0
if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $want" ]; then
    cargo install --locked cargo-deb --version "$want"
fi
