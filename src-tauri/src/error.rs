//! The error every command returns, serialised for the UI as `{ kind, message, field }`.

use needlewise_core::CoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] CoreError),

    /// The arguments did not have the expected shape (missing field, wrong type...).
    #[error("{message}")]
    BadArguments { field: String, message: String },

    /// The database could not be opened; the UI shows its storage screen instead.
    #[error("Your data could not be opened: {0}")]
    StorageUnavailable(String),

    /// Setup has not been finished, so there is nothing to show yet.
    #[error("Finish the setup first")]
    NotSetUp,

    /// The data file was deleted, moved or replaced while open; the command was refused
    /// and what the app had was saved aside (the storage screen says where).
    #[error(
        "{0}. Nothing from this step was saved; Needlewise kept a copy of everything before it."
    )]
    FileGone(String),

    /// The command stopped on a bug (a panic); what it had begun was rolled back.
    #[error("Something went wrong in Needlewise ({command}). It may not have finished; what you saved before is safe. Please try again, and report it if it keeps happening.")]
    Unexpected { command: String },
}

impl CommandError {
    pub fn kind(&self) -> &'static str {
        match self {
            CommandError::Core(e) => e.kind(),
            CommandError::BadArguments { .. } => "invalid",
            CommandError::StorageUnavailable(_) => "storageUnavailable",
            CommandError::NotSetUp => "notSetUp",
            CommandError::Unexpected { .. } => "unexpected",
            CommandError::FileGone(_) => "fileGone",
        }
    }

    fn field(&self) -> Option<String> {
        match self {
            CommandError::Core(CoreError::Invalid { field, .. }) => Some((*field).to_string()),
            CommandError::BadArguments { field, .. } => Some(field.clone()),
            _ => None,
        }
    }

    /// The sentence shown to the person: for invalid input, without the field prefix.
    fn message(&self) -> String {
        match self {
            CommandError::Core(CoreError::Invalid { message, .. }) => capitalise(message),
            other => capitalise(&other.to_string()),
        }
    }

    /// A serde failure on a command argument, with the JSON path of the bad field.
    pub fn bad_json(arg: &str, err: serde_json::Error) -> Self {
        let text = err.to_string();
        // serde_json says "... at line 1 column 5"; that means nothing to a person.
        let text = text.split(" at line ").next().unwrap_or(&text).to_string();
        CommandError::BadArguments {
            field: arg.to_string(),
            message: format!("{arg}: {text}"),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CommandError", 3)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("message", &self.message())?;
        st.serialize_field("field", &self.field())?;
        st.end()
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

/// Parse one command argument into a core type, with a readable error on failure.
/// Arguments arrive as optional JSON so that a missing one is our error too, not Tauri's.
pub fn parse<T: serde::de::DeserializeOwned>(
    arg: &str,
    value: Option<serde_json::Value>,
) -> CommandResult<T> {
    let value = value.ok_or_else(|| CommandError::BadArguments {
        field: arg.to_string(),
        message: format!("{arg} is missing"),
    })?;
    serde_json::from_value(value).map_err(|e| CommandError::bad_json(arg, e))
}
