//! The tray icon on macOS: an item in the menu bar (NSStatusItem, through tray-icon). AppKit
//! wants it made, changed and removed on the main thread, while that thread runs the
//! application's loop; so on macOS the main thread runs that loop ([`run_app`]) and the
//! service runs on a thread of its own, reaching the icon through GCD's main queue (which
//! runs what it is given in order, so a change never comes before the icon).

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Sender};
use std::sync::OnceLock;
use std::time::Duration;

use dispatch2::DispatchQueue;
use objc2::rc::Retained;
use objc2::runtime::{NSObject, NSObjectProtocol, ProtocolObject};
use objc2::{define_class, msg_send, MainThreadMarker, MainThreadOnly};
use objc2_app_kit::{
    NSApplication, NSApplicationActivationPolicy, NSApplicationDelegate,
    NSApplicationTerminateReply,
};

use super::menu::{Error, LeftClick, Shown};
use crate::control::Control;

/// How long `stop` waits for the main thread before the process goes on without it.
const STOP_WAIT: Duration = Duration::from_secs(2);

thread_local! {
    /// The icon, on the main thread (the only thread that touches it).
    static SHOWN: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// Where the application's delegate sends a request to quit (logging out, restarting).
static ORDERS: OnceLock<Sender<Control>> = OnceLock::new();

/// The running tray icon: a handle to what lives on the main thread.
#[derive(Clone)]
pub struct Tray(());

impl Tray {
    /// Put the icon in the menu bar. It is made on the main thread once that thread runs
    /// [`run_app`]'s loop; a failure there is told on stderr, as elsewhere.
    pub fn start(controls: Sender<Control>) -> Result<Self, Error> {
        let _ = ORDERS.set(controls.clone());
        DispatchQueue::main().exec_async(move || {
            match Shown::make(controls, LeftClick::ShowsMenu) {
                Ok(shown) => SHOWN.with(|slot| *slot.borrow_mut() = Some(shown)),
                Err(e) => eprintln!("needlewise-background: no tray icon ({e})"),
            }
        });
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
        let _ = answer.recv_timeout(STOP_WAIT);
    }
}

define_class!(
    // SAFETY: NSObject has no subclassing requirements; the delegate does not implement Drop.
    #[unsafe(super(NSObject))]
    #[thread_kind = MainThreadOnly]
    #[name = "NeedlewiseBackgroundDelegate"]
    struct Delegate;

    unsafe impl NSObjectProtocol for Delegate {}

    unsafe impl NSApplicationDelegate for Delegate {
        /// Logging out or restarting asks an application to quit (an Apple Event, not
        /// SIGTERM): end as a termination signal does elsewhere, cleanly, leaving an open
        /// window be. The process exits when the service has ended.
        #[unsafe(method(applicationShouldTerminate:))]
        fn should_terminate(&self, _sender: &NSApplication) -> NSApplicationTerminateReply {
            match ORDERS.get() {
                Some(orders) if orders.send(Control::Stop).is_ok() => {
                    NSApplicationTerminateReply::TerminateLater
                }
                _ => NSApplicationTerminateReply::TerminateNow,
            }
        }
    }
);

impl Delegate {
    fn new(main_thread: MainThreadMarker) -> Retained<Self> {
        let this = Self::alloc(main_thread).set_ivars(());
        // SAFETY: NSObject's `init`, on a freshly allocated object.
        unsafe { msg_send![super(this), init] }
    }
}

/// Run `service` on a thread of its own and AppKit's loop on this one until the service
/// ends; the process exits with its code (101 if it panicked: unwinding a thread alone
/// would leave this loop and a dead menu running). Call it from `main`.
pub fn run_app(service: impl FnOnce() -> i32 + Send + 'static) -> ! {
    let ended = move || std::process::exit(catch_unwind(AssertUnwindSafe(service)).unwrap_or(101));
    let Some(main_thread) = MainThreadMarker::new() else {
        // Not the main thread: no menu bar, but the reminders still run.
        ended()
    };
    let app = NSApplication::sharedApplication(main_thread);
    // An item in the menu bar only: no Dock icon and no menu bar of its own.
    app.setActivationPolicy(NSApplicationActivationPolicy::Accessory);
    // The application holds its delegate weakly; this one lives as long as the process.
    let delegate = Delegate::new(main_thread);
    app.setDelegate(Some(ProtocolObject::from_ref(&*delegate)));
    if let Err(e) = std::thread::Builder::new()
        .name("service".into())
        .spawn(ended)
    {
        eprintln!("needlewise-background: cannot start ({e})");
        std::process::exit(crate::ending::COULD_NOT_START);
    }
    app.run();
    // The loop ends only if something stops the application; the service's end exits.
    loop {
        std::thread::park();
    }
}
