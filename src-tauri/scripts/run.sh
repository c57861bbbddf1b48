#!/usr/bin/env bash
# The one command that runs Needlewise from source (README): installs the system packages
# it needs on Debian/Ubuntu, builds an optimised binary, and starts it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash src-tauri/scripts/setup-debian.sh build
# Reminders, notifications and the tray are the background program, which the window
# starts from beside itself: build it too, or the window runs without reminders.
bash src-tauri/scripts/build-background.sh release
cargo run --release --locked --features custom-protocol --bin needlewise -- "$@"
