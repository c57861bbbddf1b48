//! The one error type of the core. Every variant carries enough to tell a person what to do.

use chrono::NaiveDate;

use crate::units::Days;

/// Errors the core reports. The app layer maps each to a `{ kind, message }` for the UI.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// An answer or argument is outside what the core accepts; `field` names it for the UI.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// At-home needling deeper than 0.5 mm is not scheduled (GUIDANCE §1).
    #[error("{0} needles are too long for at-home use, in any mode: depths past 0.5 mm belong to a practitioner, who performs those sessions at a clinic. Choose a home device of 0.5 mm or less, or plan professional sessions only.")]
    ProfessionalOnlyDepth(crate::units::Millimetres),

    /// A session may not be placed closer than the interval minimum to its neighbour.
    #[error("{date} is too soon: sessions need at least {min} between them, and {neighbour} is {gap} away. The earliest allowed date is {earliest}.")]
    TooSoon {
        date: NaiveDate,
        neighbour: NaiveDate,
        gap: Days,
        min: Days,
        earliest: NaiveDate,
    },

    /// Scheduling is held until the user acknowledges a talk-to-a-professional gate or a consult hold.
    #[error("Scheduling is paused: {0}")]
    Held(String),

    /// A referenced record does not exist.
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },

    /// The operation does not fit the record's current state (e.g. marking a done session done).
    #[error("{0}")]
    Conflict(String),

    /// The database file is not one of ours; it was left untouched.
    #[error("{path} is not a Needlewise database; it was left untouched")]
    NotNeedlewise { path: String },

    /// The database file is unreadable or corrupt; it was left untouched.
    #[error("{path} is damaged and cannot be opened ({detail}); it was left untouched")]
    Damaged { path: String, detail: String },

    /// The database was written by a newer Needlewise; it was left untouched.
    #[error("{path} was written by a newer version of Needlewise (schema {found}, this version knows up to {supported}); it was left untouched")]
    NewerVersion {
        path: String,
        found: i64,
        supported: i64,
    },

    /// A routine step is already ticked for that day (issue 14: duplicate ticks change nothing).
    #[error("{0} is already ticked")]
    AlreadyTicked(String),

    /// An occurrence is already in the sent-reminder ledger.
    #[error("reminder {0} was already recorded")]
    AlreadyRecorded(String),

    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("file error: {0}")]
    Io(#[from] std::io::Error),

    #[error("data error: {0}")]
    Data(#[from] serde_json::Error),
}

impl CoreError {
    /// Shorthand for [`CoreError::Invalid`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A stable machine-readable name for the UI and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Invalid { .. } => "invalid",
            CoreError::ProfessionalOnlyDepth(_) => "professionalOnly",
            CoreError::TooSoon { .. } => "tooSoon",
            CoreError::Held(_) => "held",
            CoreError::NotFound { .. } => "notFound",
            CoreError::Conflict(_) => "conflict",
            CoreError::NotNeedlewise { .. } => "notNeedlewise",
            CoreError::Damaged { .. } => "damaged",
            CoreError::NewerVersion { .. } => "newerVersion",
            CoreError::AlreadyRecorded(_) => "alreadyRecorded",
            CoreError::AlreadyTicked(_) => "alreadyTicked",
            CoreError::Storage(_) => "storage",
            CoreError::Io(_) => "io",
            CoreError::Data(_) => "data",
        }
    }

    /// What sort of trouble a storage error is, so the app can offer what fits: a damaged
    /// file may be set aside, a lock or a permission is fixed elsewhere and retried.
    pub fn trouble(&self) -> Trouble {
        use rusqlite::ErrorCode as C;
        if self.is_disk_full() {
            return Trouble::DiskFull;
        }
        match self {
            CoreError::NotNeedlewise { .. } => Trouble::NotNeedlewise,
            CoreError::Damaged { .. } => Trouble::Damaged,
            CoreError::NewerVersion { .. } => Trouble::NewerVersion,
            CoreError::Storage(rusqlite::Error::SqliteFailure(f, _)) => match f.code {
                C::DatabaseBusy | C::DatabaseLocked => Trouble::Locked,
                C::PermissionDenied | C::ReadOnly | C::CannotOpen => Trouble::Permission,
                C::NotADatabase | C::DatabaseCorrupt => Trouble::Damaged,
                _ => Trouble::Other,
            },
            CoreError::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                Trouble::Permission
            }
            _ => Trouble::Other,
        }
    }

    /// Whether the disk (or the quota) is full: the write may succeed once space is freed,
    /// so callers keep what they could not store and try again rather than give up.
    pub fn is_disk_full(&self) -> bool {
        match self {
            CoreError::Storage(rusqlite::Error::SqliteFailure(f, _)) => {
                f.code == rusqlite::ErrorCode::DiskFull
            }
            CoreError::Io(e) => e.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }
}

/// See [`CoreError::trouble`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Trouble {
    Damaged,
    NotNeedlewise,
    NewerVersion,
    Locked,
    Permission,
    DiskFull,
    Other,
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
