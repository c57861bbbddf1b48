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

/// Adds a generated `width` × `height` JPEG named `name`, taken on `date`, as a drop would.
fn add_photo(h: &Harness, name: &str, (width, height): (u32, u32), date: &str) -> Value {
    h.ok(
        "add_photo",
        json!({ "name": name, "data": b64(&jpeg(width, height)), "details": details(date) }),
    )
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
    let added = add_photo(&h, "IMG_1.jpg", (64, 48), "2026-11-20");
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
    add_photo(&h, "IMG_2.jpg", (32, 24), "2026-11-20");
    assert_eq!(h.ok("list_photos", json!({}))["takenNotAdded"], json!([]));

    // The same Done in the app (GUIDANCE §6), and a note let go of.
    let marked = h.ok("mark_photo_taken", json!({}));
    assert_eq!(marked, json!(today(&h).to_string()));
    assert_eq!(
        h.ok("list_photos", json!({}))["takenNotAdded"],
        json!([today(&h).to_string()])
    );
    h.ok("forget_photo_taken", json!({ "date": marked }));
    assert_eq!(h.ok("list_photos", json!({}))["takenNotAdded"], json!([]));
    let err = h.refused("forget_photo_taken", json!({ "date": marked }), "invalid");
    assert_eq!(err["field"], "date");
    h.refused(
        "forget_photo_taken",
        json!({ "date": "someday" }),
        "invalid",
    );
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
    add_photo(&h, "IMG_1.jpg", (64, 48), "2026-11-20");
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

/// The photo files of `h` by their row's order: (full, thumbnail) bytes.
fn photo_bytes(h: &Harness) -> Vec<(Vec<u8>, Vec<u8>)> {
    let list = h.ok("list_photos", json!({}));
    let dir = h.db().with_file_name("photos");
    list["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let id = p["id"].as_i64().unwrap();
            (
                std::fs::read(dir.join(format!("{id}.jpg"))).unwrap(),
                std::fs::read(dir.join(format!("{id}-thumb.jpg"))).unwrap(),
            )
        })
        .collect()
}

/// `a` holds the same photo files as `b`, byte for byte (said without printing them).
fn same_files(a: &Harness, b: &Harness, what: &str) {
    let (x, y) = (photo_bytes(a), photo_bytes(b));
    let sizes = |v: &[(Vec<u8>, Vec<u8>)]| {
        v.iter()
            .map(|(f, t)| (f.len(), t.len()))
            .collect::<Vec<_>>()
    };
    assert!(
        x == y,
        "{what}: the files differ; sizes {:?} vs {:?}",
        sizes(&x),
        sizes(&y)
    );
}

/// What a person sees of their photos, without the ids (an import renumbers them).
fn photo_rows(h: &Harness) -> Value {
    let mut list = h.ok("list_photos", json!({}));
    for p in list["photos"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("id");
    }
    json!([list["photos"], list["takenNotAdded"], list["missing"]])
}

/// A tar archive of `entries` (name, bytes), as a crafted or damaged export would be.
fn tar_of(dir: &std::path::Path, entries: &[(&str, &[u8])]) -> std::path::PathBuf {
    let path = dir.join(format!(
        "crafted-{}.tar",
        std::fs::read_dir(dir).unwrap().count()
    ));
    let mut b = tar::Builder::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        b.append_data(&mut header, name, *bytes).unwrap();
    }
    b.into_inner().unwrap();
    path
}

fn import_file(h: &Harness, file: &std::path::Path) -> Result<Value, Value> {
    let preview = h.choose_import(file)?;
    h.call("import_data", json!({ "token": preview["token"] }))
}

/// Issue 13, item 6: one archive carries the data and the photos; importing it gives the
/// same photos, byte for byte, and replaces the ones there were.
#[test]
fn an_export_archive_brings_the_photos_back_byte_for_byte() {
    let a = set_up();
    for (date, w) in [("2026-10-01", 64), ("2026-11-01", 80)] {
        add_photo(&a, "p.jpg", (w, 48), date);
    }
    let store = needlewise_core::store::Store::open(&a.db()).unwrap();
    store
        .photos()
        .mark_taken(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    let path = a.ok("export_data", json!({}));
    let file = std::path::PathBuf::from(path.as_str().unwrap());

    let b = set_up();
    add_photo(&b, "old.jpg", (32, 32), "2026-09-01");
    let old = photo_bytes(&b);
    let preview = b.choose_import(&file).unwrap();
    assert_eq!(preview["photos"], json!(2));
    let backup = b
        .call("import_data", json!({ "token": preview["token"] }))
        .unwrap();
    // The backup taken before the import keeps the pictures its rows refer to.
    let backup = std::path::PathBuf::from(backup.as_str().unwrap());
    let kept = std::path::PathBuf::from(format!("{}-photos", backup.display()));
    let backed_up = needlewise_core::store::Store::open(&backup).unwrap();
    let rows = backed_up.photos().list().unwrap();
    assert_eq!(rows.len(), 1);
    let id = rows[0].id.0;
    assert!(
        std::fs::read(kept.join(format!("{id}.jpg"))).ok() == Some(old[0].0.clone())
            && std::fs::read(kept.join(format!("{id}-thumb.jpg"))).ok() == Some(old[0].1.clone()),
        "the old pictures are not beside the backup in {}",
        kept.display()
    );
    assert_eq!(photo_rows(&b), photo_rows(&a));
    assert_eq!(
        photo_bytes(&b),
        photo_bytes(&a),
        "the same files, byte for byte"
    );
    // The photo B had is gone with its files; nothing is left staged.
    assert_eq!(photo_files(&b).len(), 4, "{:?}", photo_files(&b));
    assert!(!b.db().with_file_name(".photos-import").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in photo_files(&b) {
            let meta = std::fs::metadata(b.db().with_file_name("photos").join(&name)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
        }
    }
    // And again: a second round trip changes nothing.
    let again = b.ok("export_data", json!({}));
    let c = set_up();
    import_file(&c, std::path::Path::new(again.as_str().unwrap())).unwrap();
    same_files(&c, &a, "a second round trip");
}

/// A crafted or damaged archive is refused with what is wrong, and nothing changes.
#[test]
fn bad_archives_are_refused_and_change_nothing() {
    let a = set_up();
    add_photo(&a, "p.jpg", (64, 48), "2026-10-01");
    let path = a.ok("export_data", json!({}));
    let json_text = Harness::exported_json(&path);
    let export: Value = serde_json::from_str(&json_text).unwrap();
    let id = export["photos"][0]["id"].as_i64().unwrap();
    let dir = a.db().with_file_name("photos");
    let full = std::fs::read(dir.join(format!("{id}.jpg"))).unwrap();
    let thumb = std::fs::read(dir.join(format!("{id}-thumb.jpg"))).unwrap();
    let (full_name, thumb_name) = (format!("photos/{id}.jpg"), format!("photos/{id}-thumb.jpg"));
    // A picture with an EXIF segment (APP1) put back in after the start marker.
    let mut with_exif = full[..2].to_vec();
    with_exif.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x0A]);
    with_exif.extend_from_slice(b"Exif\0\0GP");
    with_exif.extend_from_slice(&full[2..]);
    // A clean picture with a second one (carrying its own EXIF) hidden after its end.
    let mut appended = full.clone();
    appended.extend_from_slice(&with_exif);

    let b = set_up();
    add_photo(&b, "mine.jpg", (32, 32), "2026-09-01");
    let before = (b.everything(), photo_rows(&b), photo_bytes(&b));
    let files = tempfile::tempdir().unwrap();
    let j = json_text.as_bytes();
    let cases: Vec<(&str, std::path::PathBuf, &str)> = vec![
        (
            "metadata",
            tar_of(
                files.path(),
                &[
                    ("needlewise-export.json", j),
                    (&full_name, &with_exif),
                    (&thumb_name, &thumb),
                ],
            ),
            "metadata",
        ),
        (
            "no thumbnail",
            tar_of(
                files.path(),
                &[("needlewise-export.json", j), (&full_name, &full)],
            ),
            "missing the thumbnail",
        ),
        (
            "cut short",
            tar_of(
                files.path(),
                &[
                    ("needlewise-export.json", j),
                    (&full_name, &full[..full.len() / 2]),
                    (&thumb_name, &thumb),
                ],
            ),
            "not a whole JPEG",
        ),
        (
            "stranger",
            tar_of(
                files.path(),
                &[
                    ("needlewise-export.json", j),
                    (&full_name, &full),
                    (&thumb_name, &thumb),
                    ("notes.txt", b"hi"),
                ],
            ),
            "not part of a Needlewise export",
        ),
        (
            "json first",
            tar_of(
                files.path(),
                &[(&full_name, &full), ("needlewise-export.json", j)],
            ),
            "does not start with",
        ),
        (
            "data after the picture",
            tar_of(
                files.path(),
                &[
                    ("needlewise-export.json", j),
                    (&full_name, &appended),
                    (&thumb_name, &thumb),
                ],
            ),
            &full_name,
        ),
        (
            "the JSON alone",
            {
                let p = files.path().join("alone.json");
                std::fs::write(&p, &json_text).unwrap();
                p
            },
            "import the whole archive",
        ),
        (
            "truncated archive",
            {
                let whole = std::fs::read(path.as_str().unwrap()).unwrap();
                let p = files.path().join("half.tar");
                std::fs::write(&p, &whole[..whole.len() - 3000]).unwrap();
                p
            },
            "",
        ),
    ];
    for (what, file, says) in cases {
        let err = import_file(&b, &file).expect_err(what);
        assert_eq!(err["kind"], "invalid", "{what}: {err}");
        let message = err["message"].as_str().unwrap();
        assert!(message.contains(says), "{what}: {message}");
        assert!(
            (b.everything(), photo_rows(&b), photo_bytes(&b)) == before,
            "{what} changed something"
        );
        assert!(!b.db().with_file_name(".photos-import").exists(), "{what}");
    }
}

/// Another program holds the database's write lock while the import is confirmed: the
/// import fails with nothing changed (the old photos and their files stay, no new file is
/// left in `photos/`), and the same choice goes through once the lock is gone, pictures
/// and all.
#[test]
fn an_import_that_fails_after_moving_pictures_puts_them_back_for_another_try() {
    let a = set_up();
    add_photo(&a, "p.jpg", (64, 48), "2026-10-01");
    let path = a.ok("export_data", json!({}));
    let b = set_up();
    add_photo(&b, "mine.jpg", (32, 32), "2026-09-01");
    let before = (photo_rows(&b), photo_bytes(&b), photo_files(&b));
    let preview = b
        .choose_import(std::path::Path::new(path.as_str().unwrap()))
        .unwrap();

    let other = rusqlite::Connection::open(b.db()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = b
        .call("import_data", json!({ "token": preview["token"] }))
        .expect_err("the database is locked");
    eprintln!("while locked: {err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(
        (photo_rows(&b), photo_bytes(&b), photo_files(&b)) == before,
        "a failed import changed the photos: {:?}",
        (photo_rows(&b), photo_files(&b))
    );

    b.call("import_data", json!({ "token": preview["token"] }))
        .expect("the same choice imports once the lock is gone");
    assert_eq!(photo_rows(&b), photo_rows(&a));
    same_files(&b, &a, "the import after the lock");
}

/// Another program removed one photo's thumbnail: the export still saves everything else,
/// leaving that photo out (its picture is shown as missing in the window already).
#[test]
fn a_photo_whose_file_was_removed_is_left_out_of_the_export() {
    let a = set_up();
    for date in ["2026-10-01", "2026-11-01"] {
        add_photo(&a, "p.jpg", (40, 30), date);
    }
    let first = a.ok("list_photos", json!({}))["photos"][0]["id"]
        .as_i64()
        .unwrap();
    std::fs::remove_file(
        a.db()
            .with_file_name("photos")
            .join(format!("{first}-thumb.jpg")),
    )
    .unwrap();
    let path = a.ok("export_data", json!({}));
    let export: Value = serde_json::from_str(&Harness::exported_json(&path)).unwrap();
    let dates: Vec<&str> = export["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["takenOn"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-01"]);
    let b = set_up();
    import_file(&b, std::path::Path::new(path.as_str().unwrap())).unwrap();
    assert_eq!(
        b.ok("list_photos", json!({}))["photos"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
