//! Sessions as an iCalendar file (RFC 5545), so they can go into any calendar app.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::clock;
use crate::guidance::SessionKind;
use crate::schedule::{self, PlannedSession};
use crate::session::SessionStatus;
use crate::state::RoutineState;
use crate::units::Days;

/// How far ahead projected sessions are written.
const HORIZON: Days = Days(365);

/// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; newlines become `\n`.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and a space.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += w;
    }
    out.push_str("\r\n");
    out
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn event(s: &PlannedSession, tz: Tz, now: DateTime<Utc>) -> String {
    let start = clock::at(s.date, s.time, tz);
    let (what, minutes) = match s.kind {
        SessionKind::AtHome => ("At-home microneedling", 30),
        SessionKind::Professional => ("Professional microneedling", 60),
    };
    let state = match (&s.status, s.id) {
        (SessionStatus::Planned, None) => "proposed",
        (status, _) => status.label(),
    };
    let kind_code = match s.kind {
        SessionKind::AtHome => "home",
        SessionKind::Professional => "pro",
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{kind_code}-{}@needlewise", s.date.format("%Y%m%d")),
        format!("DTSTAMP:{}", utc(now)),
        format!("DTSTART:{}", utc(start)),
        format!(
            "DTEND:{}",
            utc(start.checked_add_signed(Duration::minutes(minutes)).unwrap_or(start))
        ),
        format!("SUMMARY:{}", escape(&format!("{what} ({state})"))),
        format!(
            "DESCRIPTION:{}",
            escape("Clean skin: no makeup, oils or sunscreen. Afterwards: gentle products, a hydrating serum, strict sun care. Planned by Needlewise.")
        ),
    ];
    if s.status != SessionStatus::Planned {
        lines.push("STATUS:CANCELLED".to_string());
    }
    lines.push("END:VEVENT".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// Every stored session, and those projected for the next year from `today`.
pub fn calendar(state: &RoutineState, today: NaiveDate, tz: Tz, now: DateTime<Utc>) -> String {
    let first = state
        .sessions
        .first()
        .map(|s| s.date)
        .unwrap_or(today)
        .min(today);
    let sessions = schedule::sessions_between(state, first, HORIZON.after(today));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Needlewise//Needlewise 0.1//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    for s in &sessions {
        out.push_str(&event(s, tz, now));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = "X".repeat(200);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
