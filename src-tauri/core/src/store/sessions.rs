//! Session records.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use super::codec::{bad, date_text, from_name, name_of, parse_date, parse_time, time_text};
use super::tx::{atomic, Intent};
use crate::error::{CoreError, Result};
use crate::session::{NewSession, Session, SessionId, SessionStatus};

const COLUMNS: &str =
    "id, kind, date, time, status, postpone_condition, consult_cleared, note FROM sessions";

#[derive(Copy, Clone, Debug)]
pub struct SessionRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl SessionRepo<'_> {
    /// Stores a new planned session.
    pub fn insert(&self, new: NewSession) -> Result<Session> {
        self.conn.execute(
            "INSERT INTO sessions (kind, date, time, status) VALUES (?1, ?2, ?3, 'planned')",
            (
                name_of(&new.kind)?,
                date_text(new.date),
                time_text(new.time),
            ),
        )?;
        Ok(Session {
            id: SessionId(self.conn.last_insert_rowid()),
            kind: new.kind,
            date: new.date,
            time: new.time,
            status: SessionStatus::Planned,
            consult_cleared: false,
            note: String::new(),
        })
    }

    pub fn get(&self, id: SessionId) -> Result<Session> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} WHERE id = ?1"), [id.0], read)
            .optional()?
            .ok_or(not_found(id))
    }

    /// Every stored session by date, time, then id: the order the routine logic relies on.
    pub fn list(&self) -> Result<Vec<Session>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} ORDER BY date, time, id"))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a session done, skipped, postponed or planned again.
    pub fn set_status(&self, id: SessionId, status: &SessionStatus) -> Result<Session> {
        let (status, because) = status_columns(status)?;
        atomic(self.conn, Intent::Write, || {
            let n = self.conn.execute(
                "UPDATE sessions SET status = ?2, postpone_condition = ?3 WHERE id = ?1",
                (id.0, status, because),
            )?;
            found(n, id)?;
            self.get(id)
        })
    }

    /// Moves a session to another date and time. Whether the move respects the interval
    /// rules is the schedule's decision, made before calling this.
    pub fn reschedule(&self, id: SessionId, date: NaiveDate, time: NaiveTime) -> Result<Session> {
        atomic(self.conn, Intent::Write, || {
            let n = self.conn.execute(
                "UPDATE sessions SET date = ?2, time = ?3 WHERE id = ?1",
                (id.0, date_text(date), time_text(time)),
            )?;
            found(n, id)?;
            self.get(id)
        })
    }

    /// Writes every field of `session` (e.g. after setting `consult_cleared` or the note).
    pub fn update(&self, session: &Session) -> Result<()> {
        let (status, because) = status_columns(&session.status)?;
        let n = self.conn.execute(
            "UPDATE sessions SET kind = ?2, date = ?3, time = ?4, status = ?5,
                 postpone_condition = ?6, consult_cleared = ?7, note = ?8
             WHERE id = ?1",
            (
                session.id.0,
                name_of(&session.kind)?,
                date_text(session.date),
                time_text(session.time),
                status,
                because,
                session.consult_cleared,
                &session.note,
            ),
        )?;
        found(n, session.id)
    }

    /// Deletes the session and, through the foreign key, its check-ins.
    pub fn delete(&self, id: SessionId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM sessions WHERE id = ?1", [id.0])?;
        found(n, id)
    }
}

fn not_found(id: SessionId) -> CoreError {
    CoreError::NotFound {
        what: "session",
        id: id.0,
    }
}

fn found(changed: usize, id: SessionId) -> Result<()> {
    if changed == 0 {
        Err(not_found(id))
    } else {
        Ok(())
    }
}

/// `SessionStatus` is serde-tagged (`{"status": "postponed", "because": "coldSore"}`); the
/// tag goes in `status` and the condition in `postpone_condition`. A future variant with
/// other fields is refused rather than silently losing them.
fn status_columns(status: &SessionStatus) -> Result<(String, Option<String>)> {
    let Value::Object(mut fields) = serde_json::to_value(status)? else {
        return Err(shape_error("a session status must serialise to an object"));
    };
    let tag = match fields.remove("status") {
        Some(Value::String(s)) => s,
        _ => return Err(shape_error("a session status needs a string tag")),
    };
    let because = match fields.remove("because") {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(shape_error("a postpone condition must be a name")),
    };
    if let Some(extra) = fields.keys().next() {
        return Err(shape_error(&format!(
            "session status field '{extra}' has no column"
        )));
    }
    Ok((tag, because))
}

fn shape_error(message: &str) -> CoreError {
    CoreError::Data(<serde_json::Error as serde::ser::Error>::custom(message))
}

fn read_status(tag: String, because: Option<String>) -> rusqlite::Result<SessionStatus> {
    let mut fields = Map::new();
    fields.insert("status".into(), Value::String(tag));
    if let Some(b) = because {
        fields.insert("because".into(), Value::String(b));
    }
    serde_json::from_value(Value::Object(fields)).map_err(bad(4))
}

fn read(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: SessionId(r.get(0)?),
        kind: from_name(1, r.get(1)?)?,
        date: parse_date(2, &r.get::<_, String>(2)?)?,
        time: parse_time(3, &r.get::<_, String>(3)?)?,
        status: read_status(r.get(4)?, r.get(5)?)?,
        consult_cleared: r.get(6)?,
        note: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::PostponeCondition;

    #[test]
    fn statuses_round_trip_through_two_columns() {
        let all = [
            SessionStatus::Planned,
            SessionStatus::Done,
            SessionStatus::Skipped,
            SessionStatus::Postponed {
                because: PostponeCondition::ColdSore,
            },
        ];
        for status in all {
            let (tag, because) = status_columns(&status).unwrap();
            assert_eq!(tag, status.label());
            assert_eq!(read_status(tag, because).unwrap(), status);
        }
        assert_eq!(
            status_columns(&SessionStatus::Postponed {
                because: PostponeCondition::RecentSunburn
            })
            .unwrap()
            .1
            .as_deref(),
            Some("recentSunburn")
        );
    }

    #[test]
    fn unknown_stored_status_is_a_conversion_error() {
        assert!(matches!(
            read_status("exploded".into(), None),
            Err(rusqlite::Error::FromSqlConversionFailure(4, _, _))
        ));
    }
}
