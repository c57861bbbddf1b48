//! Products and their ingredient lists.

use needlewise_core::ingredients::{self, Classification};
use needlewise_core::product::{ClassifiedProduct, NewProduct, ProductId};
use needlewise_core::CoreError;
use serde::Deserialize;
use serde_json::Value;
use tauri::State;

use crate::error::{parse, CommandResult};
use crate::state::AppState;

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

#[tauri::command]
pub fn list_products(state: State<'_, AppState>) -> CommandResult<Vec<ClassifiedProduct>> {
    state.with_store(|store| Ok(store.products().classified()?))
}

#[tauri::command]
pub fn add_product(
    state: State<'_, AppState>,
    product: Option<Value>,
) -> CommandResult<ClassifiedProduct> {
    let new: NewProduct = parse("product", product)?;
    let new = new.validated()?;
    state.with_store(|store| Ok(ClassifiedProduct::new(store.products().add(new)?)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProductUpdate {
    id: i64,
    name: String,
    #[serde(default)]
    inci: String,
}

#[tauri::command]
pub fn update_product(
    state: State<'_, AppState>,
    product: Option<Value>,
) -> CommandResult<ClassifiedProduct> {
    let u: ProductUpdate = parse("product", product)?;
    let new = NewProduct {
        name: u.name,
        inci: u.inci,
    }
    .validated()?;
    state.with_store(|store| {
        Ok(ClassifiedProduct::new(
            store.products().update(ProductId(u.id), new)?,
        ))
    })
}

#[tauri::command]
pub fn delete_product(state: State<'_, AppState>, id: Option<Value>) -> CommandResult<()> {
    let id: i64 = parse("id", id)?;
    state.with_store(|store| Ok(store.products().delete(ProductId(id))?))
}
