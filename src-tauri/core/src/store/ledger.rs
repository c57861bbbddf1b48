//! The reminder ledger: one row per reminder occurrence that was sent or missed.
//!
//! The key's uniqueness is enforced by the database, not by a check in code, so two
//! connections (the reminder loop and a catch-up after resume) cannot both record — and
//! so both send — the same occurrence. Run "is it recorded? send, record" inside
//! [`super::Store::transaction`] so the decision and the record commit together.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{ffi, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::codec::{date_text, from_name, instant_text, name_of, parse_date, parse_instant};
use crate::error::{CoreError, Result};
use crate::reminders::ReminderKind;

/// What became of an occurrence.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReminderOutcome {
    Sent,
    /// Its time passed while the app was not running (or the machine slept) and it was too
    /// late to be useful; recorded so it is reported once and never sent late.
    Missed,
}

/// One ledger row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    /// The occurrence's stable key, built by the reminders module.
    pub key: String,
    pub kind: ReminderKind,
    /// The local date the occurrence belongs to.
    pub date: NaiveDate,
    pub outcome: ReminderOutcome,
    /// When it was due (the occurrence's `fire_at`).
    pub scheduled_for: DateTime<Utc>,
    /// When it was sent or found missed (the loop's `now`).
    pub recorded_at: DateTime<Utc>,
}

const COLUMNS: &str = "key, kind, date, outcome, scheduled_for, recorded_at FROM reminder_ledger";

#[derive(Copy, Clone, Debug)]
pub struct LedgerRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl LedgerRepo<'_> {
    /// Records an occurrence. A key that is already recorded is
    /// [`CoreError::AlreadyRecorded`]: the caller must not send it again.
    pub fn record(&self, entry: &LedgerEntry) -> Result<()> {
        if entry.key.trim().is_empty() {
            return Err(CoreError::invalid("key", "a reminder needs a key"));
        }
        let inserted = self.conn.execute(
            "INSERT INTO reminder_ledger (key, kind, date, outcome, scheduled_for, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (
                &entry.key,
                name_of(&entry.kind)?,
                date_text(entry.date),
                name_of(&entry.outcome)?,
                instant_text(&entry.scheduled_for),
                instant_text(&entry.recorded_at),
            ),
        );
        match inserted {
            Ok(_) => Ok(()),
            Err(e) if is_duplicate_key(&e) => Err(CoreError::AlreadyRecorded(entry.key.clone())),
            Err(e) => Err(e.into()),
        }
    }

    pub fn is_recorded(&self, key: &str) -> Result<bool> {
        let found = self
            .conn
            .query_row(
                "SELECT 1 FROM reminder_ledger WHERE key = ?1",
                [key],
                |_| Ok(()),
            )
            .optional()?;
        Ok(found.is_some())
    }

    pub fn get(&self, key: &str) -> Result<Option<LedgerEntry>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} WHERE key = ?1"), [key], read)
            .optional()?)
    }

    /// Entries whose local date is in `from..=to`, by date, due time, then key.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} WHERE date BETWEEN ?1 AND ?2 ORDER BY date, scheduled_for, key"
        ))?;
        let rows = stmt.query_map([date_text(from), date_text(to)], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forgets entries dated `since` or later that were recorded after `after` — the clock
    /// ran ahead and has been set back — when their record cannot stand: an occurrence due
    /// after `after` cannot have been sent legitimately, and one recorded missed was judged
    /// by the wrong clock; both must be free to fire when their time really comes. A sent
    /// entry already due stays: it was shown, and is never repeated. Returns how many
    /// entries were forgotten.
    ///
    /// Instants are stored as fixed-width RFC 3339 text in UTC (see `instant_text`), so
    /// text order is time order for every date Needlewise accepts.
    pub fn forget_recorded_after(&self, after: DateTime<Utc>, since: NaiveDate) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM reminder_ledger
             WHERE date >= ?1 AND recorded_at > ?2
               AND (scheduled_for > ?2 OR outcome = 'missed')",
            (date_text(since), instant_text(&after)),
        )?)
    }

    /// Every missed occurrence, oldest first, for the "you missed…" summary.
    pub fn missed(&self) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} WHERE outcome = 'missed' ORDER BY date, scheduled_for, key"
        ))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn is_duplicate_key(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                || f.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

fn read(r: &Row<'_>) -> rusqlite::Result<LedgerEntry> {
    Ok(LedgerEntry {
        key: r.get(0)?,
        kind: from_name(1, r.get(1)?)?,
        date: parse_date(2, &r.get::<_, String>(2)?)?,
        outcome: from_name(3, r.get(3)?)?,
        scheduled_for: parse_instant(4, &r.get::<_, String>(4)?)?,
        recorded_at: parse_instant(5, &r.get::<_, String>(5)?)?,
    })
}
