//! Skin check-ins and their history.

use chrono::NaiveDate;
use needlewise_core::checkin::{self, CheckIn, DayAfter, Flags, NewCheckIn, Response, Severity};
use needlewise_core::guidance::SessionKind;
use needlewise_core::reminders::SessionRef;
use needlewise_core::schedule::{self, IntervalState};
use needlewise_core::session::{SessionId, SessionStatus};
use needlewise_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::arg::Arg;
use crate::commands::sessions::resolve;
use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInInput {
    session: SessionRef,
    day: DayAfter,
    redness: Severity,
    irritation: Severity,
    #[serde(default)]
    flags: Flags,
    #[serde(default)]
    note: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionHistory {
    pub session_id: i64,
    pub kind: SessionKind,
    pub date: NaiveDate,
    pub response: Response,
    pub checkins: Vec<CheckIn>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct History {
    pub sessions: Vec<SessionHistory>,
    pub intervals: Vec<IntervalState>,
    pub hold: Option<String>,
    pub hold_detail: Option<schedule::Hold>,
}

fn history(st: &needlewise_core::state::RoutineState) -> History {
    let sessions = st
        .sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Done)
        .map(|s| {
            let checkins: Vec<CheckIn> = st
                .checkins
                .iter()
                .filter(|c| c.session_id == s.id)
                .cloned()
                .collect();
            SessionHistory {
                session_id: s.id.0,
                kind: s.kind,
                date: s.date,
                response: checkin::response(&checkins.iter().collect::<Vec<_>>()),
                checkins,
            }
        })
        .collect();
    History {
        sessions,
        intervals: st
            .profile
            .mode
            .kinds()
            .iter()
            .filter_map(|k| schedule::interval_state(st, *k))
            .collect(),
        hold: schedule::hold(st).map(|h| h.message()),
        hold_detail: schedule::hold(st),
    }
}

/// Record how the skin is doing; a session not yet marked done is marked done by it.
#[tauri::command]
pub fn add_checkin(
    state: State<'_, AppState>,
    checkin: Arg<CheckInInput>,
) -> CommandResult<History> {
    let input = checkin.0;
    if input.note.chars().count() > 2000 {
        return Err(CoreError::invalid("note", "notes are at most 2000 characters").into());
    }
    state.with_store(|store| {
        store.transaction(|tx| -> CommandResult<()> {
            let st = load_state(tx)?;
            let s = resolve(tx, &st, &input.session)?;
            let for_date = input.day.get();
            if needlewise_core::units::Days(for_date).after(s.date) > today() {
                return Err(CoreError::invalid(
                    "day",
                    format!("day {for_date} after that session has not come yet"),
                )
                .into());
            }
            match s.status {
                SessionStatus::Done => {}
                SessionStatus::Planned => {
                    tx.sessions().set_status(s.id, &SessionStatus::Done)?;
                }
                _ => {
                    return Err(CoreError::Conflict(format!(
                        "that session was {}",
                        s.status.label()
                    ))
                    .into())
                }
            }
            tx.checkins().add(NewCheckIn {
                session_id: SessionId(s.id.0),
                day: input.day,
                redness: input.redness,
                irritation: input.irritation,
                flags: input.flags,
                note: input.note.clone(),
            })?;
            Ok(())
        })?;
        Ok(history(&load_state(store)?))
    })
}

#[tauri::command]
pub fn checkin_history(state: State<'_, AppState>) -> CommandResult<History> {
    state.with_store(|store| Ok(history(&load_state(store)?)))
}
