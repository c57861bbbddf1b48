//! One process of each program per data folder: each holds an exclusive lock on a file of
//! its own in the data folder for as long as it runs; the system drops the lock when the
//! process ends, however it ends. (Never the database file: closing any descriptor of that
//! would drop SQLite's locks.)

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;
use std::time::Duration;

use crate::data::DataDir;
use crate::error::Error;
use crate::programs::Program;

/// How often, and how far apart, a claim tries again after finding the lock taken: about
/// 0.1 s in all, far longer than a look takes.
const CLAIM_TRIES: u32 = 50;
const CLAIM_PAUSE: Duration = Duration::from_millis(2);

/// Held while this process is `program`'s one process on the data folder.
#[derive(Debug)]
pub struct Instance {
    _lock: File,
}

fn lock_file(data: &DataDir, program: Program) -> PathBuf {
    match program {
        Program::Background => data.background_lock(),
        Program::Window => data.window_lock(),
    }
}

impl Instance {
    /// Become `program`'s process on `data`, or `Err(Error::AlreadyRunning)`.
    pub fn claim(data: &DataDir, program: Program) -> Result<Self, Error> {
        std::fs::create_dir_all(data.path()).map_err(Error::io("creating the data folder"))?;
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(lock_file(data, program))
            .map_err(Error::io("opening the lock file"))?;
        // Someone looking (`running`) holds a shared lock for a moment; a running process
        // holds its lock for good. So a refusal is believed only when it lasts.
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Instance { _lock: file }),
                Err(TryLockError::WouldBlock) if tries < CLAIM_TRIES => {
                    tries += 1;
                    std::thread::sleep(CLAIM_PAUSE);
                }
                Err(TryLockError::WouldBlock) => return Err(Error::AlreadyRunning),
                Err(TryLockError::Error(e)) => return Err(Error::io("locking the lock file")(e)),
            }
        }
    }

    /// Whether `program` runs on `data` now.
    pub fn running(data: &DataDir, program: Program) -> bool {
        let Ok(file) = File::open(lock_file(data, program)) else {
            return false;
        };
        matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let bg = Program::Background;
        assert!(!Instance::running(&data, bg));
        let first = Instance::claim(&data, bg).unwrap();
        assert!(Instance::running(&data, bg));
        assert!(
            !Instance::running(&data, Program::Window),
            "each has its own"
        );
        assert!(matches!(
            Instance::claim(&data, bg),
            Err(Error::AlreadyRunning)
        ));
        drop(first);
        assert!(!Instance::running(&data, bg));
        Instance::claim(&data, bg).unwrap();
    }

    /// `running` takes a shared lock for a moment to look; a process starting just then
    /// must not take that for a running one and give up (the window looks while it
    /// starts the background process again).
    #[test]
    fn a_claim_is_not_refused_because_someone_looks() {
        use std::sync::atomic::Ordering;
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let bg = Program::Background;
        drop(Instance::claim(&data, bg).unwrap());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let looks = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let looker = {
            let (data, stop, looks) = (data.clone(), stop.clone(), looks.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    Instance::running(&data, bg);
                    looks.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        let (mut claims, mut refused) = (0, 0);
        while claims < 200 || looks.load(Ordering::Relaxed) < 2000 {
            claims += 1;
            refused += usize::from(Instance::claim(&data, bg).is_err());
        }
        stop.store(true, Ordering::Relaxed);
        looker.join().unwrap();
        assert_eq!(
            refused, 0,
            "{refused} of {claims} claims refused while nothing ran"
        );
    }
}
