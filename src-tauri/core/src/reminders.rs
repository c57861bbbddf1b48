//! reminders (in progress)
