//! What the app holds while running: the database (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use needlewise_core::store::Store;
use needlewise_core::CoreError;
use serde::Serialize;

use crate::error::{CommandError, CommandResult};

/// Why the database could not be opened; the UI offers to set the file aside.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageProblem {
    pub kind: &'static str,
    pub message: String,
    pub path: String,
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
        let closed = Err(StorageProblem {
            kind: "closed",
            message: "Needlewise is quitting".into(),
            path: self.db_path.display().to_string(),
        });
        if let Ok(store) = std::mem::replace(&mut *guard, closed) {
            if let Err(e) = store.close() {
                eprintln!("needlewise: the database was not closed cleanly: {e}");
            }
        }
    }

    /// Moves the unreadable file (and its -wal/-shm) aside under a dated name and starts
    /// an empty database. Returns where the old file went.
    pub fn set_aside(&self, stamp: &str) -> CommandResult<PathBuf> {
        let mut guard = self.lock();
        if guard.is_ok() {
            return Err(CoreError::Conflict(
                "your data opened normally; nothing to set aside".into(),
            )
            .into());
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
            return Err(StorageProblem {
                kind: "io",
                message: format!("could not create {}: {e}", dir.display()),
                path: path.display().to_string(),
            });
        }
    }
    Store::open(path).map_err(|e| StorageProblem {
        kind: e.kind(),
        message: e.to_string(),
        path: path.display().to_string(),
    })
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
