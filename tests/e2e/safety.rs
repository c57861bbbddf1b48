//! The safety rules of issue 9 in the real window: a deep home roller switched to
//! professional plans no home session; a cold sore reported on a session day silences
//! that session's reminder on the real notification server and "it has cleared" brings it
//! back; an acknowledged gate shows the schedule; Settings refuses a window below its
//! floor. Screenshots of the safety step, the hold and a "not checked" product, light and
//! dark.

use std::time::Duration as StdDuration;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use crate::common::{setup, Harness};
use crate::dashboard::{view, wait_attr};
use crate::harness::{eventually, App};
use crate::notifications::NotificationServer;
use crate::reminders::{pass_time, set_clock, FakeTimeApp, BERLIN};
use crate::wizard::{start, today};

const WAIT: StdDuration = StdDuration::from_secs(20);

/// Set up through the app's own IPC: at-home from `first`, with `edit` applied to the
/// wizard's answers first.
fn set_up(dir: &std::path::Path, first: NaiveDate, edit: impl FnOnce(&mut serde_json::Value)) {
    let h = Harness::at(dir);
    let mut s = setup(first);
    edit(&mut s);
    h.ok("finish_setup", json!({ "setup": s }));
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn a_deep_home_roller_switched_to_professional_plans_no_home_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::open("deep-roller").data_dir(dir.path()).start().await;
    start(&mut app, "atHome").await;
    app.fill("#needle", "1.5").await;
    app.click("#next").await;
    app.visible("#needle-error").await;
    app.click("#switch-to-professional").await;
    app.visible("#clinic").await;
    // The home roller's 1.5 mm is not carried over as the clinic's depth…
    let pro = app.css("#pro-needle").await.prop("value").await.unwrap();
    assert_eq!(pro.as_deref(), Some(""), "the home length was carried over");
    // …and the step says who performs these sessions.
    let who = app.text("#pro-performed-by").await;
    assert!(who.contains("practitioner"), "{who}");
    app.shot("switched").await;
    app.fill("#clinic", "Skin Clinic").await;
    let day = today() + Duration::days(10);
    app.set_value("#appointment-date", &day.to_string()).await;
    app.set_value("#appointment-time", "10:00").await;
    for step in 5..=10 {
        app.next_to(step).await;
    }
    app.finish_wizard().await;
    app.close().await;
    let h = Harness::at(dir.path());
    let view = h.ok("get_settings", json!({}));
    assert_eq!(view["profile"]["mode"], "professional");
    assert!(view["profile"]["atHome"].is_null(), "{}", view["profile"]);
    let month = day.format("%Y-%m").to_string();
    let cal = h.ok("calendar", json!({ "month": month }));
    assert!(
        !cal.to_string().contains("\"atHome\""),
        "an at-home session is planned: {cal}"
    );
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver, a private D-Bus session, dbusmock and libfaketime: run through tests/run.sh"]
async fn a_cold_sore_on_a_session_day_holds_the_session_and_clearing_brings_it_back() {
    let server = NotificationServer::start("actions body");
    let dir = tempfile::tempdir().unwrap();
    let day = today() + Duration::days(10);
    set_up(dir.path(), day, |_| {});
    // On the session day at 18:00, the person reports a cold sore on Today.
    {
        let mut app = App::open("cold-sore-report")
            .data_dir(dir.path())
            .at(&format!("@{day} 18:00:00"))
            .start()
            .await;
        app.visible("#today-next-session").await;
        assert_eq!(
            app.attr("#today-kind", "data-session-day").await.as_deref(),
            Some("yes")
        );
        app.click("#report-hold-what option[value=\"condition:coldSore\"]")
            .await;
        app.click("#report-hold-save").await;
        wait_attr(&app, "#today-hold", "data-hold-kind", "conditions").await;
        let hold = app.text("#today-hold").await;
        assert!(hold.to_lowercase().contains("cold sore"), "{hold}");
        assert_eq!(
            app.attr("#today-kind", "data-session-day").await.as_deref(),
            Some("no")
        );
        app.shot("held").await;
        app.close().await;
    }
    // The reminder loop alone, just after the session's minute (a pass sends what has come
    // due since the last one): nothing about the session.
    let clock = dir.path().join("clock");
    set_clock(&clock, day, 19, 0, 5);
    let app = FakeTimeApp::start(dir.path(), &clock, "Europe/Berlin");
    let line = app.pass("pass", StdDuration::from_secs(90));
    assert!(pass_time(&line, BERLIN).as_str() >= "19:00", "{line}");
    drop(app);
    let db = dir.path().join("needlewise.db");
    let sent =
        crate::reminders::ledger_keys(&db, needlewise_core::store::ReminderOutcome::Sent, day, day);
    assert!(
        !sent.iter().any(|k| k.starts_with("session:")),
        "{line} {sent:?}"
    );
    let calls = server.calls();
    assert!(!calls.contains("Session tonight"), "{calls}");
    // Later that evening the cold sore is gone: "it has cleared" brings the session back
    // on the clearing day, never below the interval's minimum.
    let mut app = App::open("cold-sore-cleared")
        .data_dir(dir.path())
        .at(&format!("@{day} 20:30:00"))
        .start()
        .await;
    app.click("#clear-hold-coldSore").await;
    wait_attr(&app, "#today-next-session", "data-date", &day.to_string()).await;
    assert!(!app.css("#today-hold").await.is_displayed().await.unwrap());
    app.shot("cleared").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn an_acknowledged_gate_shows_the_schedule_on_today_and_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let t = today();
    set_up(dir.path(), t + Duration::days(2), |s| {
        s["profile"]["safety"]["gates"] = json!(["isotretinoin"]);
    });
    let mut app = App::open("gate-ack").data_dir(dir.path()).start().await;
    wait_attr(&app, "#today-hold", "data-hold-kind", "gates").await;
    assert_eq!(app.attr("#today-next-session", "data-date").await, None);
    app.shot("gate-held").await;
    app.click("#acknowledge-gates").await;
    // A retinol serum is on the shelf: the first session leaves room for its 2-day pause.
    let first = t + Duration::days(2);
    wait_attr(&app, "#today-next-session", "data-date", &first.to_string()).await;
    view(&app, "calendar").await;
    let month = format!("{:04}-{:02}", first.year(), first.month());
    while app.attr("#calendar-body", "data-month").await.as_deref() != Some(month.as_str()) {
        app.click("#cal-next").await;
        tokio::time::sleep(StdDuration::from_millis(300)).await;
    }
    let cell = format!("#calendar-body button[data-date=\"{first}\"]");
    wait_attr(&app, &cell, "data-session", "projected").await;
    app.shot("gate-acknowledged-calendar").await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn settings_refuse_a_window_below_its_floor_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    set_up(dir.path(), today() + Duration::days(3), |_| {});
    let mut app = App::open("floors").data_dir(dir.path()).start().await;
    view(&app, "settings").await;
    let note = app.text("#care-default-atHome-postRetinoid").await;
    assert!(note.contains("at least 2"), "{note}");
    app.fill("#care-atHome-postRetinoid", "1").await;
    app.click("#save-care").await;
    let err = app.text("#care-atHome-postRetinoid-error").await;
    assert!(
        err.contains("At least 2") && err.contains("clinic"),
        "{err}"
    );
    app.shot("floor-refused").await;
    // Both above their floors, but the professional window shorter: the app refuses it.
    app.fill("#care-atHome-postRetinoid", "10").await;
    app.click("#save-care").await;
    let err = app.text("#care-professional-postRetinoid-error").await;
    assert!(err.contains("professional"), "{err}");
    let h = Harness::at(dir.path());
    assert_eq!(
        h.ok("get_settings", json!({}))["settings"]["atHome"]["postRetinoid"],
        3,
        "nothing was saved"
    );
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn screenshots_of_the_safety_step_the_hold_and_a_product_not_checked() {
    let dark = vec![("GTK_THEME", "Adwaita:dark")];
    for (scheme, envs) in [("light", vec![]), ("dark", dark)] {
        // The safety step, with one answer in each kind of group.
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::open(&format!("safety-step-{scheme}"))
            .data_dir(dir.path())
            .envs(&envs)
            .start()
            .await;
        start(&mut app, "atHome").await;
        app.fill("#needle", "0.25").await;
        app.next_to(5).await;
        app.next_to(6).await;
        app.click("#condition-coldSore").await;
        app.click("#procedure-injections").await;
        app.click("#gate-photosensitising").await;
        app.click("#none-skin").await;
        app.client.set_window_size(1366, 900).await.unwrap();
        app.set_value("#procedure-date-injections", &today().to_string())
            .await;
        app.client
            .execute(
                "document.querySelector('#safety-now').scrollIntoView({block: 'start'});",
                vec![],
            )
            .await
            .unwrap();
        app.shot("safety-step").await;
        // "None of these" clears its group in one click.
        app.click("#none-now").await;
        assert!(!app.is_checked("#condition-coldSore").await);
        app.close().await;
        // Today with a hold and a product Needlewise cannot vouch for.
        let dir = tempfile::tempdir().unwrap();
        set_up(dir.path(), today() + Duration::days(3), |s| {
            s["products"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "name": "Mystery serum", "inci": "Aqua, Sodium Hyaluronate, Zorbium Extract" }));
        });
        let mut app = App::open(&format!("hold-{scheme}"))
            .data_dir(dir.path())
            .envs(&envs)
            .start()
            .await;
        app.click("#report-hold-what option[value=\"condition:recentSunburn\"]")
            .await;
        app.click("#report-hold-save").await;
        wait_attr(&app, "#today-hold", "data-hold-kind", "conditions").await;
        let unknown = app.text("#unclassified-products").await;
        assert!(unknown.contains("Zorbium Extract"), "{unknown}");
        app.client.set_window_size(1366, 900).await.unwrap();
        app.shot("today-hold-not-checked").await;
        app.close().await;
    }
}

/// Steps 1–9 of the wizard with no answers that matter here.
async fn to_reminders_step(app: &mut App) {
    start(app, "atHome").await;
    app.fill("#needle", "0.25").await;
    for step in 5..=9 {
        app.next_to(step).await;
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver, a private D-Bus session and dbusmock: run through tests/run.sh"]
async fn the_wizard_says_before_setup_whether_reminders_can_appear() {
    // No notification server on the bus: said plainly, with what to do.
    {
        let (mut app, _dir) = App::open("notify-none").start_fresh().await;
        to_reminders_step(&mut app).await;
        wait_attr(&app, "#notify-check", "data-available", "no").await;
        let text = app.text("#notify-status").await;
        assert!(text.contains("will not appear"), "{text}");
        app.shot("no-service").await;
        app.close().await;
    }
    // A real server: the check says so, and the test notification reaches it.
    let server = NotificationServer::start("actions body");
    let (mut app, _dir) = App::open("notify-test").start_fresh().await;
    to_reminders_step(&mut app).await;
    wait_attr(&app, "#notify-check", "data-available", "yes").await;
    app.click("#send-test-notification").await;
    eventually(WAIT, || async {
        let calls = server.calls();
        match calls.contains("Needlewise test notification") {
            true => Ok(()),
            false => Err(calls),
        }
    })
    .await;
    app.shot("test-sent").await;
    app.close().await;
}
