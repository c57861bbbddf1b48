//! What the window shows about reminders: delivery problems, what comes next, what was
//! missed, and pausing.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use needlewise_core::store::LedgerEntry;
use serde::Serialize;
use serde_json::Value;
use tauri::{Manager, Runtime, State};

use crate::commands::today;
use crate::error::{parse, CommandResult};
use crate::reminders::{LoopStatus, Reminders};
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderView {
    /// `None` when the loop is not running (IPC tests).
    pub status: Option<LoopStatus>,
    pub paused_until: Option<DateTime<Utc>>,
    /// Reminders of the last week that were recorded as missed.
    pub missed: Vec<LedgerEntry>,
}

#[tauri::command]
pub fn reminder_status<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ReminderView> {
    let status = app
        .try_state::<Arc<Reminders>>()
        .map(|r| r.status.lock().unwrap_or_else(|p| p.into_inner()).clone());
    state.with_store(|store| {
        let today = today();
        Ok(ReminderView {
            status,
            paused_until: store.settings().get()?.paused_until,
            missed: store
                .ledger()
                .missed()?
                .into_iter()
                .filter(|e| e.date >= today - Duration::days(7))
                .collect(),
        })
    })
}

/// Pause reminders for `hours` (0 resumes them).
#[tauri::command]
pub fn pause_reminders<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    hours: Option<Value>,
) -> CommandResult<Option<DateTime<Utc>>> {
    let hours: u32 = parse("hours", hours)?;
    if hours > 24 * 7 {
        return Err(needlewise_core::CoreError::invalid(
            "hours",
            "reminders can be paused for a week at most",
        )
        .into());
    }
    let until = (hours > 0).then(|| crate::clock::now() + Duration::hours(i64::from(hours)));
    state.with_store(|store| {
        let mut s = store.settings().get()?;
        s.paused_until = until;
        store.settings().save(&s)?;
        Ok(())
    })?;
    crate::reminders::wake(&app);
    Ok(until)
}

/// Snooze the last reminder shown, for an hour (the notification's button, from the app).
#[tauri::command]
pub fn snooze_last_reminder<R: Runtime>(app: tauri::AppHandle<R>) -> CommandResult<DateTime<Utc>> {
    crate::reminders::snooze_last(&app)
}
