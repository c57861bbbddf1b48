//! One pass of the reminder loop, as a function of the store, `now` and the zone, so it can
//! run in any process (the app's background thread today) and be tested without a clock.
//!
//! Exactly once, without holding a lock across a call to the notification service (which
//! may hang): a pass [`prepare`]s in one write transaction — reads the ledger, records what
//! was missed, decides what to show and *reserves* it — and commits. The caller then shows
//! the notification with no transaction open, and [`settle`]s: the reservation becomes a
//! ledger entry, or is released after a failure so the next pass tries again. Another pass
//! meanwhile finds the keys reserved and leaves them alone. [`tick`] does all three.
//!
//! When the disk is full even the reservation cannot be written: [`decide`] makes the same
//! decision without writing, and the caller keeps what it showed in memory (`held`) until
//! [`settle`] succeeds, so nothing is shown twice.
//!
//! A clock set back after running ahead: what the ledger recorded "in the future" for
//! occurrences not yet due (or judged missed by the wrong clock) is forgotten in the same
//! transaction, so the real reminders fire when their time comes.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::clock;
use crate::error::Result;
use crate::reminders::{self, Notification, Occurrence};
use crate::store::{LedgerEntry, ReminderOutcome, Store};
use crate::units::Days;

/// How far back a pass looks for reminders never sent nor recorded missed (a laptop shut for
/// a long weekend); older ones are simply not reported.
const LOOKBACK: Days = Days(7);

/// A ledger entry recorded more than this after `now` means the clock was set back; less
/// may be two passes racing, since a pass reads `now` before it waits for the write lock.
pub const CLOCK_SLACK: Duration = Duration::minutes(5);

/// How far before today a pass's ledger entries can be dated: the lookback, a day for a
/// reminder deferred past midnight by quiet hours, and a day for a change of zone.
const RECORD_REACH: Days = Days(LOOKBACK.0 + 2);

#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TickReport {
    /// What was shown, if anything.
    pub sent: Option<Notification>,
    /// Keys recorded as missed in this pass.
    pub missed: Vec<String>,
    /// Why sending failed; the reminders stay pending.
    pub failed: Option<String>,
    /// When something planned happens next (a reminder comes due, a pause ends); `None`
    /// when nothing is planned. How long a loop sleeps at most is the loop's business.
    pub next_wake: Option<DateTime<Utc>>,
    /// The next reminder after `now`, for "next:" in the tray.
    pub upcoming: Option<Occurrence>,
    /// Set when the person asked for no reminders (off, or a pause): `upcoming` then is
    /// what would come, not what will.
    pub silenced: Option<Silenced>,
}

/// Why no reminder goes out for now, by the person's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Silenced {
    /// Reminders are turned off in Settings.
    Off,
    /// Paused (from the tray or the window) until then.
    PausedUntil(DateTime<Utc>),
}

fn entry(o: &Occurrence, outcome: ReminderOutcome, now: DateTime<Utc>) -> LedgerEntry {
    LedgerEntry {
        key: o.key.clone(),
        kind: o.kind,
        date: o.date,
        outcome,
        scheduled_for: o.fire_at,
        recorded_at: now,
    }
}

/// A reservation older than this belongs to a pass that died before settling (the app was
/// killed mid-send); it is released and the reminder sent again. The pass that holds a
/// send in flight renews its reservation every pass, however long the service takes.
pub const RESERVATION_LIFETIME: Duration = Duration::minutes(10);

/// A notification decided on (and, after [`prepare`], reserved) but not yet settled.
#[derive(Clone, Debug)]
pub struct Pending {
    pub notification: Notification,
    occurrences: Vec<Occurrence>,
}

impl Pending {
    /// The keys this notification stands for: what the caller holds until it is settled.
    pub fn keys(&self) -> &[String] {
        &self.notification.keys
    }
}

/// What a pass decided: its report (without `sent`/`failed`, which come from the send) and
/// the notification to show, if any.
#[derive(Clone, Debug)]
pub struct Decision {
    pub report: TickReport,
    pub show: Option<Pending>,
}

/// Decide in one write transaction and reserve what is to be shown. `held`: keys the
/// caller is still showing or has shown without a record (treated as taken; their
/// reservations are renewed). `may_send`: false while the caller's previous send is still
/// in flight, so only the report is wanted.
pub fn prepare(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    held: &[String],
    may_send: bool,
) -> Result<Decision> {
    store.transaction(|tx| {
        let set_back = now.checked_add_signed(CLOCK_SLACK).unwrap_or(now);
        let stale = now.checked_sub_signed(RESERVATION_LIFETIME).unwrap_or(now);
        let reservations = tx.reservations();
        reservations.release_outside(stale, set_back)?;
        for key in held {
            reservations.reserve(key, now)?;
        }
        let today = clock::local_date(now, tz);
        tx.ledger()
            .forget_recorded_after(set_back, RECORD_REACH.before(today))?;
        let decision = decide_in(tx, now, tz, held, may_send, true)?;
        if let Some(p) = &decision.show {
            for key in p.keys() {
                reservations.reserve(key, now)?;
            }
        }
        Ok(decision)
    })
}

/// The same decision as [`prepare`] without writing anything, for when the store cannot be
/// written (a full disk): the caller must hold the keys it shows until [`settle`] succeeds.
pub fn decide(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    held: &[String],
    may_send: bool,
) -> Result<Decision> {
    decide_in(store, now, tz, held, may_send, false)
}

/// Record the outcome of showing `p`: `shown`, or (after a failure) free to be tried again.
pub fn settle(store: &Store, p: &Pending, shown: bool, now: DateTime<Utc>) -> Result<()> {
    store.transaction(|tx| {
        for key in p.keys() {
            tx.reservations().release(key)?;
        }
        if shown {
            for o in &p.occurrences {
                match tx.ledger().record(&entry(o, ReminderOutcome::Sent, now)) {
                    // Recorded meanwhile by a pass that could not see the reservation
                    // (a released stale one): it is sent either way.
                    Ok(()) | Err(crate::error::CoreError::AlreadyRecorded(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    })
}

fn decide_in(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    held: &[String],
    may_send: bool,
    record_missed: bool,
) -> Result<Decision> {
    let mut report = TickReport::default();
    let none = |report| Ok(Decision { report, show: None });
    let Some(state) = store.load_state()? else {
        return none(report);
    };
    let today = clock::local_date(now, tz);
    let since = LOOKBACK.before(today);
    let mut all = reminders::occurrences(&state, since, Days(1).after(today), tz);
    all.extend(
        store
            .snoozes()
            .list()?
            .iter()
            .filter(|s| s.date >= since)
            .map(|s| s.occurrence(&state, tz)),
    );
    all.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    if let Some(next) = reminders::next_fire_after(&all, now) {
        report.next_wake = Some(next);
        report.upcoming = all.iter().find(|o| o.fire_at == next).cloned();
    }
    if !state.settings.reminders_enabled {
        // Nothing to wake for: turning them on again is a change the window announces.
        report.next_wake = None;
        report.silenced = Some(Silenced::Off);
        return none(report);
    }
    // A reservation left by a pass that died frees its reminder when it expires.
    let expiry = store
        .reservations()
        .oldest()?
        .and_then(|at| at.checked_add_signed(RESERVATION_LIFETIME))
        .filter(|at| *at > now);
    // A pause that ends later lets what it held back out then.
    let pause_end = state.settings.paused_until.filter(|end| *end > now);
    report.silenced = pause_end.map(Silenced::PausedUntil);
    report.next_wake = earliest(earliest(report.next_wake, expiry), pause_end);
    let from = state.settings.reminders_from;
    let due: Vec<Occurrence> = all
        .into_iter()
        .filter(|o| o.fire_at <= now && from.is_none_or(|f| o.fire_at >= f))
        .collect();
    let (ledger, reservations) = (store.ledger(), store.reservations());
    let triage = reminders::triage(&state, due, now, tz, |k| {
        held.iter().any(|h| h == k)
            || ledger.is_recorded(k).unwrap_or(true)
            || reservations.is_reserved(k).unwrap_or(true)
    });
    let quiet_end = triage.quiet_until.filter(|end| *end > now);
    report.next_wake = earliest(report.next_wake, quiet_end);
    for o in &triage.missed {
        if record_missed {
            ledger.record(&entry(o, ReminderOutcome::Missed, now))?;
        }
        report.missed.push(o.key.clone());
    }
    if !may_send || pause_end.is_some() {
        return none(report);
    }
    let show = reminders::merge(&triage.send, now, tz).map(|notification| Pending {
        notification,
        occurrences: triage.send,
    });
    Ok(Decision { report, show })
}

/// The sooner of two instants, either of which may be missing.
pub fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Prepare, send (through `send`) and settle, in the calling thread. `send` returns a
/// reason when no notification server took the notification.
pub fn tick(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    send: impl FnOnce(&Notification) -> std::result::Result<(), String>,
) -> Result<TickReport> {
    let Decision { mut report, show } = prepare(store, now, tz, &[], true)?;
    if let Some(p) = show {
        let shown = send(&p.notification);
        settle(store, &p, shown.is_ok(), now)?;
        match shown {
            Ok(()) => report.sent = Some(p.notification),
            Err(why) => report.failed = Some(why),
        }
    }
    Ok(report)
}
