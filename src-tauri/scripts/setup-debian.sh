#!/usr/bin/env bash
# Installs what Needlewise needs on Debian/Ubuntu, skipping what is already there.
# Usage: setup-debian.sh build|test|package
#   build:   what compiling and running the app needs (WebKitGTK, AppIndicator, ...)
#   test:    build, plus what the tests need (Xvfb, WebKitWebDriver, tauri-driver, D-Bus)
#   package: test, plus the Tauri CLI and desktop-file-validate for the package test
set -euo pipefail

want="${1:-build}"
build_pkgs=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
test_pkgs=(xvfb xauth webkit2gtk-driver dbus dbus-x11 python3-dbusmock python3-xlib faketime libglib2.0-bin
  libimage-exiftool-perl poppler-utils)

package_pkgs=(desktop-file-utils)

case "$want" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  package) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}" "${package_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|package" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: get it from https://rustup.rs, then run this again." >&2
  exit 1
fi

if [ "$want" != build ]; then
  # tauri-driver 2.x: the WebDriver front for the app window (pinned below 3, which is alpha).
  if ! tauri-driver --help >/dev/null 2>&1 && ! "$HOME/.cargo/bin/tauri-driver" --help >/dev/null 2>&1; then
    cargo install tauri-driver --locked --version "^2"
  fi
fi

if [ "$want" = package ]; then
  # The Tauri CLI 2.x builds the bundles (3.x is alpha). npm's package ships a prebuilt
  # binary, seconds to install; without npm, cargo builds it (several minutes).
  cli="$HOME/.cache/needlewise/tauri-cli"
  if ! cargo tauri --version 2>/dev/null | grep -q "^tauri-cli 2\." &&
     ! "$cli/node_modules/.bin/tauri" --version 2>/dev/null | grep -q "^tauri-cli 2\."; then
    if command -v npm >/dev/null 2>&1; then
      npm install --no-audit --no-fund --prefix "$cli" "@tauri-apps/cli@^2" >/dev/null
    else
      cargo install tauri-cli --locked --version "^2"
    fi
  fi
fi
