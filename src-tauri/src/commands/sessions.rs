//! Marking, moving and postponing sessions from the calendar and the dashboard.

use chrono::NaiveDate;
use needlewise_core::reminders::SessionRef;
use needlewise_core::schedule::{self, PlannedSession};
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::state::RoutineState;
use needlewise_core::store::Store;
use needlewise_core::CoreError;
use serde::Serialize;
use tauri::State;

use crate::arg::Arg;
use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionChange {
    pub session: Session,
    pub next_session: Option<PlannedSession>,
}

/// The stored session behind `r`, storing a projected one first (it becomes a fact or a
/// commitment the moment the person acts on it).
pub(crate) fn resolve(store: &Store, st: &RoutineState, r: &SessionRef) -> CommandResult<Session> {
    Ok(store.resolve_session(st, r)?)
}

fn change(store: &Store, session: Session) -> CommandResult<SessionChange> {
    let st = load_state(store)?;
    Ok(SessionChange {
        next_session: schedule::next_session(&st, today()),
        session,
    })
}

/// Mark a session done, skipped, postponed (with the condition) or planned again.
#[tauri::command]
pub fn mark_session(
    state: State<'_, AppState>,
    session: Arg<SessionRef>,
    mark: Arg<SessionStatus>,
) -> CommandResult<SessionChange> {
    let r = session.0;
    let status = mark.0;
    state.with_store(|store| {
        let updated = store.transaction(|tx| -> CommandResult<Session> {
            let st = load_state(tx)?;
            let s = resolve(tx, &st, &r)?;
            if status == SessionStatus::Done && s.date > today() {
                return Err(CoreError::invalid(
                    "mark",
                    "a session in the future cannot be marked done yet",
                )
                .into());
            }
            if let SessionStatus::Postponed { because } = status {
                // GUIDANCE §2: a postponing condition is a hold until the person says it
                // has cleared, not a fixed wait.
                let mut profile = st.profile.clone();
                profile.safety.add_condition(because, s.date.min(today()));
                tx.profile().save(&profile)?;
            }
            Ok(tx.sessions().set_status(s.id, &status)?)
        })?;
        change(store, updated)
    })
}

/// Move a session to another date; refused below the minimum interval, with the reason.
#[tauri::command]
pub fn move_session(
    state: State<'_, AppState>,
    session: Arg<SessionRef>,
    date: Arg<NaiveDate>,
) -> CommandResult<SessionChange> {
    let r = session.0;
    let date = date.0;
    state.with_store(|store| {
        let moved = store.transaction(|tx| -> CommandResult<Session> {
            let st = load_state(tx)?;
            let exclude = r.id;
            schedule::check_date(&st, r.kind, date, exclude, today())?;
            let s = resolve(tx, &st, &r)?;
            if s.status != SessionStatus::Planned {
                return Err(CoreError::Conflict(format!(
                    "a {} session cannot be moved",
                    s.status.label()
                ))
                .into());
            }
            Ok(tx.sessions().reschedule(s.id, date, s.time)?)
        })?;
        change(store, moved)
    })
}

/// Confirm a professional has seen the reaction after a session, so scheduling resumes.
#[tauri::command]
pub fn clear_consult_hold(
    state: State<'_, AppState>,
    session_id: Arg<i64>,
) -> CommandResult<SessionChange> {
    let id = session_id.0;
    state.with_store(|store| {
        let mut s = store.sessions().get(SessionId(id))?;
        s.consult_cleared = true;
        store.sessions().update(&s)?;
        change(store, s)
    })
}
