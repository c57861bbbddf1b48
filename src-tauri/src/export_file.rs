//! Export files, written whole or not at all (issue 10, item 4): where the person chooses
//! in the platform's save dialog, else (no dialog plugin, as in the IPC tests) under the
//! first free name in the export folder. Either way the bytes go to a private temporary
//! file beside the target, are fsynced, and only then take the target's name; the folder
//! is fsynced after. A failed write (a full disk) leaves nothing behind and says so.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use needlewise_core::CoreError;
use tauri::{Manager, Runtime};

use crate::error::CommandResult;

/// What is being exported, for the dialog.
pub struct ExportFile {
    pub title: &'static str,
    /// The suggested name without its extension.
    pub stem: String,
    pub ext: &'static str,
    /// The file type's name in the dialog's filter.
    pub kind: &'static str,
}

/// An export command's body: `make` the bytes (a panic in it answers the window as
/// `unexpected`), then save them as `file`.
pub fn export<R: Runtime>(
    app: &tauri::AppHandle<R>,
    command: &str,
    file: ExportFile,
    make: impl FnOnce() -> CommandResult<Vec<u8>>,
) -> CommandResult<Option<String>> {
    crate::guard::or_unexpected(command, || save(app, &file, &make()?))
}

/// The body of an export written as it is made (an archive of photos, too large to hold
/// in memory first): `write` fills the file; the rest is as [`export`].
pub fn export_streamed<R: Runtime>(
    app: &tauri::AppHandle<R>,
    command: &str,
    file: ExportFile,
    write: impl Fn(&mut File) -> io::Result<()>,
) -> CommandResult<Option<String>> {
    crate::guard::or_unexpected(command, || save_with(app, &file, &write))
}

/// Save `bytes` as `file`: the path written, or `None` when the person cancelled.
pub fn save<R: Runtime>(
    app: &tauri::AppHandle<R>,
    file: &ExportFile,
    bytes: &[u8],
) -> CommandResult<Option<String>> {
    save_with(app, file, &|f: &mut File| f.write_all(bytes))
}

type Writer<'a> = &'a dyn Fn(&mut File) -> io::Result<()>;

fn save_with<R: Runtime>(
    app: &tauri::AppHandle<R>,
    file: &ExportFile,
    bytes: Writer<'_>,
) -> CommandResult<Option<String>> {
    let dir = export_dir(app);
    let written = match choose(app, file, &dir) {
        Choice::Cancelled => return Ok(None),
        Choice::Chosen(path) => write_chosen(&path, bytes).map(|()| path),
        Choice::NoDialog => std::fs::create_dir_all(&dir)
            .and_then(|()| write_new_file(&dir, &file.stem, file.ext, bytes)),
    };
    let path = written.map_err(|e| {
        let why = format!("the export could not be written: {e}; nothing was left behind");
        CoreError::Io(io::Error::new(e.kind(), why))
    })?;
    Ok(Some(path.display().to_string()))
}

enum Choice {
    Chosen(PathBuf),
    Cancelled,
    NoDialog,
}

/// Ask with the platform's save dialog (it asks before replacing a file). It blocks, so
/// commands that call it are async: they run off the main thread, which shows it.
fn choose<R: Runtime>(app: &tauri::AppHandle<R>, file: &ExportFile, dir: &Path) -> Choice {
    use tauri_plugin_dialog::DialogExt;
    if app.try_state::<tauri_plugin_dialog::Dialog<R>>().is_none() {
        return Choice::NoDialog;
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(file.title)
        .set_file_name(format!("{}.{}", file.stem, file.ext))
        .add_filter(file.kind, &[file.ext]);
    if dir.is_dir() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window(crate::window::MAIN) {
        dialog = dialog.set_parent(&window);
    }
    match dialog.blocking_save_file().and_then(|p| p.into_path().ok()) {
        Some(path) => Choice::Chosen(path),
        None => Choice::Cancelled,
    }
}

/// Replace (or create) `path` with `bytes`, whole: the person chose this name, and the
/// dialog asked before replacing an existing file.
fn write_chosen(path: &Path, bytes: Writer<'_>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let (file, tmp) = create_temporary(dir, &name)?;
    let written = write_and_sync(file, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_dir(dir)
}

/// Where exports go: `NEEDLEWISE_EXPORT_DIR`, else the Downloads folder, else home.
pub fn export_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> PathBuf {
    if let Some(d) = std::env::var_os("NEEDLEWISE_EXPORT_DIR") {
        return PathBuf::from(d);
    }
    app.path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// Writes `bytes` to a private temporary file beside the target, fsyncs it, then gives it
/// the first free name and fsyncs the folder. The temporary file is removed on any failure.
fn write_new_file(dir: &Path, stem: &str, ext: &str, bytes: Writer<'_>) -> io::Result<PathBuf> {
    let (file, tmp) = create_temporary(dir, &format!("{stem}.{ext}"))?;
    let published = write_and_sync(file, bytes).and_then(|()| publish(&tmp, dir, stem, ext));
    // After publishing, the temporary name is a second link to the export (or gone).
    let _ = std::fs::remove_file(&tmp);
    let path = published?;
    if let Err(e) = sync_dir(dir) {
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(path)
}

/// Writes and fsyncs the file, then closes it (Windows cannot rename or remove a file
/// that is still open).
fn write_and_sync(mut file: File, write: Writer<'_>) -> io::Result<()> {
    write(&mut file)?;
    file.sync_all()
}

/// A new, empty, owner-only file named `.name.<pid>-<n>.part` in `dir`.
fn create_temporary(dir: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    // Exports hold the same personal data as the database: readable by the owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.{}-{n}.part", std::process::id()));
        match options.open(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many unfinished exports",
    ))
}

/// Gives the written `tmp` the first free name of `stem.ext`, `stem-2.ext`, … without ever
/// replacing a file: a hard link fails if the name exists. Where hard links are not
/// supported (some removable drives), the name is checked and then renamed to.
fn publish(tmp: &Path, dir: &Path, stem: &str, ext: &str) -> io::Result<PathBuf> {
    for n in 1..1000 {
        let path = dir.join(if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        });
        match std::fs::hard_link(tmp, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !exists(&path)? => return std::fs::rename(tmp, &path).map(|()| path),
            Err(_) => continue,
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("too many exports named {stem}"),
    ))
}

fn exists(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Makes the new name durable: a file's fsync does not cover the folder entry.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
