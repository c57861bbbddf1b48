#!/usr/bin/env bash
# The one test command (README): installs what it needs, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."

bash src-tauri/scripts/setup-debian.sh test

echo "== format"
cargo fmt --all -- --check
echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo test --workspace --locked
