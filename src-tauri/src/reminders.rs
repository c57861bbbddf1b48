//! The background reminder loop. It asks the core what is due, sends it through the
//! notifier and records it (all in `needlewise_core::dispatch::tick`), then sleeps until the
//! next reminder or for a minute at most. It never relies on one long monotonic sleep, which
//! stops while a laptop sleeps: after a resume or a clock change it catches up within a
//! minute. It has its own database connection and does not need the window.

use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use needlewise_core::dispatch::{self, TickReport, MAX_SLEEP};
use needlewise_core::privacy;
use needlewise_core::store::Store;

use crate::clock;
use crate::notifier::Notifier;

/// What the window and the tray show about reminders.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopStatus {
    /// Set while sending fails (no notification server): shown in the window and tray.
    pub delivery_problem: Option<String>,
    pub last: Option<TickReport>,
    /// The last notification shown, for "Snooze" in the app and tray.
    pub last_sent: Option<needlewise_core::reminders::Notification>,
}

/// A handle to the running loop.
pub struct Reminders {
    wake: Mutex<Sender<()>>,
    pub status: Mutex<LoopStatus>,
}

impl Reminders {
    /// Look again now (after the person changed something that moves reminders).
    pub fn wake(&self) {
        if let Ok(tx) = self.wake.lock() {
            let _ = tx.send(());
        }
    }
}

/// Start the loop on its own thread. `on_report` runs after every pass (for the tray).
pub fn start(
    db_path: PathBuf,
    notifier: Arc<dyn Notifier>,
    on_report: impl Fn(&LoopStatus) + Send + 'static,
) -> Arc<Reminders> {
    let (tx, rx) = channel();
    let handle = Arc::new(Reminders {
        wake: Mutex::new(tx),
        status: Mutex::new(LoopStatus::default()),
    });
    let shared = handle.clone();
    std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            let mut store: Option<Store> = None;
            loop {
                let mut wait = MAX_SLEEP;
                if store.is_none() {
                    // An unreadable database is the window's to explain; try again later.
                    store = Store::open(&db_path).ok();
                }
                if let Some(s) = &store {
                    let now = clock::now();
                    let tz = clock::zone();
                    let discreet = s.settings().get().map(|x| x.discreet).unwrap_or(false);
                    let send = |n: &needlewise_core::reminders::Notification| {
                        notifier.send(&privacy::for_display(n, discreet, now, tz))
                    };
                    match dispatch::tick(s, now, tz, send) {
                        Ok(report) => {
                            if std::env::var_os("NEEDLEWISE_LOG").is_some() {
                                log_pass(now, &report);
                            }
                            if let Some(next) = report.next_wake {
                                wait = (next - now).clamp(chrono::Duration::seconds(1), MAX_SLEEP);
                            }
                            let snapshot = {
                                let mut st =
                                    shared.status.lock().unwrap_or_else(|p| p.into_inner());
                                st.delivery_problem = report.failed.clone();
                                if report.sent.is_some() {
                                    st.last_sent = report.sent.clone();
                                }
                                st.last = Some(report);
                                st.clone()
                            };
                            // Never call out (the tray waits for the main thread) while holding
                            // the lock: the main thread may be waiting for it in a command.
                            on_report(&snapshot);
                        }
                        Err(e) => eprintln!("needlewise: reminder pass failed: {e}"),
                    }
                }
                let wait = wait.to_std().unwrap_or(Duration::from_secs(60));
                match rx.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .expect("could not start the reminder thread");
    handle
}

/// One line per pass on stderr (with `NEEDLEWISE_LOG` set): what tests and curious users
/// read to see the loop at work.
fn log_pass(now: chrono::DateTime<chrono::Utc>, r: &TickReport) {
    let sent = r
        .sent
        .as_ref()
        .map(|n| n.keys.join(","))
        .unwrap_or_default();
    eprintln!(
        "needlewise: pass at {} sent=[{}] missed=[{}] failed={}",
        now.to_rfc3339(),
        sent,
        r.missed.join(","),
        r.failed.as_deref().unwrap_or("-")
    );
}

/// Ask the running loop (if any) to look again now, after a change that moves reminders.
pub fn wake<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    if let Some(r) = app.try_state::<Arc<Reminders>>() {
        r.wake();
    }
}

/// Snooze the last notification shown for an hour (from the app or the tray).
pub fn snooze_last<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> crate::error::CommandResult<chrono::DateTime<chrono::Utc>> {
    use tauri::Manager;
    let last = last_sent(app);
    let Some(n) = last else {
        return Err(
            needlewise_core::CoreError::Conflict("no reminder has been shown yet".into()).into(),
        );
    };
    let snooze = needlewise_core::reminders::snooze(&n, clock::now(), clock::zone());
    let state = app.state::<crate::state::AppState>();
    state.with_store(|store| Ok(store.snoozes().add(&snooze)?))?;
    wake(app);
    Ok(snooze.fire_at)
}

/// "Done" on the last notification shown, from the tray: marks its session done.
pub fn done_last<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> crate::error::CommandResult<()> {
    use tauri::Manager;
    let session = last_sent(app).and_then(|n| n.session);
    let Some(r) = session else {
        return Err(needlewise_core::CoreError::Conflict(
            "the last reminder was not about a session".into(),
        )
        .into());
    };
    let state = app.state::<crate::state::AppState>();
    state.with_store(|store| crate::commands::sessions::mark_done(store, &r))?;
    wake(app);
    Ok(())
}

/// The last notification the running loop showed, if any.
fn last_sent<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> Option<needlewise_core::reminders::Notification> {
    use tauri::Manager;
    let loop_handle = app.try_state::<Arc<Reminders>>()?;
    let status = loop_handle.status.lock().unwrap_or_else(|p| p.into_inner());
    status.last_sent.clone()
}
