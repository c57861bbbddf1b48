//! The tray icon on macOS: an item in the menu bar (NSStatusItem, through tray-icon). AppKit
//! wants it made, changed and removed on the main thread, while that thread runs the
//! application's loop; so on macOS the main thread runs that loop ([`run_app`]) and the
//! service runs on a thread of its own, reaching the icon through GCD's main queue.

use std::cell::RefCell;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use dispatch2::DispatchQueue;
use objc2::MainThreadMarker;
use objc2_app_kit::{NSApplication, NSApplicationActivationPolicy};

use super::menu::{Error, LeftClick, Shown};
use crate::control::Control;

/// How long `start` and `stop` wait for the main thread before going on without it.
const MAIN_WAIT: Duration = Duration::from_secs(2);

thread_local! {
    /// The icon, on the main thread (the only thread that touches it).
    static SHOWN: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// The running tray icon: a handle to what lives on the main thread.
#[derive(Clone)]
pub struct Tray(());

impl Tray {
    /// Put the icon in the menu bar; it is made on the main thread, which must be in
    /// [`run_app`].
    pub fn start(controls: Sender<Control>) -> Result<Self, Error> {
        let (made, answer) = mpsc::channel();
        DispatchQueue::main().exec_async(move || {
            let result = Shown::make(controls, LeftClick::ShowsMenu)
                .map(|shown| SHOWN.with(|slot| *slot.borrow_mut() = Some(shown)));
            let _ = made.send(result);
        });
        answer.recv_timeout(MAIN_WAIT).map_err(|_| Error::Gone)??;
        Ok(Tray(()))
    }

    /// Show `line` as what comes next.
    pub fn set_line(&self, line: String) {
        DispatchQueue::main().exec_async(move || {
            SHOWN.with(|slot| {
                if let Some(shown) = slot.borrow().as_ref() {
                    shown.show(&line);
                }
            })
        });
    }

    /// Take the icon away, and wait for that (not for ever).
    pub fn stop(&self) {
        let (gone, answer) = mpsc::channel();
        DispatchQueue::main().exec_async(move || {
            drop(SHOWN.with(|slot| slot.borrow_mut().take()));
            let _ = gone.send(());
        });
        let _ = answer.recv_timeout(MAIN_WAIT);
    }
}

/// Run `service` on a thread of its own and AppKit's loop on this one until the service
/// ends; the process exits with its code. Call it from `main`, on the main thread.
pub fn run_app(service: impl FnOnce() -> i32 + Send + 'static) -> ! {
    let Some(main_thread) = MainThreadMarker::new() else {
        // Not the main thread: no menu bar, but the reminders still run.
        std::process::exit(service());
    };
    let app = NSApplication::sharedApplication(main_thread);
    // An item in the menu bar only: no Dock icon and no menu bar of its own.
    app.setActivationPolicy(NSApplicationActivationPolicy::Accessory);
    let spawned = std::thread::Builder::new()
        .name("service".into())
        .spawn(move || std::process::exit(service()));
    if let Err(e) = spawned {
        eprintln!("needlewise-background: cannot start ({e})");
        std::process::exit(1);
    }
    app.run();
    // The loop ends only when something stops the application; the service's exit ends
    // the process, so wait for it.
    loop {
        std::thread::park();
    }
}
