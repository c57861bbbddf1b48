//! Looking up a place for sun-protection hours.

use serde_json::Value;

use crate::cities::{self, City};
use crate::error::{parse, CommandResult};

/// At most this many matches go back to the UI's list.
const MAX_RESULTS: usize = 20;

#[tauri::command]
pub fn search_cities(query: Option<Value>) -> CommandResult<Vec<City>> {
    let query: String = parse("query", query)?;
    Ok(cities::search(&query, MAX_RESULTS))
}
