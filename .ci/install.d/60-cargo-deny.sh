# cargo-deny, for the licence, ban and source checks of .ci/test.sh (deny.toml). Built from
# crates.io at a fixed version; skipped when that version is already installed.
set -euo pipefail
want=0.20.2
if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $want" ]; then
    cargo install --locked cargo-deny --version "$want"
fi
