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
        if let Err(e) = std::fs::create_dir_all(dir) {
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
