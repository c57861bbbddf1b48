//! The import file (issue 10, item 4): chosen in the platform's open dialog and read here,
//! never by the page, so its size is checked before a byte is read. What was read waits,
//! fully checked, until the person confirms; the confirmation names it by its token, so a
//! file chosen later can never be applied in place of the one the window described.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use needlewise_core::archive::{self, Chosen};
use needlewise_core::photo::PhotoFolder;
use needlewise_core::CoreError;
use serde::Serialize;
use tauri::Runtime;

use crate::error::{CommandError, CommandResult};

/// The checked file waiting for the person's confirmation (app state).
#[derive(Default)]
pub struct ChosenImport {
    next: AtomicU64,
    waiting: Mutex<Option<Waiting>>,
}

struct Waiting {
    token: u64,
    chosen: Chosen,
}

/// What the window shows before asking to replace everything.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub token: u64,
    pub name: String,
    pub exported_at: DateTime<Utc>,
    pub sessions: usize,
    pub products: usize,
    pub checkins: usize,
    pub photos: usize,
    /// Whether importing replaces the photos (an export from before photos leaves them be).
    pub replaces_photos: bool,
}

impl ChosenImport {
    /// Read and check `path`; on success it waits under a new token. Whatever waited before
    /// is forgotten first: choosing another file withdraws the window's earlier offer.
    pub fn read(&self, path: &Path, folder: &PhotoFolder) -> CommandResult<ImportPreview> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        *self.lock() = None;
        let chosen = archive::read(path, folder).map_err(|e| match e {
            CoreError::Invalid { field, message } => CoreError::Invalid {
                field,
                message: format!("“{name}”: {message}"),
            },
            other => other,
        })?;
        let token = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let export = &chosen.export;
        let preview = ImportPreview {
            token,
            name,
            exported_at: export.exported_at,
            sessions: export.sessions.len(),
            products: export.products.len(),
            checkins: export.checkins.len(),
            photos: chosen.photos(),
            replaces_photos: export.carries_photos(),
        };
        *self.lock() = Some(Waiting { token, chosen });
        Ok(preview)
    }

    /// Apply the waiting file if `token` names it; it stays waiting if `apply` fails, so
    /// the person can try again after, say, freeing disk space.
    pub fn apply<T>(
        &self,
        token: u64,
        apply: impl FnOnce(&mut Chosen) -> CommandResult<T>,
    ) -> CommandResult<T> {
        let mut waiting = self.lock();
        let chosen = match waiting.as_mut() {
            Some(w) if w.token == token => &mut w.chosen,
            _ => {
                return Err(CommandError::Core(CoreError::Conflict(
                    "that file is no longer the one chosen for import; choose it again".into(),
                )))
            }
        };
        let done = apply(chosen)?;
        *waiting = None;
        Ok(done)
    }

    /// The person cancelled: forget the file.
    pub fn forget(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Waiting>> {
        // The value is replaced whole, so a panic elsewhere cannot leave it half-written.
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Ask with the platform's open dialog, starting in the export folder. `None` when the
/// person closed it. It blocks, so the command calling it is async.
pub fn choose<R: Runtime>(app: &tauri::AppHandle<R>) -> CommandResult<Option<PathBuf>> {
    let dir = crate::export_file::export_dir(app);
    crate::open_dialog::pick(
        app,
        crate::open_dialog::Pick {
            title: "Choose a Needlewise export to import",
            filter: "Needlewise export",
            extensions: &["tar", "json"],
            start_in: Some(&dir),
        },
    )
}
