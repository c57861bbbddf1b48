//! Solar position (NOAA), clear-sky UV index (Madronich 2007), sun-protection hours
//! (GUIDANCE §5).
//!
//! * Solar position follows the NOAA Solar Calculator (after Meeus, *Astronomical
//!   Algorithms*): the sun's mean longitude and anomaly, equation of centre, apparent
//!   longitude, obliquity, hence declination and equation of time; then hour angle, zenith
//!   and azimuth; sunrise and sunset at zenith 90.833°, which allows for refraction and the
//!   size of the solar disc. Against PyEphem (`tests/sun_reference.rs`) these times agree
//!   to seconds in 2026–2027. The simpler NOAA "General Solar Position" Fourier series
//!   (Spencer 1971) was 2–3 minutes off at 50–65° latitude.
//! * The clear-sky UV index is Madronich's (2007) approximation
//!   `UVI ≈ 12.5 · μ0^2.42 · (Ω/300)^−1.23`, μ0 = cos(zenith), Ω the total ozone column in
//!   Dobson units ([`OZONE_DU`] = 300).
//! * Sun-protection hours are the hours of a local date when that clear-sky UV index is at
//!   least [`SUN_PROTECTION_UVI`] (WHO Global Solar UV Index guide, 2002).
//!
//! **This is a clear-sky estimate.** Cloud lowers the real UV index; altitude, snow, sand
//! and water raise it. The UI says so next to every figure computed here.
//!
//! Nothing here reads the clock: instants and time zones are arguments.

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Timelike,
    Utc,
};
use chrono_tz::Tz;
use serde::Serialize;

use crate::guidance::SUN_PROTECTION_UVI;
use crate::profile::Location;

/// Total ozone column assumed for the clear-sky UV index, in Dobson units (Madronich 2007
/// uses 300 DU as the reference column).
pub const OZONE_DU: f64 = 300.0;

/// Zenith angle of the sun's centre at sunrise and sunset, in degrees (NOAA: 0.833° below
/// the horizon for atmospheric refraction and the solar semi-diameter).
pub const SUNRISE_ZENITH_DEG: f64 = 90.833;

/// Where the sun is at one instant, as seen from one place. Angles in degrees; the
/// elevation is geometric (no refraction correction), `90 − zenith`.
#[derive(Copy, Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SolarPosition {
    /// Angle between the sun and the vertical, 0..=180.
    pub zenith_deg: f64,
    /// Compass bearing of the sun, clockwise from true north, 0..360.
    pub azimuth_deg: f64,
    /// Angle of the sun above the horizon (negative below), -90..=90.
    pub elevation_deg: f64,
}

/// The hours of one local date when the clear-sky UV index is at least
/// [`SUN_PROTECTION_UVI`]: from `start` (UVI rises to 3) to `end` (it falls below 3 again).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectionHours {
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
}

/// The sun on one local date at one place (clear sky). Times are rounded to the second and
/// carry the time zone's offset for that instant, so DST days come out right.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SunDay {
    pub date: NaiveDate,
    /// `None` when the sun does not rise around this solar noon (polar night) or does not
    /// set (polar day); tell them apart with `noon_elevation_deg`. At high latitudes near
    /// the solstice, or with a time zone far from the place's longitude, sunrise and
    /// sunset belong to the daylight around `solar_noon` and may fall on the neighbouring
    /// local date (Reykjavik's midsummer sunset is just after midnight).
    pub sunrise: Option<DateTime<Tz>>,
    pub sunset: Option<DateTime<Tz>>,
    /// The sun's transit (highest point) nearest the middle of the local date.
    pub solar_noon: DateTime<Tz>,
    /// Geometric elevation of the sun at `solar_noon`, degrees.
    pub noon_elevation_deg: f64,
    /// Highest clear-sky UV index of the local date (0 when the sun stays down).
    pub peak_uvi: f64,
    /// When the clear-sky UV index is at least 3 on this local date; `None` when it stays
    /// below 3 all day.
    pub protection: Option<ProtectionHours>,
}

// ---------------------------------------------------------------------------------------
// NOAA Solar Calculator (Meeus, Astronomical Algorithms)
// ---------------------------------------------------------------------------------------

/// The per-instant quantities of the NOAA equations.
#[derive(Copy, Clone, Debug)]
struct SolarTerms {
    /// Apparent solar declination, radians.
    declination_rad: f64,
    /// Equation of time (apparent minus mean solar time), minutes.
    eqtime_min: f64,
    /// Minutes since UTC midnight of the instant.
    utc_minutes: f64,
}

/// Julian day of 1970-01-01T00:00Z.
const UNIX_EPOCH_JD: f64 = 2_440_587.5;
/// Julian day of J2000.0 (2000-01-01T12:00 TT).
const J2000_JD: f64 = 2_451_545.0;
/// Days in a Julian century.
const JULIAN_CENTURY_DAYS: f64 = 36_525.0;

/// Julian centuries since J2000.0 at `at`. UTC stands in for TT, as in NOAA's calculator:
/// ΔT (about 69 s in 2026) moves the sun by under 0.001°, a fraction of a second of time.
fn julian_century(at: DateTime<Utc>) -> f64 {
    let jd = at.timestamp_millis() as f64 / 86_400_000.0 + UNIX_EPOCH_JD;
    (jd - J2000_JD) / JULIAN_CENTURY_DAYS
}

/// Minutes since UTC midnight, with the fraction of a minute.
fn utc_minutes_of_day(at: DateTime<Utc>) -> f64 {
    f64::from(at.num_seconds_from_midnight()) / 60.0 + f64::from(at.nanosecond()) / 60e9
}

/// Declination and equation of time at `at`, by the NOAA Solar Calculator's low-precision
/// solar theory (Meeus ch. 25 and 28): good to about 0.01° in the sun's longitude, which is
/// a few seconds of time for sunrise and sunset away from the polar circles. (The Spencer
/// Fourier series used before drifts 0.3–0.45° in declination by 2026, minutes at high
/// latitudes.)
fn solar_terms(at: DateTime<Utc>) -> SolarTerms {
    let t = julian_century(at);
    // Geometric mean longitude L0 and mean anomaly M of the sun, degrees.
    let mean_longitude = (280.46646 + t * (36000.76983 + t * 0.0003032)).rem_euclid(360.0);
    let mean_anomaly = (357.52911 + t * (35999.05029 - 0.0001537 * t)).to_radians();
    // Eccentricity of Earth's orbit.
    let e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    // Equation of centre C (degrees): true longitude = L0 + C.
    let centre = mean_anomaly.sin() * (1.914602 - t * (0.004817 + 0.000014 * t))
        + (2.0 * mean_anomaly).sin() * (0.019993 - 0.000101 * t)
        + (3.0 * mean_anomaly).sin() * 0.000289;
    let true_longitude = mean_longitude + centre;
    // Apparent longitude λ: aberration (−0.00569°) and nutation in longitude, whose main
    // term follows the Moon's ascending node Ω = 125.04° − 1934.136°·T.
    let node = (125.04 - 1934.136 * t).to_radians();
    let apparent_longitude = (true_longitude - 0.00569 - 0.00478 * node.sin()).to_radians();
    // Mean obliquity of the ecliptic ε0 (23°26′21.448″ at J2000), plus nutation in obliquity.
    let mean_obliquity =
        23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
    let obliquity = (mean_obliquity + 0.00256 * node.cos()).to_radians();
    let declination_rad = (obliquity.sin() * apparent_longitude.sin()).asin();
    // Equation of time (Meeus 28.3, Smart's series), y = tan²(ε/2).
    let y = (obliquity / 2.0).tan().powi(2);
    let l0 = mean_longitude.to_radians();
    let eqtime_rad = y * (2.0 * l0).sin() - 2.0 * e * mean_anomaly.sin()
        + 4.0 * e * y * mean_anomaly.sin() * (2.0 * l0).cos()
        - 0.5 * y * y * (4.0 * l0).sin()
        - 1.25 * e * e * (2.0 * mean_anomaly).sin();
    SolarTerms {
        declination_rad,
        // 4 minutes of time per degree.
        eqtime_min: 4.0 * eqtime_rad.to_degrees(),
        utc_minutes: utc_minutes_of_day(at),
    }
}

/// NOAA solar hour angle in degrees, in -180..180 (negative before solar noon):
/// `time_offset = eqtime + 4·longitude` (minutes, time zone 0 because we work in UTC),
/// `true_solar_time = utc_minutes + time_offset`, `ha = true_solar_time/4 − 180`.
fn hour_angle_deg(terms: &SolarTerms, longitude: f64) -> f64 {
    let true_solar_time = terms.utc_minutes + terms.eqtime_min + 4.0 * longitude;
    wrap_degrees_180(true_solar_time / 4.0 - 180.0)
}

/// NOAA zenith: `cos φ = sin(lat) sin(decl) + cos(lat) cos(decl) cos(ha)`.
fn cos_zenith(latitude_rad: f64, declination_rad: f64, hour_angle_rad: f64) -> f64 {
    (latitude_rad.sin() * declination_rad.sin()
        + latitude_rad.cos() * declination_rad.cos() * hour_angle_rad.cos())
    .clamp(-1.0, 1.0)
}

/// Solar azimuth clockwise from north, degrees in 0..360. Equivalent to NOAA's
/// `cos(180 − θ) = −(sin(lat) cos φ − sin(decl)) / (cos(lat) sin φ)`, written with `atan2`
/// so that it needs no morning/afternoon case split and stays finite at the zenith.
fn azimuth_deg(latitude_rad: f64, declination_rad: f64, hour_angle_rad: f64) -> f64 {
    let east = -hour_angle_rad.sin() * declination_rad.cos();
    let north = declination_rad.sin() * latitude_rad.cos()
        - declination_rad.cos() * latitude_rad.sin() * hour_angle_rad.cos();
    east.atan2(north).to_degrees().rem_euclid(360.0)
}

/// Where the sun is at `at` seen from (`latitude`, `longitude`) in degrees (north and east
/// positive), by the NOAA Solar Calculator equations.
pub fn solar_position(at: DateTime<Utc>, latitude: f64, longitude: f64) -> SolarPosition {
    let terms = solar_terms(at);
    let lat = latitude.to_radians();
    let ha = hour_angle_deg(&terms, longitude).to_radians();
    let zenith_deg = cos_zenith(lat, terms.declination_rad, ha)
        .acos()
        .to_degrees();
    SolarPosition {
        zenith_deg,
        azimuth_deg: azimuth_deg(lat, terms.declination_rad, ha),
        elevation_deg: 90.0 - zenith_deg,
    }
}

// ---------------------------------------------------------------------------------------
// Madronich 2007 clear-sky UV index
// ---------------------------------------------------------------------------------------

/// Madronich (2007) exponent of μ0 = cos(zenith).
const UVI_MU_EXPONENT: f64 = 2.42;
/// Madronich (2007) ozone exponent.
const UVI_OZONE_EXPONENT: f64 = -1.23;
/// Madronich (2007) UV index with the sun overhead and 300 DU of ozone.
const UVI_OVERHEAD: f64 = 12.5;

/// Madronich's ozone factor `(Ω/300)^−1.23`.
fn ozone_factor(ozone_du: f64) -> f64 {
    (ozone_du / 300.0).powf(UVI_OZONE_EXPONENT)
}

/// Clear-sky UV index for μ0 = cos(zenith) and an ozone column in DU (Madronich 2007):
/// `12.5 · μ0^2.42 · (Ω/300)^−1.23`, 0 when the sun is at or below the horizon.
pub fn clear_sky_uvi_for(cos_zenith: f64, ozone_du: f64) -> f64 {
    if cos_zenith.is_nan() || cos_zenith <= 0.0 {
        return 0.0;
    }
    UVI_OVERHEAD * cos_zenith.min(1.0).powf(UVI_MU_EXPONENT) * ozone_factor(ozone_du)
}

/// Clear-sky UV index with the sun at `zenith_deg` and [`OZONE_DU`] of ozone
/// (Madronich 2007); 0 when the sun is below the horizon (zenith ≥ 90°).
pub fn clear_sky_uvi(zenith_deg: f64) -> f64 {
    // cos(90°) is 6e-17 in floating point, not 0: decide the horizon on the angle.
    if zenith_deg.is_nan() || zenith_deg >= 90.0 {
        return 0.0;
    }
    clear_sky_uvi_for(zenith_deg.to_radians().cos(), OZONE_DU)
}

/// The μ0 = cos(zenith) at which the Madronich clear-sky UV index equals `uvi`, from
/// inverting the formula: `μ0 = (uvi / (12.5 · (Ω/300)^−1.23))^(1/2.42)`. Above 1 when that
/// index is never reached even with the sun overhead.
pub fn cos_zenith_for_uvi(uvi: f64, ozone_du: f64) -> f64 {
    (uvi / (UVI_OVERHEAD * ozone_factor(ozone_du))).powf(1.0 / UVI_MU_EXPONENT)
}

/// Solar elevation in degrees above which the clear-sky UV index (Ω = [`OZONE_DU`]) is at
/// least [`SUN_PROTECTION_UVI`]: about 33.7°.
pub fn protection_elevation_deg() -> f64 {
    90.0 - cos_zenith_for_uvi(SUN_PROTECTION_UVI, OZONE_DU)
        .acos()
        .to_degrees()
}

// ---------------------------------------------------------------------------------------
// Events of one day: transit, sunrise/sunset, UVI threshold crossings
// ---------------------------------------------------------------------------------------

/// Rounds of the fixed-point refinement below; each re-evaluates declination and equation
/// of time at the current estimate (the NOAA spreadsheet evaluates them once, at noon, which
/// costs up to a minute at high latitudes). Two already agree to well under a second.
const REFINEMENTS: usize = 3;

/// Whether and where, on one day, the sun's centre crosses a given zenith angle.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Crossing<T> {
    /// It crosses at this (hour angle, or instant).
    At(T),
    /// The sun stays higher all day (e.g. no sunset in polar day).
    AlwaysAbove,
    /// The sun stays lower all day (e.g. no sunrise in polar night).
    AlwaysBelow,
}

impl<T> Crossing<T> {
    fn at(self) -> Option<T> {
        match self {
            Crossing::At(t) => Some(t),
            Crossing::AlwaysAbove | Crossing::AlwaysBelow => None,
        }
    }
}

/// NOAA hour angle (degrees, 0..=180) at which the sun's centre reaches
/// `cos_zenith_target`, for latitude and declination in radians:
/// `cos ha = cos_zenith / (cos lat cos decl) − tan lat tan decl`, written without the
/// tangents so that it stays finite at the poles.
fn event_hour_angle_deg(
    latitude_rad: f64,
    declination_rad: f64,
    cos_zenith_target: f64,
) -> Crossing<f64> {
    let numerator = cos_zenith_target - latitude_rad.sin() * declination_rad.sin();
    let denominator = latitude_rad.cos() * declination_rad.cos();
    let cos_ha = numerator / denominator;
    if cos_ha.is_nan() || cos_ha > 1.0 {
        Crossing::AlwaysBelow
    } else if cos_ha < -1.0 {
        Crossing::AlwaysAbove
    } else {
        Crossing::At(cos_ha.acos().to_degrees())
    }
}

/// Refines `guess` to the instant when the NOAA hour angle equals `target_ha(declination)`
/// (degrees), re-evaluating the sun's position at each estimate. One degree of hour angle is
/// four minutes.
fn solve_for_hour_angle(
    guess: DateTime<Utc>,
    longitude: f64,
    target_ha: impl Fn(f64) -> Crossing<f64>,
) -> Crossing<DateTime<Utc>> {
    let mut t = guess;
    for _ in 0..REFINEMENTS {
        let terms = solar_terms(t);
        let want = match target_ha(terms.declination_rad) {
            Crossing::At(ha) => ha,
            Crossing::AlwaysAbove => return Crossing::AlwaysAbove,
            Crossing::AlwaysBelow => return Crossing::AlwaysBelow,
        };
        let miss = wrap_degrees_180(want - hour_angle_deg(&terms, longitude));
        t = shift_minutes(t, 4.0 * miss);
    }
    Crossing::At(t)
}

/// The solar transit (hour angle 0) nearest `near`.
fn solar_transit(near: DateTime<Utc>, longitude: f64) -> DateTime<Utc> {
    solve_for_hour_angle(near, longitude, |_| Crossing::At(0.0))
        .at()
        .unwrap_or(near)
}

/// When, around the transit `noon`, the sun's centre crosses `cos_zenith_target` rising
/// (`side = -1.0`) or setting (`side = 1.0`).
fn crossing_near_transit(
    noon: DateTime<Utc>,
    latitude: f64,
    longitude: f64,
    cos_zenith_target: f64,
    side: f64,
) -> Crossing<DateTime<Utc>> {
    let lat = latitude.to_radians();
    solve_for_hour_angle(noon, longitude, |decl| {
        match event_hour_angle_deg(lat, decl, cos_zenith_target) {
            Crossing::At(ha) => Crossing::At(side * ha),
            other => other,
        }
    })
}

/// The first and the first-after-last instants of local `date` in `tz`, in UTC: 23 or 25
/// hours apart on DST days.
fn local_day_span(date: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = start_of_local_day(date, tz);
    let end = match date.succ_opt() {
        Some(next) => start_of_local_day(next, tz),
        None => shift_minutes(start, 24.0 * 60.0),
    };
    (start, end)
}

/// First instant of local `date`: midnight, the earlier one if midnight happens twice, and
/// the end of the gap if the clocks jump over midnight.
fn start_of_local_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    // Gaps are at most a few hours; step a minute at a time through one.
    for minutes in 0..(26 * 60) {
        let Some(local) = midnight.checked_add_signed(TimeDelta::minutes(minutes)) else {
            break;
        };
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(earliest, _) => return earliest.with_timezone(&Utc),
            LocalResult::None => continue,
        }
    }
    // Unreachable for real time zones; read the date as UTC rather than fail.
    midnight.and_utc()
}

/// Sun and clear-sky UV for local `date` at `location`, in `tz` (see [`SunDay`]).
///
/// Costs a handful of trigonometric evaluations and two time-zone look-ups (a few µs).
pub fn sun_day(date: NaiveDate, location: &Location, tz: Tz) -> SunDay {
    let (lat, lon) = (location.latitude, location.longitude);
    let (day_start, day_end) = local_day_span(date, tz);
    let middle = shift_minutes(
        day_start,
        (day_end - day_start).num_seconds() as f64 / 120.0,
    );

    let noon = solar_transit(middle, lon);
    let sunrise_cos = SUNRISE_ZENITH_DEG.to_radians().cos();
    let sunrise = crossing_near_transit(noon, lat, lon, sunrise_cos, -1.0).at();
    let sunset = crossing_near_transit(noon, lat, lon, sunrise_cos, 1.0).at();

    // Never before the day's start, even on the calendar's last day (clamp would panic).
    let last_instant = shift_minutes(day_end, -1.0 / 60.0).max(day_start);
    let noon_position = solar_position(noon, lat, lon);
    let peak_at = noon.clamp(day_start, last_instant);
    let peak_uvi = if peak_at == noon {
        clear_sky_uvi(noon_position.zenith_deg)
    } else {
        clear_sky_uvi(solar_position(peak_at, lat, lon).zenith_deg)
    };

    let protection =
        protection_hours(noon, lat, lon, day_start, last_instant).map(|(s, e)| ProtectionHours {
            start: to_local(s, tz),
            end: to_local(e, tz),
        });

    SunDay {
        date,
        sunrise: sunrise.map(|t| to_local(t, tz)),
        sunset: sunset.map(|t| to_local(t, tz)),
        solar_noon: to_local(noon, tz),
        noon_elevation_deg: noon_position.elevation_deg,
        peak_uvi,
        protection,
    }
}

/// The clear-sky UVI ≥ [`SUN_PROTECTION_UVI`] window around the transit `noon`, clipped to
/// `first..=last` (the local date). `None` when the sun never gets high enough or the
/// window lies outside the date.
fn protection_hours(
    noon: DateTime<Utc>,
    latitude: f64,
    longitude: f64,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let threshold = cos_zenith_for_uvi(SUN_PROTECTION_UVI, OZONE_DU);
    let start = match crossing_near_transit(noon, latitude, longitude, threshold, -1.0) {
        Crossing::At(t) => t.max(first),
        Crossing::AlwaysAbove => first,
        Crossing::AlwaysBelow => return None,
    };
    let end = match crossing_near_transit(noon, latitude, longitude, threshold, 1.0) {
        Crossing::At(t) => t.min(last),
        Crossing::AlwaysAbove => last,
        Crossing::AlwaysBelow => return None,
    };
    (start < end).then_some((start, end))
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

/// Angle in degrees wrapped into -180..180.
fn wrap_degrees_180(deg: f64) -> f64 {
    (deg + 180.0).rem_euclid(360.0) - 180.0
}

/// `t` moved by a (fractional) number of minutes, to the millisecond. Stays at `t` if the
/// result would leave chrono's range (hundreds of thousands of years away).
fn shift_minutes(t: DateTime<Utc>, minutes: f64) -> DateTime<Utc> {
    let millis = (minutes * 60_000.0).round();
    if !millis.is_finite() || millis.abs() > 1e15 {
        return t;
    }
    t.checked_add_signed(TimeDelta::milliseconds(millis as i64))
        .unwrap_or(t)
}

/// The instant rounded to the nearest second, in the local time zone.
fn to_local(t: DateTime<Utc>, tz: Tz) -> DateTime<Tz> {
    let whole = t.with_nanosecond(0).unwrap_or(t);
    let rounded = if t.nanosecond() >= 500_000_000 {
        whole
            .checked_add_signed(TimeDelta::seconds(1))
            .unwrap_or(whole)
    } else {
        whole
    };
    within_local_range(rounded, tz).with_timezone(&tz)
}

/// At the very ends of chrono's calendar a zone's offset can push the local reading out of
/// range, and reading it (to show or serialise it) would panic: such an instant moves a
/// day inwards, more than any offset.
fn within_local_range(t: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let utc = t.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    if utc.checked_add_offset(offset).is_some() {
        return t;
    }
    let inwards = if t.year() > 0 {
        TimeDelta::days(-1)
    } else {
        TimeDelta::days(1)
    };
    t.checked_add_signed(inwards).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .expect("test timestamp")
            .and_utc()
    }

    #[test]
    fn matches_meeus_worked_examples() {
        // Meeus, Astronomical Algorithms, examples 25.a and 28.b: 1992 October 13.0 TD,
        // apparent declination −7.78507°, equation of time 13m 42.7s. (UTC for TD here
        // moves the sun by under 0.001°.)
        let terms = solar_terms(utc("1992-10-13 00:00"));
        let declination = terms.declination_rad.to_degrees();
        assert!((declination + 7.78507).abs() < 0.002, "{declination}");
        assert!(
            (terms.eqtime_min - 13.712).abs() < 0.02,
            "{}",
            terms.eqtime_min
        );
    }

    #[test]
    fn uvi_threshold_is_about_34_degrees() {
        let elevation = protection_elevation_deg();
        assert!((33.5..34.0).contains(&elevation), "{elevation}");
        assert!((clear_sky_uvi(90.0 - elevation) - SUN_PROTECTION_UVI).abs() < 1e-9);
    }

    #[test]
    fn uvi_is_zero_below_horizon_and_12_5_overhead() {
        assert_eq!(clear_sky_uvi(90.0), 0.0);
        assert_eq!(clear_sky_uvi(120.0), 0.0);
        assert_eq!(clear_sky_uvi(180.0), 0.0);
        assert!((clear_sky_uvi(0.0) - 12.5).abs() < 1e-12);
        // More ozone, less UV.
        assert!(clear_sky_uvi_for(1.0, 350.0) < clear_sky_uvi_for(1.0, 300.0));
    }

    #[test]
    fn night_position_is_below_horizon_with_zero_uvi() {
        // Berlin at 00:00 UTC (01:00/02:00 local) in any season.
        for ts in ["2026-06-21 00:00", "2026-12-21 00:00", "2026-03-20 23:00"] {
            let p = solar_position(utc(ts), 52.52, 13.405);
            assert!(p.zenith_deg > 90.0, "{ts}: {p:?}");
            assert_eq!(clear_sky_uvi(p.zenith_deg), 0.0);
        }
    }

    #[test]
    fn azimuth_points_east_in_morning_south_at_noon_west_in_evening() {
        // London, June solstice; transit ≈ 12:02 UTC.
        let morning = solar_position(utc("2026-06-21 06:00"), 51.5074, -0.1278);
        let noon = solar_position(utc("2026-06-21 12:02"), 51.5074, -0.1278);
        let evening = solar_position(utc("2026-06-21 18:00"), 51.5074, -0.1278);
        assert!((45.0..135.0).contains(&morning.azimuth_deg), "{morning:?}");
        assert!((noon.azimuth_deg - 180.0).abs() < 1.0, "{noon:?}");
        assert!((225.0..315.0).contains(&evening.azimuth_deg), "{evening:?}");
        // Noon elevation ≈ 90 − 51.51 + 23.44.
        assert!((noon.elevation_deg - 61.93).abs() < 0.1, "{noon:?}");
    }

    #[test]
    fn wrap_and_shift_helpers() {
        assert_eq!(wrap_degrees_180(190.0), -170.0);
        assert_eq!(wrap_degrees_180(-190.0), 170.0);
        assert_eq!(wrap_degrees_180(0.0), 0.0);
        let t = utc("2026-01-01 00:00");
        assert_eq!(
            shift_minutes(t, 1.5),
            utc("2026-01-01 00:01") + TimeDelta::seconds(30)
        );
        assert_eq!(shift_minutes(t, f64::NAN), t);
    }

    #[test]
    fn local_day_span_has_23_and_25_hour_days() {
        let berlin: Tz = chrono_tz::Europe::Berlin;
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let (s, e) = local_day_span(d(2026, 3, 29), berlin);
        assert_eq!((e - s).num_hours(), 23);
        let (s, e) = local_day_span(d(2026, 10, 25), berlin);
        assert_eq!((e - s).num_hours(), 25);
        // America/Havana jumps from 00:00 to 01:00 (DST starts at midnight): the day
        // starts at 01:00 local.
        let havana: Tz = chrono_tz::America::Havana;
        let (s, _) = local_day_span(d(2026, 3, 8), havana);
        assert_eq!(
            s.with_timezone(&havana).time(),
            NaiveTime::from_hms_opt(1, 0, 0).expect("t")
        );
    }
}
