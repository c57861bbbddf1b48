//! Reminders a pass has decided to show and is showing now. A reservation stands in the
//! ledger's place while the notification service is called outside any transaction: other
//! passes treat a reserved key as taken, and the pass that reserved it settles it (records
//! it sent, or frees it after a failure) once the service has answered.
//!
//! A pass that died between reserving and settling leaves its reservation behind; it is
//! released once it is older than the caller's limit, and the reminder is sent again.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::codec::{instant_text, parse_instant};
use crate::error::Result;

#[derive(Copy, Clone, Debug)]
pub struct ReservationRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl ReservationRepo<'_> {
    /// Reserves `key` at `now`, or renews the reservation (a send still in flight).
    pub fn reserve(&self, key: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO reminder_reservations (key, reserved_at) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET reserved_at = excluded.reserved_at",
            (key, instant_text(&now)),
        )?;
        Ok(())
    }

    pub fn is_reserved(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM reminder_reservations WHERE key = ?1",
                [key],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// When the oldest reservation was made (renewed), if any: it expires a lifetime later.
    pub fn oldest(&self) -> Result<Option<DateTime<Utc>>> {
        let oldest: Option<String> = self.conn.query_row(
            "SELECT MIN(reserved_at) FROM reminder_reservations",
            [],
            |row| row.get(0),
        )?;
        Ok(oldest.map(|t| parse_instant(0, &t)).transpose()?)
    }

    pub fn release(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM reminder_reservations WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Releases reservations made before `before` or after `after` (a clock that has been
    /// set back): their pass is gone, and what they held must be free to be sent.
    pub fn release_outside(&self, before: DateTime<Utc>, after: DateTime<Utc>) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM reminder_reservations WHERE reserved_at < ?1 OR reserved_at > ?2",
            (instant_text(&before), instant_text(&after)),
        )?)
    }
}
