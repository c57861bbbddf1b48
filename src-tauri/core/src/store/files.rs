//! The database file on disk: creating it privately, telling whether an existing file is
//! ours before anything writes to it, and backups.
//!
//! The rule is "look before you touch": an existing file is read with a read-only
//! connection first, and only a file that is ours (or empty) is ever opened read-write.
//! A read-only SQLite connection on a WAL database still creates `-wal`/`-shm` files when
//! they are missing, so when none exist the inspection opens the file `immutable`, which
//! reads the main file only and creates nothing.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::schema::{APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{CoreError, Result};

/// Every SQLite 3 file starts with these 16 bytes.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The database header is the first 100 bytes.
const HEADER_LEN: usize = 100;

/// The files SQLite keeps beside a database while it is in use or after a crash.
pub(super) fn sidecars(db: &Path) -> [PathBuf; 3] {
    [
        with_suffix(db, "-wal"),
        with_suffix(db, "-shm"),
        with_suffix(db, "-journal"),
    ]
}

/// `db` with `suffix` appended to its file name (`app.db` → `app.db-wal`).
pub(super) fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Where the copy taken before migrating a file away from `version` goes:
/// `<file>.v<version>-backup` beside the database (e.g. `needlewise.db.v1-backup`).
pub fn backup_path(db: &Path, version: i64) -> PathBuf {
    with_suffix(db, &format!(".v{version}-backup"))
}

/// Creates `path` empty and readable by its owner only, failing if it exists. SQLite would
/// create it with 0644, and its `-wal`/`-shm` files copy the database's mode, so setting
/// the mode here, before SQLite opens it, keeps every file of the database private.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Narrows an existing file to owner-only access (files from older versions or copied in
/// by hand may be wider). Missing files are fine: SQLite may not have created them yet.
pub(super) fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                let mode = meta.permissions().mode() & 0o700;
                fs::set_permissions(path, fs::Permissions::from_mode(mode))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Decides, without writing anything, whether the existing file at `path` may be opened
/// read-write: it must be empty, or a healthy Needlewise database no newer than this code.
pub(super) fn inspect(path: &Path) -> Result<()> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file", path.display()),
        )
        .into());
    }
    let in_use = sidecars(path).iter().any(|p| p.exists());
    if meta.len() == 0 && !in_use {
        // SQLite treats a 0-byte file as an empty database: nothing to lose.
        return Ok(());
    }
    // The header is read directly only when no connection can have the file open (a WAL
    // connection always has its -wal and -shm beside it; other openers wait for our lock):
    // closing that descriptor would drop this process's SQLite locks on the file. A file
    // in use is left to SQLite, whose own descriptors keep the locks.
    if meta.len() > 0 && !in_use {
        check_header(path)?;
    }
    let conn = open_read_only(path, !in_use).map_err(|e| damaged_or(path, e))?;
    classify(path, &conn)?;
    quick_check(&conn).map_err(|detail| damaged(path, detail))
}

/// Ours (or an empty database), at a version this code knows; read through `conn`
/// without writing. [`inspect`] calls it on its read-only connection, and
/// [`super::Store::open`] again on the read-write one before anything is written, in case
/// the file changed in between or the inspection saw a main file behind its `-wal`.
pub(super) fn classify(path: &Path, conn: &Connection) -> Result<()> {
    let (app_id, version, objects) = identity(conn).map_err(|e| damaged_or(path, e))?;
    let empty = app_id == 0 && version == 0 && objects == 0;
    if app_id != APPLICATION_ID && !empty {
        return Err(CoreError::NotNeedlewise { path: shown(path) });
    }
    if version > SCHEMA_VERSION {
        return Err(CoreError::NewerVersion {
            path: shown(path),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 0 {
        return Err(damaged(path, format!("schema version {version}")));
    }
    Ok(())
}

/// Rejects files that are not SQLite at all (random bytes, a truncated file, an
/// overwritten header) with a message that says so, before SQLite sees them. Opens the
/// database with std::fs, so only for a file no connection has open (see [`inspect`]).
fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; HEADER_LEN];
    let mut file = File::open(path)?;
    match file.read_exact(&mut header) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            return Err(damaged(path, "too short to be a database".into()))
        }
        Err(e) => return Err(e.into()),
    }
    if &header[..MAGIC.len()] != MAGIC {
        return Err(damaged(path, "not an SQLite database".into()));
    }
    Ok(())
}

/// A read-only connection. `immutable` makes SQLite read the main file alone and create
/// nothing beside it; it is used only when no `-wal`/`-shm`/`-journal` exists, i.e. when
/// the main file is the whole database.
fn open_read_only(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if immutable {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    // Another process may be migrating the file right now: wait for it like a writer would.
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    Ok(conn)
}

/// application_id, user_version and the number of schema objects (tables, indexes, …).
/// Read in one read transaction, so all three come from the same snapshot: another
/// process migrating the file at that moment is seen either before or after, never half-way.
fn identity(conn: &Connection) -> rusqlite::Result<(i32, i64, i64)> {
    let snapshot = conn.unchecked_transaction()?;
    let app_id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    snapshot.finish()?;
    Ok((app_id, version, objects))
}

/// `PRAGMA quick_check`: cheap enough for a personal database, and it catches overwritten
/// pages that opening alone would not notice until some later query.
fn quick_check(conn: &Connection) -> std::result::Result<(), String> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(()),
        Ok(lines) => Err(lines.join("; ")),
        Err(e) => Err(e.to_string()),
    }
}

/// Corruption reported by SQLite is [`CoreError::Damaged`]; anything else (permissions,
/// locks) stays a storage error, because the file itself may be fine.
fn damaged_or(path: &Path, e: rusqlite::Error) -> CoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => damaged(path, e.to_string()),
        _ => CoreError::Storage(e),
    }
}

fn damaged(path: &Path, detail: String) -> CoreError {
    CoreError::Damaged {
        path: shown(path),
        detail,
    }
}

pub(super) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A `file:` URI for `path` with `mode=ro&immutable=1`; every byte outside the unreserved
/// set is percent-encoded so names with `?`, `#` or `%` survive.
fn immutable_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes: Vec<u8> = {
        let s = path.to_string_lossy().replace('\\', "/");
        // "C:/x" must become "file:///C:/x".
        if s.as_bytes().get(1) == Some(&b':') {
            format!("/{s}").into_bytes()
        } else {
            s.into_bytes()
        }
    };
    let mut uri = String::from(if bytes.first() == Some(&b'/') {
        "file://"
    } else {
        "file:"
    });
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (cfg!(windows) && b == b':') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// Copies the database behind `conn` into `dest` with SQLite's online backup, so the copy
/// is consistent even while other connections write. The copy is written to a private
/// temporary file and renamed into place, so `dest` is never a half-written database.
pub(super) fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let tmp = with_suffix(dest, ".tmp");
    match fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    drop(create_private(&tmp)?);
    let copied = copy_into(conn, &tmp);
    if let Err(e) = copied {
        // Best effort: the error that matters is the copy's.
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    fs::rename(&tmp, dest)?;
    Ok(())
}

fn copy_into(conn: &Connection, tmp: &Path) -> rusqlite::Result<()> {
    let mut dst = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut dst)?;
        backup.run_to_completion(256, Duration::from_millis(20), None)?;
    }
    // A self-contained single file: no -wal needed to read the copy.
    dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))?;
    dst.close().map_err(|(_, e)| e)
}

/// Held while a store is opened and migrated; released (and its file removed) on drop.
pub(super) struct OpeningLock {
    #[cfg(unix)]
    held: Option<(File, PathBuf)>,
}

/// An exclusive advisory lock (flock) on `<db>.lock`, a private file beside the database.
///
/// Never on the database file itself: closing *any* descriptor of the database releases
/// every POSIX lock this process holds on it, SQLite's included, and another process can
/// then delete the live `-wal`. The lock file is removed again on release, so nothing is
/// left beside the database; a waiter that wakes on a removed file tries again. On other
/// systems the migration's write transaction is the only guard.
pub(super) fn lock_for_opening(path: &Path) -> Result<OpeningLock> {
    #[cfg(unix)]
    {
        let lock_path = with_suffix(path, ".lock");
        loop {
            let file = open_lock_file(&lock_path)?;
            file.lock()?;
            if still_at(&file, &lock_path)? {
                return Ok(OpeningLock {
                    held: Some((file, lock_path)),
                });
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(OpeningLock {})
    }
}

#[cfg(unix)]
fn open_lock_file(lock_path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(lock_path)
}

/// Whether the locked `file` is still the one at `lock_path` (the previous holder removes
/// it just before unlocking).
#[cfg(unix)]
fn still_at(file: &File, lock_path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let held = file.metadata()?;
    match fs::metadata(lock_path) {
        Ok(now) => Ok(now.dev() == held.dev() && now.ino() == held.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
impl Drop for OpeningLock {
    fn drop(&mut self) {
        if let Some((file, lock_path)) = self.held.take() {
            // Removed while still locked, so the next opener can never share a file
            // with a waiter that has not yet noticed.
            let _ = fs::remove_file(&lock_path);
            drop(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_query_characters() {
        let uri = immutable_uri(Path::new("/tmp/a b?c#d%e.db"));
        assert_eq!(uri, "file:///tmp/a%20b%3Fc%23d%25e.db?mode=ro&immutable=1");
        assert_eq!(
            immutable_uri(Path::new("rel/x.db")),
            "file:rel/x.db?mode=ro&immutable=1"
        );
    }

    #[test]
    fn suffixes_append_to_the_file_name() {
        assert_eq!(
            with_suffix(Path::new("/d/app.db"), "-wal"),
            PathBuf::from("/d/app.db-wal")
        );
    }

    #[test]
    fn backup_names_carry_the_old_version() {
        assert_eq!(
            backup_path(Path::new("/d/needlewise.db"), 1),
            PathBuf::from("/d/needlewise.db.v1-backup")
        );
    }
}

/// What identifies a file whatever its name: device and inode on Unix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity(u64, u64);

/// The identity of the file at `path` now (`stat`, following no descriptor); `None` when
/// nothing is there, or where the platform does not say (there, open files cannot be
/// deleted or replaced anyway).
pub fn identity_of(path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| Identity(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
