//! The steps of a skincare routine, in GUIDANCE §8's layering order.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// One step of a routine. The declaration order is the layering order (GUIDANCE §8:
/// cleanse → tone/essence → treatment serums → eye → moisturiser → face oil → sunscreen →
/// makeup), so sorting by step sorts a routine. §8 gives masks and exfoliants no place:
/// they are wash-off or weekly steps on clean skin, so they follow the cleanser.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "String")]
pub enum RoutineStep {
    Cleanser,
    MaskExfoliant,
    Toner,
    Serum,
    Eye,
    Moisturiser,
    FaceOil,
    Sunscreen,
    Makeup,
}

impl RoutineStep {
    /// Every step, in layering order.
    pub const ALL: [RoutineStep; 9] = [
        RoutineStep::Cleanser,
        RoutineStep::MaskExfoliant,
        RoutineStep::Toner,
        RoutineStep::Serum,
        RoutineStep::Eye,
        RoutineStep::Moisturiser,
        RoutineStep::FaceOil,
        RoutineStep::Sunscreen,
        RoutineStep::Makeup,
    ];

    /// The name commands, storage and the window use (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            RoutineStep::Cleanser => "cleanser",
            RoutineStep::MaskExfoliant => "maskExfoliant",
            RoutineStep::Toner => "toner",
            RoutineStep::Serum => "serum",
            RoutineStep::Eye => "eye",
            RoutineStep::Moisturiser => "moisturiser",
            RoutineStep::FaceOil => "faceOil",
            RoutineStep::Sunscreen => "sunscreen",
            RoutineStep::Makeup => "makeup",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            RoutineStep::Cleanser => "Cleanser",
            RoutineStep::MaskExfoliant => "Mask or exfoliant",
            RoutineStep::Toner => "Toner or essence",
            RoutineStep::Serum => "Treatment serum",
            RoutineStep::Eye => "Eye",
            RoutineStep::Moisturiser => "Moisturiser",
            RoutineStep::FaceOil => "Face oil",
            RoutineStep::Sunscreen => "Sunscreen",
            RoutineStep::Makeup => "Makeup",
        }
    }
}

impl fmt::Display for RoutineStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Reads a stored or sent step name; an unknown one is a specific error.
impl FromStr for RoutineStep {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self, CoreError> {
        RoutineStep::ALL
            .into_iter()
            .find(|step| step.key() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = RoutineStep::ALL.iter().map(|s| s.key()).collect();
                CoreError::invalid(
                    "step",
                    format!(
                        "\"{s}\" is not a routine step (the steps are {})",
                        known.join(", ")
                    ),
                )
            })
    }
}

/// Read through [`FromStr`], so an unknown step says which steps there are.
impl TryFrom<String> for RoutineStep {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self, CoreError> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // GUIDANCE §8 row: cleanse → tone/essence → serums → eye → moisturiser → face oil →
    // sunscreen → makeup.
    #[test]
    fn steps_sort_in_layering_order() {
        let mut shuffled = RoutineStep::ALL;
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, RoutineStep::ALL);
        let layering: Vec<RoutineStep> = [
            "cleanser",
            "toner",
            "serum",
            "eye",
            "moisturiser",
            "faceOil",
            "sunscreen",
            "makeup",
        ]
        .iter()
        .map(|k| k.parse().unwrap())
        .collect();
        assert!(layering.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keys_round_trip_and_unknown_steps_are_refused() {
        for step in RoutineStep::ALL {
            assert_eq!(step.key().parse::<RoutineStep>().unwrap(), step);
            assert_eq!(
                serde_json::to_value(step).unwrap(),
                serde_json::Value::from(step.key())
            );
        }
        let err = serde_json::from_str::<RoutineStep>("\"toothpaste\"").unwrap_err();
        assert!(err.to_string().contains("not a routine step"), "{err}");
        let err = "toothpaste".parse::<RoutineStep>().unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err
            .to_string()
            .contains("\"toothpaste\" is not a routine step"));
    }
}
