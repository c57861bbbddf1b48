//! The tray host's side for tests: the StatusNotifierWatcher in `sni_watcher.py` on the
//! test's session bus, and the item's menu read and clicked over com.canonical.dbusmenu
//! (through `gdbus`, as a host would call it).

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The watcher, for as long as this lives.
pub struct TrayHost {
    child: Child,
    lines: std::io::Lines<BufReader<ChildStdout>>,
}

/// One item of a tray menu: its dbusmenu id and label.
#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub id: i32,
    pub label: String,
}

impl TrayHost {
    pub fn start() -> Self {
        let mut child = Command::new("/usr/bin/python3")
            .args(["-c", include_str!("sni_watcher.py")])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with dbus and gi runs the watcher");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok);
        assert_eq!(first.as_deref(), Some("ready"), "the watcher did not start");
        TrayHost { child, lines }
    }

    /// The bus name of the next item that registers (blocks until one does).
    pub fn next_item(&mut self) -> String {
        self.lines
            .next()
            .and_then(Result::ok)
            .expect("an item registers with the watcher")
    }
}

impl Drop for TrayHost {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn gdbus(item: &str, method: &str, args: &[&str]) -> String {
    let out = Command::new("gdbus")
        .args([
            "call",
            "--session",
            "--dest",
            item,
            "--object-path",
            "/MenuBar",
        ])
        .args([
            "--method",
            &format!("com.canonical.dbusmenu.{method}"),
            "--",
        ])
        .args(args)
        .output()
        .expect("gdbus (libglib2.0-bin) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The item's menu, top level, in order (separators have no label and are left out).
pub fn menu(item: &str) -> Vec<MenuEntry> {
    let layout = gdbus(item, "GetLayout", &["0", "-1", "[]"]);
    // Each child prints as `<(ID, {'label': <'TEXT'>, ...}, [])>`.
    layout
        .split("<(")
        .skip(1)
        .filter_map(|child| {
            let (id, rest) = child.split_once(", {")?;
            let label = rest.split("'label': <'").nth(1)?.split("'>").next()?;
            Some(MenuEntry {
                id: id.trim().parse().ok()?,
                label: label.to_string(),
            })
        })
        .collect()
}

/// Check the item's menu offers every one of `wanted`.
pub fn assert_offers(item: &str, wanted: &[&str]) {
    let labels: Vec<String> = menu(item).into_iter().map(|e| e.label).collect();
    for w in wanted {
        assert!(labels.iter().any(|l| l == w), "{w} in {labels:?}");
    }
}

/// Click the entry labelled `label`, as a host does when the person chooses it.
pub fn click(item: &str, label: &str) {
    let entries = menu(item);
    let entry = entries
        .iter()
        .find(|e| e.label == label)
        .unwrap_or_else(|| panic!("no {label:?} in {entries:?}"));
    gdbus(
        item,
        "Event",
        &[&entry.id.to_string(), "clicked", "<0>", "0"],
    );
}
