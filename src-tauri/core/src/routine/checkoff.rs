//! Ticking steps as done, and the weekly consistency the seed asks for: how many routines
//! were completed and on how many days sunscreen was on (issue 14, item 4).

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::state::RoutineState;

use super::day::{routine_for, DayRoutine, Routine};
use super::step::RoutineStep;
use super::usage::Part;

/// One step of one routine marked as done.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tick {
    pub date: NaiveDate,
    pub part: Part,
    pub step: RoutineStep,
}

impl Tick {
    /// Refuses a day still to come, and a step the day's routine has nothing to do for
    /// (a step with only struck products, or not in that routine at all).
    pub fn check(&self, day: &DayRoutine, today: NaiveDate) -> Result<()> {
        if self.date > today {
            return Err(CoreError::invalid(
                "date",
                format!(
                    "{} is still to come: tick a step once it is done",
                    self.date
                ),
            ));
        }
        if !day.part(self.part).tickable().contains(&self.step) {
            return Err(CoreError::invalid(
                "step",
                format!(
                    "{} is not in your {} routine on {} (or everything in it is left out that day)",
                    self.step,
                    self.part.label(),
                    self.date
                ),
            ));
        }
        Ok(())
    }
}

/// The most weeks a consistency view covers: half a year.
pub const MAX_WEEKS: u8 = 26;

/// One week (Monday to Sunday) of check-offs.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekConsistency {
    pub week_start: NaiveDate,
    /// Days of the week up to today (a week in progress has fewer than 7).
    pub days: u8,
    /// Routines with something to do in them.
    pub routines: u8,
    /// Of those, routines with every step ticked.
    pub completed: u8,
    /// Days whose morning sunscreen step was ticked.
    pub sunscreen_days: u8,
}

/// The `weeks` weeks up to the one holding `today`, oldest first.
pub fn consistency(
    state: &RoutineState,
    ticks: &[Tick],
    today: NaiveDate,
    weeks: u8,
) -> Result<Vec<WeekConsistency>> {
    if weeks == 0 || weeks > MAX_WEEKS {
        return Err(CoreError::invalid(
            "weeks",
            format!("show 1 to {MAX_WEEKS} weeks, not {weeks}"),
        ));
    }
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let ticks: BTreeSet<Tick> = ticks.iter().copied().collect();
    Ok((0..i64::from(weeks))
        .rev()
        .map(|back| week(state, &ticks, this_monday - Duration::weeks(back), today))
        .collect())
}

fn week(
    state: &RoutineState,
    ticks: &BTreeSet<Tick>,
    monday: NaiveDate,
    today: NaiveDate,
) -> WeekConsistency {
    let mut w = WeekConsistency {
        week_start: monday,
        days: 0,
        routines: 0,
        completed: 0,
        sunscreen_days: 0,
    };
    for date in monday.iter_days().take(7).take_while(|d| *d <= today) {
        let day = routine_for(state, date);
        w.days += 1;
        for part in Part::BOTH {
            let todo = day.part(part).tickable();
            if todo.is_empty() {
                continue;
            }
            w.routines += 1;
            if todo
                .iter()
                .all(|&step| ticks.contains(&Tick { date, part, step }))
            {
                w.completed += 1;
            }
        }
        let sunscreen = Tick {
            date,
            part: Part::Morning,
            step: RoutineStep::Sunscreen,
        };
        if ticks.contains(&sunscreen) {
            w.sunscreen_days += 1;
        }
    }
    w
}

fn ticked(ticks: &[Tick], date: NaiveDate, part: Part, step: RoutineStep) -> bool {
    ticks.contains(&Tick { date, part, step })
}

/// Whether a routine's steps are all ticked, for the window's "done" mark.
pub fn is_complete(routine: &Routine, ticks: &[Tick], date: NaiveDate, part: Part) -> bool {
    let todo = routine.tickable();
    !todo.is_empty() && todo.iter().all(|s| ticked(ticks, date, part, *s))
}
