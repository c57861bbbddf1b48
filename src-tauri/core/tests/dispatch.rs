//! The reminder loop's pass on a real database file: exactly once across passes, restarts
//! and two connections; catch-up after a jump; failures keep reminders pending.

use std::sync::{Arc, Barrier, Mutex};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Berlin;
use needlewise_core::dispatch::{tick, Silenced, CLOCK_SLACK};
use needlewise_core::guidance::SessionKind;
use needlewise_core::profile::Mode;
use needlewise_core::reminders::Notification;
use needlewise_core::session::NewSession;
use needlewise_core::store::{ReminderOutcome, Store};
use needlewise_core::{clock, fixtures};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}
fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    clock::at(day, t(h, m), Berlin)
}

/// At-home user set up on 1 Dec at 07:00 with a session on Thu 3 Dec at 19:00.
fn store(path: &std::path::Path) -> Store {
    let s = Store::open(path).unwrap();
    s.profile()
        .save(&fixtures::profile(Mode::AtHome, d(2026, 12, 1)))
        .unwrap();
    let mut settings = s.settings().get().unwrap();
    settings.reminders_from = Some(at(d(2026, 12, 1), 7, 0));
    s.settings().save(&settings).unwrap();
    s.sessions()
        .insert(NewSession {
            kind: SessionKind::AtHome,
            date: d(2026, 12, 3),
            time: t(19, 0),
        })
        .unwrap();
    s
}

fn collect(
    into: &Mutex<Vec<Notification>>,
) -> impl FnOnce(&Notification) -> Result<(), String> + '_ {
    move |n| {
        into.lock().unwrap().push(n.clone());
        Ok(())
    }
}

#[test]
fn each_occurrence_is_sent_once_across_passes_and_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let sent = Mutex::new(Vec::new());
    {
        let s = store(&path);
        let r = tick(&s, at(d(2026, 12, 3), 8, 0), Berlin, collect(&sent)).unwrap();
        assert_eq!(r.sent.as_ref().unwrap().title, "SPF 30+ this morning");
        tick(
            &s,
            at(d(2026, 12, 3), 8, 0) + Duration::seconds(20),
            Berlin,
            collect(&sent),
        )
        .unwrap();
    }
    // A restart at the same minute: a new connection, nothing repeated.
    let s = Store::open(&path).unwrap();
    let r = tick(
        &s,
        at(d(2026, 12, 3), 8, 0) + Duration::seconds(40),
        Berlin,
        collect(&sent),
    )
    .unwrap();
    assert!(r.sent.is_none());
    assert_eq!(sent.lock().unwrap().len(), 1);
    // The next wake is the next reminder, however far: how long a loop sleeps at most is
    // its own business.
    assert_eq!(r.next_wake, r.upcoming.as_ref().map(|o| o.fire_at));
    assert!(r.next_wake.unwrap() > at(d(2026, 12, 3), 8, 5));
    let r = tick(&s, at(d(2026, 12, 3), 19, 0), Berlin, collect(&sent)).unwrap();
    assert_eq!(r.sent.unwrap().title, "Session tonight at 19:00");
}

#[test]
fn reminders_before_setup_are_neither_sent_nor_missed() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let mut settings = s.settings().get().unwrap();
    settings.reminders_from = Some(at(d(2026, 12, 1), 12, 0));
    s.settings().save(&settings).unwrap();
    let sent = Mutex::new(Vec::new());
    let r = tick(&s, at(d(2026, 12, 1), 12, 5), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none() && r.missed.is_empty());
}

#[test]
fn a_jump_of_two_days_sends_one_merged_catch_up_and_records_the_rest_missed() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let sent = Mutex::new(Vec::new());
    tick(&s, at(d(2026, 12, 1), 7, 30), Berlin, collect(&sent)).unwrap();
    // The laptop sleeps from 1 Dec 07:30 until 3 Dec 20:05.
    let now = at(d(2026, 12, 3), 20, 5);
    let r = tick(&s, now, Berlin, collect(&sent)).unwrap();
    let n = r.sent.expect("one catch-up notification");
    assert_eq!(sent.lock().unwrap().len(), 1);
    // The session and the evening check-in; this morning's SPF is past its use at 20:05
    // (issue 9), so it is missed rather than sent as "SPF this morning".
    assert!(n.title.contains("2 reminders"), "{}", n.title);
    assert!(n.body.contains("(set for 19:00)"), "{}", n.body);
    assert!(!n.body.contains("(set for 08:00)"), "{}", n.body);
    // 1, 2 and 3 Dec's SPF and the prep reminder of the 2nd are missed, recorded once.
    let missed = s.ledger().missed().unwrap();
    let keys: Vec<&str> = missed.iter().map(|e| e.key.as_str()).collect();
    assert!(
        keys.contains(&"spf:2026-12-01:daily")
            && keys.contains(&"spf:2026-12-02:daily")
            && keys.contains(&"spf:2026-12-03:daily"),
        "{keys:?}"
    );
    assert!(
        keys.iter().any(|k| k.starts_with("prep:2026-12-02")),
        "{keys:?}"
    );
    assert!(missed.iter().all(|e| e.outcome == ReminderOutcome::Missed));
    let again = tick(&s, now + Duration::seconds(30), Berlin, collect(&sent)).unwrap();
    assert!(again.sent.is_none() && again.missed.is_empty());
}

#[test]
fn a_failed_send_records_nothing_and_the_next_pass_retries() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let r = tick(&s, at(d(2026, 12, 2), 8, 0), Berlin, |_| {
        Err("no notification server".into())
    })
    .unwrap();
    assert_eq!(r.failed.as_deref(), Some("no notification server"));
    assert!(!s.ledger().is_recorded("spf:2026-12-02:daily").unwrap());
    let sent = Mutex::new(Vec::new());
    let r = tick(&s, at(d(2026, 12, 2), 8, 1), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_some());
    assert!(s.ledger().is_recorded("spf:2026-12-02:daily").unwrap());
}

#[test]
fn paused_and_quiet_hours_defer_without_losing() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let mut settings = s.settings().get().unwrap();
    settings.paused_until = Some(at(d(2026, 12, 2), 9, 0));
    s.settings().save(&settings).unwrap();
    let sent = Mutex::new(Vec::new());
    let r = tick(&s, at(d(2026, 12, 2), 8, 0), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none());
    // The loop is told to look again when the pause ends, not only at the next reminder.
    assert_eq!(r.next_wake, Some(at(d(2026, 12, 2), 9, 0)));
    // And the tray is told why nothing goes out.
    let end = at(d(2026, 12, 2), 9, 0);
    assert_eq!(r.silenced, Some(Silenced::PausedUntil(end)));
    let r = tick(&s, at(d(2026, 12, 2), 9, 0), Berlin, collect(&sent)).unwrap();
    assert_eq!(r.silenced, None, "the pause has ended");
    assert!(r.sent.unwrap().body.contains("set for 08:00"));
    // 23:30 is inside quiet hours: the 20:00 prep reminder, if not yet sent, waits.
    let r = tick(&s, at(d(2026, 12, 2), 23, 30), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none() && r.missed.is_empty());
}

#[test]
fn with_reminders_off_nothing_is_sent_and_the_loop_is_not_woken() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let mut settings = s.settings().get().unwrap();
    settings.reminders_enabled = false;
    s.settings().save(&settings).unwrap();
    let sent = Mutex::new(Vec::new());
    let r = tick(&s, at(d(2026, 12, 3), 8, 0), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none(), "{r:?}");
    assert_eq!(r.next_wake, None, "woken for reminders that are off");
    assert_eq!(r.silenced, Some(Silenced::Off));
}

#[test]
fn a_reminder_held_by_quiet_hours_wakes_the_loop_when_they_end() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let mut settings = s.settings().get().unwrap();
    settings.quiet_hours = needlewise_core::profile::QuietHours::parse("20:30", "23:00").unwrap();
    s.settings().save(&settings).unwrap();
    let sent = Mutex::new(Vec::new());
    // 21:00: the 20:00 reminder for tomorrow's session is due but quiet hours hold it.
    let r = tick(&s, at(d(2026, 12, 2), 21, 0), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none(), "{r:?}");
    assert_eq!(r.next_wake, Some(at(d(2026, 12, 2), 23, 0)));
    let r = tick(&s, at(d(2026, 12, 2), 23, 0), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_some(), "sent when quiet hours end: {r:?}");
}

#[test]
fn two_connections_ticking_together_send_each_occurrence_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    drop(store(&path));
    let sent = Arc::new(Mutex::new(Vec::new()));
    let barrier = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (path, sent, barrier) = (path.clone(), sent.clone(), barrier.clone());
            std::thread::spawn(move || {
                let s = Store::open(&path).unwrap();
                barrier.wait();
                for minute in 0..3 {
                    let now = at(d(2026, 12, 3), 19, minute);
                    tick(&s, now, Berlin, |n| {
                        sent.lock().unwrap().push(n.keys.clone());
                        Ok(())
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let all: Vec<String> = sent.lock().unwrap().iter().flatten().cloned().collect();
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "duplicates: {all:?}");
    assert!(unique.iter().any(|k| k.starts_with("session:2026-12-03")));
}

#[test]
fn a_snoozed_reminder_fires_once_more_an_hour_later() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let sent = Mutex::new(Vec::new());
    let first = tick(&s, at(d(2026, 12, 2), 8, 0), Berlin, collect(&sent))
        .unwrap()
        .sent
        .unwrap();
    let snooze = needlewise_core::reminders::snooze(&first, at(d(2026, 12, 2), 8, 2), Berlin);
    s.snoozes().add(&snooze).unwrap();
    s.snoozes().add(&snooze).unwrap(); // a double click is one snooze
    assert!(tick(&s, at(d(2026, 12, 2), 9, 1), Berlin, collect(&sent))
        .unwrap()
        .sent
        .is_none());
    let again = tick(&s, at(d(2026, 12, 2), 9, 2), Berlin, collect(&sent))
        .unwrap()
        .sent
        .unwrap();
    assert_eq!(again.title, first.title);
    assert!(again.body.ends_with("(snoozed)"));
    assert!(tick(&s, at(d(2026, 12, 2), 9, 30), Berlin, collect(&sent))
        .unwrap()
        .sent
        .is_none());
    assert_eq!(sent.lock().unwrap().len(), 2);
}

fn keys_of(n: &Option<Notification>) -> Vec<String> {
    n.as_ref().map(|n| n.keys.clone()).unwrap_or_default()
}

/// Issue 10, item 8: the clock runs two days ahead and is set back. An occurrence whose time
/// is later than `now` cannot have been sent legitimately, so what the ledger says about it
/// must not stop it when its time really comes; what was really sent is never repeated.
#[test]
fn a_clock_set_back_after_running_ahead_sends_the_real_reminders_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let sent = Mutex::new(Vec::new());
    // Thu 3 Dec 19:00: the session reminder.
    let r = tick(&s, at(d(2026, 12, 3), 19, 0), Berlin, collect(&sent)).unwrap();
    assert_eq!(keys_of(&r.sent), ["session:2026-12-03:home-2026-12-03"]);
    // The clock jumps two days ahead to Sat 5 Dec 09:00: that morning's SPF and aftercare
    // go out, and Friday's reminders are recorded missed.
    let r = tick(&s, at(d(2026, 12, 5), 9, 0), Berlin, collect(&sent)).unwrap();
    assert!(keys_of(&r.sent).contains(&"spf:2026-12-05:daily".to_string()));
    assert!(r.missed.contains(&"spf:2026-12-04:daily".to_string()));
    // The clock is set back to Fri 4 Dec 08:00, the real morning after the session.
    let friday = at(d(2026, 12, 4), 8, 0);
    let r = tick(&s, friday, Berlin, collect(&sent)).unwrap();
    assert_eq!(
        keys_of(&r.sent),
        ["spf:2026-12-04:daily"],
        "Friday's SPF reminder is sent when Friday morning really comes"
    );
    assert!(!s
        .ledger()
        .missed()
        .unwrap()
        .iter()
        .any(|e| e.key == "spf:2026-12-04:daily"));
    // From here on the clock is right: nothing is sent twice, and the session reminder
    // (really sent on Thursday) is never repeated.
    let mut after: Vec<String> = Vec::new();
    let real = [
        friday,
        friday + Duration::seconds(30),
        at(d(2026, 12, 4), 9, 0),
        at(d(2026, 12, 4), 20, 0),
        at(d(2026, 12, 5), 8, 0),
        at(d(2026, 12, 5), 8, 0) + Duration::seconds(30),
        at(d(2026, 12, 5), 9, 0),
        at(d(2026, 12, 5), 20, 0),
        at(d(2026, 12, 5), 20, 1),
    ];
    for now in real {
        let r = tick(&s, now, Berlin, collect(&sent)).unwrap();
        after.extend(keys_of(&r.sent));
    }
    let mut unique = after.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        after.len(),
        unique.len(),
        "duplicates after the correction: {after:?}"
    );
    assert!(
        !after.iter().any(|k| k.starts_with("session:")),
        "{after:?}"
    );
    // Saturday's reminders, shown while the clock was wrong, come at their real time.
    assert!(
        after.contains(&"spf:2026-12-05:daily".to_string()),
        "{after:?}"
    );
    assert!(
        after.iter().any(|k| k.starts_with("checkin:2026-12-04")),
        "{after:?}"
    );
}

/// A pass reads `now` before it waits for the write lock, so it can run a few seconds
/// behind a pass that just sent: that is not a clock set back, and forgets nothing.
#[test]
fn a_pass_with_a_slightly_stale_clock_does_not_undo_a_send() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let eight = at(d(2026, 12, 3), 8, 0);
    let sent = Mutex::new(Vec::new());
    let r = tick(&s, eight + Duration::seconds(2), Berlin, collect(&sent)).unwrap();
    assert_eq!(keys_of(&r.sent), ["spf:2026-12-03:daily"]);
    let stale = tick(&s, eight - Duration::seconds(3), Berlin, collect(&sent)).unwrap();
    assert!(stale.sent.is_none());
    let r = tick(&s, eight + Duration::seconds(30), Berlin, collect(&sent)).unwrap();
    assert!(r.sent.is_none(), "sent twice: {:?}", keys_of(&r.sent));
    assert_eq!(sent.lock().unwrap().len(), 1);
}

/// What one pass sent, and when the clock said it was.
struct Pass {
    now: DateTime<Utc>,
    keys: Vec<String>,
}

/// Ticks at each reading of the clock, recording what each pass sent.
fn run_clock(s: &Store, readings: &[DateTime<Utc>]) -> Vec<Pass> {
    readings
        .iter()
        .map(|&now| {
            let r = tick(s, now, Berlin, |_| Ok(())).unwrap();
            Pass {
                now,
                keys: keys_of(&r.sent),
            }
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Issue 10, item 8, for any clock: readings that jump forward and back, then a clock
    /// that runs right. A key is sent again only after the clock went back before its time
    /// (the earlier send was at a wrong time), and once the clock runs right every reminder
    /// whose time comes is sent exactly once.
    #[test]
    fn jumps_forward_and_back_never_repeat_a_real_send_nor_lose_a_due_one(
        jumps in proptest::collection::vec(-4 * 24 * 60i64..4 * 24 * 60, 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir.path().join("n.db"));
        let start = at(d(2026, 12, 2), 7, 30);
        let earliest = at(d(2026, 12, 1), 7, 0);
        let mut readings = vec![start];
        let mut clock = start;
        for minutes in &jumps {
            clock = (clock + Duration::minutes(*minutes)).max(earliest);
            readings.push(clock);
        }
        let state = s.load_state().unwrap().unwrap();
        let all = needlewise_core::reminders::occurrences(&state, d(2026, 11, 20), d(2026, 12, 20), Berlin);
        let fire_at = |key: &str| all.iter().find(|o| o.key == key).map(|o| o.fire_at);
        // The clock is right from the last jump on: a pass at every reminder's time for
        // three days.
        let right_from = clock;
        let right_until = right_from + Duration::days(3);
        let due: Vec<&needlewise_core::reminders::Occurrence> = all
            .iter()
            .filter(|o| o.fire_at > right_from && o.fire_at <= right_until)
            .collect();
        readings.extend(due.iter().map(|o| o.fire_at));
        let passes = run_clock(&s, &readings);
        for (j, pass) in passes.iter().enumerate() {
            for key in &pass.keys {
                let Some(i) = passes[..j].iter().rposition(|p| p.keys.contains(key)) else {
                    continue;
                };
                let due_at = fire_at(key).unwrap();
                proptest::prop_assert!(
                    passes[i + 1..j].iter().any(|p| p.now < due_at),
                    "{key} sent at {} and again at {} with no earlier clock between",
                    passes[i].now,
                    pass.now
                );
            }
        }
        // Sent exactly once from then on; within the slack of the last reading, a reminder
        // may instead have gone out (once) that little early.
        let right = &passes[jumps.len()..];
        for o in due {
            let n = right.iter().filter(|p| p.keys.contains(&o.key)).count();
            let early = passes.iter().filter(|p| p.keys.contains(&o.key)).count() - n;
            let ok = n == 1 || (n == 0 && early > 0 && o.fire_at <= right_from + CLOCK_SLACK);
            proptest::prop_assert!(ok, "{} (due {}) sent {} times once the clock was right", &o.key, o.fire_at, n);
        }
    }
}

/// Issue 10, item 6: a notification service that takes its time (or hangs) must not hold
/// the write lock. While `send` is running, another connection — the window's — writes
/// and finishes at once instead of waiting out the busy timeout.
#[test]
fn a_slow_send_holds_no_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let s = store(&path);
    let window = Store::open(&path).unwrap();
    let mut write_during_send = None;
    let r = tick(&s, at(d(2026, 12, 2), 8, 0), Berlin, |_| {
        let started = std::time::Instant::now();
        let outcome = window.outdoor_days().add(d(2026, 12, 2));
        write_during_send = Some((outcome.is_ok(), started.elapsed()));
        Ok(())
    })
    .unwrap();
    assert!(r.sent.is_some());
    let (ok, took) = write_during_send.expect("the pass sent something");
    assert!(
        ok && took < std::time::Duration::from_millis(500),
        "a write during the send waited {took:?} (ok: {ok})"
    );
    assert!(s.ledger().is_recorded("spf:2026-12-02:daily").unwrap());
}

/// While one pass is still showing a notification (the service has not answered), another
/// pass neither sends it again nor loses it: it is sent once, when the first pass settles.
/// A pass killed mid-send leaves a reservation that is released after its lifetime, so the
/// reminder is not lost for good.
#[test]
fn a_reserved_reminder_is_sent_once_and_a_dead_passs_reservation_expires() {
    use needlewise_core::dispatch::{prepare, settle, RESERVATION_LIFETIME};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let (a, b) = (store(&path), Store::open(&path).unwrap());
    let now = at(d(2026, 12, 2), 8, 0);
    let first = prepare(&a, now, Berlin, &[], true).unwrap().show.unwrap();
    assert_eq!(first.keys(), ["spf:2026-12-02:daily"]);
    // Another connection a minute later: the key is reserved, nothing to show.
    let later = now + Duration::minutes(1);
    assert!(prepare(&b, later, Berlin, &[], true)
        .unwrap()
        .show
        .is_none());
    // The first pass, still waiting, renews its hold; past the lifetime it still stands.
    let much_later = now + RESERVATION_LIFETIME + Duration::minutes(1);
    assert!(prepare(&a, much_later, Berlin, first.keys(), false)
        .unwrap()
        .show
        .is_none());
    assert!(prepare(&b, much_later, Berlin, &[], true)
        .unwrap()
        .show
        .is_none());
    settle(&a, &first, true, much_later).unwrap();
    assert!(a.ledger().is_recorded("spf:2026-12-02:daily").unwrap());
    assert!(!a
        .reservations()
        .is_reserved("spf:2026-12-02:daily")
        .unwrap());

    // The next day the pass reserves and "dies" (never settles, never renews).
    let next = at(d(2026, 12, 4), 8, 0);
    let orphan = prepare(&a, next, Berlin, &[], true).unwrap().show.unwrap();
    drop(orphan);
    let blocked = prepare(&b, next + Duration::minutes(5), Berlin, &[], true).unwrap();
    assert!(blocked.show.is_none());
    // The loop is told to look again when the dead pass's reservation expires.
    assert_eq!(blocked.report.next_wake, Some(next + RESERVATION_LIFETIME));
    let again = prepare(
        &b,
        next + RESERVATION_LIFETIME + Duration::minutes(1),
        Berlin,
        &[],
        true,
    )
    .unwrap()
    .show
    .expect("the dead pass's reminder is sent after all");
    assert_eq!(again.keys(), ["spf:2026-12-04:daily"]);
}

/// Issue 10, item 7: when nothing can be written (a full disk), the same decision is made
/// without writing, and the keys the caller holds in memory are not shown again.
#[test]
fn held_keys_are_not_decided_again_without_a_record() {
    use needlewise_core::dispatch::decide;
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let now = at(d(2026, 12, 2), 8, 0);
    let shown = decide(&s, now, Berlin, &[], true).unwrap().show.unwrap();
    assert!(s
        .reservations()
        .is_reserved(&shown.keys()[0])
        .is_ok_and(|r| !r));
    let held = shown.keys().to_vec();
    for minute in 1..5 {
        let d = decide(&s, now + Duration::minutes(minute), Berlin, &held, true).unwrap();
        assert!(d.show.is_none(), "shown again at +{minute} min");
    }
}
