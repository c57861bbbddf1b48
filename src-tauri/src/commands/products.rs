//! Products and their ingredient lists.

use needlewise_core::ingredients::{self, Classification};
use needlewise_core::product::{ClassifiedProduct, NewProduct, ProductId};
use needlewise_core::CoreError;
use serde::Deserialize;
use tauri::State;

use crate::arg::Arg;
use crate::error::CommandResult;
use crate::state::AppState;

/// Classify a pasted ingredient list, so the wizard can show what it found as you type.
#[tauri::command]
pub fn classify_ingredients(inci: Arg<String>) -> CommandResult<Classification> {
    let inci = inci.0;
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
    product: Arg<NewProduct>,
) -> CommandResult<ClassifiedProduct> {
    let new = product.0;
    let new = new.validated()?;
    state.with_store(|store| Ok(ClassifiedProduct::new(store.products().add(new)?)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductUpdate {
    id: i64,
    name: String,
    #[serde(default)]
    inci: String,
}

#[tauri::command]
pub fn update_product(
    state: State<'_, AppState>,
    product: Arg<ProductUpdate>,
) -> CommandResult<ClassifiedProduct> {
    let u = product.0;
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
pub fn delete_product(state: State<'_, AppState>, id: Arg<i64>) -> CommandResult<()> {
    let id = id.0;
    state.with_store(|store| Ok(store.products().delete(ProductId(id))?))
}
