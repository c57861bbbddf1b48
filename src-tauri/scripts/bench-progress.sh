#!/usr/bin/env bash
# Benchmark: the Progress view with 200 photos in the real window (issue 13), on an X
# display of its own. Needs what tests/run.sh installs (Xvfb, tauri-driver, WebKitWebDriver).
# Usage: bench-progress.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=()
[ "${1:-}" = "--release" ] && profile=(--release)
cargo build --locked "${profile[@]}" -p needlewise-background
NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \
  cargo test --locked "${profile[@]}" --test progress_bench -- --ignored --nocapture
