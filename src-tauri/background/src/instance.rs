//! One process of each program per data folder: each holds an exclusive lock on a file of
//! its own in the data folder for as long as it runs; the system drops the lock when the
//! process ends, however it ends. (Never the database file: closing any descriptor of that
//! would drop SQLite's locks.)

use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;

use crate::data::DataDir;
use crate::error::Error;
use crate::programs::Program;

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
        match file.try_lock() {
            Ok(()) => Ok(Instance { _lock: file }),
            Err(TryLockError::WouldBlock) => Err(Error::AlreadyRunning),
            Err(TryLockError::Error(e)) => Err(Error::io("locking the lock file")(e)),
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
}
