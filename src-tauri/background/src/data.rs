//! Where Needlewise keeps its files. The window and the background process must agree on
//! every name here, so both read them from this one place.

use std::path::{Path, PathBuf};

/// The app's identifier (tauri.conf.json): its data folder's name and its notification
/// identity.
pub const APP_ID: &str = "app.needlewise.desktop";

/// The database, in the data folder.
pub const DB_FILE: &str = "needlewise.db";

/// Locked by the running background process (never the database file: closing any
/// descriptor of that would drop SQLite's locks).
const LOCK_FILE: &str = "background.lock";

/// Locked by the running window process, so Quit in the tray knows to tell it.
const WINDOW_LOCK_FILE: &str = "window.lock";

/// Written by the background process as it quits, removed as it starts: how the window
/// tells a quit from a death (see `ending`).
const QUIT_MARK_FILE: &str = "background.quit";

/// The window's channel to the background process: a socket (Unix; mode 0600), or where
/// there is none the port and token of one on 127.0.0.1 (see `wake`).
#[cfg(unix)]
const SOCKET_FILE: &str = "background.sock";
#[cfg(not(unix))]
const SOCKET_FILE: &str = "background.port";

/// The data folder of one person's Needlewise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir(PathBuf);

impl DataDir {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DataDir(dir.into())
    }

    /// `--data-dir`, else `NEEDLEWISE_DATA_DIR`, else the platform's place for app data
    /// (the folder Tauri's `app_data_dir` names, so the window finds the same one).
    pub fn chosen(custom: Option<&Path>) -> Self {
        if let Some(dir) = custom {
            return DataDir::new(dir);
        }
        if let Some(dir) = std::env::var_os("NEEDLEWISE_DATA_DIR") {
            return DataDir::new(dir);
        }
        DataDir::new(
            platform_data_home()
                .map(|home| home.join(APP_ID))
                .unwrap_or_else(|| PathBuf::from(".needlewise")),
        )
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn db(&self) -> PathBuf {
        self.0.join(DB_FILE)
    }

    pub fn background_lock(&self) -> PathBuf {
        self.0.join(LOCK_FILE)
    }

    pub fn window_lock(&self) -> PathBuf {
        self.0.join(WINDOW_LOCK_FILE)
    }

    pub fn socket(&self) -> PathBuf {
        self.0.join(SOCKET_FILE)
    }

    pub fn quit_mark(&self) -> PathBuf {
        self.0.join(QUIT_MARK_FILE)
    }
}

/// `$XDG_DATA_HOME` or `~/.local/share` on Linux, `~/Library/Application Support` on
/// macOS, `%APPDATA%` on Windows.
fn platform_data_home() -> Option<PathBuf> {
    let env = |name| std::env::var_os(name).map(PathBuf::from);
    if cfg!(windows) {
        return env("APPDATA");
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library/Application Support"));
    }
    env("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| env("HOME").map(|h| h.join(".local/share")))
}
