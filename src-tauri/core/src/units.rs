//! Newtypes for quantities, so a needle length can never be passed where a day count is expected.

use std::fmt;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// Needle length, held in hundredths of a millimetre so that "0.5 mm" compares exactly.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Millimetres(u16);

impl Millimetres {
    /// The longest needle any device or clinic in our guidance uses.
    pub const MAX: Millimetres = Millimetres(300);

    pub const fn from_hundredths(h: u16) -> Self {
        Millimetres(h)
    }

    /// Validates a length in millimetres: more than 0 and at most 3.0 mm, in 0.01 mm steps.
    pub fn new(mm: f64) -> Result<Self, CoreError> {
        if !mm.is_finite() || mm <= 0.0 {
            return Err(CoreError::invalid(
                "needleLength",
                "needle length must be more than 0 mm",
            ));
        }
        let hundredths = (mm * 100.0).round();
        if hundredths > f64::from(Self::MAX.0) {
            return Err(CoreError::invalid(
                "needleLength",
                format!("{mm} mm is longer than any microneedling device (3.0 mm at most)"),
            ));
        }
        if hundredths < 1.0 {
            return Err(CoreError::invalid(
                "needleLength",
                "needle length must be at least 0.01 mm",
            ));
        }
        Ok(Millimetres(hundredths as u16))
    }

    pub fn hundredths(self) -> u16 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl TryFrom<f64> for Millimetres {
    type Error = CoreError;
    fn try_from(mm: f64) -> Result<Self, CoreError> {
        Millimetres::new(mm)
    }
}

impl From<Millimetres> for f64 {
    fn from(m: Millimetres) -> f64 {
        m.as_f64()
    }
}

impl fmt::Display for Millimetres {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let frac = self.0 % 100;
        if frac == 0 {
            write!(f, "{whole}.0 mm")
        } else if frac.is_multiple_of(10) {
            write!(f, "{whole}.{} mm", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02} mm")
        }
    }
}

/// The earliest date Needlewise accepts from a person, a file or the database.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => unreachable!(),
};
/// The latest date Needlewise accepts; far enough for any plan, near enough that date
/// arithmetic on it (years of projected sessions) never overflows.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => unreachable!(),
};

/// Refuses dates outside [`MIN_DATE`]..=[`MAX_DATE`] with a specific error for `field`.
pub fn check_date(field: &'static str, date: NaiveDate) -> Result<NaiveDate, CoreError> {
    if (MIN_DATE..=MAX_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(CoreError::invalid(
            field,
            format!("{date} is not a date Needlewise can plan with (years 1900 to 2200)"),
        ))
    }
}

/// A whole number of calendar days.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Days(pub u16);

impl Days {
    pub const fn new(n: u16) -> Self {
        Days(n)
    }

    pub fn get(self) -> u16 {
        self.0
    }

    pub fn duration(self) -> Duration {
        Duration::days(i64::from(self.0))
    }

    /// The date this many days after `date`; saturates at the end of the calendar, so
    /// an extreme stored date never panics (see also [`Days::checked_after`]).
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        self.checked_after(date).unwrap_or(NaiveDate::MAX)
    }

    /// The date this many days after `date`, or `None` past the end of the calendar.
    pub fn checked_after(self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_days(chrono::Days::new(u64::from(self.0)))
    }

    /// The date this many days before `date`; saturates at the start of the calendar.
    pub fn before(self, date: NaiveDate) -> NaiveDate {
        date.checked_sub_days(chrono::Days::new(u64::from(self.0)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Days from `a` to `b`, saturating at zero when `b` is earlier.
    pub fn between(a: NaiveDate, b: NaiveDate) -> Days {
        let n = (b - a).num_days().clamp(0, i64::from(u16::MAX));
        Days(n as u16)
    }

    pub fn saturating_sub(self, other: Days) -> Days {
        Days(self.0.saturating_sub(other.0))
    }
}

impl std::ops::Add for Days {
    type Output = Days;
    fn add(self, rhs: Days) -> Days {
        Days(self.0.saturating_add(rhs.0))
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            write!(f, "1 day")
        } else {
            write!(f, "{} days", self.0)
        }
    }
}

/// A whole number of hours, for windows shorter than a few days (makeup, sweating).
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Hours(pub u16);

impl Hours {
    pub fn duration(self) -> Duration {
        Duration::hours(i64::from(self.0))
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} h", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_rejects_zero_negative_and_absurd_lengths() {
        assert!(Millimetres::new(0.0).is_err());
        assert!(Millimetres::new(-0.2).is_err());
        assert!(Millimetres::new(5.0).is_err());
        assert!(Millimetres::new(f64::NAN).is_err());
        assert_eq!(
            Millimetres::new(0.5).unwrap(),
            Millimetres::from_hundredths(50)
        );
        assert_eq!(Millimetres::new(3.0).unwrap(), Millimetres::MAX);
    }

    #[test]
    fn millimetres_display_is_human() {
        assert_eq!(Millimetres::new(0.25).unwrap().to_string(), "0.25 mm");
        assert_eq!(Millimetres::new(0.5).unwrap().to_string(), "0.5 mm");
        assert_eq!(Millimetres::new(1.0).unwrap().to_string(), "1.0 mm");
    }

    #[test]
    fn millimetres_deserialises_through_validation() {
        assert!(serde_json::from_str::<Millimetres>("0.3").is_ok());
        assert!(serde_json::from_str::<Millimetres>("0").is_err());
    }

    #[test]
    fn days_between_saturates() {
        let a = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let b = NaiveDate::from_ymd_opt(2026, 1, 3).unwrap();
        assert_eq!(Days::between(b, a), Days(7));
        assert_eq!(Days::between(a, b), Days(0));
    }
}
