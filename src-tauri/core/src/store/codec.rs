//! How domain values become column values and back.
//!
//! Enums are stored as their serde names and dates as ISO text, so the file reads the same
//! as the JSON the UI sees and sorts correctly as text. Decoding never panics: a value the
//! code cannot read becomes a `rusqlite` conversion error naming the column.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::types::Type;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{CoreError, Result};

const DATE: &str = "%Y-%m-%d";
/// `%.f` prints nothing for whole seconds, so ordinary times read "19:00:00".
const TIME: &str = "%H:%M:%S%.f";

/// The serde name of a unit enum variant, e.g. `SessionKind::AtHome` → `"atHome"`.
pub(super) fn name_of<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        Value::String(s) => Ok(s),
        other => Err(CoreError::Data(serde::ser::Error::custom(format!(
            "expected a plain enum name, got {other}"
        )))),
    }
}

/// The inverse of [`name_of`], for column `col` of a row.
pub(super) fn from_name<T: DeserializeOwned>(col: usize, name: String) -> rusqlite::Result<T> {
    serde_json::from_value(Value::String(name)).map_err(bad(col))
}

pub(super) fn from_json<T: DeserializeOwned>(col: usize, json: &str) -> rusqlite::Result<T> {
    serde_json::from_str(json).map_err(bad(col))
}

pub(super) fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub(super) fn parse_date(col: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, DATE).map_err(bad(col))
}

pub(super) fn time_text(t: NaiveTime) -> String {
    t.format(TIME).to_string()
}

pub(super) fn parse_time(col: usize, s: &str) -> rusqlite::Result<NaiveTime> {
    NaiveTime::parse_from_str(s, TIME).map_err(bad(col))
}

/// RFC 3339 in UTC with a fixed nine-digit fraction: exact, and sorts as text.
pub(super) fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

pub(super) fn parse_instant(col: usize, s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(bad(col))
}

/// Wrap a decoding failure of column `col` the way rusqlite reports its own.
pub(super) fn bad<E>(col: usize) -> impl FnOnce(E) -> rusqlite::Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |e| rusqlite::Error::FromSqlConversionFailure(col, Type::Text, Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::SessionKind;

    #[test]
    fn enum_names_round_trip() {
        let name = name_of(&SessionKind::AtHome).unwrap();
        assert_eq!(name, "atHome");
        assert_eq!(
            from_name::<SessionKind>(0, name).unwrap(),
            SessionKind::AtHome
        );
        assert!(from_name::<SessionKind>(3, "sideways".into()).is_err());
    }

    #[test]
    fn non_enum_values_have_no_name() {
        assert!(name_of(&serde_json::json!({"a": 1})).is_err());
    }

    #[test]
    fn times_keep_fractions_only_when_present() {
        let t = NaiveTime::from_hms_opt(19, 0, 0).unwrap();
        assert_eq!(time_text(t), "19:00:00");
        assert_eq!(parse_time(0, "19:00:00").unwrap(), t);
        let f = NaiveTime::from_hms_milli_opt(7, 5, 3, 250).unwrap();
        assert_eq!(parse_time(0, &time_text(f)).unwrap(), f);
    }

    #[test]
    fn instants_sort_as_text_and_round_trip() {
        let a = "2026-03-01T20:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let b = a + chrono::Duration::milliseconds(500);
        assert!(instant_text(&a) < instant_text(&b));
        assert_eq!(parse_instant(0, &instant_text(&b)).unwrap(), b);
        let berlin = parse_instant(0, "2026-03-01T21:00:00+01:00").unwrap();
        assert_eq!(berlin, a, "offsets are normalised to UTC");
    }

    #[test]
    fn bad_dates_name_their_column() {
        match parse_date(4, "2026-13-01") {
            Err(rusqlite::Error::FromSqlConversionFailure(4, _, _)) => {}
            other => panic!("{other:?}"),
        }
    }
}
