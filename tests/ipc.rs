//! Every command through Tauri's mock runtime, with the app's real context (config and
//! capabilities) and a real database file in a temp dir: valid input, each kind of bad
//! input, and the stored data unchanged after a failed call.

mod common;

use std::path::Path;

use chrono::Duration;
use common::{profile, setup, today, Harness};
use serde_json::{json, Value};

#[test]
fn fresh_start_is_in_setup() {
    let h = Harness::new();
    let s = h.ok("app_status", json!({}));
    assert_eq!(s["phase"], "setup");
    assert!(s["wizard"].is_null());
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(h.err("today_plan", json!({})).0, "notSetUp");
}

#[test]
fn wizard_progress_is_saved_and_bad_steps_refused() {
    let h = Harness::new();
    h.ok(
        "save_wizard_progress",
        json!({ "step": 4, "draft": { "mode": "atHome" } }),
    );
    let before = h.snapshot();
    assert_eq!(before["status"]["wizard"]["step"], 4);
    for bad in [
        json!({ "step": 0, "draft": {} }),
        json!({ "step": 11, "draft": {} }),
        json!({ "step": "four", "draft": {} }),
        json!({ "draft": {} }),
        json!({ "step": 3, "draft": "not an object" }),
        json!({ "step": 3 }),
    ] {
        assert_eq!(
            h.err("save_wizard_progress", bad.clone()).0,
            "invalid",
            "{bad}"
        );
        assert_eq!(h.snapshot(), before, "state changed after {bad}");
    }
}

/// The window takes the wizard's length and the Safety step's sources from the app.
#[test]
fn app_status_tells_the_wizard_its_steps_and_sources() {
    let h = Harness::new();
    let s = h.ok("app_status", json!({}));
    let steps = s["wizardSteps"].as_u64().unwrap();
    assert_eq!(steps, 10);
    h.ok(
        "save_wizard_progress",
        json!({ "step": steps, "draft": {} }),
    );
    assert_eq!(
        h.err(
            "save_wizard_progress",
            json!({ "step": steps + 1, "draft": {} })
        )
        .0,
        "invalid"
    );
    let sources = &s["safetySources"];
    assert_eq!(sources["condition"], "J Drugs Dermatol contraindications");
    assert_eq!(sources["procedure"], "Clinic aftercare sheets");
    assert_eq!(sources["gate"], "J Drugs Dermatol contraindications");
    assert_eq!(sources["history"], "Clinic aftercare sheets");
    // Every rule's source arrives as the name the window prints.
    let check = h.ok("check_profile", json!({ "profile": profile() }));
    assert_eq!(check["rules"][0]["rule"]["source"], "Seed article");
}

#[test]
fn check_profile_accepts_valid_and_names_bad_fields() {
    let h = Harness::new();
    let ok = h.ok("check_profile", json!({ "profile": profile() }));
    assert_eq!(ok["rules"][0]["kind"], "atHome");
    assert_eq!(ok["rules"][0]["rule"]["min"], 7);
    assert_eq!(ok["rules"][0]["starting"], 7);

    let mut deep = profile();
    deep["atHome"]["needle"] = json!(1.0);
    let (kind, e) = h.err("check_profile", json!({ "profile": deep }));
    assert_eq!(kind, "professionalOnly");
    assert!(e["message"].as_str().unwrap().contains("professional"));

    let cases = [
        ("/atHome/needle", json!(0), "profile"),
        ("/atHome/needle", json!(5), "profile"),
        ("/location/latitude", json!(95), "latitude"),
        ("/atHome/interval", json!(3), "atHome.interval"),
        ("/mode", json!("sometimes"), "profile"),
        ("/sensitivity", json!(7), "profile"),
    ];
    for (pointer, value, field) in cases {
        let mut p = profile();
        *p.pointer_mut(pointer).unwrap() = value.clone();
        let (kind, e) = h.err("check_profile", json!({ "profile": p }));
        assert_eq!(kind, "invalid", "{pointer}={value}");
        assert_eq!(e["field"], field, "{pointer}={value}: {e}");
    }
    let mut missing = profile();
    missing.as_object_mut().unwrap().remove("mode");
    let (_, e) = h.err("check_profile", json!({ "profile": missing }));
    assert!(e["message"].as_str().unwrap().contains("mode"), "{e}");
    assert_eq!(h.err("check_profile", json!({})).0, "invalid");
}

#[test]
fn preview_follows_interval_sensitivity_and_gates() {
    let h = Harness::new();
    let first = today(&h) + Duration::days(3);
    let p = h.ok("preview_schedule", json!({ "setup": setup(first) }));
    let dates: Vec<&str> = p["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    let want: Vec<String> = (0..4)
        .map(|i| (first + Duration::days(7 * i)).to_string())
        .collect();
    assert_eq!(dates, want);

    let mut s = setup(first);
    s["profile"]["sensitivity"] = json!("sensitive");
    let p = h.ok("preview_schedule", json!({ "setup": s }));
    assert_eq!(
        p["sessions"][1]["date"],
        (first + Duration::days(14)).to_string()
    );

    let mut s = setup(first);
    s["profile"]["safety"]["gates"] = json!(["keloidTendency"]);
    let p = h.ok("preview_schedule", json!({ "setup": s }));
    assert!(p["sessions"].as_array().unwrap().is_empty());
    assert!(p["hold"].as_str().unwrap().contains("keloid"));
}

#[test]
fn finish_setup_stores_everything_once() {
    let h = Harness::new();
    h.ok(
        "save_wizard_progress",
        json!({ "step": 10, "draft": { "x": 1 } }),
    );
    let first = today(&h) + Duration::days(2);
    let done = h.ok("finish_setup", json!({ "setup": setup(first) }));
    assert_eq!(done["nextSession"]["date"], first.to_string());
    let s = h.ok("app_status", json!({}));
    assert_eq!(s["phase"], "ready");
    assert!(s["wizard"].is_null(), "draft cleared");
    let before = h.snapshot();
    let (kind, _) = h.err("finish_setup", json!({ "setup": setup(first) }));
    assert_eq!(kind, "conflict");
    assert_eq!(h.snapshot(), before);
    assert_eq!(
        h.err("save_wizard_progress", json!({ "step": 2, "draft": {} }))
            .0,
        "conflict"
    );
    // The plan sees the products: on the session day the retinol serum is paused.
    let plan = h.ok("today_plan", json!({}));
    assert!(plan["timeZone"].as_str().is_some());
}

#[test]
fn failed_finish_changes_nothing() {
    let h = Harness::new();
    h.ok(
        "save_wizard_progress",
        json!({ "step": 10, "draft": { "kept": true } }),
    );
    let before = h.snapshot();
    let first = today(&h) + Duration::days(2);
    let mut bad_product = setup(first);
    bad_product["products"][1]["name"] = json!("   ");
    let mut past = setup(first);
    past["firstSession"]["date"] = json!((today(&h) - Duration::days(1)).to_string());
    let mut bad_time = setup(first);
    bad_time["reminders"]["quietStart"] = json!("25:00");
    let mut no_first = setup(first);
    no_first.as_object_mut().unwrap().remove("firstSession");
    let mut both_too_close = setup(first);
    both_too_close["profile"]["mode"] = json!("both");
    both_too_close["profile"]["professional"] =
        json!({ "clinic": "Skin Clinic", "needle": 1.0, "interval": null });
    both_too_close["appointment"] =
        json!({ "date": (first + Duration::days(3)).to_string(), "time": "10:00" });
    let mut extra = setup(first);
    extra["surprise"] = json!(1);
    let cases = [
        (bad_product, "invalid", Some("name")),
        (past, "invalid", Some("firstSession")),
        (bad_time, "invalid", Some("quietHours.start")),
        (no_first, "invalid", Some("firstSession")),
        (both_too_close, "tooSoon", None),
        (extra, "invalid", Some("setup")),
    ];
    for (input, want, field) in cases {
        let (kind, e) = h.err("finish_setup", json!({ "setup": input }));
        assert_eq!(kind, want, "{e}");
        if let Some(f) = field {
            assert_eq!(e["field"], f, "{e}");
        }
        assert_eq!(h.snapshot(), before, "data changed after {e}");
    }
    assert_eq!(h.err("finish_setup", json!({})).0, "invalid");
    assert_eq!(h.err("finish_setup", json!({ "setup": 3 })).0, "invalid");
}

#[test]
fn gate_keeps_answers_but_schedules_nothing() {
    let h = Harness::new();
    let first = today(&h) + Duration::days(2);
    let mut s = setup(first);
    s["profile"]["safety"]["gates"] = json!(["isotretinoin"]);
    let done = h.ok("finish_setup", json!({ "setup": s }));
    assert!(done["nextSession"].is_null());
    assert!(done["hold"].as_str().unwrap().contains("isotretinoin"));
    assert_eq!(h.ok("app_status", json!({}))["phase"], "ready");
}

#[test]
fn classify_and_search() {
    let h = Harness::new();
    let c = h.ok(
        "classify_ingredients",
        json!({ "inci": "Ingredients: Aqua, Retinol, Parfum" }),
    );
    assert_eq!(c["classes"], json!(["retinoid", "fragrance"]));
    let c = h.ok("classify_ingredients", json!({ "inci": "Aqua, Glycerin" }));
    assert_eq!(c["classes"], json!([]));
    assert_eq!(
        h.err("classify_ingredients", json!({ "inci": 42 })).0,
        "invalid"
    );
    assert_eq!(
        h.err(
            "classify_ingredients",
            json!({ "inci": "a, ".repeat(20_000) })
        )
        .0,
        "invalid"
    );
    let r = h.ok("search_cities", json!({ "query": "berl" }));
    assert_eq!(r[0]["timeZone"], "Europe/Berlin");
    assert_eq!(
        h.err("search_cities", json!({ "query": null })).0,
        "invalid"
    );
}

#[test]
fn commands_outside_our_list_are_refused() {
    let h = Harness::new();
    assert!(h
        .call("plugin:event|emit", json!({ "event": "x" }))
        .is_err());
    assert!(h.call("delete_everything", json!({})).is_err());
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn damaged_database_is_kept_and_can_be_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&db, &junk).unwrap();
    let h = Harness::in_dir(dir);
    let s = h.ok("app_status", json!({}));
    assert_eq!(s["phase"], "storageProblem");
    assert_eq!(s["problem"]["kind"], "damaged");
    assert_eq!(bytes(&h.db()), junk, "the damaged file is never touched");
    // Validation needs no storage; saving does.
    h.ok("check_profile", json!({ "profile": profile() }));
    assert_eq!(
        h.err(
            "finish_setup",
            json!({ "setup": setup(today(&h) + Duration::days(1)) })
        )
        .0,
        "storageUnavailable"
    );
    let aside = h.ok("set_aside_storage", json!({}));
    let aside = Path::new(aside.as_str().unwrap());
    assert_eq!(bytes(aside), junk);
    assert_eq!(h.ok("app_status", json!({}))["phase"], "setup");
    assert_eq!(h.err("set_aside_storage", json!({})).0, "conflict");
}

#[test]
fn newer_or_foreign_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO songs (title) VALUES ('x');")
        .unwrap();
    drop(c);
    let original = bytes(&db);
    let h = Harness::in_dir(dir);
    let s = h.ok("app_status", json!({}));
    assert_eq!(s["phase"], "storageProblem");
    assert_eq!(s["problem"]["kind"], "notNeedlewise");
    assert_eq!(bytes(&h.db()), original);
}

/// One list of commands (src-tauri/src/commands/list.rs) serves the handler and the build
/// step's permission set; the window's capability grants that set and nothing else, the
/// generated set holds exactly the listed commands, each answers, ui/js/api.js calls each
/// and no other, and a command outside the list (a plugin's own) is refused.
#[test]
fn every_command_is_listed_granted_and_reachable() {
    let root = env!("CARGO_MANIFEST_DIR");
    let commands = common::command_names();
    assert!(commands.len() >= 20, "{commands:?}");
    let read_json = |path: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/{path}")).unwrap()).unwrap()
    };
    let cap = read_json("src-tauri/capabilities/main.json");
    assert_eq!(cap["permissions"], json!(["needlewise-commands"]));
    let acl = read_json("gen/schemas/acl-manifests.json");
    let set = &acl["__app-acl__"]["permission_sets"]["needlewise-commands"]["permissions"];
    let mut granted: Vec<String> = set
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    granted.sort();
    let mut wanted: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    wanted.sort();
    assert_eq!(granted, wanted, "the set grants exactly our commands");

    let api = std::fs::read_to_string(format!("{root}/ui/js/api.js")).unwrap();
    let mut called: Vec<&str> = api
        .split("call('")
        .skip(1)
        .map(|rest| &rest[..rest.find('\'').unwrap()])
        .collect();
    called.sort();
    called.dedup();
    let mut listed: Vec<&str> = commands.iter().map(String::as_str).collect();
    listed.sort();
    assert_eq!(
        called, listed,
        "ui/js/api.js calls exactly the listed commands"
    );

    let h = Harness::new();
    for cmd in &commands {
        if let Err(e) = h.call(cmd, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not allowed") && !text.contains("not found"),
                "{cmd} is not reachable: {text}"
            );
        }
    }
    let e = h
        .call("plugin:dialog|open", json!({ "options": {} }))
        .expect_err("the dialog plugin's own command is not granted");
    assert!(e.to_string().contains("not allowed"), "{e}");
}

/// Issue 11, item 1: typed arguments keep the error shape. A missing argument, or one of
/// the wrong type, reaches the window as `{ kind: "invalid", message, field }` naming the
/// argument by the key the window sends, before the command runs.
#[test]
fn missing_or_mistyped_arguments_name_their_field() {
    let h = Harness::new();
    let first_key = [
        ("save_wizard_progress", "step"),
        ("check_profile", "profile"),
        ("preview_schedule", "setup"),
        ("propose_first_dates", "profile"),
        ("classify_ingredients", "inci"),
        ("search_cities", "query"),
        ("finish_setup", "setup"),
        ("calendar", "month"),
        ("mark_session", "session"),
        ("move_session", "session"),
        ("clear_consult_hold", "sessionId"),
        ("add_hold", "hold"),
        ("clear_hold", "condition"),
        ("add_checkin", "checkin"),
        ("add_product", "product"),
        ("update_product", "product"),
        ("delete_product", "id"),
        ("save_settings", "settings"),
        ("save_profile", "profile"),
        ("import_data", "token"),
        ("pause_reminders", "hours"),
    ];
    for (cmd, key) in first_key {
        let (kind, e) = h.err(cmd, json!({}));
        assert_eq!(
            (kind.as_str(), &e["field"]),
            ("invalid", &json!(key)),
            "{cmd}: {e}"
        );
        let message = e["message"].as_str().unwrap().to_lowercase();
        assert!(message.contains(&key.to_lowercase()), "{cmd}: {e}");
    }
    let mistyped = [
        ("delete_product", json!({ "id": "seven" }), "id"),
        ("pause_reminders", json!({ "hours": -1 }), "hours"),
        ("calendar", json!({ "month": 2026 }), "month"),
        ("day_plan", json!({ "date": "someday" }), "date"),
        ("day_plan", json!({ "date": 3 }), "date"),
        ("search_cities", json!({ "query": ["Berlin"] }), "query"),
        (
            "mark_session",
            json!({ "session": { "id": null, "kind": "atHome", "date": "2026-12-01" }, "mark": { "status": "finished" } }),
            "mark",
        ),
        (
            "move_session",
            json!({ "session": { "id": null, "kind": "atHome", "date": "2026-12-01" } }),
            "date",
        ),
    ];
    for (cmd, args, key) in mistyped {
        let (kind, e) = h.err(cmd, args.clone());
        assert_eq!(
            (kind.as_str(), &e["field"]),
            ("invalid", &json!(key)),
            "{cmd} {args}: {e}"
        );
    }
    // An optional argument may be left out or null.
    h.ok("finish_setup", json!({ "setup": setup(today(&h)) }));
    assert_eq!(
        h.ok("day_plan", json!({ "date": null })),
        h.ok("day_plan", json!({}))
    );
}

/// The relative module paths a UI module imports: statically (`import … from './x.js'`,
/// `import './x.js'`, `export … from './x.js'`) or, second, when it runs (`import('./x.js')`),
/// resolved against the module's folder to paths under `ui/`.
fn ui_imports(module: &str) -> (Vec<String>, Vec<String>) {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let text = std::fs::read_to_string(ui.join(module))
        .unwrap_or_else(|e| panic!("{module} is imported but cannot be read: {e}"));
    let folder: Vec<&str> =
        module.split('/').collect::<Vec<_>>()[..module.matches('/').count()].to_vec();
    let resolve = |relative: &str| {
        let mut parts = folder.clone();
        for part in relative.split('/') {
            match part {
                "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        parts.join("/")
    };
    // The quoted relative path that starts right after `marker`, if any.
    let quoted_after = |rest: &str| {
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let path = &rest[1..rest[1..].find(quote)? + 1];
        path.starts_with('.').then(|| resolve(path))
    };
    let (mut fixed, mut when_run) = (Vec::new(), Vec::new());
    for (i, _) in text.match_indices("from") {
        if let Some(path) = quoted_after(&text[i + 4..]) {
            fixed.push(path);
        }
    }
    for (i, _) in text.match_indices("import") {
        let rest = &text[i + 6..];
        if let Some(call) = rest.strip_prefix('(') {
            when_run.extend(quoted_after(call));
        } else if let Some(path) = quoted_after(rest) {
            fixed.push(path);
        }
    }
    (fixed, when_run)
}

/// `ui/index.html` preloads exactly the modules `main.js` reaches through static imports
/// (start-up, issue 12): one left off would be fetched only when its importer runs, one
/// round trip later; one loaded only when needed (the wizard) would be fetched and parsed
/// at every start for nothing. Each module imported when needed exists.
#[test]
fn the_ui_preloads_exactly_its_static_imports() {
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let html = std::fs::read_to_string(ui.join("index.html")).unwrap();
    let preloaded: std::collections::BTreeSet<String> = html
        .split("<link rel=\"modulepreload\" href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    let mut reached = std::collections::BTreeSet::new();
    let mut later = std::collections::BTreeSet::new();
    let mut todo = vec!["js/main.js".to_string()];
    while let Some(module) = todo.pop() {
        let (fixed, when_run) = ui_imports(&module);
        later.extend(when_run);
        for m in fixed {
            if reached.insert(m.clone()) {
                todo.push(m);
            }
        }
    }
    assert!(
        reached.contains("js/dashboard/index.js") && reached.contains("js/api.js"),
        "the scan found main.js's imports: {reached:?}"
    );
    let missing: Vec<_> = reached.difference(&preloaded).collect();
    assert!(
        missing.is_empty(),
        "not preloaded in ui/index.html: {missing:?}"
    );
    let extra: Vec<_> = preloaded.difference(&reached).collect();
    assert!(
        extra.is_empty(),
        "preloaded but imported only when needed (or not at all): {extra:?}"
    );
    assert!(later.contains("js/wizard.js"), "{later:?}");
    for module in &later {
        assert!(
            ui.join(module).is_file(),
            "{module} is imported but missing"
        );
    }
}
