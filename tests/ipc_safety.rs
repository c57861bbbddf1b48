//! GUIDANCE's safety rules at the command boundary (issue 9): each refusal with its
//! specific error and the stored data unchanged; holds and gates through the commands.

mod common;

use chrono::Duration;
use common::{export_dir, profile, setup, today, Harness};
use serde_json::{json, Value};

fn refused(h: &Harness, cmd: &str, args: Value, want: &str) -> Value {
    h.refused(cmd, args, want)
}

/// GUIDANCE §1: a 1.5 mm home roller carried into a professional profile is refused by
/// finish_setup and save_profile, whatever the mode.
#[test]
fn a_deep_home_device_is_refused_in_professional_mode() {
    let h = Harness::new();
    let t = today(&h);
    let mut p = profile();
    p["mode"] = json!("professional");
    p["atHome"]["needle"] = json!(1.5);
    p["professional"] = json!({ "clinic": "", "needle": 1.5, "interval": null });
    let mut s = setup(t + Duration::days(10));
    s["profile"] = p.clone();
    s["appointment"] = json!({ "date": (t + Duration::days(10)).to_string(), "time": "10:00" });
    s["firstSession"] = Value::Null;
    let (kind, e) = h.err("finish_setup", json!({ "setup": s }));
    assert_eq!(kind, "professionalOnly", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("practitioner"),
        "{e}"
    );
    assert_eq!(h.ok("app_status", json!({}))["phase"], "setup");

    // Set up properly, then try to smuggle the roller in through save_profile.
    h.ok(
        "finish_setup",
        json!({ "setup": setup(t + Duration::days(3)) }),
    );
    let mut saved = h.ok("get_settings", json!({}))["profile"].clone();
    saved["atHome"]["needle"] = json!(1.5);
    refused(
        &h,
        "save_profile",
        json!({ "profile": saved }),
        "professionalOnly",
    );
}

/// GUIDANCE §3 "Settings floors": a 1-day retinoid pause is refused with the floor and its
/// source; a professional window shorter than the at-home one too.
#[test]
fn settings_refuse_a_window_below_its_floor() {
    export_dir();
    let h = Harness::new();
    h.ok(
        "finish_setup",
        json!({ "setup": setup(today(&h) + Duration::days(3)) }),
    );
    let view = h.ok("get_settings", json!({}));
    let row = view["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "postRetinoid")
        .unwrap()
        .clone();
    assert_eq!(row["floor"], 2);
    assert!(row["floorNote"].as_str().unwrap().contains("clinic"));
    let mut s = view["settings"].clone();
    s["atHome"]["postRetinoid"] = json!(1);
    let e = refused(&h, "save_settings", json!({ "settings": s }), "invalid");
    assert_eq!(e["field"], "postRetinoid", "{e}");
    assert!(e["message"].as_str().unwrap().contains("at least 2"), "{e}");
    let mut s = view["settings"].clone();
    s["atHome"]["noSweating"] = json!(12);
    refused(&h, "save_settings", json!({ "settings": s }), "invalid");
    let mut s = view["settings"].clone();
    s["atHome"]["strictSun"] = json!(10);
    let e = refused(&h, "save_settings", json!({ "settings": s }), "invalid");
    assert!(
        e["message"].as_str().unwrap().contains("professional"),
        "{e}"
    );
}

/// GUIDANCE §2: the first session leaves room for the pre-session pause unless the
/// person confirms a shortened one; the proposed first date says where that is.
#[test]
fn the_first_session_leaves_room_for_the_pause() {
    let h = Harness::new();
    let t = today(&h);
    let mut s = setup(t);
    s["firstSession"] = json!({ "date": t.to_string(), "time": "19:00" });
    let (kind, e) = h.err("finish_setup", json!({ "setup": s.clone() }));
    assert_eq!(
        (kind.as_str(), e["field"].as_str()),
        ("invalid", Some("firstSession")),
        "{e}"
    );
    let earliest = (t + Duration::days(2)).to_string();
    assert!(e["message"].as_str().unwrap().contains(&earliest), "{e}");
    let proposed = h.ok(
        "propose_first_dates",
        json!({ "profile": s["profile"], "products": s["products"] }),
    );
    assert_eq!(proposed[0]["date"], earliest.as_str());
    assert_eq!(proposed[0]["pauseNeeded"], true);
    s["firstSession"]["date"] = json!(earliest);
    h.ok("finish_setup", json!({ "setup": s }));
}

/// GUIDANCE §2: a cold sore is a hold (no session today, Today shows it); "it has
/// cleared" brings the next session back from that day.
#[test]
fn a_condition_holds_until_it_clears() {
    let h = Harness::new();
    let t = today(&h);
    h.ok("finish_setup", json!({ "setup": setup(t) }));
    assert_eq!(
        h.ok("today_plan", json!({}))["plan"]["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    refused(
        &h,
        "add_hold",
        json!({ "hold": { "kind": "condition", "condition": "flu" } }),
        "invalid",
    );
    refused(
        &h,
        "clear_hold",
        json!({ "condition": "coldSore" }),
        "invalid",
    );
    refused(
        &h,
        "add_hold",
        json!({ "hold": { "kind": "procedure", "procedure": "peelOrLaser", "date": "3000-01-01" } }),
        "invalid",
    );
    let r = h.ok(
        "add_hold",
        json!({ "hold": { "kind": "condition", "condition": "coldSore" } }),
    );
    assert_eq!(r["hold"]["kind"], "conditions", "{r}");
    assert_eq!(r["hold"]["conditions"], json!(["coldSore"]), "{r}");
    assert_eq!(r["hold"]["since"], t.to_string(), "{r}");
    assert!(r["nextSession"].is_null(), "{r}");
    let plan = h.ok("today_plan", json!({}))["plan"].clone();
    assert!(plan["sessions"].as_array().unwrap().is_empty(), "{plan}");
    assert!(
        plan["hold"].as_str().unwrap().contains("cold sore"),
        "{plan}"
    );
    let r = h.ok("clear_hold", json!({ "condition": "coldSore" }));
    assert_eq!(r["resumeOn"], t.to_string());
    assert_eq!(r["nextSession"]["date"], t.to_string(), "{r}");
    assert!(h.ok("today_plan", json!({}))["plan"]["hold"].is_null());
}

/// GUIDANCE §2: a gate open at setup schedules nothing; acknowledging it (in Settings)
/// brings the schedule, from the day of acknowledgement.
#[test]
fn acknowledging_a_gate_brings_the_schedule() {
    for through_settings in [true, false] {
        let h = Harness::new();
        let t = today(&h);
        let mut s = setup(t + Duration::days(2));
        s["profile"]["safety"]["gates"] = json!(["isotretinoin"]);
        let done = h.ok("finish_setup", json!({ "setup": s }));
        assert!(done["nextSession"].is_null(), "{done}");
        if through_settings {
            let mut p = h.ok("get_settings", json!({}))["profile"].clone();
            p["safety"]["acknowledged"] = json!(["isotretinoin"]);
            h.ok("save_profile", json!({ "profile": p }));
        } else {
            h.ok("acknowledge_gates", json!({}));
        }
        let plan = h.ok("today_plan", json!({}))["plan"].clone();
        assert!(plan["hold"].is_null(), "{plan}");
        // A retinol serum is on the shelf: the first session leaves room for its pause.
        assert_eq!(
            plan["nextSession"]["date"],
            (t + Duration::days(2)).to_string(),
            "{plan}"
        );
        let month = (t + Duration::days(2)).format("%Y-%m").to_string();
        let cal = h.ok("calendar", json!({ "month": month }));
        assert!(
            cal.to_string()
                .contains(&(t + Duration::days(2)).to_string()),
            "{cal}"
        );
    }
}

/// GUIDANCE §1 and §3: an import cannot bring a deep home device or a window below its
/// floor either; a refused import changes nothing.
#[test]
fn imports_follow_the_same_rules() {
    export_dir();
    let h = Harness::new();
    h.ok(
        "finish_setup",
        json!({ "setup": setup(today(&h) + Duration::days(3)) }),
    );
    let path = h.ok("export_data", json!({}));
    let good: Value = serde_json::from_str(&common::Harness::exported_json(&path)).unwrap();
    let mut deep = good.clone();
    deep["profile"]["atHome"]["needle"] = json!(1.5);
    let e = h.refused_import(&deep.to_string(), "invalid");
    assert!(
        e["message"].as_str().unwrap().contains("practitioner"),
        "{e}"
    );
    let mut short = good.clone();
    short["settings"]["atHome"]["postRetinoid"] = json!(1);
    let e = h.refused_import(&short.to_string(), "invalid");
    assert!(e["message"].as_str().unwrap().contains("at least 2"), "{e}");
    let mut pro_shorter = good;
    pro_shorter["settings"]["professional"]["noSweating"] = json!(24);
    pro_shorter["settings"]["atHome"]["noSweating"] = json!(48);
    h.refused_import(&pro_shorter.to_string(), "invalid");
}
