//! Export and import on real files, and the .ics file read back by an iCalendar parser.

#[path = "support/profile.rs"]
mod support;

use std::str::FromStr;

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use needlewise_core::checkin::{DayAfter, Flags, NewCheckIn, Severity};
use needlewise_core::guidance::SessionKind;
use needlewise_core::product::NewProduct;
use needlewise_core::profile::{AtHomeSetup, DeviceKind, Profile};
use needlewise_core::session::{NewSession, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::store::Store;
use needlewise_core::units::Millimetres;
use needlewise_core::{ics, schedule, transfer};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn profile() -> Profile {
    let created = d(2026, 11, 1);
    Profile {
        at_home: Some(AtHomeSetup {
            device: DeviceKind::Pen,
            needle: Millimetres::new(0.5).unwrap(),
            head_since: Some(created),
            interval: None,
        }),
        ..support::at_home(created, NaiveTime::from_hms_opt(19, 0, 0).unwrap())
    }
}

/// A store with a done session (with check-ins), a planned one and two products.
fn filled(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    store.profile().save(&profile()).unwrap();
    let mut settings = Settings::default();
    settings.times.spf = NaiveTime::from_hms_opt(7, 30, 0).unwrap();
    store.settings().save(&settings).unwrap();
    let done = store
        .sessions()
        .insert(NewSession {
            kind: SessionKind::AtHome,
            date: d(2026, 11, 10),
            time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        })
        .unwrap();
    store
        .sessions()
        .set_status(done.id, &SessionStatus::Done)
        .unwrap();
    store
        .sessions()
        .insert(NewSession {
            kind: SessionKind::AtHome,
            date: d(2026, 11, 20),
            time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        })
        .unwrap();
    for day in [0, 3] {
        store
            .checkins()
            .add(NewCheckIn {
                session_id: done.id,
                day: DayAfter::new(day).unwrap(),
                redness: Severity::Moderate,
                irritation: Severity::Mild,
                flags: Flags {
                    swelling: true,
                    ..Flags::default()
                },
                note: "a note, with commas".into(),
            })
            .unwrap();
    }
    store
        .products()
        .add(NewProduct {
            name: "Retinol serum".into(),
            inci: "Aqua, Retinol".into(),
        })
        .unwrap();
    store
        .products()
        .add(NewProduct {
            name: "HA serum".into(),
            inci: "Aqua, Sodium Hyaluronate".into(),
        })
        .unwrap();
    store.outdoor_days().add(d(2026, 12, 24)).unwrap();
    store
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

#[test]
fn export_then_import_into_a_fresh_store_gives_the_same_routine() {
    let dir = tempfile::tempdir().unwrap();
    let a = filled(&dir.path().join("a.db"));
    let text = serde_json::to_string_pretty(&transfer::export(&a, now()).unwrap()).unwrap();
    let b = Store::open(&dir.path().join("b.db")).unwrap();
    transfer::import(&b, &transfer::parse(&text).unwrap()).unwrap();
    let (sa, sb) = (
        a.load_state().unwrap().unwrap(),
        b.load_state().unwrap().unwrap(),
    );
    assert_eq!(sa.profile, sb.profile);
    assert_eq!(sa.settings, sb.settings);
    assert_eq!(sa.outdoor_days, sb.outdoor_days);
    let strip = |s: &needlewise_core::state::RoutineState| -> Vec<_> {
        s.sessions
            .iter()
            .map(|x| (x.kind, x.date, x.time, x.status.clone()))
            .collect()
    };
    assert_eq!(strip(&sa), strip(&sb));
    let checks = |s: &needlewise_core::state::RoutineState| -> Vec<_> {
        s.checkins
            .iter()
            .map(|c| (c.day, c.redness, c.irritation, c.flags, c.note.clone()))
            .collect()
    };
    assert_eq!(checks(&sa), checks(&sb));
    assert_eq!(sa.products.len(), sb.products.len());
    // The interval adjustment (moderate on day 3) survives the trip.
    assert_eq!(
        schedule::interval_state(&sa, SessionKind::AtHome)
            .unwrap()
            .current,
        schedule::interval_state(&sb, SessionKind::AtHome)
            .unwrap()
            .current
    );
    assert_eq!(
        schedule::next_session(&sa, d(2026, 11, 25)),
        schedule::next_session(&sb, d(2026, 11, 25))
    );
}

#[test]
fn malformed_imports_change_nothing_and_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let store = filled(&dir.path().join("a.db"));
    let good: serde_json::Value =
        serde_json::to_value(transfer::export(&store, now()).unwrap()).unwrap();
    let before = format!("{:?}", store.load_state().unwrap());
    let mut cases: Vec<(String, &str)> = vec![
        ("not json at all".into(), "not a JSON file"),
        // A file cut short (a copy that stopped early) says so, not the parser's words.
        {
            let text = good.to_string();
            (text[..text.len() / 2].to_string(), "incomplete")
        },
        (r#"{"hello": "world"}"#.into(), "not a Needlewise export"),
        ("[1, 2, 3]".into(), "not a Needlewise export"),
    ];
    let mut newer = good.clone();
    newer["version"] = serde_json::json!(99);
    cases.push((newer.to_string(), "newer Needlewise"));
    let mut dangling = good.clone();
    dangling["checkins"][0]["sessionId"] = serde_json::json!(4242);
    cases.push((dangling.to_string(), "session 4242"));
    let mut deep = good.clone();
    deep["profile"]["atHome"]["needle"] = serde_json::json!(1.5);
    cases.push((deep.to_string(), "profile"));
    let mut bad_day = good.clone();
    bad_day["checkins"][0]["day"] = serde_json::json!(40);
    cases.push((bad_day.to_string(), "damaged"));
    let mut no_name = good.clone();
    no_name["products"][0]["name"] = serde_json::json!("");
    cases.push((no_name.to_string(), "product"));
    let mut wrong_kind = good.clone();
    wrong_kind["sessions"][0]["kind"] = serde_json::json!("professional");
    cases.push((wrong_kind.to_string(), "does not fit"));
    for (text, expect) in cases {
        let err = transfer::parse(&text).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains(expect), "{expect:?} not in {err}");
        assert_eq!(format!("{:?}", store.load_state().unwrap()), before);
    }
}

#[test]
fn ics_parses_and_holds_every_planned_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = filled(&dir.path().join("a.db"));
    let state = store.load_state().unwrap().unwrap();
    let tz = chrono_tz::Europe::Berlin;
    let today = d(2026, 11, 25);
    let text = ics::calendar(&state, today, tz, now());
    let cal = icalendar::Calendar::from_str(&text).expect("a real iCalendar parser reads it");
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    let planned: Vec<NaiveDate> =
        schedule::sessions_between(&state, d(2026, 11, 1), today + Duration::days(365))
            .iter()
            .filter(|s| s.status == SessionStatus::Planned)
            .map(|s| s.date)
            .collect();
    assert!(planned.len() > 20, "{}", planned.len());
    use icalendar::Component;
    let starts: Vec<NaiveDate> = events
        .iter()
        .filter(|e| e.get_summary().is_some_and(|s| !s.contains("done")))
        .map(|e| match e.get_start().unwrap() {
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(dt)) => {
                dt.with_timezone(&tz).date_naive()
            }
            icalendar::DatePerhapsTime::DateTime(other) => {
                panic!("expected UTC times, got {other:?}")
            }
            icalendar::DatePerhapsTime::Date(d) => d,
        })
        .collect();
    assert_eq!(starts, planned);
    assert!(events
        .iter()
        .any(|e| e.get_summary().unwrap().contains("done")));
    assert!(events.iter().all(|e| e.get_uid().is_some()));
    let first = events
        .iter()
        .find(|e| e.get_summary().unwrap().contains("planned"))
        .unwrap();
    let Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(dt))) =
        first.get_start()
    else {
        panic!("no UTC start");
    };
    // 19:00 in Berlin (CET) is 18:00 UTC.
    assert_eq!(dt, Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap());
}

/// Issue 10, item 3: a file far beyond any real export — 50,000 sessions, a 5 MB note, a
/// date in the year +262142 — is refused with a message that says which, and changes nothing.
#[test]
fn oversized_or_out_of_range_imports_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = filled(&dir.path().join("a.db"));
    let good: serde_json::Value =
        serde_json::to_value(transfer::export(&store, now()).unwrap()).unwrap();
    let before = format!("{:?}", store.load_state().unwrap());
    let session = good["sessions"][1].clone();
    let mut many = good.clone();
    many["checkins"] = serde_json::json!([]);
    many["sessions"] = (0..50_000)
        .map(|i| {
            let mut s = session.clone();
            s["id"] = i.into();
            s
        })
        .collect();
    let mut long_note = good.clone();
    long_note["sessions"][0]["note"] = "x".repeat(5 * 1024 * 1024).into();
    let mut far_session = good.clone();
    far_session["sessions"][1]["date"] = "+262142-01-01".into();
    let mut far_outdoor = good.clone();
    far_outdoor["outdoorDays"] = serde_json::json!(["1899-12-31"]);
    let mut far_head = good.clone();
    far_head["profile"]["atHome"]["headSince"] = "+262142-01-01".into();
    let mut long_checkin_note = good.clone();
    long_checkin_note["checkins"][0]["note"] = "y".repeat(10_001).into();
    let mut long_name = good.clone();
    long_name["products"][0]["name"] = "n".repeat(121).into();
    let cases = [
        (many, "50000 sessions"),
        (
            long_note,
            "a session's note is longer than 10000 characters",
        ),
        (
            far_session,
            "+262142-01-01 is not a date Needlewise can plan with",
        ),
        (
            far_outdoor,
            "1899-12-31 is not a date Needlewise can plan with",
        ),
        (
            far_head,
            "+262142-01-01 is not a date Needlewise can plan with",
        ),
        (
            long_checkin_note,
            "a check-in's note is longer than 10000 characters",
        ),
        (long_name, "at most 120 characters"),
    ];
    for (value, expect) in cases {
        let text = value.to_string();
        assert!(
            text.len() < 16 * 1024 * 1024,
            "{expect}: under the byte limit"
        );
        let err = transfer::parse(&text).unwrap_err();
        assert_eq!(err.kind(), "invalid", "{expect}");
        assert!(err.to_string().contains(expect), "{expect:?} not in {err}");
        assert_eq!(format!("{:?}", store.load_state().unwrap()), before);
    }
    // A date at either bound is accepted.
    let mut at_bounds = good.clone();
    at_bounds["sessions"][0]["date"] = "1900-01-01".into();
    at_bounds["outdoorDays"] = serde_json::json!(["2200-12-31"]);
    transfer::parse(&at_bounds.to_string()).unwrap();
}

/// Issue 10, item 4: the import file is read by the app from the path the person chose.
/// What is not an export is refused by its size or type before a byte is read (a pipe
/// nobody writes to would otherwise block the read for ever), and every refusal says why.
#[test]
fn an_import_file_is_checked_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let a = filled(&dir.path().join("a.db"));
    let export = transfer::export(&a, now()).unwrap();
    let good = dir.path().join("backup.json");
    std::fs::write(&good, serde_json::to_vec(&export).unwrap()).unwrap();
    assert_eq!(transfer::read(&good).unwrap(), export);

    let invalid = |path: &std::path::Path| match transfer::read(path) {
        Err(needlewise_core::CoreError::Invalid { field, message }) => {
            assert_eq!(field, "import");
            message
        }
        other => panic!("{}: {other:?}", path.display()),
    };
    // Sparse: 17 MB long, no data written. Reading it would take the memory it claims.
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let m = invalid(&huge);
    assert!(m.contains("17.0 MB") && m.contains("at most 16 MB"), "{m}");

    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    assert!(invalid(&fifo).contains("not an ordinary file"));
    assert!(invalid(dir.path()).contains("not an ordinary file"));

    let binary = dir.path().join("photo.json");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).unwrap();
    assert!(invalid(&binary).contains("not a text file"));

    let cut = dir.path().join("cut.json");
    let whole = serde_json::to_vec(&export).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    assert!(invalid(&cut).contains("incomplete"));

    match transfer::read(&dir.path().join("gone.json")) {
        Err(needlewise_core::CoreError::Io(e)) => {
            assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
            assert!(e.to_string().contains("gone.json could not be read"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}
