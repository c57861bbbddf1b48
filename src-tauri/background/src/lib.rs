//! Needlewise's background process, without a webview: the reminder loop, notification
//! buttons, the tray, and the channel the window wakes it on. It is what runs all year, so
//! it links no GTK, WebKit or Tauri. The window uses the parts both need from here (where
//! the data lives, the wake channel, the notification checks), so each is said once.

pub mod args;
pub mod clock;
pub mod control;
mod courier;
pub mod data;
pub mod ending;
pub mod error;
pub mod instance;
pub mod notifier;
pub mod programs;
pub mod reminders;
pub mod service;
#[cfg(unix)]
mod signals;
pub mod status;
pub mod tray;
pub mod wake;
#[cfg(target_os = "linux")]
pub mod watch;
