//! Skin check-ins after a session.

use rusqlite::{Connection, OptionalExtension, Row};

use super::codec::{bad, from_json, from_name, name_of};
use super::tx::{atomic, Intent};
use crate::checkin::{CheckIn, CheckInId, DayAfter, NewCheckIn};
use crate::error::{CoreError, Result};
use crate::session::SessionId;

const COLUMNS: &str = "id, session_id, day, redness, irritation, flags, note FROM checkins";

#[derive(Copy, Clone, Debug)]
pub struct CheckInRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl CheckInRepo<'_> {
    /// Stores a check-in. There is one check-in per session and day: a second one for the
    /// same day **replaces** the first (keeping its id), because re-rating the same evening
    /// is a correction, not a second observation. An unknown session is
    /// [`CoreError::NotFound`].
    pub fn add(&self, new: NewCheckIn) -> Result<CheckIn> {
        let redness = name_of(&new.redness)?;
        let irritation = name_of(&new.irritation)?;
        let flags = serde_json::to_string(&new.flags)?;
        atomic(self.conn, Intent::Write, || {
            let exists = self
                .conn
                .query_row(
                    "SELECT 1 FROM sessions WHERE id = ?1",
                    [new.session_id.0],
                    |_| Ok(()),
                )
                .optional()?;
            if exists.is_none() {
                return Err(CoreError::NotFound {
                    what: "session",
                    id: new.session_id.0,
                });
            }
            let id: i64 = self.conn.query_row(
                "INSERT INTO checkins (session_id, day, redness, irritation, flags, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (session_id, day) DO UPDATE SET
                     redness = excluded.redness, irritation = excluded.irritation,
                     flags = excluded.flags, note = excluded.note
                 RETURNING id",
                (
                    new.session_id.0,
                    new.day.get(),
                    &redness,
                    &irritation,
                    &flags,
                    &new.note,
                ),
                |r| r.get(0),
            )?;
            Ok(CheckIn {
                id: CheckInId(id),
                session_id: new.session_id,
                day: new.day,
                redness: new.redness,
                irritation: new.irritation,
                flags: new.flags,
                note: new.note.clone(),
            })
        })
    }

    pub fn get(&self, id: CheckInId) -> Result<CheckIn> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} WHERE id = ?1"), [id.0], read)
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "check-in",
                id: id.0,
            })
    }

    /// All check-ins, by session then day.
    pub fn list(&self) -> Result<Vec<CheckIn>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} ORDER BY session_id, day"))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One session's check-ins, by day.
    pub fn for_session(&self, session: SessionId) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} WHERE session_id = ?1 ORDER BY day"
        ))?;
        let rows = stmt.query_map([session.0], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete(&self, id: CheckInId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM checkins WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(CoreError::NotFound {
                what: "check-in",
                id: id.0,
            });
        }
        Ok(())
    }
}

fn read(r: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let day: u16 = r.get(2)?;
    Ok(CheckIn {
        id: CheckInId(r.get(0)?),
        session_id: SessionId(r.get(1)?),
        day: DayAfter::new(day).map_err(bad(2))?,
        redness: from_name(3, r.get(3)?)?,
        irritation: from_name(4, r.get(4)?)?,
        flags: from_json(5, &r.get::<_, String>(5)?)?,
        note: r.get(6)?,
    })
}
