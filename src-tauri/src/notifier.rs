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

/// Whether notifications can be shown here, for the wizard and Settings (issue 10, item 14).
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCheck {
    pub available: bool,
    /// The notification server's name, where the platform says.
    pub server: Option<String>,
    /// What is wrong and what to do, when notifications cannot be shown.
    pub problem: Option<String>,
}

const NO_SERVICE: &str = "No notification service answered, so reminders will not appear on this computer. Start your desktop's notification service (most desktops run one; on a minimal window manager install one such as dunst or mako), then check again.";

/// Ask the platform's notification service who it is.
pub fn check_service() -> ServiceCheck {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        match notify_rust::get_server_information() {
            Ok(info) => ServiceCheck {
                available: true,
                server: Some(format!("{} {}", info.name, info.version)),
                problem: None,
            },
            Err(_) => ServiceCheck {
                available: false,
                server: None,
                problem: Some(NO_SERVICE.into()),
            },
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _ = NO_SERVICE;
        // macOS and Windows always have a notification centre; whether the person allowed
        // Needlewise in it shows only when one is sent (use the test notification).
        ServiceCheck {
            available: true,
            server: None,
            problem: None,
        }
    }
}

/// Show a test notification that says nothing about the person's treatment.
pub fn send_test() -> Result<(), String> {
    let mut note = notify_rust::Notification::new();
    note.appname("Needlewise")
        .summary("Needlewise test notification")
        .body("Reminders will look like this.");
    #[cfg(windows)]
    note.app_id(APP_ID);
    note.show()
        .map(|_| ())
        .map_err(|e| format!("the test notification was not shown ({e})"))
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
