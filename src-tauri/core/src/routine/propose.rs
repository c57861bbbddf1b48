//! The step Needlewise proposes for a product, from its name and ingredient classes
//! (issue 14, item 1). Only a proposal: the person confirms or changes it.

use crate::ingredients::{Classification, IngredientClass};

use super::step::RoutineStep;

/// Words in a product's name that say its step, checked in this order: the more specific
/// first ("cleansing oil" is a cleanser, "eye cream" an eye product, "BB cream" makeup,
/// "exfoliating toner" a toner).
const NAME_HINTS: &[(RoutineStep, &[&str])] = &[
    (
        RoutineStep::Cleanser,
        &["cleanser", "cleansing", "wash", "micellar", "cleanse"],
    ),
    (
        RoutineStep::Makeup,
        &[
            "foundation",
            "concealer",
            "primer",
            "bb",
            "cc",
            "powder",
            "blush",
            "bronzer",
            "mascara",
            "lipstick",
        ],
    ),
    (RoutineStep::Eye, &["eye", "eyes"]),
    (
        RoutineStep::Sunscreen,
        &["sunscreen", "sunblock", "spf", "sun"],
    ),
    (RoutineStep::Toner, &["toner", "tonic", "essence", "mist"]),
    (
        RoutineStep::Serum,
        &["serum", "ampoule", "booster", "concentrate", "treatment"],
    ),
    (
        RoutineStep::MaskExfoliant,
        &[
            "mask",
            "peel",
            "peeling",
            "exfoliant",
            "exfoliator",
            "scrub",
            "polish",
        ],
    ),
    (RoutineStep::FaceOil, &["oil"]),
    (
        RoutineStep::Moisturiser,
        &[
            "cream",
            "moisturiser",
            "moisturizer",
            "moisturising",
            "moisturizing",
            "lotion",
            "emulsion",
            "balm",
            "gel-cream",
        ],
    ),
];

/// The proposed step for a product, or `None` when neither its name nor its classes say.
pub fn propose(name: &str, classification: &Classification) -> Option<RoutineStep> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let said = |hint: &str| {
        words
            .iter()
            .any(|w| w == hint || (hint == "spf" && w.starts_with("spf")))
    };
    if let Some((step, _)) = NAME_HINTS
        .iter()
        .find(|(_, hints)| hints.iter().any(|h| said(h)))
    {
        return Some(*step);
    }
    from_classes(classification)
}

/// GUIDANCE §8 steps the ingredient list alone makes likely.
fn from_classes(c: &Classification) -> Option<RoutineStep> {
    use IngredientClass::*;
    if c.has(SunscreenFilter) {
        Some(RoutineStep::Sunscreen)
    } else if c.has(Scrub) {
        Some(RoutineStep::MaskExfoliant)
    } else if [
        Retinoid,
        VitaminC,
        ExfoliatingAcid,
        BenzoylPeroxide,
        Peptide,
        GrowthFactor,
    ]
    .iter()
    .any(|k| c.has(*k))
    {
        Some(RoutineStep::Serum)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredients::classify;

    fn step(name: &str, inci: &str) -> Option<RoutineStep> {
        propose(name, &classify(inci))
    }

    #[test]
    fn names_say_the_step() {
        use RoutineStep::*;
        for (name, want) in [
            ("Gentle Foaming Cleanser", Cleanser),
            ("Cleansing Oil", Cleanser),
            ("Hydrating Toner", Toner),
            ("Glycolic Acid 7% Exfoliating Toner", Toner),
            ("Vitamin C Serum", Serum),
            ("Caffeine Eye Cream", Eye),
            ("Moisturising Cream", Moisturiser),
            ("Daily Moisturizer", Moisturiser),
            ("Rosehip Oil", FaceOil),
            ("Mineral Sunscreen SPF50", Sunscreen),
            ("UV Fluid spf30", Sunscreen),
            ("BB Cream", Makeup),
            ("Clay Mask", MaskExfoliant),
        ] {
            assert_eq!(step(name, ""), Some(want), "{name}");
        }
    }

    #[test]
    fn classes_decide_when_the_name_does_not() {
        assert_eq!(
            step("Daily Fluid", "Aqua, Zinc Oxide, Glycerin"),
            Some(RoutineStep::Sunscreen)
        );
        assert_eq!(
            step("Retinol 0.5% in Squalane", "Squalane, Retinol"),
            Some(RoutineStep::Serum)
        );
        assert_eq!(step("Mystery", "Aqua, Glycerin"), None);
        assert_eq!(step("Mystery", ""), None);
    }
}
