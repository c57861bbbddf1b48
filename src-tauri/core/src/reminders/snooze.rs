//! Snoozing: a shown notification put off by an hour, firing once more as its own
//! occurrence (quiet hours still apply).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::notification::Notification;
use super::occurrence::{fire_time, Occurrence, ReminderKind};
use crate::clock;
use crate::state::RoutineState;

/// How long "Snooze" puts a reminder off.
pub const SNOOZE: Duration = Duration::hours(1);

/// A reminder put off by the person: it fires once more at `fire_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snooze {
    /// Its own occurrence key (`snooze:<date>:<original>@<HHMM>`), so it is sent once.
    pub key: String,
    /// The first key of what was snoozed.
    pub original: String,
    pub date: NaiveDate,
    pub title: String,
    pub body: String,
    pub fire_at: DateTime<Utc>,
}

/// Snooze a notification that was shown: the same text, an hour from `now`.
pub fn snooze(n: &Notification, now: DateTime<Utc>, tz: Tz) -> Snooze {
    // Saturates at the end of the calendar, where no clock will ever be.
    let fire_at = now.checked_add_signed(SNOOZE).unwrap_or(now);
    let local = clock::local_time(fire_at, tz);
    let original = n.keys.first().cloned().unwrap_or_default();
    Snooze {
        key: format!(
            "{}:{}:{original}@{}",
            ReminderKind::Snoozed.code(),
            local.date(),
            local.format("%H%M")
        ),
        original,
        date: local.date(),
        title: n.title.clone(),
        body: format!("{} (snoozed)", n.body),
        fire_at,
    }
}

impl Snooze {
    /// As an occurrence; quiet hours still apply.
    pub fn occurrence(&self, state: &RoutineState, tz: Tz) -> Occurrence {
        let wall_time = clock::local_time(self.fire_at, tz).time();
        Occurrence {
            key: self.key.clone(),
            kind: ReminderKind::Snoozed,
            date: self.date,
            wall_time,
            fire_at: fire_time(state, self.date, wall_time, tz).max(self.fire_at),
            title: self.title.clone(),
            body: self.body.clone(),
            session: None,
            checkin_day: None,
        }
    }
}
