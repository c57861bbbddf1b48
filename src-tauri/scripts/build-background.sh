#!/usr/bin/env bash
# Run before `tauri build` (tests/package.sh does): builds the background process in the
# bundle's profile (`debug` or `release`, the default) and puts it where the .deb's and
# .rpm's `files` (tauri.conf.json) take it from, to install it beside the window program as
# /usr/bin/needlewise-background. Not bundle.externalBin: with that, tauri-build refuses
# every plain `cargo build` until the file exists. Usage: build-background.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/../.."
host=$(rustc -vV | sed -n 's/^host: //p')
triple="${TAURI_ENV_TARGET_TRIPLE:-$host}"
want="${1:-release}"
args=(--locked -p needlewise-background)
profile=release
if [ "$want" = debug ]; then profile=debug; else args+=(--release); fi
dir="${CARGO_TARGET_DIR:-target}"
if [ "$triple" != "$host" ]; then
  args+=(--target "$triple")
  dir="$dir/$triple"
fi
cargo build "${args[@]}"
suffix=""
case "$triple" in *windows*) suffix=".exe" ;; esac
mkdir -p src-tauri/binaries
install -m 0755 "$dir/$profile/needlewise-background$suffix" "src-tauri/binaries/needlewise-background$suffix"
