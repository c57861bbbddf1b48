//! What an occurrence is: its kind, its key (`kind:date:slot`), the session it is about
//! and when it fires. Every reminder is added through [`Builder`], so keys and firing
//! times are made in one place.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::guidance::SessionKind;
use crate::schedule::PlannedSession;
use crate::session::SessionId;
use crate::state::RoutineState;

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReminderKind {
    BookConsultation,
    PrePause,
    SessionPrep,
    SessionToday,
    SessionSoon,
    BookNext,
    PostCare,
    CheckIn,
    Spf,
    ReapplySpf,
    ReplaceHead,
    /// GUIDANCE §6–7: time for a progress photo.
    ProgressPhoto,
    /// A reminder the person snoozed, firing once more.
    Snoozed,
    /// The morning or evening routine (issue 14, item 5; off unless chosen).
    Routine,
}

impl ReminderKind {
    /// The key prefix: short, stable, never renamed (keys live in users' ledgers).
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::BookConsultation => "consult",
            ReminderKind::PrePause => "prepause",
            ReminderKind::SessionPrep => "prep",
            ReminderKind::SessionToday => "session",
            ReminderKind::SessionSoon => "soon",
            ReminderKind::BookNext => "booknext",
            ReminderKind::PostCare => "postcare",
            ReminderKind::CheckIn => "checkin",
            ReminderKind::Spf => "spf",
            ReminderKind::ReapplySpf => "reapply",
            ReminderKind::ReplaceHead => "head",
            ReminderKind::ProgressPhoto => "photo",
            ReminderKind::Snoozed => "snooze",
            ReminderKind::Routine => "routine",
        }
    }
}

/// A session as a reminder or the window names it, so "Done" can act on it: a stored one
/// has its id; a projected one only its kind and date (it is stored when acted on).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRef {
    pub id: Option<SessionId>,
    pub kind: SessionKind,
    pub date: NaiveDate,
}

impl SessionRef {
    pub(super) fn of(s: &PlannedSession) -> Self {
        SessionRef {
            id: s.id,
            kind: s.kind,
            date: s.date,
        }
    }

    pub(super) fn slot(&self) -> String {
        let k = match self.kind {
            SessionKind::AtHome => "home",
            SessionKind::Professional => "pro",
        };
        format!("{k}-{}", self.date)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    pub key: String,
    pub kind: ReminderKind,
    /// The local date the reminder belongs to.
    pub date: NaiveDate,
    /// The wall-clock time it was set for.
    pub wall_time: NaiveTime,
    /// When it fires: `wall_time` resolved in the zone, moved to the end of quiet hours if inside them.
    pub fire_at: DateTime<Utc>,
    pub title: String,
    pub body: String,
    pub session: Option<SessionRef>,
    /// Set for the check-in reminder: which day after the session.
    pub checkin_day: Option<u16>,
}

/// The occurrences of a range of days, as `calendar` asks each kind of reminder for its own.
pub(super) struct Builder<'a> {
    pub(super) state: &'a RoutineState,
    pub(super) tz: Tz,
    pub(super) out: Vec<Occurrence>,
}

/// One occurrence to add, by name; the builder gives it its key and firing time.
pub(super) struct NewOccurrence {
    pub(super) kind: ReminderKind,
    /// The local date it belongs to.
    pub(super) date: NaiveDate,
    /// The wall-clock time it is set for.
    pub(super) wall_time: NaiveTime,
    /// Tells occurrences of one kind on one date apart: the key's last part.
    pub(super) slot: String,
    pub(super) title: String,
    pub(super) body: String,
    pub(super) session: Option<SessionRef>,
}

impl Builder<'_> {
    /// Adds an occurrence. Returns it for optional extras.
    pub(super) fn push(&mut self, new: NewOccurrence) -> &mut Occurrence {
        let NewOccurrence {
            kind,
            date,
            wall_time,
            slot,
            title,
            body,
            session,
        } = new;
        let fire_at = fire_time(self.state, date, wall_time, self.tz);
        self.out.push(Occurrence {
            key: format!("{}:{date}:{slot}", kind.code()),
            kind,
            date,
            wall_time,
            fire_at,
            title,
            body,
            session,
            checkin_day: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// When a wall-clock reminder fires: resolved for DST, then deferred past quiet hours.
pub fn fire_time(state: &RoutineState, date: NaiveDate, wall: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let q = state.settings.quiet_hours;
    let local = date.and_time(wall);
    let local = if q.contains(wall) {
        q.end_of_stretch(local)
    } else {
        local
    };
    clock::resolve(local, tz)
}

/// Wall-clock times in reminder text: 24-hour `HH:MM`.
pub(super) fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::QuietHours;
    use crate::reminders::occurrences;
    use crate::reminders::test_support::{home_with_session, local, t};
    use crate::schedule::tests::{d, home_state};
    use chrono::TimeZone;
    use chrono_tz::{America::New_York, Europe::Berlin};

    // GUIDANCE §6: quiet hours — nothing fires inside them; it fires at their end.
    #[test]
    fn quiet_hours_defer_to_their_end_keeping_the_key() {
        let mut st = home_with_session();
        st.profile.session_time = t(23, 15);
        st.sessions[0].time = t(23, 15);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let s = occ
            .iter()
            .find(|o| o.kind == ReminderKind::SessionToday)
            .unwrap();
        assert_eq!(local(s, Berlin), d(2026, 12, 2).and_time(t(7, 0)));
        assert_eq!(s.date, d(2026, 12, 1));
        assert_eq!(s.wall_time, t(23, 15));
        st.settings.quiet_hours = QuietHours::parse("12:00", "14:00").unwrap();
        st.settings.times.spf = t(12, 30);
        let occ = occurrences(&st, d(2026, 12, 3), d(2026, 12, 3), Berlin);
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert_eq!(local(spf, Berlin), d(2026, 12, 3).and_time(t(14, 0)));
    }

    // GUIDANCE §6: 08:00 stays 08:00 across DST, once per day.
    #[test]
    fn spf_at_eight_once_on_berlin_spring_forward_and_new_york_fall_back() {
        let st = home_state(0.25);
        for (tz, day, utc_hour) in [(Berlin, d(2026, 3, 29), 6), (New_York, d(2026, 11, 1), 13)] {
            let occ = occurrences(&st, day, day, tz);
            let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
            assert_eq!(spf.len(), 1);
            assert_eq!(
                spf[0].fire_at,
                Utc.from_utc_datetime(&day.and_time(t(utc_hour, 0)))
            );
        }
    }

    #[test]
    fn nonexistent_and_repeated_wall_times_fire_once() {
        let mut st = home_state(0.25);
        st.settings.quiet_hours = QuietHours::parse("12:00", "13:00").unwrap();
        st.settings.times.spf = t(2, 30);
        let occ = occurrences(&st, d(2026, 3, 29), d(2026, 3, 29), Berlin);
        let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
        assert_eq!(spf.len(), 1);
        assert_eq!(local(spf[0], Berlin), d(2026, 3, 29).and_time(t(3, 0)));
        st.settings.times.spf = t(1, 30);
        let occ = occurrences(&st, d(2026, 11, 1), d(2026, 11, 1), New_York);
        let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
        assert_eq!(spf.len(), 1);
        assert_eq!(
            spf[0].fire_at,
            Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap()
        );
    }

    // Travel: the next day's reminders follow the new zone; keys never collide.
    #[test]
    fn zone_change_between_two_days() {
        let st = home_state(0.25);
        let day1 = occurrences(&st, d(2026, 6, 10), d(2026, 6, 10), Berlin);
        let day2 = occurrences(&st, d(2026, 6, 11), d(2026, 6, 11), New_York);
        let s1 = day1.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        let s2 = day2.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert_eq!(local(s1, Berlin).time(), t(8, 0));
        assert_eq!(local(s2, New_York).time(), t(8, 0));
        assert_ne!(s1.key, s2.key);
        // The same local date seen from the new zone keeps the same key, so it is not resent.
        let again = occurrences(&st, d(2026, 6, 10), d(2026, 6, 10), New_York);
        assert!(again.iter().any(|o| o.key == s1.key));
    }
}
