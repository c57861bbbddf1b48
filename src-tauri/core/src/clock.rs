//! Wall-clock time in a named zone. `now` is always an argument; nothing here reads a clock.
//!
//! Reminders are set in local time, so every conversion goes through [`resolve`], which
//! settles the two awkward cases of daylight-saving days the way GUIDANCE §6 asks.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;

use crate::error::CoreError;

/// The instant a local wall-clock time means in `tz`.
///
/// - A time that occurs twice (fall-back) resolves to its first occurrence, so it fires once.
/// - A time that does not exist (spring-forward gap) resolves to the first minute after the gap.
pub fn resolve(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => first_after_gap(local, tz),
    }
}

/// Walks forward minute by minute to the first local time that exists. Gaps are at most a
/// few hours in every zone in the tz database, so the bound is never reached in practice.
fn first_after_gap(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    let start = local.with_second(0).unwrap_or(local);
    for minutes in 1..=(24 * 60) {
        let Some(candidate) = start.checked_add_signed(Duration::minutes(minutes)) else {
            break;
        };
        if let Some(t) = tz.from_local_datetime(&candidate).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    // Unreachable for real zones (and at the calendar's end); read the time as UTC rather
    // than panic.
    Utc.from_utc_datetime(&local)
}

/// The instant `time` on `date` means in `tz` (see [`resolve`]).
pub fn at(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    resolve(date.and_time(time), tz)
}

/// The local calendar date of an instant.
pub fn local_date(now: DateTime<Utc>, tz: Tz) -> NaiveDate {
    local_time(now, tz).date()
}

/// The local wall-clock reading of an instant. At the very ends of chrono's calendar, where
/// the zone's offset would leave it, the instant reads as UTC (chrono would panic).
pub fn local_time(now: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    let utc = now.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or(utc)
}

/// The instants a local date spans: from its first existing minute to the next day's.
/// The calendar's last day ends at its last instant rather than panic.
pub fn day_span(date: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = at(date, NaiveTime::MIN, tz);
    let end = match date.succ_opt() {
        Some(next) => at(next, NaiveTime::MIN, tz),
        None => resolve(NaiveDateTime::MAX, tz),
    };
    (start, end)
}

/// Parse an IANA zone name ("Europe/Berlin") with a specific error.
pub fn parse_zone(name: &str) -> Result<Tz, CoreError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| CoreError::invalid("timeZone", format!("'{name}' is not a known time zone")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Europe::Berlin};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn berlin_spring_forward_gap_fires_at_first_minute_after() {
        // 2026-03-29: clocks go 02:00 CET → 03:00 CEST, so 02:30 does not exist.
        let got = at(d(2026, 3, 29), t(2, 30), Berlin);
        assert_eq!(got.with_timezone(&Berlin).time(), t(3, 0));
        assert_eq!(got, Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
    }

    #[test]
    fn new_york_fall_back_ambiguous_time_resolves_to_first() {
        // 2026-11-01: 01:30 happens twice (EDT then EST); the first is 05:30 UTC.
        let got = at(d(2026, 11, 1), t(1, 30), New_York);
        assert_eq!(got, Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap());
    }

    #[test]
    fn eight_oclock_stays_eight_across_dst() {
        for date in [d(2026, 3, 28), d(2026, 3, 29), d(2026, 3, 30)] {
            let got = at(date, t(8, 0), Berlin).with_timezone(&Berlin);
            assert_eq!((got.date_naive(), got.time()), (date, t(8, 0)));
        }
    }

    #[test]
    fn day_span_is_23_or_25_hours_on_dst_days() {
        let (s, e) = day_span(d(2026, 3, 29), Berlin);
        assert_eq!((e - s).num_hours(), 23);
        let (s, e) = day_span(d(2026, 11, 1), New_York);
        assert_eq!((e - s).num_hours(), 25);
    }

    #[test]
    fn unknown_zone_is_a_specific_error() {
        let err = parse_zone("Mars/Olympus").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"));
        assert!(parse_zone("Europe/Berlin").is_ok());
    }
}
