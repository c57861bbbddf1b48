//! Holds (GUIDANCE §2): a condition that appeared, a condition that cleared, a procedure
//! on the area. The core decides what they do to the schedule.

use chrono::NaiveDate;
use needlewise_core::profile::{PostponeCondition, Procedure, Safety};
use needlewise_core::schedule::{self, Hold, PlannedSession};
use needlewise_core::units::check_date;
use needlewise_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::arg::Arg;
use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

/// What the person reports.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", deny_unknown_fields)]
pub enum HoldInput {
    /// A condition present from today.
    Condition { condition: PostponeCondition },
    /// A procedure on the area on `date` (today or earlier, or booked later).
    Procedure {
        procedure: Procedure,
        date: NaiveDate,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldChange {
    pub hold: Option<Hold>,
    pub next_session: Option<PlannedSession>,
    /// The first day sessions may resume, when a condition cleared.
    pub resume_on: Option<NaiveDate>,
}

fn change(
    store: &needlewise_core::store::Store,
    resume_on: Option<NaiveDate>,
) -> CommandResult<HoldChange> {
    let st = load_state(store)?;
    let today = today();
    Ok(HoldChange {
        hold: schedule::hold_on(&st, today),
        next_session: schedule::next_session(&st, today),
        resume_on,
    })
}

/// Change the stored safety answers in one transaction (validated; the reminder loop is
/// woken by the write) and say what the schedule looks like now. `edit` returns the resume
/// day, if any.
fn update_safety(
    state: &AppState,
    edit: impl FnOnce(&mut Safety) -> CommandResult<Option<NaiveDate>>,
) -> CommandResult<HoldChange> {
    let out = state.with_store(|store| {
        let resume = store.transaction(|tx| -> CommandResult<Option<NaiveDate>> {
            let mut profile = load_state(tx)?.profile;
            let resume = edit(&mut profile.safety)?;
            profile.validate()?;
            tx.profile().save(&profile)?;
            Ok(resume)
        })?;
        change(store, resume)
    })?;
    Ok(out)
}

/// Record a condition that appeared today, or a procedure on the area.
#[tauri::command]
pub fn add_hold(state: State<'_, AppState>, hold: Arg<HoldInput>) -> CommandResult<HoldChange> {
    let input = hold.0;
    let today = today();
    update_safety(&state, |safety| {
        match input {
            HoldInput::Condition { condition } => safety.add_condition(condition, today),
            HoldInput::Procedure { procedure, date } => {
                safety.add_procedure(procedure, check_date("date", date)?)
            }
        }
        Ok(None)
    })
}

/// The person says a condition has cleared: the next session is proposed from today
/// (sunburn: 14 days after the burn), never below the interval's minimum.
#[tauri::command]
pub fn clear_hold(
    state: State<'_, AppState>,
    condition: Arg<PostponeCondition>,
) -> CommandResult<HoldChange> {
    let condition = condition.0;
    let today = today();
    update_safety(&state, |safety| {
        Ok(Some(safety.clear_condition(condition, today)?))
    })
}

/// Acknowledge every open talk-to-a-professional gate: scheduling starts today.
#[tauri::command]
pub fn acknowledge_gates(state: State<'_, AppState>) -> CommandResult<HoldChange> {
    let today = today();
    update_safety(&state, |safety| {
        if safety.is_clear() {
            return Err(
                CoreError::Conflict("there is no open question to acknowledge".into()).into(),
            );
        }
        safety.acknowledge_all(today);
        Ok(None)
    })
}
