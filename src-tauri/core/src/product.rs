//! The person's products and what their ingredient lists contain.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::ingredients::{self, Classification};

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProductId(pub i64);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    /// The ingredient list as pasted; classification is derived from it, never stored.
    pub inci: String,
}

/// A product as the user enters it, before it has an id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewProduct {
    pub name: String,
    #[serde(default)]
    pub inci: String,
}

impl NewProduct {
    pub const MAX_NAME: usize = 120;
    pub const MAX_INCI: usize = 20_000;

    /// Trims and checks the fields; returns the cleaned product.
    pub fn validated(self) -> Result<NewProduct, CoreError> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(CoreError::invalid("name", "give the product a name"));
        }
        if name.chars().count() > Self::MAX_NAME {
            return Err(CoreError::invalid(
                "name",
                format!("names are at most {} characters", Self::MAX_NAME),
            ));
        }
        if self.inci.len() > Self::MAX_INCI {
            return Err(CoreError::invalid(
                "inci",
                "that ingredient list is too long to be a single product's",
            ));
        }
        Ok(NewProduct {
            name,
            inci: self.inci.trim().to_string(),
        })
    }
}

/// A product with its ingredient classes worked out once, for the plan and reminders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifiedProduct {
    pub product: Product,
    pub classification: Classification,
}

impl ClassifiedProduct {
    pub fn new(product: Product) -> Self {
        let classification = ingredients::classify(&product.inci);
        ClassifiedProduct {
            product,
            classification,
        }
    }
}
