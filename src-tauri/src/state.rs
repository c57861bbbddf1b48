//! What the app holds while running: the database (or why it could not be opened).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use needlewise_core::store::{file_identity, FileIdentity, Store};
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
    /// After the file went away: the old connection, kept while no copy of it could be
    /// saved (closing it would lose the data), and the old file's -wal/-shm left at its
    /// name, which must not be replayed into another file opened there.
    gone: Mutex<Gone>,
}

#[derive(Default)]
struct Gone {
    orphan: Option<Store>,
    sidecars: Vec<(PathBuf, FileIdentity)>,
}

/// Keeps the reminder loop's connection closed while the database file is gone: a
/// connection to the old file, closed after a new one is put in place, would delete the
/// new file's WAL by name. The loop runs in the background process, which is asked over
/// its channel (`data`; none in tests of the state alone).
#[derive(Default)]
pub struct LoopGate {
    data: Option<needlewise_background::data::DataDir>,
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
        if self.data.as_ref().is_some_and(crate::reminders::hold) {
            self.set_closed(true);
        }
    }

    fn release(&self) {
        self.hold.store(false, Ordering::SeqCst);
        *self.closed.lock().unwrap_or_else(|p| p.into_inner()) = false;
        if let Some(data) = &self.data {
            crate::reminders::release(data);
        }
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
    /// Where the progress photos live: beside the database.
    pub fn photo_folder(&self) -> needlewise_core::photo::PhotoFolder {
        needlewise_core::photo::PhotoFolder::beside(&self.db_path)
    }

    /// Opens the database at `db_path`; a failure is kept, never "fixed" by overwriting.
    pub fn open(db_path: PathBuf) -> Self {
        let store = open_store(&db_path);
        let gate = LoopGate {
            data: Some(crate::reminders::data_of(&db_path)),
            ..LoopGate::default()
        };
        AppState {
            db_path,
            store: Mutex::new(store),
            gate: Arc::new(gate),
            gone: Mutex::default(),
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
        let store = match guard.as_ref() {
            Ok(store) => store,
            // Until the person chooses, every command says the file went away, so the
            // window shows the screen that offers the saved copy.
            Err(p) if p.kind == ProblemKind::FileGone => {
                return Err(CommandError::FileGone(p.message.clone()))
            }
            Err(_) => return Ok(()),
        };
        if store.same_file() {
            return Ok(());
        }
        self.gate.hold();
        let mut gone = self.gone.lock().unwrap_or_else(|p| p.into_inner());
        gone.sidecars = ["-wal", "-shm"]
            .iter()
            .map(|ext| sidecar(&self.db_path, ext))
            .filter_map(|side| file_identity(&side).map(|id| (side, id)))
            .collect();
        let Ok(store) = std::mem::replace(guard, Err(self.gone_problem(None))) else {
            unreachable!("checked above")
        };
        match self.save_copy(&store) {
            Some(copy) => *guard = Err(self.gone_problem(Some(copy))),
            // Closing the last connection to a deleted file loses it: keep it open.
            None => gone.orphan = Some(store),
        }
        Err(CommandError::FileGone(
            guard
                .as_ref()
                .err()
                .map(|p| p.message.clone())
                .unwrap_or_default(),
        ))
    }

    /// Save what `store` holds beside the data file, else in the temporary folder.
    fn save_copy(&self, store: &Store) -> Option<PathBuf> {
        let stamp = crate::clock::now().format("%Y%m%dT%H%M%SZ").to_string();
        let beside = sidecar(&self.db_path, &format!(".recovered-{stamp}"));
        let elsewhere = std::env::temp_dir().join(format!("needlewise.db.recovered-{stamp}"));
        [beside, elsewhere]
            .into_iter()
            .find(|copy| store.backup_to(copy).is_ok())
    }

    fn gone_problem(&self, copy: Option<PathBuf>) -> StorageProblem {
        let message = if copy.is_some() {
            "Your data file is no longer where Needlewise opened it".to_string()
        } else {
            "Your data file is no longer where Needlewise opened it, and a copy could not be saved yet. Keep Needlewise open, free some space, then choose Try again".to_string()
        };
        let mut p = StorageProblem::new(ProblemKind::FileGone, message, &self.db_path);
        p.recovered = copy.map(|c| c.display().to_string());
        p
    }

    /// Move aside what the old file left at its name (its -wal/-shm), so SQLite does not
    /// replay it into whatever is opened there next.
    fn clear_old_sidecars(&self, aside: &Path) -> std::io::Result<()> {
        let mut gone = self.gone.lock().unwrap_or_else(|p| p.into_inner());
        for (side, id) in std::mem::take(&mut gone.sidecars) {
            if file_identity(&side).as_ref() == Some(&id) {
                let ext = side
                    .to_string_lossy()
                    .rsplit('-')
                    .next()
                    .unwrap_or("old")
                    .to_string();
                std::fs::rename(&side, sidecar(aside, &format!("-{ext}-old")))?;
            }
        }
        Ok(())
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
        // Nothing is at the file's name, so whatever it left beside it (-wal/-shm) is the
        // old file's, noted or not: all of it goes aside, never into the copy.
        self.gone
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .sidecars
            .clear();
        for ext in ["-wal", "-shm"] {
            let side = sidecar(&self.db_path, ext);
            if side.exists() {
                std::fs::rename(&side, sidecar(&recovered, &format!("{ext}-old")))
                    .map_err(CoreError::from)?;
            }
        }
        if let Some(dir) = self.db_path.parent() {
            create_private_dir(dir).map_err(CoreError::from)?; // the folder went too
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

    /// Run `f` with the open store. When it changed anything, the background process is
    /// told at once (after the lock is let go), so no command that moves reminders can
    /// forget to.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> CommandResult<T>) -> CommandResult<T> {
        let mut guard = self.lock();
        self.guard_file(&mut guard)?;
        let (result, changed) = match guard.as_ref() {
            Ok(store) => {
                let before = store.total_changes();
                let result = f(store);
                (result, store.total_changes() != before)
            }
            Err(p) => return Err(CommandError::StorageUnavailable(p.message.clone())),
        };
        drop(guard);
        if changed {
            if let Some(data) = &self.gate.data {
                crate::reminders::replan(data);
            }
        }
        result
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
            if p.kind == ProblemKind::FileGone {
                self.ready_after_gone(&mut guard)?;
            }
            let recovered = guard.as_ref().err().and_then(|p| p.recovered.clone());
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

    /// Before "Try again" opens whatever is now where the file went away from: save the
    /// copy that could not be saved before, and leave nothing of the old file in the way.
    fn ready_after_gone(
        &self,
        guard: &mut Result<Store, StorageProblem>,
    ) -> Result<(), StorageProblem> {
        let current = |g: &Result<Store, StorageProblem>| {
            g.as_ref()
                .err()
                .cloned()
                .unwrap_or_else(|| self.gone_problem(None))
        };
        let orphan = self
            .gone
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .orphan
            .take();
        if let Some(store) = orphan {
            match self.save_copy(&store) {
                Some(copy) => *guard = Err(self.gone_problem(Some(copy))),
                None => {
                    self.gone.lock().unwrap_or_else(|e| e.into_inner()).orphan = Some(store);
                    return Err(current(guard));
                }
            }
        }
        // With nothing in the file's place, opening would start an empty database beside
        // the saved copy: the person puts the copy back instead.
        if !self.db_path.exists() || !self.gate.wait_closed(std::time::Duration::from_secs(10)) {
            return Err(current(guard));
        }
        self.clear_old_sidecars(&sidecar(&self.db_path, ".old-file"))
            .map_err(|e| {
                let mut p = current(guard);
                p.message = format!("the old file's journal could not be moved aside ({e})");
                p
            })
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
            Ok(_) => {
                self.gate.release();
                Ok(aside)
            }
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

    fn with_setting(state: &AppState, discreet: bool) {
        state
            .with_store(|s| {
                let mut settings = s.settings().get()?;
                settings.discreet = discreet;
                Ok(s.settings().save(&settings)?)
            })
            .unwrap();
    }

    fn discreet(state: &AppState) -> bool {
        state
            .with_store(|s| Ok(s.settings().get()?.discreet))
            .unwrap()
    }

    /// Whoever notices first (the reminder loop, through `problem()`), every command after
    /// it says the file went away, so the window shows the screen with the saved copy.
    #[test]
    fn a_vanished_file_is_reported_to_every_later_command() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("needlewise.db");
        let state = AppState::open(db.clone());
        with_setting(&state, true);
        std::fs::remove_file(&db).unwrap();
        let problem = state.problem().expect("noticed");
        assert_eq!(problem.kind, ProblemKind::FileGone);
        let copy = PathBuf::from(problem.recovered.expect("a copy was saved"));
        for _ in 0..2 {
            let refused = state.with_store(|_| Ok(())).unwrap_err();
            assert_eq!(refused.kind(), "fileGone");
        }
        assert!(state.gate.held());
        state.gate.set_closed(true); // what the loop says once it let go
        state.restore().unwrap();
        assert!(discreet(&state), "the data came back");
        assert!(!copy.exists() && !state.gate.held());
    }

    /// The file is moved away and another Needlewise file is put in its place. The old
    /// file's -wal (with its last commits) stays at the name; "Try again" must move it
    /// aside, not let SQLite replay it into the other file.
    #[test]
    fn trying_again_on_another_file_leaves_the_old_journal_out_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("needlewise.db");
        let other = dir.path().join("other.db");
        drop(Store::open(&other).unwrap()); // a fresh file: discreet is off
        let state = AppState::open(db.clone());
        let reminders = Store::open(&db).unwrap(); // keeps the WAL from being folded in
        with_setting(&state, true);
        assert!(sidecar(&db, "-wal").exists());
        std::fs::rename(&db, dir.path().join("moved.db")).unwrap();
        std::fs::rename(&other, &db).unwrap();
        assert_eq!(state.problem().map(|p| p.kind), Some(ProblemKind::FileGone));
        drop(reminders);
        state.gate.set_closed(true);
        state.retry().expect("the file now in place opens");
        assert!(
            !discreet(&state),
            "the other file, without the old file's commits"
        );
        assert!(!state.gate.held());
    }

    /// After a replaced file turned out damaged and was kept aside, reminders run again.
    #[test]
    fn setting_aside_lets_the_reminder_loop_open_the_fresh_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("needlewise.db");
        let state = AppState::open(db.clone());
        with_setting(&state, true);
        std::fs::remove_file(&db).unwrap();
        std::fs::write(&db, vec![7u8; 8192]).unwrap();
        assert_eq!(state.problem().map(|p| p.kind), Some(ProblemKind::FileGone));
        state.gate.set_closed(true);
        let damaged = state.retry().unwrap_err();
        assert_eq!(damaged.kind, ProblemKind::Damaged);
        state.set_aside("test").unwrap();
        assert!(!state.gate.held(), "the loop may open the fresh file");
    }

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
