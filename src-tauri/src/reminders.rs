//! The background reminder loop. It asks the core what is due and reserves it
//! (`dispatch::prepare`), hands it to the courier to show, and records the outcome
//! (`dispatch::settle`); then it sleeps until the next reminder or for a minute at most. It
//! never relies on one long monotonic sleep, which stops while a laptop sleeps: after a
//! resume or a clock change it catches up within a minute. It has its own database
//! connection and does not need the window.
//!
//! What it survives (issue 10): a notification service that hangs (no lock is held while
//! it is called; the reminder is recorded when it answers, once), a full disk (what was
//! shown but not recorded is held in memory and recorded later, never shown twice) and a
//! panic in a pass (the pass is abandoned, the loop goes on and the window says so).

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use needlewise_core::dispatch::{self, Pending, TickReport, MAX_SLEEP};
use needlewise_core::privacy;
use needlewise_core::store::Store;
use needlewise_core::CoreError;

use crate::clock;
use crate::courier::{Courier, Delivery};
use crate::notifier::Notifier;

/// How long a pass waits for the notification service before going on without it.
const SEND_WAIT: Duration = Duration::from_secs(5);

/// How soon the loop tries again after a pass stopped on a bug.
const AFTER_FAULT: chrono::Duration = chrono::Duration::seconds(5);

/// Retries of a record the disk refused start this far apart and double up to a minute.
const FIRST_RETRY: chrono::Duration = chrono::Duration::seconds(5);

const NOT_ANSWERING: &str = "the notification service has not answered yet";

const DISK_FULL: &str = "The disk is full, so Needlewise cannot save. Reminders already shown are remembered while Needlewise keeps running (if it is quit now, one may be shown again); free some space and they are saved.";

/// What the window and the tray show about reminders.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopStatus {
    /// Set while sending fails (no notification server): shown in the window and tray.
    pub delivery_problem: Option<String>,
    /// Set while the loop cannot write to the database (a full disk).
    pub storage_problem: Option<String>,
    /// When a pass last stopped unexpectedly (the loop carried on).
    pub fault_at: Option<DateTime<Utc>>,
    pub last: Option<TickReport>,
    /// The last notification shown, for "Snooze" in the app and tray.
    pub last_sent: Option<needlewise_core::reminders::Notification>,
}

/// A handle to the running loop.
pub struct Reminders {
    wake: Mutex<Sender<()>>,
    /// Set when the database file was replaced (set aside, opened again): the loop drops
    /// its connection, which may still point at the old file, before its next pass.
    reopen: std::sync::atomic::AtomicBool,
    pub status: Mutex<LoopStatus>,
}

impl Reminders {
    /// Reopen the database before the next pass, and run it now.
    pub fn reopen(&self) {
        self.reopen.store(true, std::sync::atomic::Ordering::SeqCst);
        self.wake();
    }

    /// Look again now (after the person changed something that moves reminders).
    pub fn wake(&self) {
        if let Ok(tx) = self.wake.lock() {
            let _ = tx.send(());
        }
    }
}

/// A notification handed to the courier that has not been answered yet.
struct InFlight {
    pending: Pending,
    answer: Receiver<Delivery>,
}

/// A notification whose outcome is known but not yet recorded (the disk refused it).
struct Unsettled {
    pending: Pending,
    shown: bool,
    retry_at: DateTime<Utc>,
    backoff: chrono::Duration,
}

/// The loop's memory between passes.
struct Runner {
    db_path: PathBuf,
    gate: Arc<crate::state::LoopGate>,
    on_file_gone: Box<dyn Fn() + Send>,
    store: Option<Store>,
    courier: Courier,
    in_flight: Option<InFlight>,
    unsettled: Vec<Unsettled>,
}

/// What one pass found, for the status.
#[derive(Default)]
struct PassOutcome {
    report: TickReport,
    delivery_problem: Option<String>,
    storage_problem: Option<String>,
}

impl Runner {
    /// Keys shown (or being shown) but not recorded: no pass may show them again.
    fn held(&self) -> Vec<String> {
        let flying = self.in_flight.iter().map(|f| &f.pending);
        let shown = self
            .unsettled
            .iter()
            .filter(|u| u.shown)
            .map(|u| &u.pending);
        flying
            .chain(shown)
            .flat_map(|p| p.keys().to_vec())
            .collect()
    }

    /// When the next record the disk refused is tried again.
    fn next_retry(&self) -> Option<DateTime<Utc>> {
        self.unsettled.iter().map(|u| u.retry_at).min()
    }

    /// Record what is known; what the disk refuses waits for its retry.
    fn settle(&mut self, store: &Store, now: DateTime<Utc>, out: &mut PassOutcome) {
        let mut waiting = Vec::new();
        for mut u in std::mem::take(&mut self.unsettled) {
            if u.retry_at > now {
                waiting.push(u);
                continue;
            }
            match dispatch::settle(store, &u.pending, u.shown, now) {
                Ok(()) => {}
                Err(e) => {
                    out.storage_problem = Some(storage_message(&e));
                    u.retry_at = now + u.backoff;
                    u.backoff = (u.backoff * 2).min(MAX_SLEEP);
                    waiting.push(u);
                }
            }
        }
        if !waiting.is_empty() && out.storage_problem.is_none() {
            out.storage_problem = Some(DISK_FULL.into());
        }
        self.unsettled = waiting;
    }

    fn answered(
        &mut self,
        pending: Pending,
        delivery: Delivery,
        now: DateTime<Utc>,
        out: &mut PassOutcome,
    ) {
        let shown = delivery.is_ok();
        match delivery {
            Ok(()) => out.report.sent = Some(pending.notification.clone()),
            Err(why) => out.delivery_problem = Some(why),
        }
        self.unsettled.push(Unsettled {
            pending,
            shown,
            retry_at: now,
            backoff: FIRST_RETRY,
        });
    }

    fn pass(&mut self, now: DateTime<Utc>, tz: chrono_tz::Tz) -> Option<PassOutcome> {
        injected_fault();
        if self.store.as_ref().is_some_and(|s| !s.same_file()) {
            // The file was deleted, moved or replaced: let go of it, and have the app save
            // what it had (issue 10, item 2). Ledger entries written now would be lost.
            self.store = None;
            if !self.gate.held() {
                (self.on_file_gone)();
            }
        }
        if self.gate.held() {
            self.store = None;
            self.gate.set_closed(true);
            return None;
        }
        if self.store.is_none() && self.db_path.exists() {
            // An unreadable database is the window's to explain; try again later. A
            // missing one is not created here: that is the window's too.
            self.store = Store::open(&self.db_path).ok();
        }
        let store = self.store.take()?;
        let mut out = PassOutcome::default();
        if let Some(f) = self.in_flight.take() {
            match f.answer.try_recv() {
                Ok(delivery) => self.answered(f.pending, delivery, now, &mut out),
                Err(TryRecvError::Empty) => {
                    out.delivery_problem = Some(NOT_ANSWERING.into());
                    self.in_flight = Some(f);
                }
                Err(TryRecvError::Disconnected) => self.answered(
                    f.pending,
                    Err("notifications stopped".into()),
                    now,
                    &mut out,
                ),
            }
        }
        self.settle(&store, now, &mut out);
        let held = self.held();
        let may_send = self.in_flight.is_none();
        let decision = match dispatch::prepare(&store, now, tz, &held, may_send) {
            Ok(d) => Ok(d),
            // Nothing can be written: decide without writing, and hold what is shown.
            Err(e) if e.is_disk_full() => {
                out.storage_problem = Some(DISK_FULL.into());
                dispatch::decide(&store, now, tz, &held, may_send)
            }
            Err(e) => Err(e),
        };
        match decision {
            Ok(d) => {
                let sent = out.report.sent.take();
                out.report = d.report;
                out.report.sent = sent;
                if let Some(p) = d.show {
                    let discreet = store.settings().get().map(|x| x.discreet).unwrap_or(false);
                    let shown = privacy::for_display(&p.notification, discreet, now, tz);
                    let answer = self.courier.send(shown);
                    match answer.recv_timeout(SEND_WAIT) {
                        Ok(delivery) => self.answered(p, delivery, now, &mut out),
                        Err(RecvTimeoutError::Timeout) => {
                            out.delivery_problem = Some(NOT_ANSWERING.into());
                            self.in_flight = Some(InFlight { pending: p, answer });
                        }
                        Err(RecvTimeoutError::Disconnected) => {
                            self.answered(p, Err("notifications stopped".into()), now, &mut out)
                        }
                    }
                    self.settle(&store, now, &mut out);
                }
            }
            Err(e) => {
                eprintln!("needlewise: a reminder pass failed ({})", e.kind());
                if e.is_disk_full() {
                    out.storage_problem = Some(DISK_FULL.into());
                }
            }
        }
        out.report.failed = out.delivery_problem.clone();
        self.store = Some(store);
        Some(out)
    }
}

/// Tests make the first pass panic with `NEEDLEWISE_PANIC_IN=reminder-pass`, to see the
/// loop carry on; release builds do not have this.
fn injected_fault() {
    #[cfg(debug_assertions)]
    {
        use std::sync::atomic::{AtomicBool, Ordering};
        static DONE: AtomicBool = AtomicBool::new(false);
        let wanted = std::env::var("NEEDLEWISE_PANIC_IN").is_ok_and(|c| c == "reminder-pass");
        if wanted && !DONE.swap(true, Ordering::Relaxed) {
            panic!("a fault injected into the reminder pass by NEEDLEWISE_PANIC_IN");
        }
    }
}

fn storage_message(e: &CoreError) -> String {
    if e.is_disk_full() {
        DISK_FULL.into()
    } else {
        format!(
            "Needlewise could not save a reminder's record ({}); it will try again.",
            e.kind()
        )
    }
}

/// Start the loop on its own thread. `on_report` runs after every pass (for the tray).
pub fn start(
    db_path: PathBuf,
    gate: Arc<crate::state::LoopGate>,
    notifier: Arc<dyn Notifier>,
    on_file_gone: impl Fn() + Send + 'static,
    on_report: impl Fn(&LoopStatus) + Send + 'static,
) -> Arc<Reminders> {
    let (tx, rx) = channel();
    let handle = Arc::new(Reminders {
        wake: Mutex::new(tx.clone()),
        reopen: Default::default(),
        status: Mutex::new(LoopStatus::default()),
    });
    let shared = handle.clone();
    let courier = Courier::start(notifier, move || {
        let _ = tx.send(());
    });
    let mut runner = Runner {
        db_path,
        gate,
        on_file_gone: Box::new(on_file_gone),
        store: None,
        courier,
        in_flight: None,
        unsettled: Vec::new(),
    };
    std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || loop {
            if shared
                .reopen
                .swap(false, std::sync::atomic::Ordering::SeqCst)
            {
                runner.store = None;
            }
            let now = clock::now();
            let tz = clock::zone();
            let mut wait = MAX_SLEEP;
            // A panic abandons this pass only: its transaction rolls back, the store is
            // reopened, and the next pass starts afresh (issue 10, item 5).
            let pass =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runner.pass(now, tz)));
            let snapshot = {
                let mut st = shared.status.lock().unwrap_or_else(|p| p.into_inner());
                match pass {
                    Ok(Some(out)) => {
                        if std::env::var_os("NEEDLEWISE_LOG").is_some() {
                            log_pass(now, &out);
                        }
                        let next = match (out.report.next_wake, runner.next_retry()) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                        if let Some(next) = next {
                            wait = (next - now).clamp(chrono::Duration::seconds(1), MAX_SLEEP);
                        }
                        st.delivery_problem = out.delivery_problem;
                        st.storage_problem = out.storage_problem;
                        if out.report.sent.is_some() {
                            st.last_sent = out.report.sent.clone();
                        }
                        st.last = Some(out.report);
                    }
                    Ok(None) => {}
                    Err(_) => {
                        eprintln!(
                            "needlewise: a reminder pass stopped unexpectedly; the loop goes on"
                        );
                        runner.store = None;
                        st.fault_at = Some(now);
                        wait = AFTER_FAULT;
                    }
                }
                st.clone()
            };
            // Never call out (the tray waits for the main thread) while holding the lock:
            // the main thread may be waiting for it in a command.
            on_report(&snapshot);
            let wait = wait.to_std().unwrap_or(Duration::from_secs(60));
            match rx.recv_timeout(wait) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        })
        .expect("could not start the reminder thread");
    handle
}

/// One line per pass on stderr (with `NEEDLEWISE_LOG` set): what tests and curious users
/// read to see the loop at work. Counts only: which reminders went out says when sessions
/// are, which is the person's health data and stays in the database (issue 10, item 16).
fn log_pass(now: DateTime<Utc>, out: &PassOutcome) {
    let r = &out.report;
    eprintln!(
        "needlewise: pass at unix:{} sent={} missed={} failed={} storage={}",
        now.timestamp(),
        r.sent.as_ref().map_or(0, |n| n.keys.len()),
        r.missed.len(),
        if r.failed.is_some() { "yes" } else { "no" },
        if out.storage_problem.is_some() {
            "problem"
        } else {
            "ok"
        }
    );
}

/// Ask the running loop (if any) to look again now, after a change that moves reminders.
pub fn wake<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    if let Some(r) = app.try_state::<Arc<Reminders>>() {
        r.wake();
    }
}

/// Make the running loop (if any) reopen the database: its file was replaced.
pub fn reopen<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    if let Some(r) = app.try_state::<Arc<Reminders>>() {
        r.reopen();
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
    state.with_store(|store| Ok(store.mark_done(&r)?))?;
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
