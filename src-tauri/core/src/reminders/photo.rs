//! The progress-photo reminder (GUIDANCE §6–7): some weeks after the last photo (or setup),
//! on the first day that is not a session day or one of the days after it, when redness
//! would make the photo mislead.

use chrono::NaiveDate;

use super::occurrence::{Builder, NewOccurrence, ReminderKind};
use crate::guidance::PHOTO_SETTLE;
use crate::schedule::PlannedSession;

/// How far past its due day the reminder is still looked for: sessions a week apart leave
/// four settled days a week, so a few weeks of unsettled days only come from odd data.
const SEARCH_DAYS: i64 = 28;

pub(super) fn progress_photo(b: &mut Builder<'_>, needling: &[&PlannedSession], date: NaiveDate) {
    let state = b.state;
    let Some(every) = state.settings.photo_every else {
        return;
    };
    let last = state
        .photo_days
        .range(..=date)
        .next_back()
        .copied()
        .unwrap_or(state.profile.created_on);
    let Some(due) = every.days().checked_after(last) else {
        return;
    };
    let late = (date - due).num_days();
    if !(0..=SEARCH_DAYS).contains(&late) || unsettled(needling, date) {
        return;
    }
    // The first settled day from `due` on, and no earlier one.
    if due
        .iter_days()
        .take_while(|d| *d < date)
        .any(|d| !unsettled(needling, d))
    {
        return;
    }
    b.push(NewOccurrence {
        kind: ReminderKind::ProgressPhoto,
        date,
        wall_time: state.settings.times.photo,
        slot: "due".into(),
        title: "Time for a progress photo".into(),
        body: format!(
            "It has been {} weeks: take one the same way as before (same light, angle and distance, no makeup), and add it under Progress.",
            every.weeks()
        ),
        session: None,
    });
}

/// A needling session today or in the last [`PHOTO_SETTLE`] days.
fn unsettled(needling: &[&PlannedSession], date: NaiveDate) -> bool {
    needling
        .iter()
        .any(|s| (0..=i64::from(PHOTO_SETTLE.0)).contains(&(date - s.date).num_days()))
}

#[cfg(test)]
mod tests {
    use crate::guidance::SessionKind::AtHome;
    use crate::reminders::test_support::{local, t};
    use crate::reminders::{occurrences, ReminderKind};
    use crate::schedule::tests::{add, d, home_state};
    use crate::session::SessionStatus::Done;
    use crate::settings::PhotoEvery;
    use chrono_tz::Europe::Berlin;

    fn photo_days(
        st: &crate::state::RoutineState,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Vec<chrono::NaiveDateTime> {
        occurrences(st, from, to, Berlin)
            .iter()
            .filter(|o| o.kind == ReminderKind::ProgressPhoto)
            .map(|o| local(o, Berlin))
            .collect()
    }

    #[test]
    fn four_weeks_after_the_last_photo_at_ten() {
        let mut st = home_state(0.25); // set up on 1 Mar 2026
        st.photo_days.insert(d(2026, 3, 10));
        assert_eq!(
            photo_days(&st, d(2026, 3, 1), d(2026, 5, 1)),
            vec![d(2026, 4, 7).and_time(t(10, 0))]
        );
        st.settings.photo_every = Some(PhotoEvery::try_from(2).unwrap());
        assert_eq!(
            photo_days(&st, d(2026, 3, 1), d(2026, 3, 31)),
            vec![d(2026, 3, 24).and_time(t(10, 0))]
        );
        st.settings.photo_every = None;
        assert!(photo_days(&st, d(2026, 3, 1), d(2026, 5, 1)).is_empty());
    }

    #[test]
    fn counts_from_setup_before_any_photo() {
        let st = home_state(0.25);
        assert_eq!(
            photo_days(&st, d(2026, 3, 1), d(2026, 4, 30)),
            vec![d(2026, 3, 29).and_time(t(10, 0))]
        );
    }

    /// GUIDANCE §7: not on a session day or the two days after: moved to the next day.
    #[test]
    fn moved_off_the_session_day_and_the_two_after() {
        let mut st = home_state(0.25);
        st.photo_days.insert(d(2026, 3, 10)); // due 7 Apr
        add(&mut st, 1, AtHome, d(2026, 4, 6), Done);
        assert_eq!(
            photo_days(&st, d(2026, 4, 1), d(2026, 4, 30)),
            vec![d(2026, 4, 9).and_time(t(10, 0))]
        );
        // A photo taken meanwhile: the reminder counts from it instead.
        st.photo_days.insert(d(2026, 4, 5));
        assert_eq!(photo_days(&st, d(2026, 4, 1), d(2026, 4, 30)), vec![]);
        assert_eq!(
            photo_days(&st, d(2026, 4, 1), d(2026, 5, 10)),
            vec![d(2026, 5, 3).and_time(t(10, 0))]
        );
    }

    #[test]
    fn settings_refuse_a_photo_interval_outside_two_to_four_weeks() {
        for weeks in [0u8, 1, 5, 52] {
            let err = PhotoEvery::try_from(weeks).unwrap_err();
            assert!(err.to_string().contains("every 2 to 4 weeks"), "{err}");
        }
        let json = serde_json::json!(5);
        assert!(serde_json::from_value::<PhotoEvery>(json).is_err());
    }
}
