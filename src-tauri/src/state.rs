//! What the app holds while running: the database (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use needlewise_core::store::Store;
use needlewise_core::CoreError;
use serde::Serialize;

use crate::error::{CommandError, CommandResult};

/// What kind of trouble opening the database was: it decides what the storage screen
/// offers (issue 10, item 12). Only a file that is itself unusable may be set aside; a
/// lock, a permission or a full disk is fixed outside Needlewise and then tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProblemKind {
    /// Not a database, or damaged: keep it aside and start fresh, or try again.
    Damaged,
    /// Another program's database where ours should be: keep it aside, or try again.
    NotNeedlewise,
    /// Written by a newer Needlewise: update the app; setting it aside would hide the data.
    NewerVersion,
    /// Another program holds the file.
    Locked,
    /// The file or its folder cannot be read or written by this user.
    Permission,
    /// No room to open it.
    DiskFull,
    /// Anything else the system refused.
    Other,
    /// The file was deleted, moved or replaced while open; what the app had is saved in
    /// a new file beside it.
    FileGone,
    /// The app is quitting.
    Closed,
}

impl ProblemKind {
    fn of(e: &CoreError) -> Self {
        use needlewise_core::error::Trouble;
        match e.trouble() {
            Trouble::Damaged => ProblemKind::Damaged,
            Trouble::NotNeedlewise => ProblemKind::NotNeedlewise,
            Trouble::NewerVersion => ProblemKind::NewerVersion,
            Trouble::Locked => ProblemKind::Locked,
            Trouble::Permission => ProblemKind::Permission,
            Trouble::DiskFull => ProblemKind::DiskFull,
            Trouble::Other => ProblemKind::Other,
        }
    }

    /// What the person can do about it, said once here for the screen.
    fn advice(self) -> &'static str {
        match self {
            ProblemKind::Damaged => "The file is not one Needlewise can read. You can keep it aside (it is moved next to where it is, under a new name, and never deleted) and start a fresh setup, or try again if you have put a good copy back.",
            ProblemKind::NotNeedlewise => "This is another program's database, not Needlewise's. You can keep it aside (it is moved next to where it is, under a new name, and never deleted) and start a fresh setup, or put Needlewise's own file back and try again.",
            ProblemKind::NewerVersion => "Install the newer version of Needlewise that wrote this file, then open it again. Nothing was changed.",
            ProblemKind::Locked => "Another program is using the file, such as a backup or sync tool or a second copy of Needlewise. Close it, then try again.",
            ProblemKind::Permission => "Needlewise is not allowed to read or write the file or its folder. Give your user account access to them, then try again.",
            ProblemKind::DiskFull => "The disk is full. Free some space, then try again.",
            ProblemKind::Other => "The system refused to open the file. Check the folder is there and reachable (an unplugged drive, say), then try again.",
            ProblemKind::FileGone => "Your data file was moved, renamed or deleted while Needlewise was open. Everything Needlewise had is saved in the file shown below, so nothing is lost: put it back to go on. If you put another data file in its place on purpose, try again to open that one.",
            ProblemKind::Closed => "Needlewise is quitting.",
        }
    }

    fn can_set_aside(self) -> bool {
        matches!(self, ProblemKind::Damaged | ProblemKind::NotNeedlewise)
    }
}

/// Why the database could not be opened, and what the storage screen offers.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageProblem {
    pub kind: ProblemKind,
    pub message: String,
    pub advice: &'static str,
    pub can_set_aside: bool,
    pub path: String,
    /// Where the data was saved when the file went away ([`ProblemKind::FileGone`]).
    pub recovered: Option<String>,
}

impl StorageProblem {
    fn new(kind: ProblemKind, message: String, path: &Path) -> Self {
        StorageProblem {
            kind,
            message,
            advice: kind.advice(),
            can_set_aside: kind.can_set_aside(),
            path: path.display().to_string(),
            recovered: None,
        }
    }
}

pub struct AppState {
    pub db_path: PathBuf,
    store: Mutex<Result<Store, StorageProblem>>,
    /// Shared with the reminder loop: keeps its connection closed while the file is gone.
    pub gate: Arc<LoopGate>,
}

/// Keeps the reminder loop's connection closed while the database file is gone: a
/// connection to the old file, closed after a new one is put in place, would delete the
/// new file's WAL by name.
#[derive(Default)]
pub struct LoopGate {
    hold: AtomicBool,
    closed: Mutex<bool>,
    changed: Condvar,
}

impl LoopGate {
    pub fn held(&self) -> bool {
        self.hold.load(Ordering::SeqCst)
    }

    fn hold(&self) {
        self.hold.store(true, Ordering::SeqCst);
    }

    fn release(&self) {
        self.hold.store(false, Ordering::SeqCst);
        *self.closed.lock().unwrap_or_else(|p| p.into_inner()) = false;
    }

    /// The loop says its connection is closed (or open again).
    pub fn set_closed(&self, closed: bool) {
        *self.closed.lock().unwrap_or_else(|p| p.into_inner()) = closed;
        self.changed.notify_all();
    }

    /// Wait until the loop has closed its connection; `false` if it did not within `limit`.
    fn wait_closed(&self, limit: std::time::Duration) -> bool {
        let closed = self.closed.lock().unwrap_or_else(|p| p.into_inner());
        let (closed, _) = self
            .changed
            .wait_timeout_while(closed, limit, |c| !*c)
            .unwrap_or_else(|p| p.into_inner());
        *closed
    }
}

impl AppState {
    /// Opens the database at `db_path`; a failure is kept, never "fixed" by overwriting.
    pub fn open(db_path: PathBuf) -> Self {
        let store = open_store(&db_path);
        AppState {
            db_path,
            store: Mutex::new(store),
            gate: Arc::default(),
        }
    }

    pub fn problem(&self) -> Option<StorageProblem> {
        let mut guard = self.lock();
        let _ = self.guard_file(&mut guard);
        guard.as_ref().err().cloned()
    }

    /// Check the open file is still where it was (issue 10, item 2). If it was deleted,
    /// moved or replaced, save everything the connection still holds to a new file beside
    /// it, close the connection, and refuse this command: a write now would vanish with the
    /// old file.
    fn guard_file(&self, guard: &mut Result<Store, StorageProblem>) -> CommandResult<()> {
        let Ok(store) = guard.as_ref() else {
            return Ok(());
        };
        if store.same_file() {
            return Ok(());
        }
        self.gate.hold();
        let stamp = crate::clock::now().format("%Y%m%dT%H%M%SZ").to_string();
        let copy = sidecar(&self.db_path, &format!(".recovered-{stamp}"));
        let mut problem = match store.backup_to(&copy) {
            Ok(()) => {
                let mut p = StorageProblem::new(
                    ProblemKind::FileGone,
                    "Your data file is no longer where Needlewise opened it".into(),
                    &self.db_path,
                );
                p.recovered = Some(copy.display().to_string());
                p
            }
            Err(e) => StorageProblem::new(
                ProblemKind::FileGone,
                format!(
                    "Your data file is no longer where Needlewise opened it, and a copy could not be saved ({}). Keep Needlewise open and free some space, then try again",
                    e.kind()
                ),
                &self.db_path,
            ),
        };
        problem.can_set_aside = false;
        let message = problem.message.clone();
        *guard = Err(problem); // closes the connection to the old file
        Err(CommandError::FileGone(message))
    }

    /// Put the copy saved when the file went away back in its place, and open it.
    pub fn restore(&self) -> CommandResult<()> {
        let mut guard = self.lock();
        let recovered = match guard.as_ref() {
            Err(p) => p.recovered.clone().map(PathBuf::from),
            Ok(_) => None,
        };
        let Some(recovered) = recovered else {
            return Err(CoreError::Conflict("there is no saved copy to put back".into()).into());
        };
        if self.db_path.exists() {
            return Err(CoreError::Conflict(format!(
                "another file is now at {}. Move it away first, or choose Try again to open it",
                self.db_path.display()
            ))
            .into());
        }
        if !self.gate.wait_closed(std::time::Duration::from_secs(10)) {
            return Err(CoreError::Conflict(
                "reminders are still using the old file; try again in a moment".into(),
            )
            .into());
        }
        // What the old file left beside its name belongs to it, not to the copy.
        for ext in ["-wal", "-shm"] {
            let side = sidecar(&self.db_path, ext);
            if side.exists() {
                std::fs::rename(&side, sidecar(&recovered, &format!("{ext}-old")))
                    .map_err(CoreError::from)?;
            }
        }
        std::fs::rename(&recovered, &self.db_path).map_err(CoreError::from)?;
        *guard = open_store(&self.db_path);
        match guard.as_ref() {
            Ok(_) => {
                self.gate.release();
                Ok(())
            }
            Err(p) => Err(CommandError::StorageUnavailable(p.message.clone())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Result<Store, StorageProblem>> {
        // A panic in another command must not lock the person out of their data.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` with the open store.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> CommandResult<T>) -> CommandResult<T> {
        let mut guard = self.lock();
        self.guard_file(&mut guard)?;
        match guard.as_ref() {
            Ok(store) => f(store),
            Err(p) => Err(CommandError::StorageUnavailable(p.message.clone())),
        }
    }

    /// Checkpoints and closes the database as the app quits, so the file on disk holds
    /// every commit by itself. Commands after this get "storage unavailable".
    pub fn close(&self) {
        let mut guard = self.lock();
        let closed = Err(StorageProblem::new(
            ProblemKind::Closed,
            "Needlewise is quitting".into(),
            &self.db_path,
        ));
        if let Ok(store) = std::mem::replace(&mut *guard, closed) {
            if let Err(e) = store.close() {
                eprintln!("needlewise: the database was not closed cleanly: {e}");
            }
        }
    }

    /// Tries to open the database again (after the person closed the program holding it,
    /// freed space, fixed permissions). `Ok` when it opened; the new problem otherwise.
    pub fn retry(&self) -> Result<(), StorageProblem> {
        let mut guard = self.lock();
        if let Err(p) = guard.as_ref() {
            // With nothing in the file's place, opening would start an empty database
            // beside the saved copy: the person puts the copy back instead.
            if p.kind == ProblemKind::FileGone
                && (!self.db_path.exists()
                    || !self.gate.wait_closed(std::time::Duration::from_secs(10)))
            {
                return Err(p.clone());
            }
            let recovered = p.recovered.clone();
            *guard = open_store(&self.db_path);
            if let Err(p) = guard.as_mut() {
                // Keep offering the saved copy until the person has used it.
                p.recovered = p.recovered.take().or(recovered);
            }
        }
        if guard.is_ok() {
            self.gate.release();
        }
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Moves the unreadable file (and its -wal/-shm) aside under a dated name and starts
    /// an empty database. Returns where the old file went.
    pub fn set_aside(&self, stamp: &str) -> CommandResult<PathBuf> {
        let mut guard = self.lock();
        match guard.as_ref() {
            Ok(_) => {
                return Err(CoreError::Conflict(
                    "your data opened normally; nothing to set aside".into(),
                )
                .into())
            }
            Err(p) if !p.can_set_aside => {
                return Err(CoreError::Conflict(format!(
                    "this file is not damaged, so it is not set aside: {}",
                    p.advice
                ))
                .into())
            }
            Err(_) => {}
        }
        let aside = aside_path(&self.db_path, stamp);
        std::fs::rename(&self.db_path, &aside).map_err(CoreError::from)?;
        for ext in ["-wal", "-shm"] {
            let side = sidecar(&self.db_path, ext);
            if side.exists() {
                std::fs::rename(&side, sidecar(&aside, ext)).map_err(CoreError::from)?;
            }
        }
        *guard = open_store(&self.db_path);
        match guard.as_ref() {
            Ok(_) => Ok(aside),
            Err(p) => Err(CommandError::StorageUnavailable(p.message.clone())),
        }
    }
}

fn sidecar(path: &Path, ext: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}

fn aside_path(path: &Path, stamp: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".set-aside-{stamp}"));
    PathBuf::from(s)
}

fn open_store(path: &Path) -> Result<Store, StorageProblem> {
    if let Some(dir) = path.parent() {
        if let Err(e) = create_private_dir(dir) {
            return Err(StorageProblem::new(
                ProblemKind::of(&CoreError::Io(e)),
                format!("the folder {} could not be created", dir.display()),
                path,
            ));
        }
    }
    Store::open(path).map_err(|e| StorageProblem::new(ProblemKind::of(&e), e.to_string(), path))
}

/// Creates the data folder (and missing parents) readable by its owner only: it holds
/// health data. An existing folder is left as it is (`--data-dir` may name any folder).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_offers_what_fits_it() {
        let sqlite = |code| {
            CoreError::Storage(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let kind = |e: &CoreError| ProblemKind::of(e);
        assert_eq!(
            kind(&sqlite(rusqlite::ffi::SQLITE_BUSY)),
            ProblemKind::Locked
        );
        assert_eq!(
            kind(&sqlite(rusqlite::ffi::SQLITE_FULL)),
            ProblemKind::DiskFull
        );
        assert_eq!(
            kind(&sqlite(rusqlite::ffi::SQLITE_PERM)),
            ProblemKind::Permission
        );
        assert_eq!(
            kind(&sqlite(rusqlite::ffi::SQLITE_NOTADB)),
            ProblemKind::Damaged
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(kind(&CoreError::Io(denied)), ProblemKind::Permission);
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(kind(&CoreError::Io(full)), ProblemKind::DiskFull);
        for k in [
            ProblemKind::Locked,
            ProblemKind::Permission,
            ProblemKind::DiskFull,
            ProblemKind::NewerVersion,
        ] {
            assert!(!k.can_set_aside(), "{k:?}");
        }
        assert!(ProblemKind::Damaged.can_set_aside());
    }

    /// Quitting folds the WAL into the database although the reminder loop's connection
    /// stays open until the process ends, and later commands are refused, not lost.
    #[test]
    fn closing_checkpoints_and_refuses_later_commands() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("needlewise.db");
        let state = AppState::open(db.clone());
        let reminders = Store::open(&db).unwrap();
        state
            .with_store(|s| Ok(s.settings().save(&Default::default())?))
            .unwrap();
        state.close();
        let wal = dir.path().join("data").join("needlewise.db-wal");
        assert_eq!(std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0), 0);
        let refused = state.with_store(|_| Ok(())).unwrap_err();
        assert_eq!(refused.kind(), "storageUnavailable");
        drop(reminders);
    }
}
