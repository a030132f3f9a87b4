#!/usr/bin/env bash
# The project's one test command (README): install what the tests need, then check formatting and
# lints and run every test. On a fresh Debian machine, as root, this alone passes: the install puts
# Debian packages in place and PyPI/npm tools in .tools/, and the tests start every server they
# need (sshd, git http, PostgreSQL, the kube-apiserver emulator) themselves, on loopback.
# Extra arguments go to `cargo test` (e.g. `bash .ci/test.sh --test it secret`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo deny --log-level error check bans licenses sources
cargo test --locked "$@"
