//! The real notifier (notify-rust over D-Bus) against a real notification server on the
//! test's private session bus: python3-dbusmock's notification_daemon template, whose
//! GetCalls lists exactly what was sent.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use needlewise::notifier::{Desktop, Notifier};
use needlewise_core::guidance::SessionKind;
use needlewise_core::reminders::{Notification, SessionRef};

/// A notification server for as long as this lives.
pub struct NotificationServer(Child);

fn bus(args: &[&str]) -> String {
    let out = Command::new("dbus-send")
        .args(["--session", "--print-reply"])
        .args(args)
        .output()
        .expect("dbus-send (package dbus) runs");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn server_is_up() -> bool {
    bus(&[
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        "string:org.freedesktop.Notifications",
    ])
    .contains("boolean true")
}

impl NotificationServer {
    /// `capabilities`: what the server says it supports (space-separated, e.g. "actions body").
    pub fn start(capabilities: &str) -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "needs a private session bus: run through tests/run.sh (dbus-run-session)"
        );
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "dbusmock", "--template", "notification_daemon", "-p"])
            .arg(format!(r#"{{"capabilities": "{capabilities}"}}"#))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3-dbusmock is installed");
        let deadline = Instant::now() + Duration::from_secs(15);
        while !server_is_up() {
            assert!(
                Instant::now() < deadline,
                "the mock notification server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        NotificationServer(child)
    }

    /// Every call the server received, as dbus-send prints them.
    pub fn calls(&self) -> String {
        bus(&[
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.DBus.Mock.GetCalls",
        ])
    }
}

impl NotificationServer {
    /// Act on notification `id` as a person clicking its button `action` would: the
    /// server emits ActionInvoked (through dbusmock's EmitSignal, via python3-dbus).
    pub fn click(&self, id: u32, action: &str) {
        let script = format!(
            "import dbus\n\
             o = dbus.SessionBus().get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications')\n\
             o.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us', [dbus.UInt32({id}), '{action}'], dbus_interface='org.freedesktop.DBus.Mock')\n"
        );
        let ok = Command::new("/usr/bin/python3")
            .args(["-c", &script])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not emit ActionInvoked");
    }
}

impl Drop for NotificationServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let deadline = Instant::now() + Duration::from_secs(5);
        while server_is_up() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn sample() -> Notification {
    Notification {
        keys: vec!["session:2026-12-01:home-2026-12-01".into()],
        title: "Session tonight at 19:00".into(),
        body: "Skin clean, no makeup, oils or sunscreen; disinfect your roller before and after."
            .into(),
        session: Some(SessionRef {
            id: None,
            kind: SessionKind::AtHome,
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        }),
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
