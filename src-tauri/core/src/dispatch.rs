//! One pass of the reminder loop, as a function of the store, `now` and the zone, so it can
//! run in any process (the app's background thread today) and be tested without a clock.
//!
//! Exactly once: the pass runs in one write transaction. It reads the ledger, decides, sends,
//! and records what it sent in that same transaction; a second process doing the same waits
//! for the write lock and then finds the keys recorded. A failed send records nothing, so the
//! reminder stays pending and the next pass tries again.
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

/// The loop never sleeps longer than this, so a resume or a clock jump is noticed within it.
pub const MAX_SLEEP: Duration = Duration::seconds(60);

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
    /// When the loop should look again.
    pub next_wake: Option<DateTime<Utc>>,
    /// The next reminder after `now`, for "next:" in the tray.
    pub upcoming: Option<Occurrence>,
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

/// Decide, send (through `send`) and record. `send` returns a reason when no notification
/// server took the notification.
pub fn tick(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    send: impl FnOnce(&Notification) -> std::result::Result<(), String>,
) -> Result<TickReport> {
    store.transaction(|tx| {
        let wake = now.checked_add_signed(MAX_SLEEP).unwrap_or(now);
        let mut report = TickReport {
            next_wake: Some(wake),
            ..TickReport::default()
        };
        let Some(state) = tx.load_state()? else {
            return Ok(report);
        };
        let today = clock::local_date(now, tz);
        let since = LOOKBACK.before(today);
        let set_back = now.checked_add_signed(CLOCK_SLACK).unwrap_or(now);
        tx.ledger()
            .forget_recorded_after(set_back, RECORD_REACH.before(today))?;
        let mut all = reminders::occurrences(&state, since, Days(1).after(today), tz);
        all.extend(
            tx.snoozes()
                .list()?
                .iter()
                .filter(|s| s.date >= since)
                .map(|s| s.occurrence(&state, tz)),
        );
        all.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
        if let Some(next) = reminders::next_fire_after(&all, now) {
            report.next_wake = Some(next.min(wake));
            report.upcoming = all.iter().find(|o| o.fire_at == next).cloned();
        }
        if !state.settings.reminders_enabled {
            return Ok(report);
        }
        let from = state.settings.reminders_from;
        let due: Vec<Occurrence> = all
            .into_iter()
            .filter(|o| o.fire_at <= now && from.is_none_or(|f| o.fire_at >= f))
            .collect();
        let ledger = tx.ledger();
        let triage = reminders::triage(&state, due, now, tz, |k| {
            ledger.is_recorded(k).unwrap_or(true)
        });
        for o in &triage.missed {
            ledger.record(&entry(o, ReminderOutcome::Missed, now))?;
            report.missed.push(o.key.clone());
        }
        if state.settings.paused_until.is_some_and(|p| now < p) {
            return Ok(report);
        }
        if let Some(n) = reminders::merge(&triage.send, now, tz) {
            match send(&n) {
                Ok(()) => {
                    for o in &triage.send {
                        ledger.record(&entry(o, ReminderOutcome::Sent, now))?;
                    }
                    report.sent = Some(n);
                }
                Err(why) => report.failed = Some(why),
            }
        }
        Ok(report)
    })
}
