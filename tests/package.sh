#!/usr/bin/env bash
# Builds the Linux packages, installs the .deb, and checks it as a person would get it:
# installed files, a valid desktop entry, icons, the wizard in the installed app's window,
# a notification on a private session bus, then removal with the user's data kept.
# Needs root (or sudo) for apt-get. CI runs it after tests/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash src-tauri/scripts/setup-debian.sh package
export PATH="$HOME/.cargo/bin:$PATH"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# The Tauri CLI the set-up installed: cargo's subcommand, or npm's prebuilt one.
if cargo tauri --version 2>/dev/null | grep -q "^tauri-cli 2\."; then
  tauri=(cargo tauri)
else
  tauri=("$HOME/.cache/needlewise/tauri-cli/node_modules/.bin/tauri")
fi

echo "== build .deb and .rpm"
# A debug-profile bundle: this checks the packaging (files, desktop entry, icons, the
# installed app running, removal), which is the same in both profiles, and it reuses what
# tests/run.sh compiled instead of compiling everything again optimised (most of CI's
# time otherwise). `cargo tauri build` without --debug makes the release packages.
# The background process first: the packages take it from src-tauri/binaries/.
bash src-tauri/scripts/build-background.sh debug
"${tauri[@]}" build --debug --bundles deb,rpm
bundles="${CARGO_TARGET_DIR:-target}/debug/bundle"
deb=$(ls "$bundles"/deb/*.deb)
rpm=$(ls "$bundles"/rpm/*.rpm)
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
test -n "$version"
ls -la "$deb" "$rpm"
dpkg-deb --field "$deb" Package Version Depends Section Description | sed 's/^/  /'
dpkg-deb --field "$deb" Version | grep -qx "$version"
dpkg-deb --field "$deb" Depends | grep -q "libwebkit2gtk-4.1-0"
# The tray is the background process's StatusNotifierItem over D-Bus: no AppIndicator.
! dpkg-deb --field "$deb" Depends | grep -q "appindicator"
# Both programs, in both packages.
contents=$(dpkg-deb --contents "$deb")
grep -Eq "[ /]usr/bin/needlewise$" <<<"$contents"
grep -Eq "[ /]usr/bin/needlewise-background$" <<<"$contents"
# (an RPM header lists its files' names uncompressed)
grep -aq "needlewise-background" "$rpm"

echo "== install"
"${sudo_cmd[@]}" apt-get install -y -qq "$(realpath "$deb")" >/dev/null
test "$(command -v needlewise)" = /usr/bin/needlewise
test -x /usr/bin/needlewise-background
# The background process links no GTK or WebKit.
! ldd /usr/bin/needlewise-background | grep -E -q "gtk|webkit"
desktop=$(dpkg -L needlewise | grep '\.desktop$')
desktop-file-validate "$desktop"
grep -qx "Exec=needlewise" "$desktop"   # the menu entry opens the window
grep -qx "Categories=MedicalSoftware;Utility;" "$desktop"
grep -qx "StartupWMClass=needlewise" "$desktop"
test -f /usr/share/doc/needlewise/copyright   # the licence
for size in 32x32 128x128 256x256@2; do
  test -f "/usr/share/icons/hicolor/$size/apps/needlewise.png"
done

echo "== the installed app: wizard over WebDriver, then a notification"
home=$(mktemp -d)
export NO_AT_BRIDGE=1
timeout 600 xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \
  env NEEDLEWISE_INSTALLED=/usr/bin/needlewise NEEDLEWISE_TEST_HOME="$home" \
  cargo test --locked --workspace --test e2e package::installed_package -- --ignored --test-threads=1
data="$home/.local/share/app.needlewise.desktop/needlewise.db"
test -f "$data"

echo "== remove: the user's data stays"
"${sudo_cmd[@]}" apt-get remove -y -qq needlewise >/dev/null
! command -v needlewise >/dev/null
test -f "$data"

echo "== reinstall: the same data opens"
"${sudo_cmd[@]}" apt-get install -y -qq "$(realpath "$deb")" >/dev/null
timeout 600 xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- \
  env NEEDLEWISE_INSTALLED=/usr/bin/needlewise NEEDLEWISE_TEST_HOME="$home" \
  cargo test --locked --workspace --test e2e package::reinstalled -- --ignored --test-threads=1
"${sudo_cmd[@]}" apt-get remove -y -qq needlewise >/dev/null
echo "package test passed: $(basename "$deb") $(du -h "$deb" | cut -f1), $(basename "$rpm") $(du -h "$rpm" | cut -f1)"
