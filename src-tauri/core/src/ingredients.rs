//! INCI ingredient lists → ingredient classes. (Stub: filled in by the ingredients work.)

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The classes GUIDANCE §3 acts on.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IngredientClass {
    Retinoid,
    ExfoliatingAcid,
    BenzoylPeroxide,
    /// Physical scrubs (beads, shell powders, pumice).
    Scrub,
    VitaminC,
    Fragrance,
    Hydrating,
    Peptide,
    GrowthFactor,
    SunscreenFilter,
}

/// What a product's ingredient list contains. An empty `classes` means "unclassified",
/// which the UI shows as such: never as "safe".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    pub classes: BTreeSet<IngredientClass>,
    /// Each recognised ingredient (as written) with its class, for "why".
    pub matches: Vec<IngredientMatch>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngredientMatch {
    pub ingredient: String,
    pub class: IngredientClass,
}

impl Classification {
    pub fn is_unclassified(&self) -> bool {
        self.classes.is_empty()
    }

    pub fn has(&self, class: IngredientClass) -> bool {
        self.classes.contains(&class)
    }
}

/// Classify a pasted ingredient list.
pub fn classify(_inci: &str) -> Classification {
    Classification::default()
}
