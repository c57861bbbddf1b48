#!/usr/bin/env bash
# Start-up time to an interactive first screen, and memory (PSS of the app and its WebKit
# processes), for a built binary. Needs an X display: run under xvfb-run.
# Usage: measure-startup.sh [binary] [runs]
set -euo pipefail
bin="${1:-target/release/needlewise}"
runs="${2:-5}"
export NO_AT_BRIDGE=1

times=()
for _ in $(seq "$runs"); do
  dir=$(mktemp -d)
  line=$(NEEDLEWISE_REPORT_READY=exit "$bin" --data-dir "$dir" 2>/dev/null | grep -m1 "interactive after")
  times+=("$(echo "$line" | grep -o '[0-9]*' | head -1)")
  rm -rf "$dir"
done
printf 'start-up to interactive (ms): %s\n' "${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median (ms): " a[int((NR+1)/2)]}'

# Memory: let it settle for 3 s after it is interactive, then add up PSS of the process tree.
dir=$(mktemp -d)
log=$(mktemp)
NEEDLEWISE_REPORT_READY=1 "$bin" --data-dir "$dir" >"$log" 2>/dev/null &
pid=$!
for _ in $(seq 200); do grep -q "interactive after" "$log" && break; sleep 0.1; done
sleep 3
tree() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
total=0
for p in $(tree "$pid"); do
  kb=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
  name=$(cat /proc/"$p"/comm 2>/dev/null || echo '?')
  printf '  %-22s %8s kB\n' "$name" "${kb:-0}"
  total=$((total + ${kb:-0}))
done
echo "PSS total: $((total / 1024)) MiB"
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
rm -rf "$dir" "$log"
