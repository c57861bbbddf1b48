//! The real notifier (the background crate's, over D-Bus) against a real notification
//! server on the test's private session bus: python3-dbusmock's notification_daemon
//! template, whose GetCalls lists exactly what was sent.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::harness::eventually_blocking;
use chrono::NaiveDate;
use needlewise::notifier::{Desktop, Notifier};
use needlewise_core::guidance::SessionKind;
use needlewise_core::reminders::{DoneMeans, Notification, SessionRef};

#[path = "../../src-tauri/background/tests/support/bus.rs"]
#[allow(dead_code)]
mod bus;
use bus::server_is_up;
pub use bus::NotificationServer;

impl NotificationServer {
    /// Freeze the server (SIGSTOP): calls to it are queued by the bus and go unanswered,
    /// as with a hung notification daemon.
    pub fn freeze(&self) {
        self.signal("-STOP");
    }

    /// Let a frozen server go on (SIGCONT): it answers what was queued.
    pub fn thaw(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, which: &str) {
        let ok = Command::new("kill")
            .args([which, &self.pid().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill {which} failed");
    }
}

/// Watches the session bus (dbus-monitor) for calls to the notification server.
pub struct CallWatch {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl CallWatch {
    pub fn start() -> Self {
        let mut child = Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications'",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor (package dbus) runs");
        let out = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        CallWatch { child, lines }
    }

    /// Wait until someone calls `member` on the notification server.
    pub fn wait_for(&self, member: &str, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(&format!("member={member}")) => return,
                Ok(_) => {}
                Err(_) => panic!("no call to {member} within {within:?}"),
            }
        }
    }
}

impl Drop for CallWatch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sample() -> Notification {
    Notification {
        keys: vec!["session:2026-12-01:home-2026-12-01".into()],
        title: "Session tonight at 19:00".into(),
        body: "Skin clean, no makeup, oils or sunscreen; disinfect your roller before and after."
            .into(),
        done: Some(DoneMeans::Session(SessionRef {
            id: None,
            kind: SessionKind::AtHome,
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        })),
    }
}

#[test]
#[ignore = "needs a private D-Bus session with python3-dbusmock: run through tests/run.sh"]
fn notifications_reach_a_real_server_with_title_body_and_actions() {
    let server = NotificationServer::start("actions body");
    let notifier = Desktop::new(Arc::new(|_, _| {}));
    notifier.send(&sample()).expect("sent");
    let calls = server.calls();
    assert!(calls.contains("Notify"), "{calls}");
    assert!(calls.contains("Needlewise"), "app name: {calls}");
    assert!(calls.contains("Session tonight at 19:00"), "{calls}");
    assert!(calls.contains("disinfect your roller"), "{calls}");
    // The server announced "actions", so the buttons are offered.
    assert!(
        calls.contains("Snooze 1 h") && calls.contains("Done"),
        "{calls}"
    );
}

#[test]
#[ignore = "needs a private D-Bus session with python3-dbusmock: run through tests/run.sh"]
fn no_buttons_when_the_server_cannot_show_them() {
    let server = NotificationServer::start("body");
    Desktop::new(Arc::new(|_, _| {}))
        .send(&sample())
        .expect("sent");
    let calls = server.calls();
    assert!(
        calls.contains("GetCapabilities") && calls.contains("Session tonight"),
        "{calls}"
    );
    assert!(!calls.contains("Snooze 1 h"), "{calls}");
}

#[test]
#[ignore = "needs a private D-Bus session with python3-dbusmock: run through tests/run.sh"]
fn without_a_server_sending_fails_with_a_reason() {
    {
        let _server = NotificationServer::start("body");
    }
    assert!(!server_is_up());
    let err = Desktop::new(Arc::new(|_, _| {}))
        .send(&sample())
        .unwrap_err();
    assert!(err.contains("no notification server"), "{err}");
}

fn count_entries(dir: &str) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

/// Issue 10, item 10: a server that never closes notifications (dbusmock does not) must not
/// cost a thread or a connection per notification. One connection, one listener: after a
/// hundred notifications the process has the threads and descriptors it had after one, and
/// the buttons of the newest still work.
#[test]
#[ignore = "needs a private D-Bus session with python3-dbusmock: run through tests/run.sh"]
fn a_hundred_notifications_keep_threads_and_connections_flat() {
    let server = NotificationServer::start("actions body");
    let clicks = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = clicks.clone();
    let notifier = Desktop::new(Arc::new(move |action, n: &Notification| {
        seen.lock().unwrap().push((action, n.title.clone()));
    }));
    notifier.send(&sample()).expect("sent");
    let (threads, fds) = (
        count_entries("/proc/self/task"),
        count_entries("/proc/self/fd"),
    );
    let mut last = sample();
    for i in 0..100 {
        last.title = format!("Reminder {i}");
        notifier.send(&last).expect("sent");
    }
    let (threads_after, fds_after) = (
        count_entries("/proc/self/task"),
        count_entries("/proc/self/fd"),
    );
    assert!(
        threads_after <= threads + 1 && fds_after <= fds + 1,
        "threads {threads} -> {threads_after}, descriptors {fds} -> {fds_after}"
    );
    assert_eq!(server.calls().matches("Reminder ").count(), 100);
    // dbusmock numbers notifications from 1: the newest is 101.
    server.click(101, "snooze");
    eventually_blocking(Duration::from_secs(10), || {
        (!clicks.lock().unwrap().is_empty())
            .then_some(())
            .ok_or("no action reached the app".into())
    });
    let clicks = clicks.lock().unwrap();
    assert_eq!(
        clicks.as_slice(),
        [(
            needlewise::notifier::Action::Snooze,
            "Reminder 99".to_string()
        )]
    );
}
