//! Photo commands over IPC (issue 13): what they refuse, with which field, and that a
//! refusal or a full disk leaves rows and files as they were.

mod common;

use base64::Engine as _;
use common::{fill_disk, setup, small_tmpfs, today, Harness};
use serde_json::{json, Value};

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, ((x ^ y) * 3) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn details(date: &str) -> Value {
    json!({ "takenOn": date, "area": "cheeks", "note": "" })
}

fn set_up() -> Harness {
    let h = Harness::new();
    let first = today(&h) + chrono::Duration::days(3);
    h.ok("finish_setup", json!({ "setup": setup(first) }));
    h
}

fn photo_files(h: &Harness) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(h.db().with_file_name("photos"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_photo_is_added_listed_and_deleted() {
    let h = set_up();
    let added = h.ok(
        "add_photo",
        json!({ "name": "IMG_1.jpg", "data": b64(&jpeg(64, 48)), "details": details("2026-11-20") }),
    );
    assert_eq!(
        (added["width"].clone(), added["height"].clone()),
        (json!(64), json!(48))
    );
    let list = h.ok("list_photos", json!({}));
    assert_eq!(list["photos"], json!([added]));
    assert_eq!(list["missing"], json!([]));
    assert!(
        list["sessions"].as_array().is_some_and(|s| !s.is_empty()),
        "{list}"
    );
    let id = added["id"].as_i64().unwrap();
    assert_eq!(
        photo_files(&h),
        vec![format!("{id}-thumb.jpg"), format!("{id}.jpg")]
    );

    h.ok("delete_photo", json!({ "id": id }));
    assert_eq!(h.ok("list_photos", json!({}))["photos"], json!([]));
    assert!(photo_files(&h).is_empty());
    let (kind, _) = h.err("delete_photo", json!({ "id": id }));
    assert_eq!(kind, "notFound");
}

/// Done on the photo reminder records the day (the background process does it through
/// the store); the list says which such days have no photo added yet.
#[test]
fn a_photo_said_to_be_taken_is_listed_until_one_is_added_for_that_day() {
    let h = set_up();
    let store = needlewise_core::store::Store::open(&h.db()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    store.photos().mark_taken(day).unwrap();
    store.photos().mark_taken(day).unwrap(); // twice: one day
    let list = h.ok("list_photos", json!({}));
    assert_eq!(list["takenNotAdded"], json!(["2026-11-20"]));
    h.ok(
        "add_photo",
        json!({ "name": "IMG_2.jpg", "data": b64(&jpeg(32, 24)), "details": details("2026-11-20") }),
    );
    assert_eq!(h.ok("list_photos", json!({}))["takenNotAdded"], json!([]));
}

#[test]
fn bad_photo_arguments_name_their_field_and_change_nothing() {
    let h = set_up();
    let good = b64(&jpeg(32, 32));
    h.ok(
        "add_photo",
        json!({ "name": "kept.jpg", "data": good, "details": details("2026-11-01") }),
    );
    let before = (h.ok("list_photos", json!({})), photo_files(&h));
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({ "name": "a.jpg", "data": good }), "details", ""),
        (
            json!({ "name": "a.jpg", "details": details("2026-11-02") }),
            "data",
            "",
        ),
        (
            json!({ "name": "a.jpg", "data": good, "details": { "takenOn": "2026-11-02", "area": "elbow" } }),
            "details",
            "",
        ),
        (
            json!({ "name": "a.jpg", "data": good, "details": { "takenOn": "2026-11-02", "area": "cheeks", "where": "x" } }),
            "details",
            "",
        ),
        (
            json!({ "name": "a.jpg", "data": good, "details": details("2301-01-01") }),
            "takenOn",
            "1900 to 2200",
        ),
        (
            json!({ "name": "a.jpg", "data": "%%%not base64", "details": details("2026-11-02") }),
            "photo",
            "did not arrive whole",
        ),
        (
            json!({ "name": "notes.txt", "data": b64(b"hello"), "details": details("2026-11-02") }),
            "photo",
            "not a picture",
        ),
        (
            json!({ "name": "IMG_2.HEIC", "data": b64(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), "details": details("2026-11-02") }),
            "photo",
            "HEIC",
        ),
    ];
    for (args, field, says) in cases {
        let (kind, e) = h.err("add_photo", args.clone());
        assert_eq!(kind, "invalid", "{args}: {e}");
        assert_eq!(e["field"], field, "{args}: {e}");
        assert!(e["message"].as_str().unwrap().contains(says), "{args}: {e}");
        assert_eq!(
            (h.ok("list_photos", json!({})), photo_files(&h)),
            before,
            "{args}"
        );
    }
    let (kind, e) = h.err("delete_photo", json!({ "id": "one" }));
    assert_eq!(
        (kind.as_str(), &e["field"]),
        ("invalid", &json!("id")),
        "{e}"
    );
}

/// A full disk while saving: no half-written photo, no row without its file, and the
/// same photo goes in once there is room again.
#[test]
fn a_full_disk_while_saving_a_photo_leaves_nothing_behind() {
    let h = set_up();
    let photos = h.db().with_file_name("photos");
    std::fs::create_dir(&photos).unwrap();
    let Some(_full) = small_tmpfs(&photos, "1m") else {
        return;
    };
    let filler = fill_disk(&photos);
    let args = json!({ "name": "IMG_3.jpg", "data": b64(&jpeg(400, 300)), "details": details("2026-11-21") });
    let (kind, e) = h.err("add_photo", args.clone());
    assert_eq!(kind, "io", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("No space left"),
        "{e}"
    );
    assert_eq!(h.ok("list_photos", json!({}))["photos"], json!([]));
    assert_eq!(photo_files(&h), vec!["filler".to_string()]);

    std::fs::remove_file(filler).unwrap();
    let added = h.ok("add_photo", args);
    assert_eq!(h.ok("list_photos", json!({}))["photos"], json!([added]));
}

/// GUIDANCE §7: the photo reminder comes every 2 to 4 weeks, or not at all.
#[test]
fn the_photo_reminder_interval_is_two_to_four_weeks_or_off() {
    let h = set_up();
    let mut settings = h.ok("get_settings", json!({}))["settings"].clone();
    assert_eq!(
        settings["photoEvery"],
        json!(4),
        "on by default, every 4 weeks"
    );
    assert_eq!(settings["times"]["photo"], json!("10:00:00"));
    for weeks in [json!(1), json!(5), json!("often")] {
        settings["photoEvery"] = weeks.clone();
        let e = h.refused("save_settings", json!({ "settings": settings }), "invalid");
        let message = e["message"].as_str().unwrap();
        if weeks.is_number() {
            assert!(message.contains("every 2 to 4 weeks"), "{weeks}: {message}");
        }
    }
    for weeks in [json!(null), json!(2)] {
        settings["photoEvery"] = weeks.clone();
        h.ok("save_settings", json!({ "settings": settings }));
        assert_eq!(
            h.ok("get_settings", json!({}))["settings"]["photoEvery"],
            weeks
        );
    }
}

/// Issue 13, item 5: the record for a professional is a whole PDF, private, whose text
/// names the sessions and products (read back with poppler's pdftotext).
#[test]
fn the_report_is_a_private_pdf_naming_sessions_and_products() {
    let exports = common::export_dir(); // before the app starts: it reads the folder once
    let h = set_up();
    h.ok(
        "add_photo",
        json!({ "name": "IMG_1.jpg", "data": b64(&jpeg(64, 48)), "details": details("2026-11-20") }),
    );
    let path = h.ok("export_report", json!({}));
    let path = std::path::PathBuf::from(path.as_str().expect("a path"));
    assert!(path.starts_with(exports), "{path:?}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let text = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; tests/run.sh installs it)");
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "Retinol serum",
        "Hyaluronic serum",
        "at-home · planned",
        "Cheeks, Fri 20 Nov 2026",
    ] {
        assert!(
            text.contains(needle),
            "the report lacks {needle:?}:\n{text}"
        );
    }
}
