//! Faults the app must survive (issue 10): exports that fail half-way, a private data
//! folder, and a Settings page whose copy went stale while the tray paused reminders.

mod common;

use std::path::Path;

use common::{export_dir, setup, small_tmpfs, today, Harness};
use needlewise_core::product::NewProduct;
use serde_json::{json, Value};

#[cfg(unix)]
fn mode_of(path: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    format!(
        "{:o}",
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    )
}

fn set_up() -> Harness {
    let h = Harness::new();
    let t = today(&h);
    h.ok("finish_setup", json!({ "setup": setup(t) }));
    h
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The data folder holds health data: created readable by its owner only, like the
/// database inside it (item 4).
#[cfg(unix)]
#[test]
fn the_data_folder_is_created_private() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("new").join("needlewise");
    let h = Harness::at(&data);
    h.ok("app_status", json!({}));
    assert_eq!(mode_of(&data), "700", "the data folder");
    assert_eq!(mode_of(&data.join("needlewise.db")), "600", "the database");
}

/// The Settings page sends its whole copy, loaded before the tray paused reminders; saving
/// it must not undo the pause nor move the start of reminders (item 11).
#[test]
fn saving_settings_keeps_a_tray_pause() {
    let h = set_up();
    let page = h.ok("get_settings", json!({}));
    let from = page["settings"]["remindersFrom"].clone();
    assert!(from.is_string(), "setup sets the start of reminders");
    assert!(page["settings"]["pausedUntil"].is_null());

    let until = h.ok("pause_reminders", json!({ "hours": 1 }));
    assert!(until.is_string());

    let mut stale = page["settings"].clone();
    stale["quietHours"] = json!({ "start": "21:30", "end": "07:00" });
    stale["remindersFrom"] = json!("2000-01-01T00:00:00Z");
    h.ok("save_settings", json!({ "settings": stale }));

    let status = h.ok("reminder_status", json!({}));
    assert_eq!(status["pausedUntil"], until, "still paused after saving");
    let saved = h.ok("get_settings", json!({}))["settings"].clone();
    assert_eq!(
        saved["quietHours"]["start"], "21:30",
        "the page's change is saved"
    );
    assert_eq!(
        saved["remindersFrom"], from,
        "the start of reminders is kept"
    );
}

/// Products whose ingredient lists make an export far larger than 64 KiB.
fn add_bulky_products(h: &Harness) {
    for i in 0..8 {
        let inci = format!("Aqua {i}, ").repeat(NewProduct::MAX_INCI / 10);
        h.ok(
            "add_product",
            json!({ "product": { "name": format!("Serum {i}"), "inci": inci } }),
        );
    }
}

/// Exports never overwrite, are private and whole; a write that fails (a full disk) leaves
/// nothing behind and says why (item 4).
#[test]
fn exports_are_whole_or_absent() {
    let dir = export_dir();
    let h = set_up();
    let first = h.ok("export_data", json!({}));
    let second = h.ok("export_data", json!({}));
    let (first, second) = (first.as_str().unwrap(), second.as_str().unwrap());
    assert!(second.ends_with("-2.tar"), "{second}");
    for path in [first, second] {
        let text = common::Harness::exported_json(&json!(path));
        serde_json::from_str::<Value>(&text).expect("a whole JSON export");
        #[cfg(unix)]
        assert_eq!(mode_of(Path::new(path)), "600");
    }
    assert_eq!(
        names_in(dir).len(),
        2,
        "no temporary files: {:?}",
        names_in(dir)
    );

    add_bulky_products(&h);
    let Some(_full) = small_tmpfs(dir, "64k") else {
        return;
    };
    let (kind, err) = h.err("export_data", json!({}));
    assert!(names_in(dir).is_empty(), "left behind: {:?}", names_in(dir));
    let message = err["message"].as_str().unwrap();
    assert_eq!(kind, "io", "{err}");
    assert!(message.contains("export"), "{message}");
    assert!(message.contains("No space left"), "{message}");
}

/// Issue 10, item 5: with stored data on the bounds an import accepts (1 Jan 1900 and
/// 31 Dec 2200: sessions, outdoor days, the device head, reminder start and pause), every
/// command answers. A panic in a command comes back as kind "unexpected" (the guard), so
/// any such reply fails here.
#[test]
fn every_command_answers_on_data_at_the_bounds() {
    let h = Harness::new();
    let first = today(&h) + chrono::Duration::days(3);
    h.ok("finish_setup", json!({ "setup": setup(first) }));
    // The export format, read from the store directly (the export command writes into the
    // folder another test counts).
    let mut export: Value = {
        let store = needlewise_core::store::Store::open(&h.db()).unwrap();
        serde_json::to_value(needlewise_core::transfer::export(&store, chrono::Utc::now()).unwrap())
            .unwrap()
    };
    let template = export["sessions"][0].clone();
    let sessions = export["sessions"].as_array_mut().unwrap();
    for (id, date, status) in [
        (9001, "1900-01-01", "done"),
        (9002, "1900-01-02", "skipped"),
        (9003, "2200-12-31", "planned"),
    ] {
        let mut s = template.clone();
        s["id"] = json!(id);
        s["date"] = json!(date);
        s["status"] = json!(status);
        sessions.push(s);
    }
    export["outdoorDays"] = json!(["1900-01-01", "2200-12-31"]);
    if export["profile"]["atHome"].is_object() {
        export["profile"]["atHome"]["headSince"] = json!("1900-01-01");
    }
    export["profile"]["createdOn"] = json!("1900-01-01");
    export["settings"]["remindersFrom"] = json!("1900-01-01T00:00:00Z");
    export["settings"]["pausedUntil"] = json!("2200-12-31T23:00:00Z");
    h.import(&export.to_string()).unwrap();

    let names = common::command_names();
    let mut calls: Vec<(&str, Value)> = names
        .iter()
        .map(String::as_str)
        // Not the exports: they write into the folder `exports_are_whole_or_absent` counts,
        // and core/tests/extremes.rs exports at the bounds.
        .filter(|c| {
            !matches!(
                *c,
                "import_data"
                    | "set_aside_storage"
                    | "restore_storage"
                    | "export_data"
                    | "export_ics"
            )
        })
        .map(|c| (c, json!({})))
        .collect();
    // The stored session on the last day, as the window refers to it.
    let last = h.ok("day_plan", json!({ "date": "2200-12-31" }));
    let session = find_session_ref(&last, "2200-12-31").expect("the 2200 session is shown");
    for date in ["1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01"] {
        calls.push(("day_plan", json!({ "date": date })));
        calls.push(("calendar", json!({ "month": &date[..7] })));
        let procedure = json!({ "kind": "procedure", "procedure": "peelOrLaser", "date": date });
        calls.push(("add_hold", json!({ "hold": procedure })));
        calls.push(("move_session", json!({ "session": session, "date": date })));
    }
    calls.push((
        "mark_session",
        json!({ "session": session, "mark": { "status": "done" } }),
    ));
    calls.push(("pause_reminders", json!({ "hours": 168 })));
    calls.push(("snooze_last_reminder", json!({})));
    for (cmd, args) in calls {
        if let Err(e) = h.call(cmd, args.clone()) {
            assert_ne!(e["kind"], "unexpected", "{cmd} {args} panicked: {e}");
        }
    }
    // The data is still there and readable.
    assert_eq!(h.ok("app_status", json!({}))["phase"], "ready");
}

/// The first `{ id, kind, date }` session reference for `date` anywhere in `v`.
fn find_session_ref(v: &Value, date: &str) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.get("date").and_then(Value::as_str) == Some(date)
                && m.get("kind").is_some()
                && m.get("id").is_some_and(|id| id.is_i64())
            {
                return Some(json!({ "id": m["id"], "kind": m["kind"], "date": date }));
            }
            m.values().find_map(|x| find_session_ref(x, date))
        }
        Value::Array(a) => a.iter().find_map(|x| find_session_ref(x, date)),
        _ => None,
    }
}
