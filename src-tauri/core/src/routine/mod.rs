//! The person's everyday routine (GUIDANCE §8): each product's step and usage, the
//! morning and evening routines of a day with the session rules applied, the notes on
//! combinations, and the daily check-offs.

mod checkoff;
mod day;
mod notes;
mod placement;
mod propose;
mod step;
mod usage;

pub use checkoff::{consistency, is_complete, Tick, WeekConsistency, MAX_WEEKS};
pub use day::{
    routine_for, DayRoutine, Phase, Routine, RoutineItem, SessionToday, StepGroup, Strike,
    UnsortedProduct, EVENING_AT, MORNING_AT, MORNING_SESSION_BEFORE,
};
pub use notes::{NoteKind, RoutineNote};
pub use placement::{places, Placement, ProductPlace};
pub use propose::propose;
pub use step::RoutineStep;
pub use usage::{Part, Usage, WeekdaySet, When};

#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod tests;
