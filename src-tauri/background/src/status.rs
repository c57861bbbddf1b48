//! What the window and the tray show about the reminder loop.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use needlewise_core::dispatch::TickReport;
use needlewise_core::reminders::Notification;

/// The loop's state after its last pass.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopStatus {
    /// Set while sending fails (no notification server): shown in the window and tray.
    pub delivery_problem: Option<String>,
    /// Set while the loop cannot write to the database (a full disk).
    pub storage_problem: Option<String>,
    /// When a pass last stopped unexpectedly (the loop carried on).
    pub fault_at: Option<DateTime<Utc>>,
    pub last: Option<TickReport>,
    /// The last notification shown, for "Snooze" in the app and tray.
    pub last_sent: Option<Notification>,
}

impl LoopStatus {
    /// One line for the tray: a problem, else what comes next.
    pub fn line(&self, tz: Tz) -> String {
        if let Some(problem) = &self.delivery_problem {
            return format!("Reminders not delivered: {problem}");
        }
        if self.storage_problem.is_some() {
            return "Reminders cannot be saved: the disk is full".into();
        }
        match self.last.as_ref().and_then(|r| r.upcoming.as_ref()) {
            Some(o) => {
                let at = o.fire_at.with_timezone(&tz);
                format!("Next: {} ({})", o.title, at.format("%a %H:%M"))
            }
            None => "No reminders coming up".into(),
        }
    }
}
