//! Closing the window ends its web processes while the app stays running for its reminders.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::App;

/// The app process started with `--data-dir <dir>`, found through /proc.
fn app_pid(dir: &Path) -> Option<u32> {
    let want = dir.to_str()?;
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok())
        .find_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
            let is_app = args.first().is_some_and(|a| a.ends_with(b"needlewise"));
            (is_app && args.contains(&want.as_bytes())).then_some(pid)
        })
}

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

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn closing_the_window_ends_its_web_processes_and_the_app_stays() {
    let (app, dir) = App::launch("window").await;
    let pid = app_pid(dir.path()).expect("the app process");
    assert!(
        children(pid)
            .iter()
            .any(|c| c.starts_with("WebKitWebProces")),
        "{:?}",
        children(pid)
    );
    app.client.close_window().await.expect("the window closes");
    let deadline = Instant::now() + Duration::from_secs(20);
    while children(pid)
        .iter()
        .any(|c| c.starts_with("WebKitWebProces"))
    {
        assert!(
            Instant::now() < deadline,
            "web process still running: {:?}",
            children(pid)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The app itself keeps running (in the tray) for its reminders.
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "the app exited with its window"
    );
}
