#!/usr/bin/env bash
# Idle cost and memory of the app running in the tray (no window): context switches of all
# its threads over an idle period, and PSS of its processes; then the same PSS with the
# window open. Needs an X display and a session bus: run under xvfb-run dbus-run-session.
# Usage: measure-idle.sh [binary] [idle-seconds] [data-dir]
set -euo pipefail
bin="${1:-target/release/needlewise}"
idle="${2:-600}"
dir="${3:-$(mktemp -d)}"
export NO_AT_BRIDGE=1

tree() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
pss() {
  local total=0
  for p in $(tree "$1"); do
    kb=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}
switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null |
    awk '/^(voluntary|nonvoluntary)_ctxt_switches/ {n += $2} END {print n}'
}

"$bin" --minimised --data-dir "$dir" >/dev/null 2>&1 &
pid=$!
sleep 15
echo "in the tray (no window): PSS $(( $(pss "$pid") / 1024 )) MiB, threads $(ls /proc/$pid/task | wc -l)"
before=$(switches "$pid")
sleep "$idle"
after=$(switches "$pid")
echo "context switches over ${idle} s idle: $((after - before)) (all threads)"
kill "$pid"; wait "$pid" 2>/dev/null || true

NEEDLEWISE_REPORT_READY=1 "$bin" --data-dir "$dir" >/dev/null 2>&1 &
pid=$!
sleep 15
echo "with the window open: PSS $(( $(pss "$pid") / 1024 )) MiB"
kill "$pid"; wait "$pid" 2>/dev/null || true
