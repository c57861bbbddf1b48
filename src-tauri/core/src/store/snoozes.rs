//! Snoozed reminders: each fires once more at its new time, then the ledger records it.

use rusqlite::Connection;

use super::codec::{date_text, instant_text, parse_date, parse_instant};
use crate::error::Result;
use crate::reminders::Snooze;

#[derive(Copy, Clone, Debug)]
pub struct SnoozeRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl SnoozeRepo<'_> {
    /// Stores a snooze; snoozing the same thing twice for the same minute is one snooze.
    pub fn add(&self, s: &Snooze) -> Result<()> {
        self.conn.execute(
            "INSERT INTO snoozes (key, original, date, title, body, fire_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            (
                &s.key,
                &s.original,
                date_text(s.date),
                &s.title,
                &s.body,
                instant_text(&s.fire_at),
            ),
        )?;
        Ok(())
    }

    /// All snoozes, oldest first (sent ones too: the ledger says which were sent).
    pub fn list(&self) -> Result<Vec<Snooze>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, original, date, title, body, fire_at FROM snoozes ORDER BY fire_at, key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Snooze {
                key: r.get(0)?,
                original: r.get(1)?,
                date: parse_date(2, &r.get::<_, String>(2)?)?,
                title: r.get(3)?,
                body: r.get(4)?,
                fire_at: parse_instant(5, &r.get::<_, String>(5)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
