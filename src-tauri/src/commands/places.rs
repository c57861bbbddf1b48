//! Looking up a place for sun-protection hours.

use crate::arg::Arg;
use crate::cities::{self, City};
use crate::error::CommandResult;

/// At most this many matches go back to the UI's list.
const MAX_RESULTS: usize = 20;

#[tauri::command]
pub fn search_cities(query: Arg<String>) -> CommandResult<Vec<City>> {
    let query = query.0;
    Ok(cities::search(&query, MAX_RESULTS))
}
