#!/usr/bin/env bash
# Cross-platform compile check: the whole workspace for Windows (GNU target, Debian's
# MinGW-w64), so Windows-only code (notification app id, autostart) at least compiles:
# both binaries, the window (needlewise) and the background process (needlewise-background:
# its Windows tray and TCP wake channel, while the SNI tray and Unix socket stay gated out).
set -euo pipefail
cd "$(dirname "$0")/.."
bash src-tauri/scripts/setup-debian.sh build
if ! dpkg-query -W -f='${Status}' gcc-mingw-w64-x86-64 2>/dev/null | grep -q "install ok installed"; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64
fi
rustup target add x86_64-pc-windows-gnu
cargo check --workspace --locked --target x86_64-pc-windows-gnu
cargo check -p needlewise-background --bin needlewise-background --locked --target x86_64-pc-windows-gnu
echo "windows check passed"
