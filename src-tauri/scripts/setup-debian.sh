#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Needlewise needs, and nothing that is already there.
# Usage: setup-debian.sh build|test
#   build: what compiling the core and the app needs
#   test:  build, plus what the tests need
set -euo pipefail

want="${1:-build}"
build_pkgs=(build-essential pkg-config)
test_pkgs=()

case "$want" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
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
