//! When a product is used: morning, evening or both; every day or on chosen weekdays
//! (GUIDANCE §8 "Frequency", e.g. a retinoid three nights a week).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// One of the day's two routines.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub enum Part {
    #[serde(rename = "am")]
    Morning,
    #[serde(rename = "pm")]
    Evening,
}

impl Part {
    pub const BOTH: [Part; 2] = [Part::Morning, Part::Evening];

    pub fn key(self) -> &'static str {
        match self {
            Part::Morning => "am",
            Part::Evening => "pm",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Morning => "morning",
            Part::Evening => "evening",
        }
    }

    /// Reads a stored or sent part name.
    pub fn parse(s: &str) -> Result<Part, CoreError> {
        Part::BOTH
            .into_iter()
            .find(|p| p.key() == s)
            .ok_or_else(|| {
                CoreError::invalid(
                    "part",
                    format!("\"{s}\" is not a routine: use am (morning) or pm (evening)"),
                )
            })
    }
}

impl TryFrom<String> for Part {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self, CoreError> {
        Part::parse(&s)
    }
}

/// Which of the day's routines a product belongs to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum When {
    Am,
    Pm,
    Both,
}

impl When {
    pub fn includes(self, part: Part) -> bool {
        matches!(
            (self, part),
            (When::Both, _) | (When::Am, Part::Morning) | (When::Pm, Part::Evening)
        )
    }

    pub fn key(self) -> &'static str {
        match self {
            When::Am => "am",
            When::Pm => "pm",
            When::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Result<When, CoreError> {
        [When::Am, When::Pm, When::Both]
            .into_iter()
            .find(|w| w.key() == s)
            .ok_or_else(|| CoreError::invalid("when", format!("\"{s}\" is not am, pm or both")))
    }
}

/// A non-empty set of weekdays. Built only from ISO numbers 1 (Monday) to 7 (Sunday) or
/// from chrono's `Weekday`, so it cannot hold a weekday 0 or 8; sent as a list of numbers.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<u8>", into = "Vec<u8>")]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    /// Every day of the week.
    pub const EVERY_DAY: WeekdaySet = WeekdaySet(0b111_1111);

    /// From ISO weekday numbers; each must be 1–7 and at least one given.
    pub fn from_iso(days: &[u8]) -> Result<WeekdaySet, CoreError> {
        let mut bits = 0u8;
        for &d in days {
            if !(1..=7).contains(&d) {
                return Err(CoreError::invalid(
                    "weekdays",
                    format!(
                        "weekday {d} does not exist: weekdays run from 1 (Monday) to 7 (Sunday)"
                    ),
                ));
            }
            bits |= 1 << (d - 1);
        }
        Self::from_bits(bits)
    }

    /// From the stored bit mask (bit 0 = Monday).
    pub fn from_bits(bits: u8) -> Result<WeekdaySet, CoreError> {
        match bits {
            0 => Err(CoreError::invalid(
                "weekdays",
                "choose at least one weekday, or every day",
            )),
            b if b > Self::EVERY_DAY.0 => Err(CoreError::invalid(
                "weekdays",
                format!("{b} is not a set of weekdays"),
            )),
            b => Ok(WeekdaySet(b)),
        }
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn is_every_day(self) -> bool {
        self == Self::EVERY_DAY
    }

    /// ISO numbers, Monday first.
    pub fn iso(self) -> Vec<u8> {
        (1..=7).filter(|d| self.0 & (1 << (d - 1)) != 0).collect()
    }
}

impl Default for WeekdaySet {
    fn default() -> Self {
        Self::EVERY_DAY
    }
}

impl fmt::Debug for WeekdaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeekdaySet{:?}", self.iso())
    }
}

impl TryFrom<Vec<u8>> for WeekdaySet {
    type Error = CoreError;
    fn try_from(days: Vec<u8>) -> Result<Self, CoreError> {
        WeekdaySet::from_iso(&days)
    }
}

impl From<WeekdaySet> for Vec<u8> {
    fn from(set: WeekdaySet) -> Vec<u8> {
        set.iso()
    }
}

/// When a product is used.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Usage {
    pub when: When,
    /// Every day unless narrowed.
    #[serde(default)]
    pub weekdays: WeekdaySet,
}

impl Usage {
    /// Every day at `when`.
    pub fn every_day(when: When) -> Usage {
        Usage {
            when,
            weekdays: WeekdaySet::EVERY_DAY,
        }
    }

    /// At `when` on ISO weekdays `days` (1 = Monday … 7 = Sunday).
    pub fn on(when: When, days: &[u8]) -> Result<Usage, CoreError> {
        Ok(Usage {
            when,
            weekdays: WeekdaySet::from_iso(days)?,
        })
    }

    /// Whether the product belongs in `part` of `date`'s routine.
    pub fn applies(self, date: NaiveDate, part: Part) -> bool {
        self.when.includes(part) && self.weekdays.contains(date.weekday())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap() // 2026-12-07 is a Monday
    }

    // GUIDANCE §8 "Frequency": a retinoid three nights a week.
    #[test]
    fn three_nights_a_week() {
        let usage = Usage {
            when: When::Pm,
            weekdays: WeekdaySet::from_iso(&[1, 3, 5]).unwrap(),
        };
        let nights: Vec<u32> = (7..=13)
            .filter(|&day| usage.applies(d(day), Part::Evening))
            .collect();
        assert_eq!(nights, vec![7, 9, 11]);
        assert!(!usage.applies(d(7), Part::Morning));
    }

    #[test]
    fn weekdays_outside_one_to_seven_and_empty_sets_are_refused() {
        for bad in [&[0u8][..], &[8], &[1, 9]] {
            let err = WeekdaySet::from_iso(bad).unwrap_err();
            assert!(err.to_string().contains("does not exist"), "{err}");
        }
        assert!(WeekdaySet::from_iso(&[])
            .unwrap_err()
            .to_string()
            .contains("at least one"));
        assert!(serde_json::from_str::<WeekdaySet>("[0]").is_err());
        assert!(serde_json::from_str::<WeekdaySet>("[2,7]").is_ok());
        assert!(WeekdaySet::from_bits(128).is_err());
    }

    #[test]
    fn usage_defaults_to_every_day_and_round_trips() {
        let u: Usage = serde_json::from_str(r#"{"when":"both"}"#).unwrap();
        assert!(u.weekdays.is_every_day());
        let back: Usage = serde_json::from_value(serde_json::to_value(u).unwrap()).unwrap();
        assert_eq!(back, u);
        assert!(serde_json::from_str::<Usage>(r#"{"when":"noon"}"#).is_err());
        assert_eq!(Part::parse("pm").unwrap(), Part::Evening);
        assert!(Part::parse("noon").is_err());
    }
}
