//! The platform's open dialog, called from Rust only (the window is granted none of the
//! dialog plugin's commands). It blocks, so commands calling it are async.

use std::path::{Path, PathBuf};

use needlewise_core::CoreError;
use tauri::{Manager, Runtime};

use crate::error::{CommandError, CommandResult};

/// What to ask for.
pub struct Pick<'a> {
    pub title: &'a str,
    pub filter: &'a str,
    pub extensions: &'a [&'a str],
    /// Where to start, if it exists.
    pub start_in: Option<&'a Path>,
}

/// The chosen file, or `None` when the person closed the dialog.
pub fn pick<R: Runtime>(
    app: &tauri::AppHandle<R>,
    what: Pick<'_>,
) -> CommandResult<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    if app.try_state::<tauri_plugin_dialog::Dialog<R>>().is_none() {
        return Err(CommandError::Core(CoreError::Conflict(
            "no file dialog is available to choose a file with".into(),
        )));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(what.title)
        .add_filter(what.filter, what.extensions);
    if let Some(dir) = what.start_in.filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window(crate::window::MAIN) {
        dialog = dialog.set_parent(&window);
    }
    Ok(dialog.blocking_pick_file().and_then(|p| p.into_path().ok()))
}
