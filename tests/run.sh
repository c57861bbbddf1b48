#!/usr/bin/env bash
# The one test command (README): installs what it needs, then runs every check:
# formatting, lints, unit/property/storage/IPC tests, and the end-to-end tests of the real
# window under Xvfb with its own D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."

bash src-tauri/scripts/setup-debian.sh test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== format"
cargo fmt --all -- --check
echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== unit, property, storage and IPC tests"
cargo test --workspace --locked
echo "== end-to-end tests (real window under Xvfb; screenshots in test-artifacts/)"
rm -rf test-artifacts
export NO_AT_BRIDGE=1
# The background program as it ships, with its own features (a workspace build would add
# the window's: zbus's async-io executor through the single-instance plugin), beside the
# window program, which starts it from there; its D-Bus tests likewise select it alone.
cargo build --locked -p needlewise-background
echo "== background process on a private D-Bus (notification server, tray host, libfaketime)"
dbus-run-session -- cargo test --locked -p needlewise-background --test background -- --ignored --test-threads=1
# The end-to-end tests select the whole workspace, as the test build above did, so they
# reuse it (another selection resolves other features and compiles the window again); that
# leaves the background program built above in place.
# A hung window must not hang CI: the whole end-to-end run gets 30 minutes at most.
e2e() {
  timeout 1800 xvfb-run -a -s "-screen 0 1366x768x24" \
    dbus-run-session -- cargo test --locked --workspace --test e2e -- --ignored --test-threads=1 "$@"
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
e2e --skip package:: 2>&1 | tee "$out" || status=$?
if [ "$status" -ne 0 ]; then
  # WebKitWebDriver ends its session when WebKit's web process dies, which no test step can
  # cause or follow (the window itself loads its page again: faults::a_crashed_page_...).
  # Only tests that failed that way (WebDriver's message, or the app's own line in the log
  # tail a failed test prints) run once more, by name, and are listed; any other failure
  # fails the run, and so does the test of that reload itself.
  # The names: the last "failures:" block, after the tests' output.
  mapfile -t failed < <(awk '/^failures:$/ {n = 0; next} /^    [a-z_:0-9]+$/ {name[++n] = $1}
    END {for (i = 1; i <= n; i++) print name[i]}' "$out")
  crashed=()
  for t in "${failed[@]}"; do
    [ "$t" = faults::a_crashed_page_is_loaded_again ] && continue
    section=$(sed -n "/^---- $t stdout ----$/,/^----\|^failures:$/p" "$out")
    if grep -qE "page crash or hang|the page's web process (crashed|went over|ended)" <<<"$section"; then
      crashed+=("$t")
    fi
  done
  if [ "${#failed[@]}" -eq 0 ] || [ "${#failed[@]}" -ne "${#crashed[@]}" ]; then
    exit "$status"
  fi
  echo "== WebKit's web process died under: ${crashed[*]}; running them once more"
  e2e --exact "${crashed[@]}"
fi
