//! End-to-end tests of the real app window and of notifications on a real D-Bus. They need
//! an X display, tauri-driver, WebKitWebDriver and a private session bus, which
//! `tests/run.sh` sets up; a plain `cargo test` skips them.
//!
//! Run: `bash tests/run.sh`, or by hand:
//! `xvfb-run -a dbus-run-session -- cargo test --test e2e -- --ignored --test-threads=1`

mod background;
#[path = "../common/mod.rs"]
mod common;
mod dashboard;
mod faults;
mod harness;
mod notifications;
mod package;
mod progress;
mod reminders;
mod routine;
mod safety;
mod storage;
mod window;
mod wizard;
