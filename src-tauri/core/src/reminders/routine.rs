//! Routine reminders (issue 14, item 5): the morning and evening routine at the times the
//! person chose, off by default. A morning routine due at the SPF reminder's time is said
//! in that reminder instead of a second one.

use chrono::NaiveDate;

use super::occurrence::{Builder, NewOccurrence, Occurrence, ReminderKind};
use crate::routine::{is_complete, routine_for, Part, Routine};
use crate::state::RoutineState;

pub(super) fn routine_reminders(b: &mut Builder<'_>, date: NaiveDate) {
    let state = b.state;
    let r = state.settings.routine_reminders;
    if !r.enabled || state.placements.is_empty() {
        return;
    }
    let day = routine_for(state, date);
    for (part, at) in [(Part::Morning, r.morning), (Part::Evening, r.evening)] {
        let routine = day.part(part);
        if routine.tickable().is_empty() {
            continue;
        }
        let body = describe(routine);
        if let Some(spf) = b
            .out
            .iter_mut()
            .find(|o| o.kind == ReminderKind::Spf && o.date == date && o.wall_time == at)
        {
            spf.body = format!("{} Your morning routine: {body}", spf.body);
            continue;
        }
        b.push(NewOccurrence {
            kind: ReminderKind::Routine,
            date,
            wall_time: at,
            slot: part.key().into(),
            title: format!("Your {} routine", part.label()),
            body,
            session: None,
        });
    }
}

/// GUIDANCE §6 catch-up: a routine reminder is pending until every step of that routine is
/// ticked. Its part is the key's slot (`routine:<date>:am|pm`).
pub(super) fn still_open(state: &RoutineState, occ: &Occurrence) -> bool {
    let Some(part) = occ.key.rsplit(':').next().and_then(|s| Part::parse(s).ok()) else {
        return true;
    };
    let day = routine_for(state, occ.date);
    !is_complete(day.part(part), &state.ticks, occ.date, part)
}

/// "Cleanser, Treatment serum, Sunscreen. Leave out today: Retinol serum (until 4 Dec)."
fn describe(routine: &Routine) -> String {
    let steps: Vec<&str> = routine
        .steps
        .iter()
        .filter(|g| routine.tickable().contains(&g.step))
        .map(|g| g.label)
        .collect();
    let out: Vec<String> = routine
        .steps
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| {
            let s = i.strike.as_ref()?;
            Some(match s.until {
                Some(until) => format!("{} (until {})", i.name, until.format("%a %-d %b")),
                None => i.name.clone(),
            })
        })
        .collect();
    let mut text = format!("{}.", steps.join(", "));
    if !out.is_empty() {
        text.push_str(&format!(" Leave out today: {}.", out.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};
    use chrono_tz::Europe::Berlin;

    use crate::reminders::test_support::{keys, local, t as hm};
    use crate::reminders::{occurrences, still_pending, Occurrence, ReminderKind};
    use crate::routine::{Part, Placement, RoutineStep, Tick, Usage, When};
    use crate::schedule::tests::{d, home_state};
    use crate::state::RoutineState;

    /// A retinol placed in the evening, routine reminders on at `morning` and 21:30.
    fn with_routine(morning: NaiveTime) -> RoutineState {
        let mut st = home_state(0.25);
        st.products = vec![crate::routine::tests::product(
            1,
            "Retinol serum",
            &[crate::ingredients::IngredientClass::Retinoid],
        )];
        st.placements = vec![Placement::new(
            crate::product::ProductId(1),
            RoutineStep::Serum,
            Usage::every_day(When::Pm),
        )];
        st.settings.routine_reminders.enabled = true;
        st.settings.routine_reminders.morning = morning;
        st.settings.routine_reminders.evening = hm(21, 30);
        st
    }

    fn by_key<'a>(list: &'a [Occurrence], key: &str) -> &'a Occurrence {
        list.iter()
            .find(|o| o.key == key)
            .unwrap_or_else(|| panic!("no {key} among {:?}", keys(list, ReminderKind::Routine)))
    }

    fn routine_keys(st: &RoutineState, day: NaiveDate) -> Vec<String> {
        keys(&occurrences(st, day, day, Berlin), ReminderKind::Routine)
    }

    #[test]
    fn off_by_default() {
        let mut st = with_routine(hm(7, 0));
        st.settings.routine_reminders = Default::default();
        assert!(routine_keys(&st, d(2026, 3, 20)).is_empty());
    }

    #[test]
    fn morning_and_evening_at_the_chosen_times_with_stable_keys() {
        let st = with_routine(hm(7, 0));
        let occ = occurrences(&st, d(2026, 3, 20), d(2026, 3, 20), Berlin);
        let evening = by_key(&occ, "routine:2026-03-20:pm");
        assert_eq!(evening.wall_time, hm(21, 30));
        assert!(evening.body.contains("Treatment serum"), "{}", evening.body);
        let morning = by_key(&occ, "routine:2026-03-20:am");
        assert_eq!(morning.kind, ReminderKind::Routine);
        assert!(morning.body.contains("Sunscreen"), "{}", morning.body);
    }

    // GUIDANCE §6: the same 07:00 across the spring-forward night in Berlin.
    #[test]
    fn a_dst_day_keeps_the_wall_clock_time() {
        let st = with_routine(hm(7, 0));
        let occ = occurrences(&st, d(2027, 3, 28), d(2027, 3, 28), Berlin);
        let morning = by_key(&occ, "routine:2027-03-28:am");
        assert_eq!(local(morning, Berlin).time(), hm(7, 0));
    }

    // Issue 14, item 5: at the SPF reminder's time, one reminder says both.
    #[test]
    fn a_morning_routine_at_the_spf_time_joins_the_spf_reminder() {
        let st = with_routine(st_spf());
        let day = d(2026, 3, 20);
        assert_eq!(
            routine_keys(&st, day),
            vec!["routine:2026-03-20:pm".to_string()]
        );
        let occ = occurrences(&st, day, day, Berlin);
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert!(spf.body.contains("Your morning routine: "), "{}", spf.body);
    }

    // GUIDANCE §6: a late reminder is sent only while its action is still open.
    #[test]
    fn a_routine_already_ticked_is_no_longer_pending() {
        let mut st = with_routine(hm(7, 0));
        let day = d(2026, 3, 20);
        let occ = occurrences(&st, day, day, Berlin);
        let evening = by_key(&occ, "routine:2026-03-20:pm");
        let now = evening.fire_at;
        assert!(still_pending(&st, evening, now, Berlin));
        st.ticks.push(Tick {
            date: day,
            part: Part::Evening,
            step: RoutineStep::Serum,
        });
        assert!(!still_pending(&st, evening, now, Berlin));
    }

    fn st_spf() -> NaiveTime {
        crate::settings::ReminderTimes::default().spf
    }
}
