//! Tauri commands, one module per domain, listed once in `list.rs`. Each takes its
//! arguments as core types through `crate::arg::{Arg, Opt}` (so a bad one becomes our own
//! `{ kind, message, field }`), calls the core, and returns serialisable results.

pub mod holds;
pub mod journal;
pub mod photos;
pub mod places;
pub mod plan;
pub mod products;
pub mod reminders;
pub mod routine;
pub mod sessions;
pub mod settings;
pub mod setup;

use chrono::NaiveDate;
use needlewise_core::state::RoutineState;
use needlewise_core::store::Store;

use crate::error::{CommandError, CommandResult};

/// The stored state, or `NotSetUp` before the wizard has finished.
pub(crate) fn load_state(store: &Store) -> CommandResult<RoutineState> {
    store.load_state()?.ok_or(CommandError::NotSetUp)
}

/// Today in the computer's zone.
pub(crate) fn today() -> NaiveDate {
    needlewise_core::clock::local_date(crate::clock::now(), crate::clock::zone())
}
