//! Products and their ingredient lists.

use needlewise_core::ingredients::{self, Classification};
use needlewise_core::product::NewProduct;
use needlewise_core::CoreError;
use serde_json::Value;

use crate::error::{parse, CommandResult};

/// Classify a pasted ingredient list, so the wizard can show what it found as you type.
#[tauri::command]
pub fn classify_ingredients(inci: Option<Value>) -> CommandResult<Classification> {
    let inci: String = parse("inci", inci)?;
    if inci.len() > NewProduct::MAX_INCI {
        return Err(CoreError::invalid(
            "inci",
            "that ingredient list is too long to be a single product's",
        )
        .into());
    }
    Ok(ingredients::classify(&inci))
}
