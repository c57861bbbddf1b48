#!/usr/bin/env bash
# The one command that runs Needlewise from source (README): installs the system packages
# it needs on Debian/Ubuntu, builds an optimised binary, and starts it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash src-tauri/scripts/setup-debian.sh build
cargo run --release --locked --features custom-protocol --bin needlewise -- "$@"
