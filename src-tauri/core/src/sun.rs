//! Solar position (NOAA), clear-sky UV index (Madronich 2007), sun-protection hours.
//! (Temporary stub with the agreed API; the real module replaces it.)

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use crate::profile::Location;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectionHours {
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SunDay {
    pub date: NaiveDate,
    pub sunrise: Option<DateTime<Tz>>,
    pub sunset: Option<DateTime<Tz>>,
    pub solar_noon: DateTime<Tz>,
    pub peak_uvi: f64,
    pub protection: Option<ProtectionHours>,
}

pub fn sun_day(date: NaiveDate, _location: &Location, tz: Tz) -> SunDay {
    use chrono::TimeZone;
    let noon = tz
        .from_local_datetime(&date.and_hms_opt(12, 0, 0).unwrap())
        .earliest()
        .unwrap();
    SunDay {
        date,
        sunrise: None,
        sunset: None,
        solar_noon: noon,
        peak_uvi: 0.0,
        protection: None,
    }
}
