//! The routine's commands (issue 14) through the mock runtime: each with valid input and
//! with bad input (unknown steps, weekdays outside 1–7, duplicate ticks, unknown ids), and
//! nothing stored changed after a refusal.

mod common;

use chrono::Duration;
use common::{export_dir, setup, today, Harness};
use serde_json::{json, Value};

/// Set up with the two products of `common::setup` (a retinol serum, a hyaluronic serum),
/// the retinol placed in the evening three nights a week, the serum unsorted.
fn set_up() -> Harness {
    export_dir();
    let h = Harness::new();
    let t = today(&h);
    let mut s = setup(t + Duration::days(1));
    s["placements"] = json!([
        { "product": 0, "step": "serum", "usage": { "when": "pm", "weekdays": [1, 3, 5] } }
    ]);
    h.ok("finish_setup", json!({ "setup": s }));
    h
}

/// What the routine's commands show, on top of everything `Harness::everything` does.
fn routine_state(h: &Harness) -> Value {
    json!({
        "everything": h.everything(),
        "places": h.ok("product_places", json!({})),
        "day": h.ok("routine_day", json!({})),
        "weeks": h.ok("routine_consistency", json!({})),
    })
}

/// `cmd` fails with `want`, its message mentions `says`, and nothing changed.
fn refused(h: &Harness, cmd: &str, args: Value, want: &str, says: &str) {
    let before = routine_state(h);
    let (kind, e) = h.err(cmd, args.clone());
    assert_eq!(kind, want, "{cmd} {args}: {e}");
    let message = e["message"].as_str().unwrap();
    assert!(
        message.to_lowercase().contains(&says.to_lowercase()),
        "{cmd} {args}: {says:?} not in {message:?}"
    );
    assert_eq!(routine_state(h), before, "{cmd} {args} changed stored data");
}

fn product_id(h: &Harness, name: &str) -> i64 {
    h.ok("product_places", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()["productId"]
        .as_i64()
        .unwrap()
}

#[test]
fn the_wizard_places_products_and_refuses_bad_placements() {
    let h = set_up();
    let places = h.ok("product_places", json!({}));
    assert_eq!(places[0]["name"], "Retinol serum");
    assert_eq!(places[0]["placement"]["step"], "serum");
    assert_eq!(
        places[0]["placement"]["usage"]["weekdays"],
        json!([1, 3, 5])
    );
    assert_eq!(places[1]["placement"], Value::Null);
    assert_eq!(places[1]["proposed"], "serum");

    let fresh = Harness::new();
    let mut s = setup(today(&fresh) + Duration::days(1));
    s["placements"] = json!([{ "product": 5, "step": "serum", "usage": { "when": "pm" } }]);
    let (kind, e) = fresh.err("finish_setup", json!({ "setup": s }));
    assert_eq!(
        (kind.as_str(), &e["field"]),
        ("invalid", &json!("placements")),
        "{e}"
    );
    assert_eq!(fresh.ok("app_status", json!({}))["phase"], "setup");
}

#[test]
fn placing_products_and_bad_placements() {
    let h = set_up();
    let serum = product_id(&h, "Hyaluronic serum");
    let placed = h.ok(
        "place_product",
        json!({ "placement": { "productId": serum, "step": "moisturiser", "usage": { "when": "both" }, "position": 2 } }),
    );
    let p = placed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["productId"] == serum)
        .unwrap();
    assert_eq!(p["placement"]["step"], "moisturiser");
    assert_eq!(
        p["placement"]["usage"]["weekdays"],
        json!([1, 2, 3, 4, 5, 6, 7])
    );
    let placement = |step: Value, usage: Value| json!({ "placement": { "productId": serum, "step": step, "usage": usage } });
    let every_day = json!({ "when": "am" });
    refused(
        &h,
        "place_product",
        placement(json!("toothpaste"), every_day.clone()),
        "invalid",
        "not a routine step",
    );
    refused(
        &h,
        "place_product",
        placement(json!(3), every_day.clone()),
        "invalid",
        "placement",
    );
    refused(
        &h,
        "place_product",
        placement(json!("serum"), json!({ "when": "am", "weekdays": [1, 8] })),
        "invalid",
        "weekday 8 does not exist",
    );
    refused(
        &h,
        "place_product",
        placement(json!("serum"), json!({ "when": "am", "weekdays": [0] })),
        "invalid",
        "weekday 0 does not exist",
    );
    refused(
        &h,
        "place_product",
        placement(json!("serum"), json!({ "when": "am", "weekdays": [] })),
        "invalid",
        "at least one weekday",
    );
    refused(
        &h,
        "place_product",
        placement(json!("serum"), json!({ "when": "noon" })),
        "invalid",
        "noon",
    );
    refused(
        &h,
        "place_product",
        json!({ "placement": { "productId": 999, "step": "serum", "usage": every_day } }),
        "notFound",
        "999",
    );
    refused(&h, "place_product", json!({}), "invalid", "missing");
    refused(
        &h,
        "unplace_product",
        json!({ "id": 999 }),
        "notFound",
        "999",
    );
    refused(
        &h,
        "unplace_product",
        json!({ "id": "one" }),
        "invalid",
        "id",
    );
    h.ok("unplace_product", json!({ "id": serum }));
    let day = h.ok("routine_day", json!({}));
    assert!(day["day"]["unsorted"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["productId"] == serum));
}

#[test]
fn the_step_is_proposed_from_the_name_and_ingredients() {
    let h = Harness::new();
    let step = |name: &str, inci: &str| {
        h.ok(
            "propose_step",
            json!({ "product": { "name": name, "inci": inci } }),
        )
    };
    assert_eq!(step("Gentle Cleanser", ""), "cleanser");
    assert_eq!(step("Daily Fluid", "Aqua, Zinc Oxide"), "sunscreen");
    assert_eq!(step("Mystery", "Aqua"), Value::Null);
    let (kind, _) = h.err("propose_step", json!({ "product": { "name": " " } }));
    assert_eq!(kind, "invalid");
    let (kind, _) = h.err("propose_step", json!({}));
    assert_eq!(kind, "invalid");
}

#[test]
fn ticking_steps_and_bad_ticks() {
    let h = set_up();
    let t = today(&h);
    let day = h.ok("routine_day", json!({}));
    let morning = &day["day"]["morning"];
    assert!(morning["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["step"] == "sunscreen"));
    assert!(morning["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["key"] == "noSunscreen" && n["source"] == "Seed article"));
    let tick = |date: Value, part: &str, step: &str| json!({ "tick": { "date": date, "part": part, "step": step } });
    let today_s = json!(t.to_string());
    let after = h.ok("tick_step", tick(today_s.clone(), "am", "sunscreen"));
    assert_eq!(
        after["ticks"],
        json!([{ "date": t.to_string(), "part": "am", "step": "sunscreen" }])
    );
    assert_eq!(after["complete"], json!(["am"]));
    refused(
        &h,
        "tick_step",
        tick(today_s.clone(), "am", "sunscreen"),
        "alreadyTicked",
        "already ticked",
    );
    refused(
        &h,
        "tick_step",
        tick(today_s.clone(), "am", "toothpaste"),
        "invalid",
        "not a routine step",
    );
    refused(
        &h,
        "tick_step",
        tick(today_s.clone(), "noon", "cleanser"),
        "invalid",
        "not a routine",
    );
    refused(
        &h,
        "tick_step",
        tick(today_s.clone(), "pm", "sunscreen"),
        "invalid",
        "not in your evening routine",
    );
    refused(
        &h,
        "tick_step",
        tick(
            json!((t + Duration::days(1)).to_string()),
            "am",
            "sunscreen",
        ),
        "invalid",
        "still to come",
    );
    refused(
        &h,
        "tick_step",
        tick(json!("1800-01-01"), "am", "sunscreen"),
        "invalid",
        "1800",
    );
    refused(
        &h,
        "tick_step",
        tick(json!("yesterday"), "am", "sunscreen"),
        "invalid",
        "tick",
    );
    refused(
        &h,
        "untick_step",
        tick(today_s.clone(), "am", "cleanser"),
        "conflict",
        "was not ticked",
    );
    refused(
        &h,
        "routine_consistency",
        json!({ "weeks": 0 }),
        "invalid",
        "1 to 26",
    );
    refused(
        &h,
        "routine_consistency",
        json!({ "weeks": 27 }),
        "invalid",
        "1 to 26",
    );
    refused(
        &h,
        "routine_consistency",
        json!({ "weeks": "many" }),
        "invalid",
        "weeks",
    );
    refused(
        &h,
        "routine_day",
        json!({ "date": "2300-01-01" }),
        "invalid",
        "2300",
    );

    let weeks = h.ok("routine_consistency", json!({ "weeks": 2 }));
    assert_eq!(weeks.as_array().unwrap().len(), 2);
    assert_eq!(weeks[1]["sunscreenDays"], 1);
    let back = h.ok("untick_step", tick(today_s, "am", "sunscreen"));
    assert_eq!(back["ticks"], json!([]));
}

/// Issue 14, item 6: export and import carry the routine and the ticks.
#[test]
fn export_and_import_carry_placements_and_ticks() {
    let h = set_up();
    let t = today(&h);
    h.ok(
        "tick_step",
        json!({ "tick": { "date": t.to_string(), "part": "am", "step": "sunscreen" } }),
    );
    let path = h.ok("export_data", json!({}));
    let text = common::Harness::exported_json(&path);
    let other = Harness::new();
    other.ok(
        "finish_setup",
        json!({ "setup": setup(t + Duration::days(1)) }),
    );
    other.import(&text).unwrap();
    assert_eq!(
        other.ok("product_places", json!({})),
        h.ok("product_places", json!({}))
    );
    assert_eq!(
        other.ok("routine_day", json!({}))["ticks"],
        h.ok("routine_day", json!({}))["ticks"]
    );
}

/// Issue 14, item 5: routine reminders are off unless chosen, in the wizard or Settings,
/// and an evening time not after the morning one is refused, changing nothing.
#[test]
fn routine_reminders_are_chosen_in_the_wizard_and_settings() {
    let h = set_up();
    let settings = h.ok("get_settings", json!({}))["settings"].clone();
    assert_eq!(settings["routineReminders"]["enabled"], false);

    let chosen = Harness::new();
    let mut s = setup(today(&chosen) + Duration::days(1));
    s["reminders"]["routine"] = json!({ "enabled": true, "morning": "07:30", "evening": "21:15" });
    chosen.ok("finish_setup", json!({ "setup": s }));
    let r = &chosen.ok("get_settings", json!({}))["settings"]["routineReminders"];
    assert_eq!(
        (r["enabled"].clone(), r["morning"].clone()),
        (json!(true), json!("07:30:00"))
    );

    let mut bad = settings.clone();
    bad["routineReminders"] = json!({ "enabled": true, "morning": "21:00", "evening": "08:00" });
    let before = routine_state(&h);
    let (kind, e) = h.err("save_settings", json!({ "settings": bad }));
    assert_eq!(
        (kind.as_str(), &e["field"]),
        ("invalid", &json!("routineEvening")),
        "{e}"
    );
    let mut unknown = settings.clone();
    unknown["routineReminders"]["noon"] = json!("12:00");
    let (kind, _) = h.err("save_settings", json!({ "settings": unknown }));
    assert_eq!(kind, "invalid");
    assert_eq!(routine_state(&h), before);
}
