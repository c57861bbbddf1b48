//! Closing the window ends its web processes while the app stays running for its reminders.

use crate::harness::eventually_blocking;
use std::time::Duration;

/// Names of the processes below `pid`.
fn children(pid: u32) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for t in tasks.filter_map(|t| t.ok()) {
        let list = std::fs::read_to_string(t.path().join("children")).unwrap_or_default();
        for child in list
            .split_whitespace()
            .filter_map(|c| c.parse::<u32>().ok())
        {
            out.push(
                std::fs::read_to_string(format!("/proc/{child}/comm"))
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            );
            out.extend(children(child));
        }
    }
    out
}

/// Closing the window the way its close button does (WM_DELETE_WINDOW, sent by a small
/// python3-xlib script since Xvfb runs no window manager): the web process ends, the app
/// process stays for its reminders. Launched directly, not through WebDriver, whose driver
/// would end the app itself when its last window goes.
#[test]
#[ignore = "needs Xvfb and python3-xlib: run through tests/run.sh"]
fn closing_the_window_ends_its_web_processes_and_the_app_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_needlewise"))
        .args(["--data-dir", dir.path().to_str().unwrap()])
        .env("NO_AT_BRIDGE", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let web = |pid| {
        children(pid)
            .iter()
            .any(|c| c.starts_with("WebKitWebProces"))
    };
    eventually_blocking(Duration::from_secs(30), || {
        web(pid)
            .then_some(())
            .ok_or_else(|| format!("no web process: {:?}", children(pid)))
    });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/tools/close_window.py"
    );
    let closed = std::process::Command::new("/usr/bin/python3")
        .args([script, "needlewise"])
        .status()
        .unwrap();
    assert!(closed.success(), "could not ask the window to close");
    eventually_blocking(Duration::from_secs(20), || {
        (!web(pid))
            .then_some(())
            .ok_or_else(|| format!("web process still running: {:?}", children(pid)))
    });
    std::thread::sleep(Duration::from_millis(500));
    let still_running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(still_running, "the app exited with its window");
}
