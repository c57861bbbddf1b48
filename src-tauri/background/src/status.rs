//! What the window and the tray show about the reminder loop.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use needlewise_core::dispatch::{Silenced, TickReport};
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
    /// One line for the tray: reminders turned off, a problem, a pause, else what comes
    /// next. Off comes first: nothing is being sent, so no delivery problem matters.
    pub fn line(&self, tz: Tz) -> String {
        let last = self.last.as_ref();
        let silenced = last.and_then(|r| r.silenced);
        if silenced == Some(Silenced::Off) {
            return "Reminders are off".into();
        }
        if let Some(problem) = &self.delivery_problem {
            return format!("Reminders not delivered: {problem}");
        }
        if self.storage_problem.is_some() {
            return "Reminders cannot be saved: the disk is full".into();
        }
        let when = |at: DateTime<Utc>| at.with_timezone(&tz).format("%a %H:%M").to_string();
        if let Some(Silenced::PausedUntil(end)) = silenced {
            return format!("Reminders paused until {}", when(end));
        }
        match last.and_then(|r| r.upcoming.as_ref()) {
            Some(o) => format!("Next: {} ({})", o.title, when(o.fire_at)),
            None => "No reminders coming up".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    use needlewise_core::reminders::{Occurrence, ReminderKind};

    const BERLIN: Tz = chrono_tz::Europe::Berlin;

    /// A loop status whose last pass saw the 19:00 session reminder coming.
    fn with(silenced: Option<Silenced>, problem: Option<&str>) -> LoopStatus {
        let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let upcoming = Occurrence {
            key: "session".into(),
            kind: ReminderKind::SessionToday,
            date,
            wall_time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            fire_at: Utc.with_ymd_and_hms(2026, 12, 2, 18, 0, 0).unwrap(),
            title: "Session tonight".into(),
            body: String::new(),
            session: None,
            checkin_day: None,
        };
        LoopStatus {
            delivery_problem: problem.map(str::to_owned),
            last: Some(TickReport {
                upcoming: Some(upcoming),
                silenced,
                ..TickReport::default()
            }),
            ..LoopStatus::default()
        }
    }

    #[test]
    fn the_line_says_what_comes_next_unless_reminders_are_held() {
        assert_eq!(
            with(None, None).line(BERLIN),
            "Next: Session tonight (Wed 19:00)"
        );
        let end = Utc.with_ymd_and_hms(2026, 12, 2, 19, 30, 0).unwrap();
        assert_eq!(
            with(Some(Silenced::PausedUntil(end)), None).line(BERLIN),
            "Reminders paused until Wed 20:30"
        );
        assert_eq!(
            with(Some(Silenced::Off), None).line(BERLIN),
            "Reminders are off"
        );
        // A problem delivering matters while reminders go out, not when they are off.
        assert!(with(None, Some("no server"))
            .line(BERLIN)
            .contains("not delivered: no server"));
        assert_eq!(
            with(Some(Silenced::Off), Some("no server")).line(BERLIN),
            "Reminders are off"
        );
    }
}
