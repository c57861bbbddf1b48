//! Closing the window ends the window process and every web process with it; reminders go
//! on in the background process, which the window started.

use std::time::Duration;

use needlewise_background::data::DataDir;
use needlewise_background::instance::Instance;
use needlewise_background::programs::Program;
use needlewise_background::wake::{ask, Request};

use crate::harness::{background_binary, eventually_blocking};

/// The names of every process on the machine.
pub(crate) fn process_names() -> Vec<String> {
    let Ok(all) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    all.filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|e| std::fs::read_to_string(e.path().join("comm")).ok())
        .map(|c| c.trim().to_string())
        .collect()
}

/// WebKit's web and network processes (not WebKitWebDriver, which only tests run).
pub(crate) fn webkit_processes() -> Vec<String> {
    process_names()
        .into_iter()
        .filter(|c| c.starts_with("WebKitWebProces") || c.starts_with("WebKitNetworkP"))
        .collect()
}

/// Ask the window of class `needlewise` to close as its close button does (WM_DELETE_WINDOW,
/// sent by a small python3-xlib script since Xvfb runs no window manager).
pub(crate) fn close_window() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/tools/close_window.py"
    );
    let closed = std::process::Command::new("/usr/bin/python3")
        .args([script, "needlewise"])
        .status()
        .unwrap();
    assert!(closed.success(), "could not ask the window to close");
}

/// Launched directly, not through WebDriver, whose driver would end the app itself.
#[test]
#[ignore = "needs Xvfb and python3-xlib: run through tests/run.sh"]
fn closing_the_window_ends_its_process_and_web_processes_and_reminders_go_on() {
    background_binary();
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_needlewise"))
        .args(["--data-dir", dir.path().to_str().unwrap()])
        .env("NO_AT_BRIDGE", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    eventually_blocking(Duration::from_secs(30), || {
        (!webkit_processes().is_empty() && Instance::running(&data, Program::Background))
            .then_some(())
            .ok_or_else(|| "no web process, or no background process".to_string())
    });
    close_window();
    eventually_blocking(Duration::from_secs(20), || {
        child
            .try_wait()
            .unwrap()
            .map(drop)
            .ok_or_else(|| "the window process still runs".to_string())
    });
    eventually_blocking(Duration::from_secs(20), || {
        let left = webkit_processes();
        left.is_empty()
            .then_some(())
            .ok_or_else(|| format!("web processes left: {left:?}"))
    });
    assert!(
        Instance::running(&data, Program::Background),
        "the background process stays for reminders"
    );
    ask(&data, Request::Quit).unwrap();
    eventually_blocking(Duration::from_secs(20), || {
        (!Instance::running(&data, Program::Background))
            .then_some(())
            .ok_or_else(|| "the background process did not quit".to_string())
    });
}
