//! The schema, as numbered migrations.
//!
//! `PRAGMA user_version` is the number of migrations applied; `PRAGMA application_id`
//! marks the file as Needlewise's so another app's database is never mistaken for ours.
//! Migrations are only ever appended: a released one is never edited, because files in
//! the wild were built by it.

use rusqlite::Connection;

use super::tx::{Atomic, Intent};
use crate::error::{CoreError, Result};

/// "NWLS" in ASCII: the `application_id` of every Needlewise database.
pub const APPLICATION_ID: i32 = 0x4E57_4C53;

/// Migration `i` takes a file from schema version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7];

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: everything the routine needs. Enums are their serde names, dates
/// `YYYY-MM-DD`, times `HH:MM:SS`, instants RFC 3339; the two single-row tables hold JSON
/// because their shape belongs to the core types, not to SQL.
const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('app', 'needlewise');

CREATE TABLE profile (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);

CREATE TABLE settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);

CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL,
    date               TEXT NOT NULL,
    time               TEXT NOT NULL,
    status             TEXT NOT NULL,
    postpone_condition TEXT,
    consult_cleared    INTEGER NOT NULL DEFAULT 0 CHECK (consult_cleared IN (0, 1)),
    note               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_start ON sessions (date, time, id);

CREATE TABLE products (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    inci    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE checkins (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    day        INTEGER NOT NULL,
    redness    TEXT NOT NULL,
    irritation TEXT NOT NULL,
    flags      TEXT NOT NULL DEFAULT '{}',
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, day)
);

-- One row per reminder occurrence; the primary key is what makes 'send once' hold even
-- when two processes decide to send the same occurrence.
CREATE TABLE reminder_ledger (
    key           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    date          TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('sent', 'missed')),
    scheduled_for TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX reminder_ledger_by_date ON reminder_ledger (date);
";

/// Version 2: the wizard can resume where it was left, and days outdoors are remembered.
const V2: &str = "
CREATE TABLE wizard_progress (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    step  INTEGER NOT NULL CHECK (step >= 0),
    draft TEXT NOT NULL
);

CREATE TABLE outdoor_days (
    date TEXT PRIMARY KEY
) WITHOUT ROWID;
";

/// Version 3: reminders snoozed from a notification or the app, to fire once more later.
const V3: &str = "
CREATE TABLE snoozes (
    key      TEXT PRIMARY KEY,
    original TEXT NOT NULL,
    date     TEXT NOT NULL,
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    fire_at  TEXT NOT NULL
) WITHOUT ROWID;
";

/// Version 4: reminders reserved before they are shown, so no write lock is held while a
/// notification service is called (it may hang), yet no second pass sends them meanwhile.
const V4: &str = "
CREATE TABLE reminder_reservations (
    key         TEXT PRIMARY KEY,
    reserved_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// Version 5: progress photos (GUIDANCE §7). The pictures are files named by `id` in the
/// `photos/` folder beside the database; the row holds what the person said about them.
const V5: &str = "
CREATE TABLE photos (
    id       INTEGER PRIMARY KEY,
    taken_on TEXT NOT NULL,
    area     TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    width    INTEGER NOT NULL CHECK (width > 0),
    height   INTEGER NOT NULL CHECK (height > 0)
);
CREATE INDEX photos_by_area ON photos (area, taken_on, id);
";

/// Version 6: the everyday routine (issue 14): each product's step, usage and order within
/// its step, and the steps ticked as done each day. Weekdays are a bit mask, Monday = bit 0.
const V6: &str = "
CREATE TABLE product_placements (
    product_id INTEGER PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    step       TEXT NOT NULL,
    used       TEXT NOT NULL CHECK (used IN ('am', 'pm', 'both')),
    weekdays   INTEGER NOT NULL DEFAULT 127 CHECK (weekdays BETWEEN 1 AND 127),
    position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0)
);

CREATE TABLE routine_ticks (
    date TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('am', 'pm')),
    step TEXT NOT NULL,
    PRIMARY KEY (date, part, step)
) WITHOUT ROWID;
";

/// Version 7: days a progress photo was said to be taken ("Done" on the photo reminder),
/// perhaps with a phone and not added yet: the next reminder counts from them.
const V7: &str = "
CREATE TABLE photos_taken (
    taken_on TEXT PRIMARY KEY
) WITHOUT ROWID;
";

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Applies the missing migrations up to `target`, each in its own transaction. A file
/// that already held data when opened (version ≥ 1) is backed up before each step, by
/// `backup(version)`; a file being created is not, as there is nothing in it to lose.
/// The caller says how to back up (see `files::backup_to`), so the schema knows SQL only
/// and `files`, which reads the schema's identity, is not needed here.
/// The version is re-read inside the write lock, so two processes opening the same file
/// at once apply each migration exactly once.
pub(super) fn migrate(
    conn: &Connection,
    backup: Option<&dyn Fn(i64) -> Result<()>>,
    target: i64,
) -> Result<()> {
    let target = target.min(SCHEMA_VERSION);
    let had_data = user_version(conn)? >= 1;
    loop {
        let version = user_version(conn)?;
        if version >= target {
            return Ok(());
        }
        if let (Some(backup), true) = (backup, had_data) {
            backup(version)?;
        }
        let unit = Atomic::begin(conn, Intent::Write)?;
        if user_version(conn)? != version {
            continue; // someone else migrated meanwhile; dropping `unit` ends the transaction
        }
        let sql = usize::try_from(version)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
            .ok_or_else(|| CoreError::Conflict(format!("no migration from schema {version}")))?;
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "user_version", version + 1)?;
        unit.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_in_order_and_sets_identity() {
        let conn = Connection::open_in_memory().unwrap();
        for v in 1..=SCHEMA_VERSION {
            migrate(&conn, None, v).unwrap();
            assert_eq!(user_version(&conn).unwrap(), v);
        }
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
        // Re-running is a no-op.
        migrate(&conn, None, SCHEMA_VERSION).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, None, 1).unwrap();
        // Make migration 2 fail halfway: its second table already exists.
        conn.execute_batch("CREATE TABLE outdoor_days (x)").unwrap();
        assert!(migrate(&conn, None, 2).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let wizard: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'wizard_progress'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(wizard, 0, "the first half of migration 2 was rolled back");
        assert!(conn.is_autocommit());
    }
}
