//! SQLite storage: one file per person, holding everything the routine logic reads.
//!
//! - **Opening** never harms a file that is not ours: an existing file is inspected
//!   read-only first, and a foreign, damaged or newer file is refused with its bytes (and
//!   the files beside it) exactly as they were. See [`Store::open`].
//! - **Locks**: SQLite's POSIX locks belong to the process, and closing *any* descriptor
//!   of the database file drops them all, letting another process delete the live WAL.
//!   So nothing but SQLite opens the database file while a connection may exist: first
//!   opens are serialised by a lock on `<file>.lock` beside it, and [`Store::close`]
//!   checkpoints on quitting.
//! - **Privacy**: the database is created with mode 0600 before SQLite touches it; SQLite
//!   gives its `-wal`/`-shm` files the database's mode, and backups are created 0600 too.
//! - **Schema**: numbered migrations ([`SCHEMA_VERSION`]), one transaction each, with a
//!   backup (`<file>.v<N>-backup`, see [`backup_path`]) before migrating a file with data.
//! - **Atomicity**: every multi-step write is one transaction, and
//!   [`Store::transaction`] groups several calls (e.g. the reminder loop's "is it
//!   recorded? send; record") into one.
//!
//! Repositories are small views borrowed from the store (`store.sessions().list()`), so
//! the same methods work inside [`Store::transaction`].

mod checkins;
mod codec;
mod files;
mod ledger;
mod outdoor;
mod photos;
mod products;
mod reservations;
mod routine;
mod schema;
mod session_refs;
mod sessions;
mod singletons;
mod snoozes;
mod tx;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use checkins::CheckInRepo;
pub(crate) use files::create_private;
pub use files::{backup_path, identity_of as file_identity, Identity as FileIdentity};
pub use ledger::{LedgerEntry, LedgerRepo, ReminderOutcome};
pub use outdoor::OutdoorDayRepo;
pub use photos::PhotoRepo;
pub use products::ProductRepo;
pub use reservations::ReservationRepo;
pub use routine::RoutineRepo;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use sessions::SessionRepo;
pub use singletons::{ProfileRepo, SettingsRepo, WizardProgress, WizardRepo};
pub use snoozes::SnoozeRepo;

use crate::error::{CoreError, Result};
use crate::state::RoutineState;
use tx::{atomic, Intent};

/// How long a statement waits for another connection's write lock (the reminder loop has
/// its own connection) before giving up with a storage error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Needlewise database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The opened file's identity, to notice it deleted or replaced while open.
    identity: Option<files::Identity>,
}

impl Store {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// A missing file is created with mode 0600. An existing file is first inspected
    /// read-only and refused, untouched, if it is damaged ([`CoreError::Damaged`]),
    /// another app's ([`CoreError::NotNeedlewise`]) or from a newer Needlewise
    /// ([`CoreError::NewerVersion`]). A 0-byte file counts as new.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_at_version(path, SCHEMA_VERSION)
    }

    /// [`Store::open`], migrating only up to `version`: how tests build files of earlier
    /// schema versions with the real migrations. Not for the app.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: i64) -> Result<Store> {
        // Opening and migrating is one step for every process and thread: another opener
        // waits here instead of inspecting a file that is half-way through its first
        // migration. (The lock is on a file beside the database, never the database
        // itself, whose descriptors must all belong to SQLite: see `files::lock_for_opening`.)
        let _opening = files::lock_for_opening(path)?;
        let created = match files::create_private(path) {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => return Err(e.into()),
        };
        if !created {
            files::inspect(path)?;
        }
        // The file is ours (or empty) from here on: make it private before SQLite opens
        // it, so the -wal/-shm files SQLite creates inherit 0600.
        files::restrict(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        files::classify(path, &conn)?;
        configure(&conn, true)?;
        for file in files::sidecars(path) {
            files::restrict(&file)?; // left wider by an older version or a copy
        }
        let backup = |from: i64| files::backup_to(&conn, &backup_path(path, from));
        schema::migrate(&conn, Some(&backup), version)?;
        Ok(Store {
            conn,
            identity: files::identity_of(path),
            path: Some(path.to_path_buf()),
        })
    }

    /// A fresh database in memory, fully migrated; for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        schema::migrate(&conn, None, SCHEMA_VERSION)?;
        Ok(Store {
            conn,
            path: None,
            identity: None,
        })
    }

    /// How many rows this connection has changed since it opened: a command that changed
    /// any has changed what reminders may be planned from.
    pub fn total_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Folds the WAL into the database file and closes the connection: called when the app
    /// quits, so the main file holds every commit by itself even while another connection
    /// (the reminder loop's) stays open until the process ends.
    pub fn close(self) -> Result<()> {
        if self.path.is_some() {
            // One row (busy, log, checkpointed); busy only means a reader kept some frames,
            // which stay safe in the WAL.
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        self.conn.close().map_err(|(_, e)| e.into())
    }

    /// Whether the file at this store's path is still the one it opened. A database
    /// deleted, moved or replaced while open would take every later write with it, into a
    /// file nobody can reach (issue 10, item 2). A `stat` of the path: no descriptor is
    /// opened on the database, so no lock is disturbed. Always true in memory, and where
    /// the platform gives no identity.
    pub fn same_file(&self) -> bool {
        match (&self.path, &self.identity) {
            (Some(path), Some(opened)) => files::identity_of(path).as_ref() == Some(opened),
            _ => true,
        }
    }

    /// The file behind this store; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(schema::user_version(&self.conn)?)
    }

    /// Runs `f` as one transaction: everything it does through the store (the `&Store` it
    /// is given is this one) commits together if it returns `Ok`, and is rolled back if it
    /// returns `Err` or panics. The write lock is taken up front, so a decision made from
    /// reads inside `f` still holds when its writes commit. Calls nest (as savepoints).
    pub fn transaction<T, E>(&self, f: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<CoreError>,
    {
        atomic(&self.conn, Intent::Write, || f(self))
    }

    /// Everything the routine logic reads, from one consistent snapshot; `None` before the
    /// wizard has stored a profile. Settings are the defaults until changed.
    pub fn load_state(&self) -> Result<Option<RoutineState>> {
        atomic(&self.conn, Intent::Read, || {
            let Some(profile) = self.profile().get()? else {
                return Ok(None);
            };
            let mut state = RoutineState::new(profile, self.settings().get()?);
            state.sessions = self.sessions().list()?;
            state.products = self.products().classified()?;
            state.checkins = self.checkins().list()?;
            state.outdoor_days = self.outdoor_days().list()?;
            let photos = self.photos();
            state.photo_days = photos.list()?.iter().map(|p| p.info.taken_on).collect();
            state.photo_days.extend(photos.taken_days()?);
            state.placements = self.routine().placements()?;
            state.ticks = self.routine().all_ticks()?;
            state.sort();
            Ok(Some(state))
        })
    }

    /// Copies the database to `dest` (mode 0600) with SQLite's online backup, consistent
    /// even while other connections write.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        files::backup_to(&self.conn, dest)
    }

    /// Deletes the person's routine data (profile, settings, sessions, check-ins, products
    /// and their placements, ticks, outdoor days, wizard draft) but keeps the reminder ledger, so nothing already sent
    /// is sent again. Used by import, inside its transaction.
    pub fn clear_routine_data(&self) -> Result<()> {
        self.transaction(|s| {
            s.conn.execute_batch(
                "DELETE FROM checkins; DELETE FROM sessions; DELETE FROM product_placements;
                 DELETE FROM products; DELETE FROM routine_ticks;
                 DELETE FROM outdoor_days; DELETE FROM wizard_progress;
                 DELETE FROM profile; DELETE FROM settings;",
            )?;
            Ok(())
        })
    }

    pub fn snoozes(&self) -> SnoozeRepo<'_> {
        SnoozeRepo { conn: &self.conn }
    }

    pub fn profile(&self) -> ProfileRepo<'_> {
        ProfileRepo { conn: &self.conn }
    }

    pub fn settings(&self) -> SettingsRepo<'_> {
        SettingsRepo { conn: &self.conn }
    }

    pub fn wizard(&self) -> WizardRepo<'_> {
        WizardRepo { conn: &self.conn }
    }

    pub fn sessions(&self) -> SessionRepo<'_> {
        SessionRepo { conn: &self.conn }
    }

    pub fn products(&self) -> ProductRepo<'_> {
        ProductRepo { conn: &self.conn }
    }

    pub fn checkins(&self) -> CheckInRepo<'_> {
        CheckInRepo { conn: &self.conn }
    }

    pub fn photos(&self) -> PhotoRepo<'_> {
        PhotoRepo { conn: &self.conn }
    }

    pub fn outdoor_days(&self) -> OutdoorDayRepo<'_> {
        OutdoorDayRepo { conn: &self.conn }
    }

    pub fn ledger(&self) -> LedgerRepo<'_> {
        LedgerRepo { conn: &self.conn }
    }

    pub fn routine(&self) -> RoutineRepo<'_> {
        RoutineRepo { conn: &self.conn }
    }

    pub fn reservations(&self) -> ReservationRepo<'_> {
        ReservationRepo { conn: &self.conn }
    }
}

/// Connection settings every connection needs, the reminder loop's included.
fn configure(conn: &Connection, on_disk: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if on_disk {
        // WAL lets the reminder loop read while the UI writes; NORMAL is durable across
        // app crashes in WAL mode (only an OS crash can lose the last commits).
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

#[cfg(test)]
mod tests;
