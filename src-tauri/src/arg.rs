//! Typed command arguments that fail in our error shape. Tauri's own parsing of a plain
//! typed parameter answers a missing or mistyped argument with a bare string; these read
//! the argument by the command's key (as Tauri's `Channel` does) and answer with
//! `{ kind: "invalid", message, field }`, naming the field, like every other refusal.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::Runtime;

use crate::error::{parse, CommandError};

/// A required argument: missing or of the wrong shape is an `invalid` error.
pub struct Arg<T>(pub T);

/// An optional argument: missing or `null` is `None`; present, it must have the shape.
pub struct Opt<T>(pub Option<T>);

/// The raw JSON under the command's key (camelCase), `None` when absent.
fn raw<R: Runtime>(item: CommandItem<'_, R>) -> Result<Option<Value>, InvokeError> {
    let key = item.key;
    Option::<Value>::deserialize(item).map_err(|e| refusal(CommandError::bad_json(key, e)))
}

fn refusal(e: CommandError) -> InvokeError {
    InvokeError(serde_json::to_value(e).unwrap_or(Value::Null))
}

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Arg<T> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let key = item.key;
        parse(key, raw(item)?).map(Arg).map_err(refusal)
    }
}

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Opt<T> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let key = item.key;
        match raw(item)? {
            None | Some(Value::Null) => Ok(Opt(None)),
            some => parse(key, some).map(|v| Opt(Some(v))).map_err(refusal),
        }
    }
}
