#!/usr/bin/env bash
# Needlewise against a minimal Tauri 2 app (src-tauri/bench/reference: one window, one page with a
# button, one command; the same Tauri, features and release profile), both built here in
# release mode with their .deb. Measured side by side, alternating runs, medians:
#   start-up to an interactive first screen (existing data: the dashboard), with the
#     breakdown of where the time goes (NEEDLEWISE_TRACE_STARTUP)
#   PSS of all processes with the window open
#   PSS of every process left running once the window is closed, and no WebKit process
#   wake-ups (context switches of all threads of those processes) over an idle period
#   .deb sizes
# Not run by CI. Runs itself under Xvfb and a private session bus (with a notification
# server from python3-dbusmock) when there is no display yet.
# Usage: benchmark.sh [--idle SECONDS (600)] [--runs N (11)] [--memory-runs N (5)] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
args=("$@")

idle=600
runs=11
mem_runs=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --memory-runs) mem_runs="$2"; shift ;;
    --no-build) build=0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "${NEEDLEWISE_BENCH_INNER:-}" ]; then
  export NEEDLEWISE_BENCH_INNER=1
  exec xvfb-run -a -s "-screen 0 1366x768x24" dbus-run-session -- bash "$0" "${args[@]}"
fi

export NO_AT_BRIDGE=1
export PATH="$HOME/.cargo/bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
export CARGO_TARGET_DIR="$target"

if cargo tauri --version 2>/dev/null | grep -q "^tauri-cli 2\."; then
  tauri=(cargo tauri)
else
  tauri=("$HOME/.cache/needlewise/tauri-cli/node_modules/.bin/tauri")
  "${tauri[@]}" --version >/dev/null 2>&1 || bash src-tauri/scripts/setup-debian.sh package
fi

# The two release profiles must be the same for the comparison to mean anything.
profile() { sed -n '/^\[profile\.release\]/,/^\[/{/^\[/d;/^#/d;/^$/d;p}' "$1"; }
if [ "$(profile Cargo.toml)" != "$(profile src-tauri/bench/reference/Cargo.toml)" ]; then
  echo "[profile.release] differs between Cargo.toml and src-tauri/bench/reference/Cargo.toml" >&2
  exit 1
fi

if [ "$build" = 1 ]; then
  echo "== build (release, with .deb)"
  bash src-tauri/scripts/build-background.sh release
  "${tauri[@]}" build --bundles deb -- --locked
  # The page's start-up marks are the app's own module, copied in (as the Rust side's
  # `startup.rs` is included by path), so both are timed by the same code.
  cp ui/js/startup.js src-tauri/bench/reference/ui/startup.js
  (cd src-tauri/bench/reference && "${tauri[@]}" build --bundles deb -- --locked)
fi
nw="$target/release/needlewise"
ref="$target/release/needlewise-reference"
nw_deb=$(ls -t "$target"/release/bundle/deb/Needlewise_*.deb | head -1)
ref_deb=$(ls -t "$target"/release/bundle/deb/NeedlewiseReference_*.deb | head -1)

work=$(mktemp -d)
data="$work/data"
started=()
cleanup() {
  for p in "${started[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== data: a finished setup (the dashboard is the first screen)"
cargo run -q --locked -p needlewise-core --example bench_data -- "$data"

# Both apps get a fresh home (WebKit's caches, Tauri's app folders) for this run.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
export XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"


# A notification server on this session bus, as a desktop has.
if /usr/bin/python3 -c "import dbusmock" 2>/dev/null; then
  /usr/bin/python3 -m dbusmock --session --template notification_daemon >/dev/null 2>&1 &
  started+=($!)
  sleep 1
else
  echo "(no python3-dbusmock: no notification server on the bus)"
fi

# --- helpers -------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# Processes whose environment carries this run's token: whatever the app started
# (WebKit's processes, the background process) carries it too.
with_token() {
  local token="$1" p
  for p in /proc/[0-9]*; do
    if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qx "NEEDLEWISE_BENCH_TOKEN=$token"; then
      echo "${p#/proc/}"
    fi
  done
}
tree() { echo "$1"; local c; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
pss_kb() {
  local total=0 p kb
  for p in "$@"; do
    kb=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || true)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}
names() { local p; for p in "$@"; do cat /proc/"$p"/comm 2>/dev/null; done | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $2, $1}'; }
stop() {
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 50); do [ -d /proc/"$p" ] || break; sleep 0.1; done
  done
}
wait_for() { # file, text, tenths of a second
  local i
  for i in $(seq "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
new_token() { echo "$RANDOM$RANDOM$RANDOM"; }

# Start one app with NEEDLEWISE_REPORT_READY=$1; prints its pid and writes its output to $2.
launch() {
  local mode="$1" out="$2" app="$3" token="$4"
  if [ "$app" = nw ]; then
    env NEEDLEWISE_BENCH_TOKEN="$token" NEEDLEWISE_REPORT_READY="$mode" NEEDLEWISE_TRACE_STARTUP=1 \
      "$nw" --data-dir "$data" >"$out" 2>/dev/null &
  else
    env NEEDLEWISE_BENCH_TOKEN="$token" NEEDLEWISE_REPORT_READY="$mode" NEEDLEWISE_TRACE_STARTUP=1 \
      "$ref" >"$out" 2>/dev/null &
  fi
  echo $!
}

# --- start-up ------------------------------------------------------------------------
echo "== start-up: $runs runs each, alternating (after one warm-up run each)"
# As a person's desktop has it: the background process is already running (started at
# login), so the window finds it. It is started by the first (warm-up) window here.
bg_token=$(new_token)
for i in $(seq 0 "$runs"); do
  for app in nw ref; do
    out="$work/start-$app-$i.txt"
    token=$bg_token
    [ "$app" = ref ] && token=$(new_token)
    pid=$(launch exit "$out" "$app" "$token")
    for _ in $(seq 600); do [ -d /proc/"$pid" ] || break; sleep 0.05; done
    if [ -d /proc/"$pid" ]; then echo "  $app run $i did not finish; stopped" >&2; stop "$pid"; fi
    wait "$pid" 2>/dev/null || true
    ms=$(grep -m1 -o "interactive after [0-9]* ms" "$out" | grep -o '[0-9]*' || echo "")
    [ "$i" = 0 ] && continue
    echo "$ms" >>"$work/startup-$app"
    # The first time each step is seen in this run (a command may come again).
    # A command's step is its name (how long it took is on its own line in the output).
    grep '^startup-trace ' "$out" | awk -v run="$i" '{ms = $2; $1 = $2 = ""; sub(/^ +/, "")
      sub(/ \(took [0-9.]+ ms\)$/, ""); if (!seen[$0]++) print run, ms, $0}' >>"$work/trace-$app" || true
  done
done
printf '  Needlewise (ms): %s\n' "$(tr '\n' ' ' <"$work/startup-nw")"
printf '  reference (ms):  %s\n' "$(tr '\n' ' ' <"$work/startup-ref")"
start_nw=$(median <"$work/startup-nw")
start_ref=$(median <"$work/startup-ref")

echo "== start-up breakdown: median ms since main() at each step, its first time in a run ($runs runs)"
breakdown() {
  awk '{ms = $2; $1 = $2 = ""; sub(/^ +/, ""); if (!($0 in seen)) {seen[$0] = 1; order[++n] = $0} v[$0] = v[$0] " " ms}
       END {for (i = 1; i <= n; i++) print order[i] "\t" v[order[i]]}' "$1" |
    while IFS=$'\t' read -r step values; do
      printf '%s\t%s\n' "$(tr ' ' '\n' <<<"$values" | grep . | median)" "$step"
    done | sort -g
}
printf '  %-9s %s\n' "ms" "Needlewise"
breakdown "$work/trace-nw" | awk -F'\t' '{printf "  %9.1f %s\n", $1, $2}'
printf '  %-9s %s\n' "ms" "reference"
breakdown "$work/trace-ref" | awk -F'\t' '{printf "  %9.1f %s\n", $1, $2}'
bg_pids=$(with_token "$bg_token")
# shellcheck disable=SC2086
stop $bg_pids

# --- memory with the window open -------------------------------------------------------
echo "== PSS with the window open: $mem_runs runs each, alternating (3 s after interactive)"
for i in $(seq "$mem_runs"); do
  for app in nw ref; do
    out="$work/mem-$app-$i.txt"
    token=$(new_token)
    pid=$(launch 1 "$out" "$app" "$token")
    wait_for "$out" "interactive after" 600 || echo "  $app did not become interactive" >&2
    sleep 3
    pids=$( (tree "$pid"; with_token "$token") | sort -u)
    # shellcheck disable=SC2086
    kb=$(pss_kb $pids)
    # shellcheck disable=SC2086
    echo "  $app: $((kb / 1024)) MiB ($(names $pids))"
    echo "$kb" >>"$work/mem-$app"
    # shellcheck disable=SC2086
    stop $(with_token "$token") "$pid"
    wait "$pid" 2>/dev/null || true
  done
done
mem_nw=$(median <"$work/mem-nw")
mem_ref=$(median <"$work/mem-ref")

# --- what is left running once the window closes ----------------------------------------
echo "== window closed: what is left running ($mem_runs runs each, 15 s after closing)"
webkit_left=0
for i in $(seq "$mem_runs"); do
  for app in nw ref; do
    out="$work/left-$app-$i.txt"
    token=$(new_token)
    pid=$(launch exit "$out" "$app" "$token")
    for _ in $(seq 600); do [ -d /proc/"$pid" ] || break; sleep 0.05; done
    wait "$pid" 2>/dev/null || true
    sleep 15
    left=$(with_token "$token")
    # shellcheck disable=SC2086
    kb=$(pss_kb $left)
    # shellcheck disable=SC2086
    echo "  $app: $((kb / 1024)) MiB PSS in $(echo $left | wc -w) process(es) ($(names $left))"
    # shellcheck disable=SC2086
    if [ -n "$left" ] && names $left | grep -qi webkit; then webkit_left=1; fi
    echo "$kb" >>"$work/left-$app"
    if [ "$i" = "$mem_runs" ] && [ "$app" = nw ]; then
      idle_pids="$left"
    else
      # shellcheck disable=SC2086
      stop $left
    fi
  done
done
left_nw=$(median <"$work/left-nw")
left_ref=$(median <"$work/left-ref")

# --- idle wake-ups --------------------------------------------------------------------
switches() { # all threads of the given processes: "tid count name voluntary" lines
  local p t
  for p in "$@"; do
    for t in /proc/"$p"/task/*; do
      awk -v t="${t##*/}" -v name="$(cat "$t/comm" 2>/dev/null | tr ' ' '_')" \
        '/^(voluntary|nonvoluntary)_ctxt_switches/ {n += $2} /^voluntary_ctxt_switches/ {v = $2}
         END {print t, n, name, v}' "$t/status" 2>/dev/null
    done
  done
}
echo "== idle: wake-ups of every thread of what is left running, over ${idle} s"
if [ -n "${idle_pids:-}" ]; then
  # shellcheck disable=SC2086
  switches $idle_pids >"$work/sw-before"
  sleep "$idle"
  # shellcheck disable=SC2086
  switches $idle_pids >"$work/sw-after"
  # Threads in both samples count their difference; a thread born in between counts all
  # of its switches; one that ended in between is said (its last switches are not seen).
  wakeups=$(awk 'NR == FNR {b[$1] = $2; next} {n += ($1 in b) ? $2 - b[$1] : $2; seen[$1] = 1}
                 END {for (t in b) if (!(t in seen)) gone++; print n + 0, gone + 0}' \
    "$work/sw-before" "$work/sw-after")
  gone=${wakeups#* }
  wakeups=${wakeups% *}
  echo "  threads: $(wc -l <"$work/sw-before") then $(wc -l <"$work/sw-after") ($gone ended meanwhile)"
  echo "  context switches: $wakeups"
  # Each thread's share (a voluntary switch is the thread going back to sleep; the others
  # are preemptions while it ran), to tell which thread woke.
  awk 'NR == FNR {b[$1] = $2; bv[$1] = $4; next}
       {n = ($1 in b) ? $2 - b[$1] : $2; v = ($1 in bv) ? $4 - bv[$1] : $4
        printf "    thread %s (%s): %d (%d voluntary)\n", $1, $3, n, v}' \
    "$work/sw-before" "$work/sw-after"
  per_min=$(awk -v n="$wakeups" -v s="$idle" 'BEGIN {printf "%.2f", n * 60 / s}')
  # shellcheck disable=SC2086
  stop $idle_pids
else
  per_min=nan
fi

# --- sizes ----------------------------------------------------------------------------
deb_nw=$(stat -c %s "$nw_deb")
deb_ref=$(stat -c %s "$ref_deb")
bin_line() { printf '  %-24s %8d KiB\n' "$(basename "$1")" $(($(stat -c %s "$1") / 1024)); }
echo "== sizes"
bin_line "$nw"
bin_line "$target/release/needlewise-background"
bin_line "$ref"
bin_line "$nw_deb"
bin_line "$ref_deb"

# --- the table --------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
met() { awk -v v="$1" -v t="$2" 'BEGIN {print (v != "nan" && v != "-" && v + 0 <= t + 0) ? "yes" : "NO"}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
r_start=$(ratio "$start_nw" "$start_ref")
r_mem=$(ratio "$mem_nw" "$mem_ref")
r_deb=$(ratio "$deb_nw" "$deb_ref")
left_ok=$(met "$(awk -v k="$left_nw" 'BEGIN {print k / 1024}')" 15)
[ "$webkit_left" = 0 ] || left_ok=NO
echo
echo "== Needlewise vs reference ($(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'))"
{
  echo "what|Needlewise|reference|ratio|target|met?"
  echo "start-up to interactive, median of $runs|${start_nw} ms|${start_ref} ms|$r_start|≤ 1.1×|$(met "$r_start" 1.1)"
  echo "PSS window open, all processes, median of $mem_runs|$(mib "$mem_nw")|$(mib "$mem_ref")|$r_mem|≤ 1.1×|$(met "$r_mem" 1.1)"
  echo "PSS left running, window closed, median of $mem_runs|$(mib "$left_nw")|$(mib "$left_ref")|-|≤ 15 MiB, no WebKit ($([ "$webkit_left" = 0 ] && echo none || echo 'WebKit left'))|$left_ok"
  echo "wake-ups per minute, idle ${idle} s, all threads|$per_min|-|-|≤ 1|$(met "$per_min" 1)"
  echo ".deb size|$((deb_nw / 1024)) KiB|$((deb_ref / 1024)) KiB|$r_deb|≤ 1.3×|$(met "$r_deb" 1.3)"
} | column -t -s '|'
echo "(criterion: cargo bench -p needlewise-core, compared with a saved baseline; not run here)"
