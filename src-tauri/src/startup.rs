//! Start-up timing. `NEEDLEWISE_REPORT_READY` prints how long the first screen took to be
//! interactive (`ui_ready`); `NEEDLEWISE_TRACE_STARTUP` also prints a timestamp at each step
//! in between (`startup-trace <ms> <step>`, on stdout), for the benchmark's breakdown
//! (src-tauri/scripts/benchmark.sh). Unset, a step costs one load of a cached flag.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

struct Start {
    at: Instant,
    /// The same moment as milliseconds since the Unix epoch, to place the page's marks
    /// (which it reads from its own clock) on this process's time line.
    epoch_ms: f64,
}

static START: OnceLock<Start> = OnceLock::new();
static TRACE: OnceLock<bool> = OnceLock::new();
static FIRST_COMMAND: AtomicBool = AtomicBool::new(true);
static READY: AtomicBool = AtomicBool::new(false);

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// The process's start (first thing in `run`).
pub fn begin() {
    START.get_or_init(|| Start {
        at: Instant::now(),
        epoch_ms: epoch_ms(),
    });
    if tracing() {
        if let Some(ms) = exec_to_main_ms() {
            println!(
                "startup-trace {:.1} exec (from /proc, 10 ms resolution)",
                -ms
            );
        }
        mark("main");
    }
}

/// Milliseconds since [`begin`].
pub fn elapsed_ms() -> f64 {
    START
        .get()
        .map(|s| s.at.elapsed().as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

pub fn tracing() -> bool {
    *TRACE.get_or_init(|| std::env::var_os("NEEDLEWISE_TRACE_STARTUP").is_some())
}

/// One step of the start-up, when tracing.
pub fn mark(step: &str) {
    if tracing() {
        println!("startup-trace {:.1} {step}", elapsed_ms());
    }
}

/// A command from the page begins, when tracing and the first screen is not ready yet:
/// its start, for [`command_done`].
pub fn command(name: &str) -> Option<f64> {
    if !tracing() || READY.load(Ordering::Relaxed) {
        return None;
    }
    if FIRST_COMMAND.swap(false, Ordering::Relaxed) {
        mark(&format!("first command ({name})"));
    }
    Some(elapsed_ms())
}

/// The command begun at `started` ([`command`]) has answered (or, if async, been handed on).
pub fn command_done(name: &str, started: Option<f64>) {
    if let Some(at) = started {
        println!(
            "startup-trace {at:.1} command {name} (took {:.1} ms)",
            elapsed_ms() - at
        );
    }
}

/// The first screen is ready: commands are no longer traced.
pub fn ready() {
    mark("ui_ready");
    READY.store(true, Ordering::Relaxed);
}

/// The page's own marks (milliseconds since the epoch by its clock), when tracing.
pub fn page_marks(marks: &[(String, f64)]) {
    let Some(start) = START.get().filter(|_| tracing()) else {
        return;
    };
    for (step, at) in marks {
        println!("startup-trace {:.1} page: {step}", at - start.epoch_ms);
    }
}

/// How long before `main` the process was started (exec and dynamic linking), from
/// /proc in clock ticks (assumed 100 per second, the Linux default).
fn exec_to_main_ms() -> Option<f64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some((uptime - start_ticks / 100.0) * 1000.0)
}
