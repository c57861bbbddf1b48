//! The dashboard's commands through the mock runtime: each with valid input and with bad
//! input (unknown ids, out-of-range values, a move below the minimum, a malformed import),
//! and the stored data unchanged after every failed call.

mod common;

use chrono::Duration;
use common::{export_dir, setup, today, with_history, Harness};
use serde_json::{json, Value};

fn set_up() -> Harness {
    export_dir();
    let h = Harness::new();
    let t = today(&h);
    h.ok(
        "finish_setup",
        json!({ "setup": setup(t + Duration::days(1)) }),
    );
    h
}

/// Every failed call below must leave this unchanged.
fn refused(h: &Harness, cmd: &str, args: Value, want: &str) -> Value {
    h.refused(cmd, args, want)
}

#[test]
fn products_add_edit_delete_and_bad_ids() {
    let h = set_up();
    let p = h.ok(
        "add_product",
        json!({ "product": { "name": "Glow toner", "inci": "Aqua, Glycolic Acid, Parfum" } }),
    );
    assert_eq!(
        p["classification"]["classes"],
        json!(["exfoliatingAcid", "fragrance"])
    );
    let id = p["product"]["id"].as_i64().unwrap();
    let u = h.ok(
        "update_product",
        json!({ "product": { "id": id, "name": "Gentle toner", "inci": "Aqua, Glycerin" } }),
    );
    assert_eq!(u["classification"]["classes"], json!([]));
    assert_eq!(
        h.ok("list_products", json!({})).as_array().unwrap().len(),
        3
    );
    refused(
        &h,
        "add_product",
        json!({ "product": { "name": "  " } }),
        "invalid",
    );
    refused(
        &h,
        "add_product",
        json!({ "product": { "name": 5 } }),
        "invalid",
    );
    refused(&h, "add_product", json!({}), "invalid");
    refused(
        &h,
        "update_product",
        json!({ "product": { "id": 999, "name": "X" } }),
        "notFound",
    );
    refused(&h, "delete_product", json!({ "id": 999 }), "notFound");
    refused(&h, "delete_product", json!({ "id": "one" }), "invalid");
    h.ok("delete_product", json!({ "id": id }));
    assert_eq!(
        h.ok("list_products", json!({})).as_array().unwrap().len(),
        2
    );
}

#[test]
fn marking_moves_the_next_session() {
    let h = with_history(3, json!([]));
    let t = today(&h);
    let next = h.ok("day_plan", json!({}))["plan"]["nextSession"].clone();
    assert_eq!(next["date"], (t + Duration::days(4)).to_string());
    // A future session cannot be marked done.
    let r = json!({ "id": null, "kind": "atHome", "date": next["date"] });
    refused(
        &h,
        "mark_session",
        json!({ "session": r, "mark": { "status": "done" } }),
        "invalid",
    );
    refused(
        &h,
        "mark_session",
        json!({ "session": r, "mark": { "status": "finished" } }),
        "invalid",
    );
    refused(
        &h,
        "mark_session",
        json!({ "session": { "id": 77, "kind": "atHome", "date": t.to_string() }, "mark": { "status": "skipped" } }),
        "notFound",
    );
    refused(
        &h,
        "mark_session",
        json!({ "session": { "id": null, "kind": "atHome", "date": t.to_string() }, "mark": { "status": "skipped" } }),
        "invalid",
    );
    // Skipping it moves the next one a full interval on.
    let c = h.ok(
        "mark_session",
        json!({ "session": r, "mark": { "status": "skipped" } }),
    );
    assert_eq!(c["session"]["status"], "skipped");
    assert_eq!(
        c["nextSession"]["date"],
        (t + Duration::days(11)).to_string()
    );
    // Postponing needs a known condition.
    let r2 = json!({ "id": null, "kind": "atHome", "date": (t + Duration::days(11)).to_string() });
    refused(
        &h,
        "mark_session",
        json!({ "session": r2, "mark": { "status": "postponed", "because": "rain" } }),
        "invalid",
    );
    let c = h.ok(
        "mark_session",
        json!({ "session": r2, "mark": { "status": "postponed", "because": "coldSore" } }),
    );
    // GUIDANCE §2 (revised): a postponing condition is a hold until it clears, not a
    // fixed 7-day wait; cleared today, the next session is the day after the postponed one.
    assert!(c["nextSession"].is_null(), "{c}");
    let c = h.ok("clear_hold", json!({ "condition": "coldSore" }));
    assert_eq!(
        c["nextSession"]["date"],
        (t + Duration::days(12)).to_string()
    );
}

#[test]
fn moving_below_the_minimum_is_refused_with_the_reason() {
    let h = with_history(2, json!([]));
    let t = today(&h);
    let planned = t + Duration::days(5);
    let r = json!({ "id": null, "kind": "atHome", "date": planned.to_string() });
    let e = refused(
        &h,
        "move_session",
        json!({ "session": r, "date": (t + Duration::days(1)).to_string() }),
        "tooSoon",
    );
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("at least 7 days") && msg.contains("earliest"),
        "{msg}"
    );
    refused(
        &h,
        "move_session",
        json!({ "session": r, "date": "tomorrow" }),
        "invalid",
    );
    refused(
        &h,
        "move_session",
        json!({ "session": r, "date": (t - Duration::days(1)).to_string() }),
        "invalid",
    );
    let c = h.ok(
        "move_session",
        json!({ "session": r, "date": (t + Duration::days(7)).to_string() }),
    );
    assert_eq!(c["session"]["date"], (t + Duration::days(7)).to_string());
    assert_eq!(
        c["nextSession"]["date"],
        (t + Duration::days(7)).to_string()
    );
}

#[test]
fn moderate_redness_on_day_three_lengthens_the_interval_with_a_reason() {
    let h = with_history(4, json!([]));
    let t = today(&h);
    let done = (t - Duration::days(4)).to_string();
    let session = json!({ "id": 1, "kind": "atHome", "date": done });
    // Ids change on import: find the real one.
    let id = h.ok("checkin_history", json!({}))["sessions"][0]["sessionId"].clone();
    let session = json!({ "id": id, "kind": session["kind"], "date": session["date"] });
    refused(
        &h,
        "add_checkin",
        json!({ "checkin": { "session": session, "day": 3, "redness": "purple", "irritation": "none" } }),
        "invalid",
    );
    refused(
        &h,
        "add_checkin",
        json!({ "checkin": { "session": session, "day": 30, "redness": "mild", "irritation": "none" } }),
        "invalid",
    );
    refused(
        &h,
        "add_checkin",
        json!({ "checkin": { "session": session, "day": 9, "redness": "mild", "irritation": "none" } }),
        "invalid",
    );
    let hist = h.ok("add_checkin", json!({ "checkin": { "session": session, "day": 3, "redness": "moderate", "irritation": "mild" } }));
    let iv = &hist["intervals"][0];
    assert_eq!(
        (iv["base"].as_u64(), iv["current"].as_u64()),
        (Some(7), Some(10))
    );
    assert!(iv["changes"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("3 days after"));
    assert_eq!(hist["sessions"][0]["response"], "adjust");
    let next = h.ok("day_plan", json!({}))["plan"]["nextSession"]["date"].clone();
    assert_eq!(next, (t + Duration::days(6)).to_string());
}

#[test]
fn severe_reaction_holds_until_cleared() {
    let h = with_history(1, json!([]));
    let id = h.ok("checkin_history", json!({}))["sessions"][0]["sessionId"].clone();
    let session =
        json!({ "id": id, "kind": "atHome", "date": (today(&h) - Duration::days(1)).to_string() });
    let hist = h.ok("add_checkin", json!({ "checkin": { "session": session, "day": 1, "redness": "severe", "irritation": "severe" } }));
    assert!(hist["hold"]
        .as_str()
        .unwrap()
        .contains("See a professional"));
    // The structured hold names the session, as the window's "resume" button sends it.
    assert_eq!(hist["holdDetail"]["kind"], "consult");
    assert_eq!(hist["holdDetail"]["sessionId"], id);
    assert!(h.ok("day_plan", json!({}))["plan"]["nextSession"].is_null());
    refused(
        &h,
        "clear_consult_hold",
        json!({ "sessionId": 4242 }),
        "notFound",
    );
    h.ok("clear_consult_hold", json!({ "sessionId": id }));
    assert!(!h.ok("day_plan", json!({}))["plan"]["nextSession"].is_null());
}

#[test]
fn settings_validate_and_persist() {
    let h = set_up();
    let mut s = h.ok("get_settings", json!({}));
    assert!(s["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["source"] == "Seed article"));
    // Each window's row carries its key, unit and limits: the form checks against these.
    let row = s["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "noMakeup")
        .unwrap();
    assert_eq!(
        (&row["unit"], &row["floor"], &row["max"]),
        (&json!("hours"), &json!(12), &json!(72))
    );
    assert_eq!(row["floorNote"], "clinic sheets: 12 to 24 h");
    s["settings"]["atHome"]["noMakeup"] = json!(100);
    refused(
        &h,
        "save_settings",
        json!({ "settings": s["settings"] }),
        "invalid",
    );
    s["settings"]["atHome"]["noMakeup"] = json!(12);
    s["settings"]["quietHours"] = json!({ "start": "21:00", "end": "06:30" });
    h.ok("save_settings", json!({ "settings": s["settings"] }));
    let again = h.ok("get_settings", json!({}));
    assert_eq!(again["settings"]["atHome"]["noMakeup"], 12);
    assert_eq!(again["settings"]["quietHours"]["start"], "21:00");
    let mut p = again["profile"].clone();
    p["mode"] = json!("professional");
    p["professional"] = json!({ "clinic": "C", "needle": 1.0, "interval": null });
    refused(&h, "save_profile", json!({ "profile": p }), "invalid");
    refused(&h, "calendar", json!({ "month": "2026-13" }), "invalid");
    refused(&h, "day_plan", json!({ "date": "someday" }), "invalid");
}

#[test]
fn export_import_round_trip_and_malformed_import() {
    let a = with_history(
        3,
        json!([{ "sessionId": 1, "day": 0, "redness": "mild", "irritation": "none" }]),
    );
    let path = a.ok("export_data", json!({}));
    let text = Harness::exported_json(&path);
    let b = Harness::new();
    b.ok("finish_setup", json!({ "setup": setup(today(&b)) }));
    for bad in ["", "{]", r#"{"format":"something-else"}"#] {
        let e = b.refused_import(bad, "invalid");
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    b.refused_import(&text.replace("\"atHome\"", "\"somewhere\""), "invalid");
    let backup = b.import(&text).unwrap();
    assert!(
        std::path::Path::new(backup.as_str().unwrap()).exists(),
        "a backup was kept"
    );
    let view = |h: &Harness| {
        let month = today(h).format("%Y-%m").to_string();
        (
            h.ok("day_plan", json!({}))["plan"].clone(),
            h.ok("calendar", json!({ "month": month })),
            h.ok("checkin_history", json!({})),
        )
    };
    let (pa, ca, ha) = view(&a);
    let (pb, cb, hb) = view(&b);
    assert_eq!(pa, pb);
    assert_eq!(ca, cb);
    assert_eq!(
        ha["sessions"][0]["checkins"][0]["redness"],
        hb["sessions"][0]["checkins"][0]["redness"]
    );
    let ics = a.ok("export_ics", json!({}));
    assert!(std::fs::read_to_string(ics.as_str().unwrap())
        .unwrap()
        .starts_with("BEGIN:VCALENDAR"));
}

/// Issue 10, item 4: the window confirms the file the app read, by its token: a stale,
/// used or withdrawn token imports nothing, a later choice (even a refused one) withdraws
/// the earlier one, and a file far too large is refused with its name, unread.
#[test]
fn an_import_applies_only_the_file_still_chosen() {
    let a = with_history(3, json!([]));
    let path = a.ok("export_data", json!({}));
    let file = std::path::PathBuf::from(path.as_str().unwrap());
    let exported: Value = serde_json::from_str(&Harness::exported_json(&path)).unwrap();
    let b = set_up();

    let first = b.choose_import(&file).unwrap();
    assert_eq!(first["name"], file.file_name().unwrap().to_str().unwrap());
    assert_eq!(
        first["sessions"],
        exported["sessions"].as_array().unwrap().len()
    );
    assert_eq!(
        first["products"],
        exported["products"].as_array().unwrap().len()
    );
    assert_eq!(first["exportedAt"], exported["exportedAt"]);
    let second = b.choose_import(&file).unwrap();
    assert_ne!(first["token"], second["token"]);
    refused(
        &b,
        "import_data",
        json!({ "token": first["token"] }),
        "conflict",
    );
    b.ok("forget_import", json!({}));
    refused(
        &b,
        "import_data",
        json!({ "token": second["token"] }),
        "conflict",
    );
    refused(&b, "import_data", json!({}), "invalid");
    refused(&b, "import_data", json!({ "token": "the file" }), "invalid");

    let third = b.choose_import(&file).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let e = b.choose_import(&huge).unwrap_err();
    assert_eq!(e["kind"], "invalid", "{e}");
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("“huge.json”") && m.contains("at most 16 MB"),
        "{m}"
    );
    refused(
        &b,
        "import_data",
        json!({ "token": third["token"] }),
        "conflict",
    );

    let fourth = b.choose_import(&file).unwrap();
    b.ok("import_data", json!({ "token": fourth["token"] }));
    assert_eq!(
        b.ok("checkin_history", json!({})),
        a.ok("checkin_history", json!({}))
    );
    refused(
        &b,
        "import_data",
        json!({ "token": fourth["token"] }),
        "conflict",
    );
}

#[test]
fn calendar_month_marks_sessions_and_windows() {
    let h = with_history(2, json!([]));
    let t = today(&h);
    let month = t.format("%Y-%m").to_string();
    let cal = h.ok("calendar", json!({ "month": month }));
    let days = cal["days"].as_array().unwrap();
    assert!((28..=31).contains(&days.len()));
    for d in days {
        let date: chrono::NaiveDate = d["date"].as_str().unwrap().parse().unwrap();
        let has_session = !d["sessions"].as_array().unwrap().is_empty();
        let expected = date == t - Duration::days(2)
            || date == t + Duration::days(5)
            || date == t + Duration::days(12)
            || date == t + Duration::days(19)
            || date == t + Duration::days(26);
        if date.format("%Y-%m").to_string() == month {
            assert_eq!(has_session, expected, "{date}");
        }
    }
}

#[test]
fn reminder_status_and_pause() {
    let h = set_up();
    let v = h.ok("reminder_status", json!({}));
    assert!(v["status"].is_null(), "no loop runs under the mock runtime");
    assert_eq!(v["missed"], json!([]));
    assert!(v["pausedUntil"].is_null());
    refused(&h, "pause_reminders", json!({ "hours": 1000 }), "invalid");
    refused(&h, "pause_reminders", json!({ "hours": "soon" }), "invalid");
    let until = h.ok("pause_reminders", json!({ "hours": 2 }));
    assert_eq!(h.ok("reminder_status", json!({}))["pausedUntil"], until);
    h.ok("pause_reminders", json!({ "hours": 0 }));
    assert!(h.ok("reminder_status", json!({}))["pausedUntil"].is_null());
}

#[cfg(unix)]
#[test]
fn exports_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let h = set_up();
    for cmd in ["export_data", "export_ics"] {
        let path = h.ok(cmd, json!({}));
        let mode = std::fs::metadata(path.as_str().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{cmd}");
    }
}
