//! Catch-up: which due occurrences are still worth sending and which are missed, and
//! whether the action a reminder asks for is still open.

use chrono::{DateTime, LocalResult, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::occurrence::{Occurrence, ReminderKind};
use super::spf::spf_useful_until;
use crate::clock;
use crate::guidance::SessionKind;
use crate::profile::Consultation;
use crate::schedule;
use crate::session::SessionStatus;
use crate::state::RoutineState;

/// Whether the action a reminder asks for is still open at `now`.
pub fn still_pending(state: &RoutineState, occ: &Occurrence, now: DateTime<Utc>, tz: Tz) -> bool {
    let session_open = || match &occ.session {
        Some(r) => match r.id {
            Some(id) => state
                .sessions
                .iter()
                .any(|s| s.id == id && s.status == SessionStatus::Planned),
            // Projected: open unless a stored session of that kind now sits on that date.
            None => !state.sessions.iter().any(|s| {
                s.kind == r.kind && s.date == r.date && s.status != SessionStatus::Planned
            }),
        },
        None => true,
    };
    match occ.kind {
        ReminderKind::BookConsultation => {
            matches!(state.profile.consultation, Consultation::NotYet { .. })
        }
        ReminderKind::SessionSoon => {
            let starts = occ.session.as_ref().and_then(|r| {
                state
                    .sessions
                    .iter()
                    .find(|s| Some(s.id) == r.id)
                    .map(|s| clock::at(s.date, s.time, tz))
            });
            session_open() && starts.is_none_or(|t| now < t)
        }
        ReminderKind::PrePause | ReminderKind::SessionPrep | ReminderKind::SessionToday => {
            session_open()
        }
        ReminderKind::CheckIn => {
            let (Some(r), Some(day)) = (&occ.session, occ.checkin_day) else {
                return true;
            };
            match r.id {
                Some(id) => !schedule::checkins_of(state, id)
                    .iter()
                    .any(|c| c.day.get() == day),
                None => true,
            }
        }
        ReminderKind::BookNext => {
            let Some(r) = &occ.session else { return true };
            !state
                .sessions
                .iter()
                .any(|s| s.kind == SessionKind::Professional && s.date > r.date)
        }
        ReminderKind::Spf => now < spf_useful_until(state, occ.date, tz),
        ReminderKind::PostCare
        | ReminderKind::ReapplySpf
        | ReminderKind::ReplaceHead
        | ReminderKind::Snoozed => true,
        // Taken since it fell due (a photo that day or later): nothing left to remind.
        ReminderKind::ProgressPhoto => state.photo_days.range(occ.date..).next().is_none(),
        ReminderKind::Routine => super::routine::still_open(state, occ),
    }
}

/// What to do with the occurrences that are due and not yet in the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Triage {
    /// Still useful: send now (merged into one notification when several).
    pub send: Vec<Occurrence>,
    /// Too late to help: record as missed and show in the app.
    pub missed: Vec<Occurrence>,
    /// When quiet hours end, if they hold back something still useful: it goes out then.
    pub quiet_until: Option<DateTime<Utc>>,
}

/// GUIDANCE §6 catch-up: a due reminder fires once if it is still useful (same local day as
/// it was meant to fire, action still pending, not overtaken by a later one of its kind);
/// otherwise it is missed. Inside quiet hours nothing is sent; it waits for their end.
pub fn triage(
    state: &RoutineState,
    due: Vec<Occurrence>,
    now: DateTime<Utc>,
    tz: Tz,
    recorded: impl Fn(&str) -> bool,
) -> Triage {
    let local_now = clock::local_time(now, tz);
    let quiet = state.settings.quiet_hours.contains(local_now.time());
    let today = local_now.date();
    let mut due: Vec<Occurrence> = due
        .into_iter()
        .filter(|o| o.fire_at <= now && !recorded(&o.key))
        .collect();
    due.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    let mut t = Triage::default();
    for (i, o) in due.iter().enumerate() {
        let overtaken = due[i + 1..].iter().any(|later| {
            later.kind == o.kind && later.date == o.date && o.kind == ReminderKind::ReapplySpf
        });
        let same_day = clock::local_date(o.fire_at, tz) == today;
        let useful = same_day && !overtaken && still_pending(state, o, now, tz);
        if useful {
            if quiet {
                t.quiet_until = Some(quiet_end(state, now, tz));
            } else {
                t.send.push(o.clone());
            }
        } else {
            t.missed.push(o.clone());
        }
    }
    t
}

/// The end of the quiet stretch `now` is in. On the night clocks go back the end's wall
/// time can come twice: the first after `now` (else a pass at the second 02:15 would be
/// told to look again at the first 02:30, already past, and look every second).
fn quiet_end(state: &RoutineState, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let quiet = state.settings.quiet_hours;
    let local_end = quiet.end_of_stretch(clock::local_time(now, tz));
    match tz.from_local_datetime(&local_end) {
        LocalResult::Ambiguous(first, second) => {
            let first = first.with_timezone(&Utc);
            if first > now {
                first
            } else {
                second.with_timezone(&Utc)
            }
        }
        _ => clock::resolve(local_end, tz),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
    use crate::reminders::occurrences;
    use crate::reminders::test_support::{at_berlin, home_with_session, t};
    use crate::schedule::tests::{both_state, d, session};
    use crate::session::SessionId;
    use crate::session::SessionStatus::{Done, Planned};
    use chrono_tz::Europe::Berlin;

    // Catch-up branches.
    #[test]
    fn triage_sends_same_day_pending_and_misses_the_rest() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 11, 30), d(2026, 12, 1), Berlin);
        // Woken at 19:30 on the session day: yesterday's prep is missed, today's fire.
        let now = at_berlin(d(2026, 12, 1), 19, 30);
        let tr = triage(&st, occ.clone(), now, Berlin, |_| false);
        let sent: Vec<_> = tr.send.iter().map(|o| o.kind).collect();
        // The morning SPF is no longer useful at 19:30 (issue 9): recorded missed.
        assert_eq!(sent, vec![ReminderKind::SessionToday]);
        assert!(tr.missed.iter().any(|o| o.kind == ReminderKind::Spf));
        assert!(tr
            .missed
            .iter()
            .any(|o| o.kind == ReminderKind::SessionPrep));
        // Only yesterday's are missed, and today's morning SPF (past its use at 19:30).
        assert!(tr
            .missed
            .iter()
            .all(|o| o.date == d(2026, 11, 30) || o.kind == ReminderKind::Spf));
        // Nothing not yet due is touched.
        assert!(!tr
            .send
            .iter()
            .chain(&tr.missed)
            .any(|o| o.kind == ReminderKind::CheckIn));
        // Already recorded keys are left out.
        let tr = triage(&st, occ, now, Berlin, |k| k.starts_with("spf:"));
        assert!(tr.send.iter().all(|o| o.kind != ReminderKind::Spf));
        assert!(tr.missed.iter().all(|o| o.kind != ReminderKind::Spf));
    }

    // Issue 9: an evening catch-up must not say "SPF 30+ this morning": the morning SPF
    // reminder is useful until noon (or the end of the day's sun-protection hours).
    #[test]
    fn the_morning_spf_is_not_caught_up_in_the_evening() {
        let mut st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 3), d(2026, 12, 3), Berlin);
        let spf = |now| {
            let tr = triage(&st, occ.clone(), now, Berlin, |_| false);
            tr.send.iter().any(|o| o.kind == ReminderKind::Spf)
        };
        assert!(spf(at_berlin(d(2026, 12, 3), 9, 30)), "at 09:30");
        assert!(!spf(at_berlin(d(2026, 12, 3), 18, 59)), "at 18:59");
        // In June in Berlin the sun-protection hours run into the afternoon.
        st.profile.location = Some(crate::profile::Location {
            name: None,
            latitude: 52.52,
            longitude: 13.405,
        });
        let occ = occurrences(&st, d(2027, 6, 21), d(2027, 6, 21), Berlin);
        let tr = triage(&st, occ, at_berlin(d(2027, 6, 21), 14, 0), Berlin, |_| {
            false
        });
        assert!(
            tr.send.iter().any(|o| o.kind == ReminderKind::Spf),
            "June 14:00"
        );
    }

    #[test]
    fn triage_misses_reminders_whose_action_is_done() {
        let mut st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        st.sessions[0].status = Done;
        st.checkins.push(CheckIn {
            id: CheckInId(1),
            session_id: SessionId(1),
            day: DayAfter::new(0).unwrap(),
            redness: Severity::Mild,
            irritation: Severity::None,
            flags: Flags::default(),
            note: String::new(),
        });
        let now = at_berlin(d(2026, 12, 1), 21, 0);
        let tr = triage(&st, occ, now, Berlin, |_| false);
        let missed: Vec<_> = tr.missed.iter().map(|o| o.kind).collect();
        assert!(
            missed.contains(&ReminderKind::SessionToday) && missed.contains(&ReminderKind::CheckIn)
        );
        // At 21:00 the morning SPF is past its use too (issue 9).
        assert_eq!(tr.send.iter().map(|o| o.kind).collect::<Vec<_>>(), vec![]);
    }

    #[test]
    fn triage_waits_inside_quiet_hours() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let now = at_berlin(d(2026, 12, 1), 22, 30);
        let tr = triage(&st, occ, now, Berlin, |_| false);
        assert!(tr.send.is_empty());
        // The morning SPF is past its use at 22:30 (issue 9); the rest wait.
        assert!(
            tr.missed.iter().all(|o| o.kind == ReminderKind::Spf),
            "same-day reminders wait, they are not missed yet"
        );
        // The loop is told when to look again: when quiet hours end, past midnight.
        assert_eq!(tr.quiet_until, Some(at_berlin(d(2026, 12, 2), 7, 0)));
        let tr = triage(&st, Vec::new(), now, Berlin, |_| false);
        assert_eq!(
            tr.quiet_until, None,
            "nothing held back, nothing to wake for"
        );
    }

    #[test]
    fn quiet_hours_end_later_today_and_after_now_on_the_night_clocks_go_back() {
        let with_quiet = |start, end| {
            let mut st = home_with_session();
            st.settings.quiet_hours = crate::profile::QuietHours::parse(start, end).unwrap();
            st
        };
        // 03:00 inside 01:00–07:00: later the same day.
        let three = at_berlin(d(2026, 12, 2), 3, 0);
        let early = with_quiet("01:00", "07:00");
        assert_eq!(
            quiet_end(&early, three, Berlin),
            at_berlin(d(2026, 12, 2), 7, 0)
        );
        // 25 Oct 2026, Berlin: 02:00–03:00 comes twice (CEST, then CET).
        let utc = |h, m| Utc.from_utc_datetime(&d(2026, 10, 25).and_hms_opt(h, m, 0).unwrap());
        let st = with_quiet("22:00", "02:30");
        assert_eq!(
            quiet_end(&st, utc(0, 15), Berlin),
            utc(0, 30),
            "the first 02:15"
        );
        assert_eq!(
            quiet_end(&st, utc(1, 15), Berlin),
            utc(1, 30),
            "the second 02:15"
        );
    }

    #[test]
    fn triage_missed_appointment_warning_after_it_started() {
        let mut st = both_state();
        let mut s = session(1, SessionKind::Professional, d(2026, 12, 1), Planned);
        s.time = t(15, 0);
        st.sessions.push(s);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let tr = triage(&st, occ, at_berlin(d(2026, 12, 1), 15, 30), Berlin, |_| {
            false
        });
        assert!(tr
            .missed
            .iter()
            .any(|o| o.kind == ReminderKind::SessionSoon));
        assert!(tr.send.iter().any(|o| o.kind == ReminderKind::SessionToday));
    }

    #[test]
    fn triage_only_latest_reapply_slot_is_sent() {
        let st = home_with_session();
        let mk = |hh: u32| Occurrence {
            key: format!("reapply:2026-12-02:{hh:02}00"),
            kind: ReminderKind::ReapplySpf,
            date: d(2026, 12, 2),
            wall_time: t(hh, 0),
            fire_at: at_berlin(d(2026, 12, 2), hh, 0),
            title: "Reapply sunscreen".into(),
            body: String::new(),
            session: None,
            checkin_day: None,
        };
        let tr = triage(
            &st,
            vec![mk(10), mk(12), mk(14)],
            at_berlin(d(2026, 12, 2), 14, 5),
            Berlin,
            |_| false,
        );
        assert_eq!(tr.send.len(), 1);
        assert_eq!(tr.send[0].wall_time, t(14, 0));
        assert_eq!(tr.missed.len(), 2);
    }
}
