//! The real background binary keeping time under libfaketime, with a real notification
//! server (python3-dbusmock) on the test's private D-Bus session. The data directory is set
//! up through the app's own IPC (mock runtime), then the background process runs alone, as
//! after a login, and its reminder loop does the rest.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use serde_json::json;

use needlewise_core::store::{ReminderOutcome, Store};

use crate::common::{fill_disk, setup, small_tmpfs, Harness};
use crate::harness::{background_binary, eventually_blocking, FAKETIME_LIB};
use crate::notifications::{CallWatch, NotificationServer};

const NEEDS: &str =
    "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh";

/// Finish the wizard's setup through IPC: at-home, first session on `first` at 19:00,
/// with the given quiet hours and zone for reminders.
fn set_up(dir: &Path, first: NaiveDate, quiet: (&str, &str)) {
    let h = Harness::at(dir);
    let mut s = setup(first);
    s["reminders"]["quietStart"] = json!(quiet.0);
    s["reminders"]["quietEnd"] = json!(quiet.1);
    h.ok("finish_setup", json!({ "setup": s }));
}

/// libfaketime's relative form ("+N" seconds from the real clock), so the fake clock runs
/// on at the normal rate from `at` — and can jump by rewriting the file.
fn offset_to(at: DateTime<Utc>) -> String {
    format!("+{}", (at - Utc::now()).num_seconds())
}

/// A Needlewise program under a fake clock read from `clock_file`; its log (with the pass
/// log of the background process, its own or the one it started) comes back on a channel.
pub(crate) struct FakeTimeApp {
    child: Child,
    log: Receiver<String>,
    db: std::path::PathBuf,
    /// Every line read so far, for tests of what the app writes out.
    read: std::cell::RefCell<Vec<String>>,
}

impl FakeTimeApp {
    /// The background process alone on `dir`.
    pub(crate) fn start(dir: &Path, clock_file: &Path, tz: &str) -> Self {
        Self::start_with(dir, clock_file, tz, &[])
    }

    /// As [`FakeTimeApp::start`], with more environment for the process.
    pub(crate) fn start_with(
        dir: &Path,
        clock_file: &Path,
        tz: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        // A window the test opened before has started a background process on this data
        // (without the faked clock): ask it to quit, so the one started here runs alone
        // instead of exiting as a second instance.
        let data = needlewise_background::data::DataDir::new(dir);
        let running = || {
            needlewise_background::instance::Instance::running(
                &data,
                needlewise_background::programs::Program::Background,
            )
        };
        if running() {
            let _ =
                needlewise_background::wake::ask(&data, needlewise_background::wake::Request::Quit);
            eventually_blocking(Duration::from_secs(15), || {
                if running() {
                    Err("the window's background process is still running".to_string())
                } else {
                    Ok(())
                }
            });
        }
        Self::launch(&background_binary(), dir, clock_file, tz, envs)
    }

    /// The window program on `dir` (it starts the background process).
    pub(crate) fn window(dir: &Path, clock_file: &Path, tz: &str) -> Self {
        Self::launch(
            Path::new(env!("CARGO_BIN_EXE_needlewise")),
            dir,
            clock_file,
            tz,
            &[],
        )
    }

    fn launch(
        program: &Path,
        dir: &Path,
        clock_file: &Path,
        tz: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        let mut child = Command::new(program)
            .envs(envs.iter().copied())
            .args(["--data-dir", dir.to_str().unwrap()])
            .env("LD_PRELOAD", FAKETIME_LIB)
            .env("FAKETIME_TIMESTAMP_FILE", clock_file)
            .env("FAKETIME_NO_CACHE", "1")
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
            .env("TZ", tz)
            .env("NEEDLEWISE_LOG", "1")
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the program starts");
        let (tx, rx) = channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        FakeTimeApp {
            child,
            log: rx,
            db: dir.join("needlewise.db"),
            read: Default::default(),
        }
    }

    /// The next pass whose log line contains `what` ("pass" for any pass).
    pub(crate) fn pass(&self, what: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let received = self.log.recv_timeout(left);
            if let Ok(line) = &received {
                self.read.borrow_mut().push(line.clone());
            }
            match received {
                Ok(line) if line.starts_with("needlewise: pass") && line.contains(what) => {
                    return line
                }
                Ok(_) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    panic!("no pass with {what:?} within {within:?}")
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("the app exited (waiting for {what:?})")
                }
            }
        }
    }
}

impl FakeTimeApp {
    /// The next pass after which the ledger holds `key` as `outcome`. The pass log carries
    /// counts only (no health data), so what was sent is read from the database.
    pub(crate) fn recorded(&self, key: &str, outcome: ReminderOutcome, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self.pass("pass", left);
            if ledger_outcome(&self.db, key) == Some(outcome) {
                return line;
            }
        }
    }

    /// The next line the app writes to stderr, whatever it is.
    pub(crate) fn next_line(&self, within: Duration) -> String {
        let line = self
            .log
            .recv_timeout(within)
            .unwrap_or_else(|e| panic!("no output within {within:?}: {e}"));
        self.read.borrow_mut().push(line.clone());
        line
    }

    /// Stop the app and return everything it wrote to stderr.
    pub(crate) fn finish(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut all = self.read.take();
        all.extend(self.log.iter());
        all
    }

    /// The next pass after which `key` was sent.
    pub(crate) fn sent(&self, key: &str, within: Duration) -> String {
        self.recorded(key, ReminderOutcome::Sent, within)
    }

    /// Ask the background process for a pass now, over the channel the window uses when
    /// something changed. A faked clock moved by the test is not the kernel's, so the clock
    /// watch cannot tell the loop, which would notice only when its longest sleep ends.
    pub(crate) fn look_again(&self) {
        let data = needlewise_background::data::DataDir::new(self.db.parent().unwrap());
        // The channel opens just after the loop's first pass: ask until it answers.
        eventually_blocking(Duration::from_secs(15), || {
            needlewise_background::wake::ask(&data, needlewise_background::wake::Request::Replan)
                .map(drop)
                .map_err(|e| format!("the background process's channel: {e}"))
        });
    }
}

/// What the ledger in `db` says of `key`.
pub(crate) fn ledger_outcome(db: &Path, key: &str) -> Option<ReminderOutcome> {
    let store = Store::open(db).ok()?;
    store.ledger().get(key).ok().flatten().map(|e| e.outcome)
}

/// Every key the ledger in `db` holds as `outcome`, dated `from..=to`.
pub(crate) fn ledger_keys(
    db: &Path,
    outcome: ReminderOutcome,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<String> {
    let store = Store::open(db).unwrap();
    let entries = store.ledger().between(from, to).unwrap();
    entries
        .into_iter()
        .filter(|e| e.outcome == outcome)
        .map(|e| e.key)
        .collect()
}

impl Drop for FakeTimeApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A background process the window started has a process group of its own.
        if let Some(dir) = self.db.parent() {
            let data = needlewise_background::data::DataDir::new(dir);
            let _ =
                needlewise_background::wake::ask(&data, needlewise_background::wake::Request::Quit);
        }
    }
}

/// When a pass ran, in the zone, as "HH:MM".
pub(crate) fn pass_time(line: &str, tz: chrono_tz::Tz) -> String {
    pass_instant(line)
        .with_timezone(&tz)
        .format("%H:%M")
        .to_string()
}

/// The instant of a pass, from its log line ("needlewise: pass at unix:<seconds> …").
pub(crate) fn pass_instant(line: &str) -> DateTime<Utc> {
    line["needlewise: pass at unix:".len()..]
        .split(' ')
        .next()
        .and_then(|t| t.parse().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(|| panic!("no time in {line}"))
}

fn local(tz: chrono_tz::Tz, y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, min, s)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn count(calls: &str, needle: &str) -> usize {
    calls.matches(needle).count()
}

/// A date comfortably in the future (the wizard refuses past first sessions).
fn future_day(days: i64) -> NaiveDate {
    Local::now().date_naive() + chrono::Duration::days(days)
}

pub(crate) const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// Set the app's fake clock to `h:m:s` Berlin time on `date` (it runs on from there).
pub(crate) fn set_clock(clock: &Path, date: NaiveDate, h: u32, m: u32, s: u32) {
    set_clock_in(clock, BERLIN, date, (h, m, s));
}

/// Set the app's fake clock to `h:m:s` on `date` in `tz`.
fn set_clock_in(clock: &Path, tz: chrono_tz::Tz, date: NaiveDate, (h, m, s): (u32, u32, u32)) {
    use chrono::Datelike;
    let at = local(tz, date.year(), date.month(), date.day(), h, m, s);
    std::fs::write(clock, offset_to(at)).unwrap();
}

/// A data directory set up with its first session on `first`, and the clock file's path.
fn scenario(first: NaiveDate, quiet: (&str, &str)) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    set_up(dir.path(), first, quiet);
    let clock = dir.path().join("clock");
    (dir, clock)
}

/// The app started 15 s before `h:m` on `day` sends `key` at that minute; restarted 30 s
/// after it, it sends nothing more.
fn sent_once_across_a_restart(
    dir: &Path,
    clock: &Path,
    day: NaiveDate,
    (h, m): (u32, u32),
    key: &str,
) {
    use chrono::Datelike;
    let at = local(BERLIN, day.year(), day.month(), day.day(), h, m, 0);
    std::fs::write(clock, offset_to(at - chrono::Duration::seconds(15))).unwrap();
    let app = FakeTimeApp::start(dir, clock, "Europe/Berlin");
    let line = app.sent(key, Duration::from_secs(60));
    assert_eq!(pass_time(&line, BERLIN), format!("{h:02}:{m:02}"), "{line}");
    drop(app);
    std::fs::write(clock, offset_to(at + chrono::Duration::seconds(30))).unwrap();
    let app = FakeTimeApp::start(dir, clock, "Europe/Berlin");
    let line = app.pass("pass", Duration::from_secs(60));
    assert!(line.contains("sent=0"), "{line}");
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn session_reminder_arrives_at_its_minute_and_a_restart_does_not_repeat_it() {
    let _ = NEEDS;
    let server = NotificationServer::start("actions body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    // The loop sleeps until 19:00 and sends the session reminder at its minute; a restart
    // within the same minute sends nothing again.
    let key = format!("session:{day}:home-{day}");
    sent_once_across_a_restart(dir.path(), &clock, day, (19, 0), &key);
    assert_eq!(
        count(&server.calls(), "Session tonight at 19:00"),
        1,
        "{}",
        server.calls()
    );
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn a_two_day_jump_gives_one_merged_catch_up_and_records_the_rest_missed() {
    let server = NotificationServer::start("actions body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    let before = day - chrono::Duration::days(2);
    set_clock(&clock, before, 7, 59, 50);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    app.sent(&format!("spf:{before}:daily"), Duration::from_secs(60));
    let sent_before = count(&server.calls(), "string \"Notify\"");
    // The laptop "sleeps" for two and a half days: the wall clock jumps, the monotonic
    // clock (and so the loop's sleep) does not. On resume the kernel tells the clock watch,
    // which wakes the loop (tests/clock_watch.rs); a faked clock is not the kernel's, so the
    // test asks for the pass the watch would bring.
    set_clock(&clock, day, 20, 5, 0);
    app.look_again();
    let line = app.sent(
        &format!("session:{day}:home-{day}"),
        Duration::from_secs(90),
    );
    drop(app);
    let db = dir.path().join("needlewise.db");
    // Today's session and evening check-in come as one notification…
    assert!(line.contains("sent=2"), "{line}");
    let sent = ledger_keys(&db, ReminderOutcome::Sent, day, day);
    assert!(
        sent.iter()
            .any(|k| k.starts_with(&format!("checkin:{day}"))),
        "{sent:?}"
    );
    // …the days in between, and this morning's SPF at 20:05 (issue 9: no "SPF this
    // morning" in the evening), are recorded as missed, not shown late.
    let yesterday = day - chrono::Duration::days(1);
    let missed = ledger_keys(&db, ReminderOutcome::Missed, before, day);
    assert!(missed.contains(&format!("spf:{day}:daily")), "{missed:?}");
    assert!(
        missed
            .iter()
            .any(|k| k.starts_with(&format!("prep:{yesterday}"))),
        "{missed:?}"
    );
    assert!(
        missed.contains(&format!("spf:{yesterday}:daily")),
        "{missed:?}"
    );
    let calls = server.calls();
    assert_eq!(
        count(&calls, "string \"Notify\""),
        sent_before + 1,
        "{calls}"
    );
    assert!(
        calls.contains("Needlewise: 2 reminders") && calls.contains("(set for 19:00)"),
        "{calls}"
    );
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn spring_forward_in_berlin_fires_the_eight_oclock_spf_once_and_quiet_hours_defer() {
    let server = NotificationServer::start("body");
    let date = |d| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
    // 2027-03-28: Berlin's clocks skip from 02:00 to 03:00.
    let (dir, clock) = scenario(future_day(200), ("12:00", "13:00"));
    set_clock(&clock, date(28), 7, 59, 50);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    let line = app.sent("spf:2027-03-28:daily", Duration::from_secs(60));
    assert_eq!(pass_time(&line, BERLIN), "08:00", "{line}");
    drop(app);
    assert_eq!(count(&server.calls(), "SPF 30+"), 1, "{}", server.calls());
    // Quiet hours 07:00–09:00: the 08:00 SPF waits until 09:00.
    let (dir, clock) = scenario(future_day(200), ("07:00", "09:00"));
    set_clock(&clock, date(29), 7, 59, 50);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    let first = app.pass("pass", Duration::from_secs(60));
    assert!(first.contains("sent=0"), "{first}");
    set_clock(&clock, date(29), 8, 59, 55);
    app.look_again();
    let line = app.sent("spf:2027-03-29:daily", Duration::from_secs(90));
    assert_eq!(pass_time(&line, BERLIN), "09:00", "{line}");
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn two_instances_started_together_deliver_each_reminder_once() {
    let server = NotificationServer::start("body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    set_clock(&clock, day, 8, 0, 5);
    let a = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    let b = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    // Whichever runs the pass sends the 08:00 SPF; the other hands over or finds it recorded.
    eventually_blocking(Duration::from_secs(60), || {
        match count(&server.calls(), "SPF 30+") {
            0 => Err("no SPF reminder".into()),
            _ => Ok(()),
        }
    });
    let _ = a.log.recv_timeout(Duration::from_secs(3));
    let _ = b.log.recv_timeout(Duration::from_secs(3));
    drop(a);
    drop(b);
    assert_eq!(count(&server.calls(), "SPF 30+"), 1, "{}", server.calls());
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn done_on_the_notification_marks_the_session_done() {
    let server = NotificationServer::start("actions body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    set_clock(&clock, day, 18, 59, 50);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    app.sent(
        &format!("session:{day}:home-{day}"),
        Duration::from_secs(60),
    );
    let calls = server.calls();
    assert!(
        calls.contains("\"Done\""),
        "the Done button was offered: {calls}"
    );
    // dbusmock numbers notifications from 1 in the order it received them.
    let id = count(&calls, "string \"Notify\"") as u32;
    server.click(id, "done");
    eventually_blocking(Duration::from_secs(15), || {
        let store = needlewise_core::store::Store::open(&dir.path().join("needlewise.db")).unwrap();
        let done =
            store.sessions().list().unwrap().iter().any(|s| {
                s.date == day && s.status == needlewise_core::session::SessionStatus::Done
            });
        done.then_some(())
            .ok_or("the session was not marked done".into())
    });
    drop(app);
}

#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn discreet_notifications_carry_no_health_detail() {
    let server = NotificationServer::start("actions body");
    let day = future_day(10);
    let dir = tempfile::tempdir().unwrap();
    {
        let h = Harness::at(dir.path());
        let mut s = setup(day);
        s["reminders"]["discreet"] = json!(true);
        h.ok("finish_setup", json!({ "setup": s }));
    }
    let clock = dir.path().join("clock");
    set_clock(&clock, day, 18, 59, 45);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    app.sent(
        &format!("session:{day}:home-{day}"),
        Duration::from_secs(60),
    );
    drop(app);
    let calls = server.calls();
    assert_eq!(count(&calls, "string \"Notify\""), 1, "{calls}");
    assert!(calls.contains("Needlewise reminder"), "{calls}");
    assert!(calls.contains("19:00"), "{calls}");
    // Nothing about the treatment: not the session, the device, the skin or a product.
    for secret in ["Session", "session", "roller", "skin", "Retinol", "serum"] {
        assert!(!calls.contains(secret), "{secret:?} shown: {calls}");
    }
}

/// Issue 10, item 6: a notification server that takes the call and never answers (frozen
/// with SIGSTOP). The pass must not hold the database's write lock meanwhile: a write from
/// the window finishes at once. When the server answers, the reminder is shown — once.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn a_hung_notification_service_holds_up_no_write_and_its_reminder_comes_once() {
    let server = NotificationServer::start("actions body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    let watch = CallWatch::start();
    server.freeze();
    set_clock(&clock, day, 8, 0, 5);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    // The 08:00 pass is calling the frozen server now.
    watch.wait_for("GetCapabilities", Duration::from_secs(60));
    let h = Harness::at(dir.path());
    let started = Instant::now();
    let written = h.call(
        "add_product",
        json!({ "product": { "name": "Plain moisturiser", "inci": "Aqua, Glycerin" } }),
    );
    let took = started.elapsed();
    assert!(
        written.is_ok() && took < Duration::from_secs(1),
        "a write while the notification service hung took {took:?}: {written:?}"
    );
    server.thaw();
    app.sent(&format!("spf:{day}:daily"), Duration::from_secs(60));
    // The next pass shows nothing more (asked for: the loop would sleep until 19:00).
    app.look_again();
    let next = app.pass("pass", Duration::from_secs(30));
    assert!(next.contains("sent=0"), "{next}");
    drop(app);
    assert_eq!(count(&server.calls(), "SPF 30+"), 1, "{}", server.calls());
}

/// Issue 10, item 7: the disk fills up. The reminder is shown, its record cannot be
/// written, and later passes (retrying the record) must not show it again; once space is
/// freed the record lands, so a restart does not show it either.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock, libfaketime and root (tmpfs): run through tests/run.sh"]
fn a_full_disk_shows_a_reminder_once_and_records_it_when_space_returns() {
    let server = NotificationServer::start("body");
    let day = future_day(10);
    let disk = tempfile::tempdir().unwrap();
    let Some(_tmpfs) = small_tmpfs(disk.path(), "4m") else {
        return;
    };
    let dir = disk.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    set_up(&dir, day, ("22:00", "07:00"));
    let elsewhere = tempfile::tempdir().unwrap();
    let clock = elsewhere.path().join("clock");
    set_clock(&clock, day, 7, 59, 40);
    let app = FakeTimeApp::start(&dir, &clock, "Europe/Berlin");
    app.pass("pass", Duration::from_secs(60));
    let filler = fill_disk(disk.path());
    let key = format!("spf:{day}:daily");
    // Shown, but the record cannot be written: the log says so, the ledger cannot.
    let line = app.pass("sent=1", Duration::from_secs(60));
    assert!(line.contains("storage=problem"), "{line}");
    // The record is retried after 5, 10, 20 and 40 s: four more passes, nothing shown.
    for _ in 0..4 {
        let line = app.pass("pass", Duration::from_secs(90));
        assert!(line.contains("sent=0"), "{line}");
    }
    assert_eq!(count(&server.calls(), "SPF 30+"), 1, "{}", server.calls());
    std::fs::remove_file(filler).unwrap();
    let line = app.pass("storage=ok", Duration::from_secs(90));
    assert!(line.contains("sent=0"), "{line}");
    drop(app);
    let store = needlewise_core::store::Store::open(&dir.join("needlewise.db")).unwrap();
    assert!(
        store.ledger().is_recorded(&key).unwrap(),
        "the record landed"
    );
    drop(store);
    let app = FakeTimeApp::start(&dir, &clock, "Europe/Berlin");
    let line = app.pass("pass", Duration::from_secs(60));
    assert!(line.contains("sent=0"), "{line}");
    drop(app);
    assert_eq!(count(&server.calls(), "SPF 30+"), 1, "{}", server.calls());
}

/// Point the zone link `link` (what `TZ=:<link>` names, like /etc/localtime) at `zone`,
/// replacing it in one step as a system does.
fn point_zone(link: &Path, zone: &str) {
    let fresh = link.with_extension("new");
    let _ = std::fs::remove_file(&fresh);
    std::os::unix::fs::symlink(format!("/usr/share/zoneinfo/{zone}"), &fresh).unwrap();
    std::fs::rename(&fresh, link).unwrap();
}

/// The background process on `dir` with its zone read from a link in `dir` (`TZ=:path`),
/// pointed at `zone`; the link, to re-point, and the process.
fn start_on_zone_link(dir: &Path, clock: &Path, zone: &str) -> (std::path::PathBuf, FakeTimeApp) {
    let link = dir.join("localtime");
    point_zone(&link, zone);
    let app = FakeTimeApp::start(dir, clock, &format!(":{}", link.display()));
    (link, app)
}

/// Issue 10, item 9: the person flies from Berlin to New York with the app running. The
/// zone changes under the running binary (its zone file is re-pointed), and from the next
/// pass reminders follow the new zone: the 19:00 session reminder comes at 19:00 in New
/// York, not at 19:00 Berlin time.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn a_change_of_zone_moves_reminders_from_the_next_pass() {
    let server = NotificationServer::start("body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    set_clock(&clock, day, 18, 0, 0);
    let (link, app) = start_on_zone_link(dir.path(), &clock, "Europe/Berlin");
    app.pass("pass", Duration::from_secs(60));
    point_zone(&link, "America/New_York");
    // 19:00:05 in Berlin is 13:00 in New York: the session reminder is not due.
    set_clock(&clock, day, 19, 0, 5);
    app.look_again();
    // The pass after the jump (the clock watch may also have brought one at the change,
    // at 18:00; the fake clock lands up to a second before 19:00:05).
    let jumped = BERLIN
        .from_local_datetime(&day.and_hms_opt(19, 0, 0).unwrap())
        .unwrap();
    while pass_instant(&app.pass("pass", Duration::from_secs(30))) < jumped {}
    let db = dir.path().join("needlewise.db");
    let sent = ledger_keys(&db, ReminderOutcome::Sent, day, day);
    assert!(!sent.iter().any(|k| k.starts_with("session:")), "{sent:?}");
    let session = format!("session:{day}:home-{day}");
    let new_york = chrono_tz::America::New_York;
    set_clock_in(&clock, new_york, day, (18, 59, 50));
    app.look_again();
    let line = app.sent(&session, Duration::from_secs(90));
    assert_eq!(pass_time(&line, new_york), "19:00", "{line}");
    drop(app);
    assert_eq!(count(&server.calls(), "Session tonight at 19:00"), 1);
}

/// Issue 12: the loop sleeps until its next reminder, so a change of zone must wake it.
/// Flying east, Berlin to Helsinki (an hour ahead) a minute before seven there: the 19:00
/// session reminder now comes at 19:00 Helsinki time, told by the clock watch at the
/// change (nothing asks the loop to look again), not at the loop's next planned look at
/// 19:00 Berlin time (20:00 in Helsinki) or its longest sleep.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn a_change_of_zone_wakes_the_loop_at_once() {
    let server = NotificationServer::start("body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    set_clock(&clock, day, 17, 59, 40);
    let (link, app) = start_on_zone_link(dir.path(), &clock, "Europe/Berlin");
    app.pass("pass", Duration::from_secs(60));
    point_zone(&link, "Europe/Helsinki");
    let session = format!("session:{day}:home-{day}");
    let line = app.sent(&session, Duration::from_secs(40));
    let helsinki = chrono_tz::Europe::Helsinki;
    assert_eq!(pass_time(&line, helsinki), "19:00", "{line}");
    drop(app);
    assert_eq!(count(&server.calls(), "Session tonight at 19:00"), 1);
}

/// Issue 10, item 16: nothing the app writes to stdout or stderr names the person's health
/// data — not the session's date, the product, its ingredients, nor what a reminder was
/// about — even with the pass log on, a reminder sent and a pass that panics.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn the_app_writes_no_health_data_to_its_output() {
    let _server = NotificationServer::start("actions body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    {
        let h = Harness::at(dir.path());
        h.ok(
            "add_product",
            json!({ "product": { "name": "Zorblex Night Serum", "inci": "Aqua, Retinol, Bakuchiol" } }),
        );
    }
    set_clock(&clock, day, 18, 59, 45);
    let out = {
        let app = FakeTimeApp::start_with(
            dir.path(),
            &clock,
            "Europe/Berlin",
            &[("NEEDLEWISE_PANIC_IN", "reminder-pass")],
        );
        app.sent(
            &format!("session:{day}:home-{day}"),
            Duration::from_secs(60),
        );
        app.finish().join("\n")
    };
    assert!(out.contains("needlewise: pass at"), "{out}");
    assert!(
        out.contains("stopped unexpectedly"),
        "the panic was reported: {out}"
    );
    let secrets = [
        day.to_string(),
        day.format("%d/%m").to_string(),
        day.format("%-d %b").to_string(),
        "Zorblex".into(),
        "Retinol".into(),
        "Bakuchiol".into(),
        "session:".into(),
        "Session tonight".into(),
        "roller".into(),
    ];
    for secret in secrets {
        assert!(!out.contains(&secret), "{secret:?} written out: {out}");
    }
}

/// Issue 10, item 17: launching Needlewise again while it runs hands the arguments over.
/// A start at login (`--minimised`) opens nothing; a plain launch shows the window; a
/// launch for another data folder shows the window and says, in a notification, that it
/// is already running with other data.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn a_second_launch_obeys_its_arguments() {
    let server = NotificationServer::start("body");
    let day = future_day(10);
    let (dir, clock) = scenario(day, ("22:00", "07:00"));
    std::fs::write(&clock, "+0").unwrap();
    // The window, which starts the background process (whose passes share its output).
    let app = FakeTimeApp::window(dir.path(), &clock, "Europe/Berlin");
    app.pass("pass", Duration::from_secs(60));
    let again = |args: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_needlewise"))
            .args(args)
            .env("NO_AT_BRIDGE", "1")
            .status()
            .unwrap();
        assert!(status.success(), "the second launch exits cleanly");
    };
    let data = dir.path().to_str().unwrap();
    let second_launch = |what: &str| loop {
        let line = app.next_line(Duration::from_secs(30));
        if line.starts_with("needlewise: second launch:") {
            assert_eq!(line, format!("needlewise: second launch: {what}"));
            break;
        }
    };
    again(&["--minimised", "--data-dir", data]);
    second_launch("stay-hidden");
    let has_window = || {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/tools/has_window.py");
        Command::new("/usr/bin/python3")
            .args([script, "needlewise"])
            .status()
            .is_ok_and(|s| s.success())
    };
    again(&["--data-dir", data]);
    second_launch("show-window");
    assert!(has_window(), "the window opened");
    let other = tempfile::tempdir().unwrap();
    again(&["--data-dir", other.path().to_str().unwrap()]);
    second_launch("other-data");
    eventually_blocking(Duration::from_secs(20), || {
        let calls = server.calls();
        match calls.contains("already running") {
            true => Ok(()),
            false => Err(calls),
        }
    });
    assert!(
        std::fs::read_dir(other.path()).unwrap().next().is_none(),
        "nothing was created in the other folder"
    );
}

/// Issue 14, item 5: the evening routine reminder (chosen at setup, off by default) comes
/// once at its minute through the same ledger, saying what to use; a restart sends nothing.
#[test]
#[ignore = "needs Xvfb, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
fn the_evening_routine_reminder_comes_once() {
    let server = NotificationServer::start("actions body");
    let first = future_day(12);
    let day = first - chrono::Duration::days(5);
    let dir = tempfile::tempdir().unwrap();
    {
        let h = Harness::at(dir.path());
        let mut s = setup(first);
        s["reminders"]["routine"] =
            json!({ "enabled": true, "morning": "07:30", "evening": "21:15" });
        s["placements"] = json!([{ "product": 0, "step": "serum", "usage": { "when": "pm" } }]);
        h.ok("finish_setup", json!({ "setup": s }));
    }
    let clock = dir.path().join("clock");
    let key = format!("routine:{day}:pm");
    sent_once_across_a_restart(dir.path(), &clock, day, (21, 15), &key);
    let calls = server.calls();
    assert_eq!(count(&calls, "Your evening routine"), 1, "{calls}");
    assert!(calls.contains("Treatment serum"), "{calls}");
}
