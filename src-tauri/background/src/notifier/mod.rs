//! Native notifications, behind a small trait so the reminder loop does not care how a
//! notification is shown: notify-rust on macOS and Windows, and on Linux the freedesktop
//! calls over one shared connection (see `xdg`). The background process shows reminders;
//! the window only asks whether a service is there and sends the test notification.
//! Tests run the real implementation against a real notification server on a private
//! D-Bus session.

use std::sync::Arc;

#[cfg(all(unix, not(target_os = "macos")))]
mod xdg;

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

/// Something that shows notifications.
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
        match xdg::server_information() {
            Ok(server) => ServiceCheck {
                available: true,
                server: Some(server),
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
    let note = Notification {
        keys: Vec::new(),
        title: "Needlewise test notification".into(),
        body: "Reminders will look like this.".into(),
        done: None,
    };
    send_once(&note).map_err(|e| format!("the test notification was not shown ({e})"))
}

/// Show one notification without buttons, from a process that shows no others (the
/// window's test notification and its word about another data folder).
pub fn send_once(n: &Notification) -> Result<(), String> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        xdg::send_plain(n)
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        Desktop::new(Arc::new(|_, _| {})).send(n)
    }
}

/// The platform's notification centre.
pub struct Desktop {
    #[cfg(all(unix, not(target_os = "macos")))]
    bus: xdg::Bus,
}

impl Desktop {
    /// `on_action`: what the buttons do (where the platform shows them).
    pub fn new(on_action: ActionHandler) -> Self {
        #[cfg(target_os = "macos")]
        {
            let _ = notify_rust::set_application(APP_ID);
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            Desktop {
                bus: xdg::Bus::new(on_action),
            }
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            let _ = on_action;
            Desktop {}
        }
    }
}

impl Notifier for Desktop {
    fn send(&self, n: &Notification) -> Result<(), String> {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            self.bus.send(n)
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            let mut note = notify_rust::Notification::new();
            note.appname("Needlewise").summary(&n.title).body(&n.body);
            #[cfg(windows)]
            note.app_id(APP_ID);
            note.show()
                .map(|_| ())
                .map_err(|e| format!("the notification was not shown ({e})"))
        }
    }
}
