//! Every occurrence in a range of days: walks the days and asks each kind of reminder
//! (sessions, aftercare, sun) for its own, and says when the next one fires.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::aftercare::{checkins, post_care};
use super::occurrence::{Builder, Occurrence};
use super::photo::progress_photo;
use super::routine::routine_reminders;
use super::sessions::{book_next, consultation, head_replacement, session_reminders};
use super::spf::sun_reminders;
use crate::care;
use crate::schedule::{self, PlannedSession};
use crate::session::SessionStatus;
use crate::state::RoutineState;
use crate::units::Days;

/// Every occurrence whose local date is in `from..=to`, sorted by firing time.
pub fn occurrences(
    state: &RoutineState,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Vec<Occurrence> {
    let mut b = Builder {
        state,
        tz,
        out: Vec::new(),
    };
    let reach = Days(15);
    let held = schedule::hold(state).is_some();
    let sessions = schedule::sessions_between(state, reach.before(from), reach.after(to));
    let needling: Vec<&PlannedSession> = sessions.iter().filter(|s| s.status.needles()).collect();
    for date in from.iter_days().take_while(|d| *d <= to) {
        consultation(&mut b, date);
        if !held {
            for s in needling
                .iter()
                .filter(|s| s.status == SessionStatus::Planned)
            {
                session_reminders(&mut b, s, date);
            }
        }
        book_next(&mut b, &sessions, date);
        // The day's pause and care windows, computed once for aftercare and sun reminders.
        let windows = care::windows_on(state, date, &sessions);
        post_care(&mut b, &windows, date);
        checkins(&mut b, &sessions, &needling, date);
        sun_reminders(&mut b, &windows, date);
        // After the sun's: a morning routine at the SPF time joins that reminder.
        routine_reminders(&mut b, date);
        head_replacement(&mut b, date);
        progress_photo(&mut b, &needling, date);
    }
    let mut out = b.out;
    out.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    out
}

/// The next moment something fires after `now`, so the loop can sleep until then.
pub fn next_fire_after(occurrences: &[Occurrence], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    occurrences
        .iter()
        .map(|o| o.fire_at)
        .filter(|t| *t > now)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::SessionKind;
    use crate::profile::{Gate, Mode};
    use crate::reminders::test_support::{at_berlin, home_with_session, keys, local, t};
    use crate::reminders::ReminderKind;
    use crate::schedule::tests::{both_state, d, session};
    use crate::session::SessionStatus::{Done, Planned};
    use chrono_tz::Europe::Berlin;

    // GUIDANCE §6 rows: pre-session pause, prep, session today, post-care, check-ins, SPF.
    #[test]
    fn at_home_session_reminders_fall_on_their_days_and_times() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 11, 28), d(2026, 12, 5), Berlin);
        let at = |kind| -> Vec<chrono::NaiveDateTime> {
            occ.iter()
                .filter(|o| o.kind == kind)
                .map(|o| local(o, Berlin))
                .collect()
        };
        assert_eq!(
            at(ReminderKind::PrePause),
            vec![d(2026, 11, 29).and_time(t(9, 0))]
        );
        assert_eq!(
            at(ReminderKind::SessionPrep),
            vec![d(2026, 11, 30).and_time(t(20, 0))]
        );
        assert_eq!(
            at(ReminderKind::SessionToday),
            vec![d(2026, 12, 1).and_time(t(19, 0))]
        );
        assert_eq!(
            at(ReminderKind::PostCare),
            (2..=4)
                .map(|day| d(2026, 12, day).and_time(t(9, 0)))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            at(ReminderKind::CheckIn),
            (1..=4)
                .map(|day| d(2026, 12, day).and_time(t(20, 0)))
                .collect::<Vec<_>>()
        );
        assert_eq!(at(ReminderKind::Spf).len(), 8);
        assert!(at(ReminderKind::Spf).iter().all(|x| x.time() == t(8, 0)));
        let today = occ
            .iter()
            .find(|o| o.kind == ReminderKind::SessionToday)
            .unwrap();
        assert_eq!(today.key, "session:2026-12-01:home-2026-12-01");
        assert!(
            today.body.contains("disinfect your roller"),
            "{}",
            today.body
        );
        let post = occ
            .iter()
            .find(|o| o.kind == ReminderKind::PostCare)
            .unwrap();
        assert!(
            post.body.contains("retinoids") && post.title.contains("day 1"),
            "{}",
            post.body
        );
    }

    #[test]
    fn held_schedule_sends_no_session_reminders() {
        let mut st = home_with_session();
        st.profile
            .safety
            .gates
            .insert(Gate::PregnancyOrBreastfeeding);
        let occ = occurrences(&st, d(2026, 11, 28), d(2026, 12, 5), Berlin);
        assert!(keys(&occ, ReminderKind::SessionToday).is_empty());
        assert!(keys(&occ, ReminderKind::PrePause).is_empty());
        assert!(!keys(&occ, ReminderKind::Spf).is_empty());
    }

    #[test]
    fn next_fire_after_skips_the_past() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 2), Berlin);
        let next = next_fire_after(&occ, at_berlin(d(2026, 12, 1), 19, 0)).unwrap();
        assert_eq!(next, at_berlin(d(2026, 12, 1), 20, 0));
    }

    #[test]
    fn mode_both_has_reminders_for_both_kinds() {
        let mut st = both_state();
        assert_eq!(st.profile.mode, Mode::Both);
        st.sessions
            .push(session(1, SessionKind::Professional, d(2026, 12, 1), Done));
        st.sessions
            .push(session(2, SessionKind::AtHome, d(2026, 12, 15), Planned));
        let occ = occurrences(&st, d(2026, 12, 14), d(2026, 12, 15), Berlin);
        assert_eq!(
            keys(&occ, ReminderKind::SessionToday),
            vec!["session:2026-12-15:home-2026-12-15".to_string()]
        );
    }
}
