//! Which reminders occur when (GUIDANCE §6), and what to do with the ones that are due.
//!
//! Every occurrence has a stable key, `kind:date:slot`, where `date` is the local calendar
//! date it belongs to. The app records keys in the store's ledger when it sends or misses
//! one, so a restart, a second instance or a zone change never repeats it. Sending is the
//! app's job; this module only decides.
//!
//! One file per concept: `occurrence` (kinds, keys, firing times), `calendar` (every
//! occurrence in a range of days) asking `sessions`, `aftercare`, `spf` and `routine` for their own,
//! `triage` (catch-up), `notification` (merging) and `snooze`.

mod aftercare;
mod calendar;
mod notification;
mod occurrence;
mod photo;
mod routine;
mod sessions;
mod snooze;
mod spf;
#[cfg(test)]
mod test_support;
mod triage;

pub use calendar::{next_fire_after, occurrences};
pub use notification::{merge, DoneMeans, Notification};
pub use occurrence::{fire_time, Occurrence, ReminderKind, SessionRef};
pub use snooze::{snooze, Snooze, SNOOZE};
pub use triage::{still_pending, triage, Triage};
