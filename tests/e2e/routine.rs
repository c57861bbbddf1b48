//! The Routine tab (issue 14) as the person sees it: a cleanser, a vitamin C serum,
//! a retinol serum three nights a week, a moisturiser and a sunscreen. The right order on an
//! ordinary day, "cleanse only" before an evening session, the retinol struck the day after,
//! and the week's consistency chart after ticking; light and dark.

use std::time::Duration as StdDuration;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde_json::json;

use crate::common::{wizard_dir, Harness};
use crate::dashboard::view;
use crate::harness::{eventually, App};
use crate::wizard::today;

const WAIT: StdDuration = StdDuration::from_secs(20);

const SHELF: [(&str, &str); 5] = [
    ("Gentle cleanser", "Aqua, Glycerin, Panthenol"),
    (
        "Vitamin C serum",
        "Aqua, Ascorbic Acid, Ferulic Acid, Tocopherol",
    ),
    ("Retinol serum", "Aqua, Glycerin, Retinol, Tocopherol"),
    (
        "Moisturising cream",
        "Aqua, Glycerin, Sodium Hyaluronate, Panthenol",
    ),
    ("Mineral sunscreen SPF 50", "Aqua, Zinc Oxide, Glycerin"),
];

/// The person's places: [name, step, when, weekdays].
fn places() -> Vec<(&'static str, &'static str, &'static str, Vec<u8>)> {
    vec![
        ("Gentle cleanser", "cleanser", "both", vec![]),
        ("Vitamin C serum", "serum", "am", vec![]),
        ("Retinol serum", "serum", "pm", vec![1, 3, 5]),
        ("Moisturising cream", "moisturiser", "both", vec![]),
        ("Mineral sunscreen SPF 50", "sunscreen", "am", vec![]),
    ]
}

/// The first Tuesday at least four days away: its Friday before is an ordinary day, and the
/// Wednesday after a retinol night inside the session's windows.
fn session_tuesday() -> NaiveDate {
    let mut d = today() + Duration::days(4);
    while d.weekday() != Weekday::Tue {
        d += Duration::days(1);
    }
    d
}

/// Set up as the wizard would, then place every product through IPC.
fn placed_dir(first: NaiveDate) -> tempfile::TempDir {
    let dir = wizard_dir(first, &SHELF);
    let h = Harness::at(dir.path());
    let ids = h.ok("product_places", json!({}));
    for (name, step, when, days) in places() {
        let id = ids
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["productId"]
            .clone();
        let usage = if days.is_empty() {
            json!({ "when": when })
        } else {
            json!({ "when": when, "weekdays": days })
        };
        h.ok(
            "place_product",
            json!({ "placement": { "productId": id, "step": step, "usage": usage } }),
        );
    }
    dir
}

/// The names in a routine part, in order, each with whether it is struck.
async fn shown(app: &App, part: &str) -> Vec<(String, bool)> {
    let css = format!("#routine-{part} li.routine-item");
    let names = app.attrs(&css, "data-product-name").await;
    let struck = app.attrs(&css, "data-struck").await;
    names
        .into_iter()
        .zip(struck.iter().map(|s| s == "true"))
        .collect()
}

async fn on_day(app: &App, day: NaiveDate) {
    app.set_value("#routine-date", &day.to_string()).await;
    eventually(WAIT, || async {
        let text = app.text("#routine-status").await;
        if text.starts_with(&day.format("%a %-d %b.").to_string()) {
            Ok(())
        } else {
            Err(format!("the routine shows {text}, not {day}"))
        }
    })
    .await;
}

async fn snap(app: &mut App, name: &str) {
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    app.shot(name).await;
}

fn own(list: &[(&str, bool)]) -> Vec<(String, bool)> {
    list.iter().map(|(n, s)| (n.to_string(), *s)).collect()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn the_routine_around_a_session_and_the_weeks_chart() {
    let session = session_tuesday();
    let dir = placed_dir(session);
    let time = format!("@{session} 10:00:00");
    let mut app = App::open("routine")
        .data_dir(dir.path())
        .at(&time)
        .start()
        .await;
    view(&app, "routine").await;
    app.visible("#routine-am li.routine-step").await;

    // The session day: the morning keeps its sunscreen, cleanse only before, then §3.
    let morning = shown(&app, "am").await;
    assert!(
        morning.contains(&("Mineral sunscreen SPF 50".to_string(), false)),
        "{morning:?}"
    );
    assert_eq!(
        shown(&app, "before").await,
        own(&[("Gentle cleanser", false)])
    );
    let before = app.text("#routine-before").await;
    assert!(before.contains("Cleanse only"), "{before}");
    let evening = app.text("#routine-pm").await;
    assert!(evening.contains("After your session"), "{evening}");

    // Tick the morning: the chart counts the routine and the sunscreen.
    for step in ["cleanser", "serum", "moisturiser", "sunscreen"] {
        let css = format!("#tick-am-{step}");
        if app.shown(&css).await {
            app.click(&css).await;
            eventually(WAIT, || async {
                if app.is_checked(&css).await {
                    Ok(())
                } else {
                    Err(format!("{css} not ticked"))
                }
            })
            .await;
        }
    }
    eventually(WAIT, || async {
        let text = app.text("#routine-week-summary").await;
        if text.contains("1 of") && text.contains("sunscreen on 1 of") {
            Ok(text)
        } else {
            Err(text)
        }
    })
    .await;
    app.client.set_window_size(1366, 900).await.unwrap();
    snap(&mut app, "session-day-light").await;

    // An ordinary Friday before: the layering order, the retinol night.
    let friday = session - Duration::days(4);
    on_day(&app, friday).await;
    assert_eq!(
        shown(&app, "am").await,
        own(&[
            ("Gentle cleanser", false),
            ("Vitamin C serum", false),
            ("Moisturising cream", false),
            ("Mineral sunscreen SPF 50", false),
        ])
    );
    assert_eq!(
        shown(&app, "pm").await,
        own(&[
            ("Gentle cleanser", false),
            ("Retinol serum", false),
            ("Moisturising cream", false),
        ])
    );
    snap(&mut app, "ordinary-day-light").await;

    // The Wednesday after: the retinol struck with its reason and end date.
    let wednesday = session + Duration::days(1);
    on_day(&app, wednesday).await;
    let evening = shown(&app, "pm").await;
    assert!(
        evening.contains(&("Retinol serum".to_string(), true)),
        "{evening:?}"
    );
    let reason = app
        .text("#routine-pm li.routine-item[data-product-name=\"Retinol serum\"]")
        .await;
    let end = (session + Duration::days(3)).format("%-d %b").to_string();
    assert!(
        reason.contains("day 1 of 3") && reason.contains(&end),
        "{reason}"
    );
    snap(&mut app, "day-after-light").await;

    // In Products the person moves the vitamin C serum to the evening: the routine suggests
    // the morning instead (GUIDANCE §8), with its source.
    view(&app, "products").await;
    let id = app
        .attr(
            "#product-list li[data-product-name=\"Vitamin C serum\"]",
            "data-product-id",
        )
        .await
        .unwrap();
    app.click(&format!("#place-{id} > summary")).await;
    app.set_value(&format!("#place-when-{id}"), "pm").await;
    app.click(&format!("#place-save-{id}")).await;
    eventually(WAIT, || async {
        let text = app.text(&format!("#place-{id} > summary")).await;
        if text.contains("evening") {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
    snap(&mut app, "products-light").await;
    view(&app, "routine").await;
    on_day(&app, friday).await;
    let note = app
        .text("#routine-pm li[data-note=\"vitaminCInMorning\"]")
        .await;
    assert!(note.contains("Source: Clinic aftercare sheets"), "{note}");
    app.close().await;

    let mut app = App::open("routine-dark")
        .data_dir(dir.path())
        .at(&time)
        .envs(&[("GTK_THEME", "Adwaita:dark")])
        .start()
        .await;
    app.client.set_window_size(1366, 900).await.unwrap();
    view(&app, "routine").await;
    app.visible("#routine-am li.routine-step").await;
    snap(&mut app, "session-day-dark").await;
    on_day(&app, wednesday).await;
    snap(&mut app, "day-after-dark").await;
    view(&app, "products").await;
    snap(&mut app, "products-dark").await;
    app.close().await;
}
