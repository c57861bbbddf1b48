//! Orders for the process itself (not its reminder loop).

/// What the tray (or the window's channel) asks the process itself to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Start the window, or bring it up if it is running.
    Open,
    /// Pause reminders for an hour.
    PauseHour,
    /// End the background process and the window.
    Quit,
    /// End the background process alone, cleanly: the system or the person terminated it
    /// (logging out, `kill`). An open window does not start it again.
    Stop,
}
