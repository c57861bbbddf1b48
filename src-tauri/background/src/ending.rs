//! How the background process on a data folder ended, so the window can start it again
//! after a crash or a kill (reminders must not stop silently while the window is open) but
//! not after Quit. Quit removes the channel's file before the process lets go of its lock
//! (`service::run`); an ending of any other kind leaves the file behind.

use std::fs::File;

use crate::data::DataDir;
use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Asked to (the tray's Quit, the data folder deleted): Needlewise is closing.
    Quit,
    /// Without cleaning up: a crash, a kill, a power cut of the process.
    Died,
}

/// Block while the background process on `data` runs (the system wakes this when its lock
/// goes, however it goes), then say how it ended. Returns at once if none runs.
pub fn wait(data: &DataDir) -> Result<Ending, Error> {
    let lock = File::open(data.background_lock()).map_err(Error::io("opening the lock file"))?;
    lock.lock_shared()
        .map_err(Error::io("waiting on the lock file"))?;
    drop(lock);
    Ok(if data.socket().exists() {
        Ending::Died
    } else {
        Ending::Quit
    })
}
