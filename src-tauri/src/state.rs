//! What the app holds while running: the database (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
}

impl StorageProblem {
    fn new(kind: ProblemKind, message: String, path: &Path) -> Self {
        StorageProblem {
            kind,
            message,
            advice: kind.advice(),
            can_set_aside: kind.can_set_aside(),
            path: path.display().to_string(),
        }
    }
}

pub struct AppState {
    pub db_path: PathBuf,
    store: Mutex<Result<Store, StorageProblem>>,
}

impl AppState {
    /// Opens the database at `db_path`; a failure is kept, never "fixed" by overwriting.
    pub fn open(db_path: PathBuf) -> Self {
        let store = open_store(&db_path);
        AppState {
            db_path,
            store: Mutex::new(store),
        }
    }

    pub fn problem(&self) -> Option<StorageProblem> {
        self.lock().as_ref().err().cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Result<Store, StorageProblem>> {
        // A panic in another command must not lock the person out of their data.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` with the open store.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> CommandResult<T>) -> CommandResult<T> {
        let guard = self.lock();
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
        if guard.is_err() {
            *guard = open_store(&self.db_path);
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
