//! How the background process on a data folder ended, so the window can start it again
//! after a crash or a kill (reminders must not stop silently while the window is open) but
//! not after Quit. The process removes a mark as it starts and writes it as it quits,
//! before it lets go of its lock; an ending of any other kind leaves no mark.

use std::fs::File;
use std::io::ErrorKind;

use crate::data::DataDir;
use crate::error::Error;

/// The background process's exit code when it could not start at all (its data folder or
/// lock unusable, no thread to be had): the window says so rather than start it again.
pub const COULD_NOT_START: i32 = 2;

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
    loop {
        match lock.lock_shared() {
            Ok(()) => break,
            // A signal woke the wait: it is not over.
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("waiting on the lock file")(e)),
        }
    }
    drop(lock);
    // With the folder gone there is nothing to remind of (the process quits by itself).
    Ok(if data.quit_mark().exists() || !data.path().exists() {
        Ending::Quit
    } else {
        Ending::Died
    })
}

/// Called by the background process once it holds its lock: an ending from now on is a
/// death until [`quitting`] says otherwise.
pub fn starting(data: &DataDir) {
    let _ = std::fs::remove_file(data.quit_mark());
}

/// Called by the background process as it quits, while it still holds its lock.
pub fn quitting(data: &DataDir) -> Result<(), Error> {
    std::fs::write(data.quit_mark(), b"").map_err(Error::io("marking the quit"))
}
