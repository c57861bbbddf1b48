#!/usr/bin/env bash
# Cross-platform compile check for macOS: the whole workspace, and the background process with
# clippy (its menu-bar tray, AppKit's loop on the main thread, notify-rust's notification
# centre), must at least compile there.
# There is no macOS SDK here, so the C and Objective-C parts (SQLite, notify-rust's helper)
# are given empty objects: `cargo check` never links, and it is the Rust that is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
bash src-tauri/scripts/setup-debian.sh build
rustup target add x86_64-apple-darwin
stand_in=$(mktemp -d)
trap 'rm -rf "$stand_in"' EXIT
cat > "$stand_in/cc" <<'CC'
#!/usr/bin/env bash
out=
prev=
for a in "$@"; do
  [ "$prev" = -o ] && out=$a
  prev=$a
done
exec cc -c -x c /dev/null -o "$out"
CC
chmod +x "$stand_in/cc"
export CC_x86_64_apple_darwin="$stand_in/cc" AR_x86_64_apple_darwin=ar
cargo check --workspace --locked --target x86_64-apple-darwin
cargo clippy -p needlewise-background --bin needlewise-background --locked --target x86_64-apple-darwin -- -D warnings
echo "macos check passed"
