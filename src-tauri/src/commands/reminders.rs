//! What the window shows about reminders: delivery problems, what comes next, what was
//! missed, and pausing.

use chrono::{DateTime, Duration, Utc};
use needlewise_core::store::LedgerEntry;
use serde::Serialize;
use tauri::{Runtime, State};

use crate::arg::Arg;
use crate::commands::today;
use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderView {
    /// What the background process's loop reported (`LoopStatus` there); `None` when it
    /// is not running (IPC tests) or does not answer.
    pub status: Option<serde_json::Value>,
    /// Set when the window gave up on the background process: nothing reminds.
    pub stopped: Option<crate::reminders::Stopped>,
    pub paused_until: Option<DateTime<Utc>>,
    /// Reminders of the last week that were recorded as missed.
    pub missed: Vec<LedgerEntry>,
}

#[tauri::command]
pub fn reminder_status<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<ReminderView> {
    let status = crate::reminders::status(&app);
    let stopped = crate::reminders::stopped();
    state.with_store(|store| {
        let today = today();
        Ok(ReminderView {
            status,
            stopped,
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
pub fn pause_reminders(
    state: State<'_, AppState>,
    hours: Arg<u32>,
) -> CommandResult<Option<DateTime<Utc>>> {
    let hours = hours.0;
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
    Ok(until)
}

/// Run blocking notification-service work off the main thread, and give up after a few
/// seconds: a hung service must never freeze the window (issue 10, item 6).
async fn off_main_thread<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> CommandResult<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    tauri::async_runtime::spawn_blocking(move || rx.recv_timeout(std::time::Duration::from_secs(5)))
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| {
            needlewise_core::CoreError::Conflict(format!(
                "the notification service did not answer within 5 seconds ({what}); it may be hung: reminders will not appear until it answers"
            ))
            .into()
        })
}

/// Whether notifications can be shown, and what to do when they cannot.
#[tauri::command]
pub async fn notification_service() -> CommandResult<crate::notifier::ServiceCheck> {
    off_main_thread("checking it", crate::notifier::check_service).await
}

/// Send a test notification.
#[tauri::command]
pub async fn send_test_notification() -> CommandResult<()> {
    off_main_thread("sending the test", crate::notifier::send_test)
        .await?
        .map_err(|e| needlewise_core::CoreError::Conflict(e).into())
}

/// Snooze the last reminder shown, for an hour (the notification's button, from the app).
#[tauri::command]
pub fn snooze_last_reminder<R: Runtime>(app: tauri::AppHandle<R>) -> CommandResult<DateTime<Utc>> {
    crate::reminders::snooze_last(&app)
}
