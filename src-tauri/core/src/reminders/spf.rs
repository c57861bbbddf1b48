//! Sun reminders: the morning SPF (with the day's sun-protection hours where the place is
//! known), reapplying every 2 hours under strict sun care or outdoors, and how long the
//! morning reminder stays worth sending late.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::occurrence::{Builder, NewOccurrence, ReminderKind};
use crate::care::{self, WindowKind};
use crate::clock;
use crate::guidance::REAPPLY_EVERY;
use crate::state::RoutineState;
use crate::sun;

pub(super) fn sun_reminders(b: &mut Builder<'_>, windows: &[care::Window], date: NaiveDate) {
    let state = b.state;
    let sun = state
        .profile
        .location
        .as_ref()
        .map(|l| sun::sun_day(date, l, b.tz));
    // Strict sun care counts from the session itself, so not on the morning before it.
    let morning = date.and_time(state.settings.times.spf);
    let strict = windows
        .iter()
        .any(|w| w.kind == WindowKind::StrictSun && w.starts <= morning);
    if state.settings.daily_spf {
        let body = match &sun {
            Some(s) => match &s.protection {
                Some(p) => format!(
                    "Sun-protection hours today {}–{} (clear-sky UV up to {:.0}).",
                    p.start.format("%H:%M"),
                    p.end.format("%H:%M"),
                    s.peak_uvi
                ),
                None => "UV is low today, but SPF stays part of your routine.".to_string(),
            },
            None => "SPF 30+ on face and neck.".to_string(),
        };
        // GUIDANCE §3: sunscreen this morning even on an evening session's day (it is
        // cleansed off before), none on freshly needled skin; mineral filters after.
        let session_today = windows
            .iter()
            .any(|w| w.kind == WindowKind::StrictSun && w.session_date == date);
        let title = if strict {
            "SPF 30+ (mineral filters preferred) and strict sun care today"
        } else {
            "SPF 30+ this morning"
        };
        let body = if session_today {
            format!("{body} Session today: cleanse it off before; no sunscreen on the needled skin afterwards, stay out of the sun instead.")
        } else {
            body
        };
        b.push(NewOccurrence {
            kind: ReminderKind::Spf,
            date,
            wall_time: state.settings.times.spf,
            slot: "daily".into(),
            title: title.into(),
            body,
            session: None,
        });
    }
    let outdoors = state.outdoor_days.contains(&date);
    let Some(p) = sun.as_ref().and_then(|s| s.protection.as_ref()) else {
        return;
    };
    if !(strict || outdoors) {
        return;
    }
    let end = clock::local_time(p.end.to_utc(), b.tz);
    let mut at = clock::local_time(p.start.to_utc(), b.tz);
    while at < end {
        if at.date() == date {
            b.push(NewOccurrence {
                kind: ReminderKind::ReapplySpf,
                date,
                wall_time: at.time(),
                slot: at.format("%H%M").to_string(),
                title: "Reapply sunscreen".into(),
                body: format!(
                    "Inside sun-protection hours until {}: reapply every 2 hours outdoors.",
                    end.format("%H:%M")
                ),
                session: None,
            });
        }
        match at.checked_add_signed(REAPPLY_EVERY.duration()) {
            Some(next) => at = next,
            None => break,
        }
    }
}

/// The morning SPF reminder is worth sending late only while the sun still matters: until
/// noon, or until the day's sun-protection hours end when they run later.
pub(super) fn spf_useful_until(state: &RoutineState, date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let noon = clock::at(
        date,
        NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
        tz,
    );
    let protection_end = state
        .profile
        .location
        .as_ref()
        .and_then(|l| sun::sun_day(date, l, tz).protection)
        .map(|p| p.end.with_timezone(&Utc));
    protection_end.map_or(noon, |end| end.max(noon))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::SessionKind;
    use crate::reminders::occurrences;
    use crate::reminders::test_support::keys;
    use crate::schedule::tests::{d, home_state, session};
    use crate::session::SessionStatus::Done;
    use chrono::Duration;
    use chrono_tz::Europe::Berlin;

    fn berlin() -> crate::profile::Location {
        crate::profile::Location {
            name: Some("Berlin".into()),
            latitude: 52.52,
            longitude: 13.405,
        }
    }

    // GUIDANCE §5/§6 rows: reapply every 2 h inside sun-protection hours under strict sun care.
    #[test]
    fn reapply_every_two_hours_inside_protection_hours_during_strict_sun_care() {
        let mut st = home_state(0.25);
        st.profile.location = Some(berlin());
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 6, 10), Done));
        let day = d(2026, 6, 11);
        let occ = occurrences(&st, day, day, Berlin);
        let reapply: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::ReapplySpf)
            .collect();
        let sun = sun::sun_day(day, &berlin(), Berlin);
        let p = sun.protection.expect("Berlin in June has UV 3+ hours");
        assert!(reapply.len() >= 3, "{}", reapply.len());
        for (i, o) in reapply.iter().enumerate() {
            let at = o.fire_at.with_timezone(&Berlin);
            assert!(
                at >= p.start - Duration::minutes(1) && at < p.end,
                "{at} outside {}–{}",
                p.start,
                p.end
            );
            if i > 0 {
                assert_eq!(o.fire_at - reapply[i - 1].fire_at, Duration::hours(2));
            }
        }
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert!(
            spf.title.contains("strict sun care") && spf.body.contains("Sun-protection hours"),
            "{}",
            spf.body
        );
        // After strict sun care ends and on an ordinary day: no reapply reminders.
        let later = occurrences(&st, d(2026, 6, 15), d(2026, 6, 16), Berlin);
        assert!(keys(&later, ReminderKind::ReapplySpf).is_empty());
    }

    // GUIDANCE §5: "outdoors" days also get reapply reminders; low-UV days only the daily SPF.
    #[test]
    fn outdoor_days_reapply_and_low_uv_days_say_so() {
        let mut st = home_state(0.25);
        st.profile.location = Some(berlin());
        st.outdoor_days.insert(d(2026, 7, 4));
        let occ = occurrences(&st, d(2026, 7, 4), d(2026, 7, 4), Berlin);
        assert!(!keys(&occ, ReminderKind::ReapplySpf).is_empty());
        st.outdoor_days.insert(d(2026, 12, 20));
        let occ = occurrences(&st, d(2026, 12, 20), d(2026, 12, 20), Berlin);
        assert!(keys(&occ, ReminderKind::ReapplySpf).is_empty());
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert!(spf.body.contains("UV is low today"), "{}", spf.body);
    }
}
