//! A notification server on the test's private session bus: python3-dbusmock's
//! notification_daemon template, whose GetCalls lists exactly what was sent. Shared by the
//! background crate's tests and the end-to-end tests (included by path).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A notification server for as long as this lives.
pub struct NotificationServer(Child);

/// `dbus-send --session --print-reply` with `args`: what it printed.
pub fn bus(args: &[&str]) -> String {
    let out = Command::new("dbus-send")
        .args(["--session", "--print-reply"])
        .args(args)
        .output()
        .expect("dbus-send (package dbus) runs");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Whether `name` has an owner on the session bus.
pub fn name_has_owner(name: &str) -> bool {
    bus(&[
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        &format!("string:{name}"),
    ])
    .contains("boolean true")
}

pub fn server_is_up() -> bool {
    name_has_owner("org.freedesktop.Notifications")
}

/// Poll `check` until it holds, or panic with `what` after `within`.
pub fn wait_until(within: Duration, what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !check() {
        assert!(Instant::now() < deadline, "{what} (waited {within:?})");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl NotificationServer {
    /// `capabilities`: what the server says it supports (space-separated, e.g. "actions body").
    pub fn start(capabilities: &str) -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "needs a private session bus: run under dbus-run-session"
        );
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "dbusmock", "--template", "notification_daemon", "-p"])
            .arg(format!(r#"{{"capabilities": "{capabilities}"}}"#))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3-dbusmock is installed");
        wait_until(
            Duration::from_secs(15),
            "the mock notification server did not start",
            server_is_up,
        );
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

    /// The process id (to freeze and thaw it).
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for NotificationServer {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-CONT", &self.0.id().to_string()])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
        let deadline = Instant::now() + Duration::from_secs(5);
        while server_is_up() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
