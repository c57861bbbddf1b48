//! Reminders that lead up to sessions: booking a consultation, the pre-session pause, the
//! evening before, the day itself, booking the next professional session, and a new
//! device head when the old one is due.

use chrono::NaiveDate;

use super::occurrence::{hm, Builder, NewOccurrence, ReminderKind, SessionRef};
use crate::guidance::SessionKind;
use crate::plan;
use crate::profile::Consultation;
use crate::schedule::PlannedSession;
use crate::state::RoutineState;
use crate::units::Days;

pub(super) fn consultation(b: &mut Builder<'_>, date: NaiveDate) {
    let p = &b.state.profile;
    if p.consultation == (Consultation::NotYet { remind: true })
        && Days(1).checked_after(p.created_on) == Some(date)
    {
        let why = if p.consultation_strongly_advised() {
            "It is strongly advised for professional treatments and for concerns like deep scars or pigmentation."
        } else {
            "A dermatologist or skincare professional can check your skin suits microneedling."
        };
        b.push(NewOccurrence {
            kind: ReminderKind::BookConsultation,
            date,
            wall_time: b.state.settings.times.book_consultation,
            slot: "once".into(),
            title: "Book a consultation".into(),
            body: why.into(),
            session: None,
        });
    }
}

pub(super) fn session_reminders(b: &mut Builder<'_>, s: &PlannedSession, date: NaiveDate) {
    let t = b.state.settings.times;
    let care = b.state.settings.care(s.kind);
    let r = SessionRef::of(s);
    let label = s.kind.label();
    let pre_start = care.pre_session_actives.before(s.date);
    if date == pre_start {
        b.push(NewOccurrence {
            kind: ReminderKind::PrePause,
            date,
            wall_time: t.pre_pause_start,
            slot: r.slot(),
            title: "Pause retinoids and acids from today".into(),
            body: format!(
                "Your {label} session is on {}: stop retinoids and exfoliating acids {} before it.",
                fmt_day(s.date),
                care.pre_session_actives
            ),
            session: Some(r.clone()),
        });
    }
    if date.succ_opt() == Some(s.date) {
        b.push(NewOccurrence {
            kind: ReminderKind::SessionPrep,
            date,
            wall_time: t.session_prep,
            slot: r.slot(),
            title: format!("{} session tomorrow", capitalise(label)),
            body: prep_body(b.state, s),
            session: Some(r.clone()),
        });
    }
    if date != s.date {
        return;
    }
    match s.kind {
        SessionKind::AtHome => {
            let device = b
                .state
                .profile
                .at_home
                .as_ref()
                .map(|a| a.device.label())
                .unwrap_or("device");
            let body = format!("Skin clean, no makeup, oils or sunscreen; disinfect your {device} before and after. Then a hydrating serum.");
            b.push(NewOccurrence {
                kind: ReminderKind::SessionToday,
                date,
                wall_time: s.time,
                slot: r.slot(),
                title: format!("Session tonight at {}", hm(s.time)),
                body,
                session: Some(r),
            });
        }
        SessionKind::Professional => {
            let body = "Arrive with clean skin: no makeup, oils or sunscreen. Numbing cream as your clinic advises.";
            b.push(NewOccurrence {
                kind: ReminderKind::SessionToday,
                date,
                wall_time: t.professional_morning,
                slot: r.slot(),
                title: format!("Appointment today at {}", hm(s.time)),
                body: body.into(),
                session: Some(r.clone()),
            });
            let lead = s
                .date
                .and_time(s.time)
                .checked_sub_signed(t.professional_lead.duration());
            if let Some(lead) =
                lead.filter(|l| l.date() == date && l.time() != t.professional_morning)
            {
                b.push(NewOccurrence {
                    kind: ReminderKind::SessionSoon,
                    date,
                    wall_time: lead.time(),
                    slot: r.slot(),
                    title: format!("Appointment in {}", t.professional_lead),
                    body: format!("Your microneedling appointment is at {}.", hm(s.time)),
                    session: Some(r),
                });
            }
        }
    }
}

fn prep_body(state: &RoutineState, s: &PlannedSession) -> String {
    let mut body = "Tomorrow: clean skin, no makeup, oils or sunscreen.".to_string();
    if s.kind == SessionKind::AtHome {
        body.push_str(" Disinfect your device with 70% isopropyl alcohol.");
        if let Some(why) = plan::head_replacement_due(state, s.date) {
            body.push_str(&format!(" Replace the head first: {why}."));
        }
    }
    if state.profile.safety.cold_sore_history {
        body.push_str(" With a history of cold sores, postpone if one is starting.");
    }
    body
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(super) fn book_next(b: &mut Builder<'_>, sessions: &[PlannedSession], date: NaiveDate) {
    let after = b.state.settings.times.book_next_after;
    for s in sessions.iter().filter(|s| {
        s.kind == SessionKind::Professional && s.status.needles() && after.after(s.date) == date
    }) {
        // Only while the next one is merely proposed, not booked.
        let booked =
            b.state.sessions.iter().any(|n| {
                n.kind == SessionKind::Professional && n.date > s.date && n.status.needles()
            });
        if booked {
            continue;
        }
        let next = sessions
            .iter()
            .find(|n| n.kind == SessionKind::Professional && n.date > s.date);
        let when = next
            .map(|n| format!(" around {}", fmt_day(n.date)))
            .unwrap_or_default();
        b.push(NewOccurrence {
            kind: ReminderKind::BookNext,
            date,
            wall_time: b.state.settings.times.book_consultation,
            slot: SessionRef::of(s).slot(),
            title: "Book your next professional session".into(),
            body: format!("Your clinic interval suggests the next appointment{when}."),
            session: Some(SessionRef::of(s)),
        });
    }
}

/// GUIDANCE §6: replace the device head at its time on the day it falls due, once.
pub(super) fn head_replacement(b: &mut Builder<'_>, date: NaiveDate) {
    let state = b.state;
    if let Some(why) = plan::head_replacement_due(state, date) {
        let due_before = date
            .pred_opt()
            .and_then(|yesterday| plan::head_replacement_due(state, yesterday));
        if due_before.is_none() {
            b.push(NewOccurrence {
                kind: ReminderKind::ReplaceHead,
                date,
                wall_time: state.settings.times.replace_head,
                slot: "due".into(),
                title: "Replace your device head".into(),
                body: format!("Time for a new head: {why}."),
                session: None,
            });
        }
    }
}

fn fmt_day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::SessionKind::Professional;
    use crate::reminders::occurrences;
    use crate::reminders::test_support::{home_with_session, keys, local, t};
    use crate::schedule::tests::{add, both_state, d, home_state, session};
    use crate::session::SessionStatus::Planned;
    use chrono::Duration;
    use chrono_tz::Europe::Berlin;

    // GUIDANCE §6 rows: professional 09:00 and 2 h before; book the next one 7 days after.
    #[test]
    fn professional_reminders() {
        let mut st = both_state();
        let mut s = session(1, SessionKind::Professional, d(2026, 12, 1), Planned);
        s.time = t(15, 30);
        st.sessions.push(s);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 8), Berlin);
        let today: Vec<_> = occ
            .iter()
            .filter(|o| {
                o.date == d(2026, 12, 1)
                    && matches!(
                        o.kind,
                        ReminderKind::SessionToday | ReminderKind::SessionSoon
                    )
            })
            .map(|o| local(o, Berlin).time())
            .collect();
        assert_eq!(today, vec![t(9, 0), t(13, 30)]);
        let book: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::BookNext)
            .map(|o| o.date)
            .collect();
        assert_eq!(book, vec![d(2026, 12, 8)]);
        // Once the next appointment is booked, no booking reminder.
        add(&mut st, 2, Professional, d(2026, 12, 30), Planned);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 8), Berlin);
        assert!(keys(&occ, ReminderKind::BookNext).is_empty());
    }

    // GUIDANCE §6 row: book a consultation the day after setup at 10:00, if asked.
    #[test]
    fn consultation_reminder_only_when_asked() {
        let mut st = home_with_session();
        st.profile.consultation = Consultation::NotYet { remind: true };
        let created = st.profile.created_on;
        let occ = occurrences(&st, created, created + Duration::days(3), Berlin);
        let c: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::BookConsultation)
            .collect();
        assert_eq!(c.len(), 1);
        assert_eq!(
            local(c[0], Berlin),
            (created + Duration::days(1)).and_time(t(10, 0))
        );
        st.profile.consultation = Consultation::NotYet { remind: false };
        assert!(keys(
            &occurrences(&st, created, created + Duration::days(3), Berlin),
            ReminderKind::BookConsultation
        )
        .is_empty());
    }

    // GUIDANCE §6 row: replace the device head at 09:00 on the day it is due, once.
    #[test]
    fn head_replacement_reminder_on_the_due_day_only() {
        let mut st = home_state(0.25);
        st.profile.at_home.as_mut().unwrap().head_since = Some(d(2026, 1, 1));
        let occ = occurrences(&st, d(2026, 3, 25), d(2026, 4, 5), Berlin);
        let head: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::ReplaceHead)
            .collect();
        assert_eq!(head.len(), 1);
        assert_eq!(local(head[0], Berlin), d(2026, 4, 1).and_time(t(9, 0)));
    }
}
