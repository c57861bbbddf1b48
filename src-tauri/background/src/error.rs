//! What can stop the background process from starting or answering.

/// The background process's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("a Needlewise background process is already running on this data")]
    AlreadyRunning,
    #[error("{what} failed: {source}")]
    Io {
        what: &'static str,
        source: std::io::Error,
    },
    #[error("the background process answered {0:?}")]
    Refused(String),
}

impl Error {
    /// For `map_err`: an I/O error while doing `what`.
    pub fn io(what: &'static str) -> impl FnOnce(std::io::Error) -> Error {
        move |source| Error::Io { what, source }
    }
}
