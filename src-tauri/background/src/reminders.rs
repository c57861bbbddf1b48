//! The background reminder loop. It asks the core what is due and reserves it
//! (`dispatch::prepare`), hands it to the courier to show, and records the outcome
//! (`dispatch::settle`); then it sleeps until the next thing planned (a reminder, a pause's
//! end). Its sleep is monotonic and stops while a laptop sleeps, so on Linux the clock
//! watch ([`crate::watch`]) wakes it at once after a resume, a clock change or a change of
//! zone, and it sleeps at most [`WATCHED_SLEEP`]; where nothing watches, at most
//! [`UNWATCHED_SLEEP`]. It owns the background process's one database connection, so the
//! notification buttons, the tray and the window's requests reach the store through it
//! as [`Order`]s.
//!
//! What it survives (issue 10): a notification service that hangs (no lock is held while
//! it is called; the reminder is recorded when it answers, once), a full disk (what was
//! shown but not recorded is held in memory and recorded later, never shown twice) and a
//! panic in a pass (the pass is abandoned, the loop goes on and the window says so).

use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use needlewise_core::dispatch::{self, Pending, TickReport};
use needlewise_core::privacy;
use needlewise_core::reminders::{DoneMeans, Notification};
use needlewise_core::store::Store;
use needlewise_core::CoreError;

use crate::clock;
use crate::courier::{Answer, Courier, Delivery};
use crate::notifier::{Action, Notifier};
pub use crate::status::LoopStatus;

/// The longest sleep when the clock watch runs: a safety net for what it cannot see (a zone
/// named another way, a clock moved under a faked time), and so at most one wake-up in
/// five minutes when idle.
pub const WATCHED_SLEEP: chrono::Duration = chrono::Duration::minutes(5);

/// The longest sleep where nothing watches the clock: a resume or a clock change is
/// noticed within it.
pub const UNWATCHED_SLEEP: chrono::Duration = chrono::Duration::seconds(60);

/// How long a pass waits for the notification service before going on without it.
const SEND_WAIT: Duration = Duration::from_secs(5);

/// How soon the loop tries again after a pass stopped on a bug.
const AFTER_FAULT: chrono::Duration = chrono::Duration::seconds(5);

/// After a send failed, the next try waits this long, doubling up to the longest sleep: a
/// missing notification service is not asked again and again (each try is a D-Bus call
/// and two writes).
const FIRST_SEND_RETRY: chrono::Duration = chrono::Duration::seconds(30);

/// Retries of a record the disk refused start this far apart and double up to a minute.
const FIRST_RETRY: chrono::Duration = chrono::Duration::seconds(5);
const LAST_RETRY: chrono::Duration = chrono::Duration::seconds(60);

const NOT_ANSWERING: &str = "the notification service has not answered yet";

const DISK_FULL: &str = "The disk is full, so Needlewise cannot save. Reminders already shown are remembered while Needlewise keeps running (if it is quit now, one may be shown again); free some space and they are saved.";

/// What the loop is asked to do besides its passes; each is followed by a pass.
pub enum Order {
    /// Look again now.
    Wake,
    /// Let go of the database until `Reopen`; the reply says it is closed.
    Hold(Sender<()>),
    /// Open the database afresh.
    Reopen,
    /// Pause reminders until then (`None` resumes them).
    Pause(Option<DateTime<Utc>>),
    /// A notification's button.
    Act(Action, Notification),
    /// Snooze the last notification shown; the reply says until when.
    SnoozeLast(Sender<Result<DateTime<Utc>, String>>),
}

/// A handle to the running loop.
pub struct Reminders {
    orders: Mutex<Sender<Order>>,
    pub status: Mutex<LoopStatus>,
}

impl Reminders {
    /// Hand the loop an order (dropped if the loop has ended).
    pub fn order(&self, order: Order) {
        if let Ok(tx) = self.orders.lock() {
            let _ = tx.send(order);
        }
    }

    /// Look again now (after the person changed something that moves reminders).
    pub fn wake(&self) {
        self.order(Order::Wake);
    }

    /// A copy of the status after the last pass.
    pub fn status(&self) -> LoopStatus {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// A notification handed to the courier that has not been answered yet.
struct InFlight {
    pending: Pending,
    answer: Answer,
}

/// A send that failed (no notification service): the next try waits.
struct SendRetry {
    at: DateTime<Utc>,
    backoff: chrono::Duration,
    why: String,
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
    /// Set by `Order::Hold`: the connection stays closed while the window replaces the file.
    held: bool,
    store: Option<Store>,
    courier: Courier,
    in_flight: Option<InFlight>,
    unsettled: Vec<Unsettled>,
    send_retry: Option<SendRetry>,
    /// The clock watch, where it runs.
    watch: Option<Watch>,
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

    /// When the next record the disk refused, or the next send, is tried again.
    fn next_retry(&self) -> Option<DateTime<Utc>> {
        let records = self.unsettled.iter().map(|u| u.retry_at);
        records.chain(self.send_retry.as_ref().map(|r| r.at)).min()
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
                    u.backoff = (u.backoff * 2).min(LAST_RETRY);
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
            Ok(()) => {
                out.report.sent = Some(pending.notification.clone());
                self.send_retry = None;
            }
            Err(why) => {
                let backoff = self
                    .send_retry
                    .as_ref()
                    .map_or(FIRST_SEND_RETRY, |r| (r.backoff * 2).min(WATCHED_SLEEP));
                self.send_retry = Some(SendRetry {
                    at: now + backoff,
                    backoff,
                    why: why.clone(),
                });
                out.delivery_problem = Some(why);
            }
        }
        self.unsettled.push(Unsettled {
            pending,
            shown,
            retry_at: now,
            backoff: FIRST_RETRY,
        });
    }

    /// The connection, opened if need be; `None` while held or while there is no usable
    /// file (the window explains that; a missing one is the window's to create).
    fn take_store(&mut self) -> Option<Store> {
        if self.store.as_ref().is_some_and(|s| !s.same_file()) {
            // The file was deleted, moved or replaced: let go of it (issue 10, item 2);
            // ledger entries written to it now would be lost.
            self.store = None;
        }
        if self.held {
            self.store = None;
            return None;
        }
        if self.store.is_none() && self.db_path.exists() {
            self.store = Store::open(&self.db_path).ok();
        }
        self.store.take()
    }

    /// Carry out `order` on the store, before the pass it is followed by.
    fn obey(&mut self, order: Order, last_sent: Option<Notification>) {
        let (now, tz) = (clock::now(), clock::zone());
        match order {
            Order::Wake => {}
            Order::Hold(closed) => {
                self.held = true;
                self.store = None;
                let _ = closed.send(());
            }
            Order::Reopen => {
                self.held = false;
                self.store = None;
            }
            Order::Pause(until) => {
                let paused = self.with_store(|store| {
                    let mut s = store.settings().get()?;
                    s.paused_until = until;
                    store.settings().save(&s)
                });
                report_failure("pause reminders", paused);
            }
            Order::Act(action, n) => {
                let acted = self.with_store(|store| match (action, &n.done) {
                    (Action::Done, Some(DoneMeans::Session(r))) => store.mark_done(r),
                    // The day Done is pressed: after a snooze past midnight, not the reminder's.
                    (Action::Done, Some(DoneMeans::PhotoTaken(due))) => store
                        .photos()
                        .mark_taken(needlewise_core::clock::local_date(now, tz).max(*due)),
                    (Action::Done, None) => Ok(()),
                    (Action::Snooze, _) => snooze(store, &n, now, tz).map(drop),
                });
                report_failure("act on the notification", acted);
            }
            Order::SnoozeLast(reply) => {
                let snoozed = match last_sent {
                    None => Err("no reminder has been shown yet".to_string()),
                    Some(n) => self
                        .with_store(|store| snooze(store, &n, now, tz))
                        .map_err(|e| e.to_string()),
                };
                let _ = reply.send(snoozed);
            }
        }
    }

    /// Run `f` on the store, opened if need be.
    fn with_store<T>(
        &mut self,
        f: impl FnOnce(&Store) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let store = self.take_store().ok_or_else(|| {
            CoreError::Conflict("the database is not open (it is being replaced or set up)".into())
        })?;
        let result = f(&store);
        self.store = Some(store);
        result
    }

    fn pass(&mut self, now: DateTime<Utc>, tz: chrono_tz::Tz) -> Option<PassOutcome> {
        injected_fault();
        let store = self.take_store()?;
        let mut out = PassOutcome::default();
        if let Some(f) = self.in_flight.take() {
            match f.answer.try_take() {
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
        let backing_off = self.send_retry.as_ref().filter(|r| r.at > now);
        if let Some(r) = backing_off {
            out.delivery_problem = Some(r.why.clone());
        }
        let may_send = self.in_flight.is_none() && backing_off.is_none();
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
                    match answer.wait(SEND_WAIT) {
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

/// Snooze `n` for an hour from `now`; when it comes back.
fn snooze(
    store: &Store,
    n: &Notification,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<DateTime<Utc>, CoreError> {
    let snooze = needlewise_core::reminders::snooze(n, now, tz);
    store.snoozes().add(&snooze)?;
    Ok(snooze.fire_at)
}

fn report_failure(what: &str, result: Result<(), CoreError>) {
    if let Err(e) = result {
        eprintln!("needlewise-background: could not {what} ({})", e.kind());
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
    notifier: Arc<dyn Notifier>,
    on_report: impl Fn(&LoopStatus) + Send + 'static,
) -> Arc<Reminders> {
    let (tx, rx) = channel();
    let handle = Arc::new(Reminders {
        orders: Mutex::new(tx.clone()),
        status: Mutex::new(LoopStatus::default()),
    });
    let shared = handle.clone();
    let watch = watch_clock(tx.clone());
    let courier = Courier::start(notifier, move || {
        let _ = tx.send(Order::Wake);
    });
    let mut runner = Runner {
        db_path,
        held: false,
        store: None,
        courier,
        in_flight: None,
        unsettled: Vec::new(),
        send_retry: None,
        watch,
    };
    std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || loop {
            let wait = run_pass(&mut runner, &shared);
            on_report(&shared.status());
            // Orders that arrive together are carried out before one pass.
            let mut order = match rx.recv_timeout(wait) {
                Ok(order) => Some(order),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            while let Some(o) = order {
                let last_sent = shared.status().last_sent;
                runner.obey(o, last_sent);
                order = rx.try_recv().ok();
            }
        })
        .expect("could not start the reminder thread");
    handle
}

#[cfg(target_os = "linux")]
type Watch = crate::watch::Watching;
#[cfg(not(target_os = "linux"))]
type Watch = ();

/// Start the clock watch where there is one.
#[cfg(target_os = "linux")]
fn watch_clock(orders: Sender<Order>) -> Option<Watch> {
    let woken = move || {
        let _ = orders.send(Order::Wake);
    };
    crate::watch::start(clock::zone_file(), woken)
        .map_err(|e| {
            eprintln!("needlewise-background: the clock is not watched ({e}); looking every minute")
        })
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn watch_clock(_: Sender<Order>) -> Option<Watch> {
    None
}

impl Runner {
    /// How long the loop may sleep: longer while the clock watch runs.
    fn longest_sleep(&self) -> chrono::Duration {
        #[cfg(target_os = "linux")]
        let watched = self.watch.as_ref().is_some_and(|w| w.is_on());
        #[cfg(not(target_os = "linux"))]
        let watched = self.watch.is_some();
        if watched {
            WATCHED_SLEEP
        } else {
            UNWATCHED_SLEEP
        }
    }
}

/// One pass, its outcome put in the status; how long to sleep after it.
fn run_pass(runner: &mut Runner, shared: &Reminders) -> Duration {
    let now = clock::now();
    let tz = clock::zone();
    let longest = runner.longest_sleep();
    let mut wait = longest;
    // A panic abandons this pass only: its transaction rolls back, the store is
    // reopened, and the next pass starts afresh (issue 10, item 5).
    let pass = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runner.pass(now, tz)));
    let mut st = shared.status.lock().unwrap_or_else(|p| p.into_inner());
    match pass {
        Ok(Some(out)) => {
            if std::env::var_os("NEEDLEWISE_LOG").is_some() {
                log_pass(now, &out);
            }
            if let Some(next) = dispatch::earliest(out.report.next_wake, runner.next_retry()) {
                wait = (next - now).clamp(chrono::Duration::seconds(1), longest);
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
            eprintln!("needlewise: a reminder pass stopped unexpectedly; the loop goes on");
            runner.store = None;
            st.fault_at = Some(now);
            wait = AFTER_FAULT;
        }
    }
    wait.to_std().unwrap_or(Duration::from_secs(60))
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
