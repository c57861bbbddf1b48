//! Days the person spends outdoors (reapply-SPF reminders).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::codec::{date_text, parse_date};
use crate::error::Result;

#[derive(Copy, Clone, Debug)]
pub struct OutdoorDayRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl OutdoorDayRepo<'_> {
    /// Marks a day; returns whether it was new. Marking twice is not an error: the UI
    /// toggles, and a repeated click must not fail.
    pub fn add(&self, date: NaiveDate) -> Result<bool> {
        let n = self.conn.execute(
            "INSERT INTO outdoor_days (date) VALUES (?1) ON CONFLICT DO NOTHING",
            [date_text(date)],
        )?;
        Ok(n == 1)
    }

    /// Unmarks a day; returns whether it was marked.
    pub fn remove(&self, date: NaiveDate) -> Result<bool> {
        let n = self.conn.execute(
            "DELETE FROM outdoor_days WHERE date = ?1",
            [date_text(date)],
        )?;
        Ok(n == 1)
    }

    pub fn list(&self) -> Result<BTreeSet<NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date FROM outdoor_days ORDER BY date")?;
        let rows = stmt.query_map([], |r| parse_date(0, &r.get::<_, String>(0)?))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
