//! Native notifications through notify-rust, behind a small trait so the reminder loop does
//! not care how a notification is shown. Tests run the real implementation against a real
//! notification server on a private D-Bus session.

use std::sync::Arc;

use needlewise_core::reminders::Notification;

/// The identity notifications are attributed to (bundle id on macOS, app user model id on
/// Windows, desktop entry on Linux).
pub const APP_ID: &str = "app.needlewise.desktop";

/// What the person did with a notification's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Done,
    Snooze,
}

pub type ActionHandler = Arc<dyn Fn(Action, &Notification) + Send + Sync>;

pub trait Notifier: Send + Sync {
    /// Show `n`; `Err` with a readable reason when no notification server took it.
    fn send(&self, n: &Notification) -> Result<(), String>;
}

/// The platform's notification centre.
pub struct Desktop {
    on_action: ActionHandler,
}

impl Desktop {
    pub fn new(on_action: ActionHandler) -> Self {
        #[cfg(target_os = "macos")]
        {
            let _ = notify_rust::set_application(APP_ID);
        }
        Desktop { on_action }
    }
}

/// Whether the notification server shows action buttons (XDG servers say so).
#[cfg(all(unix, not(target_os = "macos")))]
fn server_has_actions() -> bool {
    notify_rust::get_capabilities()
        .map(|caps| caps.iter().any(|c| c == "actions"))
        .unwrap_or(false)
}

impl Notifier for Desktop {
    fn send(&self, n: &Notification) -> Result<(), String> {
        let mut note = notify_rust::Notification::new();
        note.appname("Needlewise").summary(&n.title).body(&n.body);
        #[cfg(windows)]
        note.app_id(APP_ID);
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            note.icon("needlewise")
                .hint(notify_rust::Hint::DesktopEntry("needlewise".into()));
            let actions = server_has_actions();
            if actions {
                if n.session.is_some() {
                    note.action("done", "Done");
                }
                note.action("snooze", "Snooze 1 h");
            }
            let handle = note
                .show()
                .map_err(|e| format!("no notification server answered ({e})"))?;
            if actions {
                let (handler, n) = (self.on_action.clone(), n.clone());
                // Waiting for a click blocks, so it gets its own thread; it ends when the
                // notification is acted on or closed.
                std::thread::spawn(move || {
                    handle.wait_for_action(|action| match action {
                        "done" => handler(Action::Done, &n),
                        "snooze" => handler(Action::Snooze, &n),
                        _ => {}
                    })
                });
            }
            Ok(())
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            note.show()
                .map(|_| ())
                .map_err(|e| format!("the notification was not shown ({e})"))
        }
    }
}
