//! Termination signals end the process cleanly (its channel file removed, its tray taken
//! away, the quit marked for the window) instead of killing it where it stands.

use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::control::Control;

/// Turn SIGTERM, SIGINT and SIGHUP into [`Control::Stop`] on `controls`.
pub fn forward(controls: Sender<Control>) {
    let mut signals = match Signals::new([SIGTERM, SIGINT, SIGHUP]) {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("needlewise-background: termination signals not handled ({e})");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for _ in signals.forever() {
                if controls.send(Control::Stop).is_err() {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("needlewise-background: termination signals not handled ({e})");
    }
}
