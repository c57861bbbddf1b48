//! All-or-nothing units of work on one connection.

use rusqlite::Connection;

use crate::error::CoreError;

/// What a unit of work will do; writers take the write lock up front.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum Intent {
    /// `BEGIN IMMEDIATE`: a deferred transaction that reads and then writes can fail with
    /// `SQLITE_BUSY` without waiting when another connection (the reminder loop) wrote in
    /// between; taking the write lock first makes the busy timeout apply instead.
    Write,
    /// `BEGIN`: a consistent snapshot for several reads.
    Read,
}

/// An open transaction, or a savepoint when one is already open (so repository methods
/// that need atomicity also work inside [`super::Store::transaction`]). Dropping it without
/// [`Atomic::commit`] rolls back, which covers early returns and panics alike.
pub(super) struct Atomic<'c> {
    conn: &'c Connection,
    nested: bool,
    finished: bool,
}

impl<'c> Atomic<'c> {
    pub(super) fn begin(conn: &'c Connection, intent: Intent) -> rusqlite::Result<Self> {
        let nested = !conn.is_autocommit();
        conn.execute_batch(match (nested, intent) {
            (true, _) => "SAVEPOINT needlewise",
            (false, Intent::Write) => "BEGIN IMMEDIATE",
            (false, Intent::Read) => "BEGIN DEFERRED",
        })?;
        Ok(Atomic {
            conn,
            nested,
            finished: false,
        })
    }

    pub(super) fn commit(mut self) -> rusqlite::Result<()> {
        self.conn.execute_batch(if self.nested {
            "RELEASE needlewise"
        } else {
            "COMMIT"
        })?;
        // Only now: if COMMIT failed, dropping `self` rolls back and frees the connection.
        self.finished = true;
        Ok(())
    }
}

impl Drop for Atomic<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let sql = if self.nested {
            "ROLLBACK TO needlewise; RELEASE needlewise"
        } else {
            "ROLLBACK"
        };
        // Nothing to report to from a destructor; if even ROLLBACK fails SQLite has already
        // rolled the transaction back itself (that is when ROLLBACK errors).
        let _ = self.conn.execute_batch(sql);
    }
}

/// Runs `f` as one unit: its writes all persist, or (on `Err` or panic) none do.
pub(super) fn atomic<T, E>(
    conn: &Connection,
    intent: Intent,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, E>
where
    E: From<CoreError>,
{
    let unit = Atomic::begin(conn, intent).map_err(|e| E::from(e.into()))?;
    let value = f()?;
    unit.commit().map_err(|e| E::from(e.into()))?;
    Ok(value)
}
