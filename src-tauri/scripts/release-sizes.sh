#!/usr/bin/env bash
# What the release profile's opt-level does to the size of the two programs: each is built
# in release mode (Cargo.toml's [profile.release] otherwise: fat LTO, one codegen unit,
# stripped) at each opt-level given, in its own target folder, and the sizes are printed
# side by side with the ratio to the first. Not run by CI (each level is a cold build of
# both, about ten minutes here). Run-time cost: `cargo bench -p needlewise-core` with the
# same CARGO_PROFILE_RELEASE_OPT_LEVEL against a saved baseline, and benchmark.sh.
# Usage: release-sizes.sh [LEVEL ...]   (default: 3 s z)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(3 s z)
base="${CARGO_TARGET_DIR:-$root/target}/sizes"
declare -A size
for level in "${levels[@]}"; do
  dir="$base/opt-$level"
  echo "== opt-level $level ($dir)"
  export CARGO_TARGET_DIR="$dir" CARGO_PROFILE_RELEASE_OPT_LEVEL="$level"
  started=$(date +%s)
  cargo build --release --locked -p needlewise-background
  # The window program as `tauri build` makes it: assets embedded.
  cargo build --release --locked -p needlewise --features custom-protocol
  echo "   built in $(( $(date +%s) - started )) s"
  for program in needlewise needlewise-background; do
    size[$level,$program]=$(stat -c %s "$dir/release/$program")
  done
done
first=${levels[0]}
printf '\n%-22s' "program"
for level in "${levels[@]}"; do printf '%16s' "opt-level $level"; done
echo
for program in needlewise needlewise-background; do
  printf '%-22s' "$program"
  for level in "${levels[@]}"; do
    bytes=${size[$level,$program]}
    awk -v b="$bytes" -v f="${size[$first,$program]}" 'BEGIN { printf "%7.2f MiB %4.2f", b / 1048576, b / f }'
  done
  echo
done
