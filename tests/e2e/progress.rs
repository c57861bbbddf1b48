//! Progress photos in the real window (issue 13): added through the platform's open
//! dialog, shown on the timeline with the sessions marked, compared side by side and with
//! the slider, in light and dark; what is stored carries no location.

use std::path::Path;

use chrono::Duration;
use serde_json::json;

use crate::common::wizard_dir;
use crate::dashboard::{answer_file_dialog, launch_set_up, snap, view, wait_text};
use crate::harness::{eventually, App};
use crate::wizard::today;

const DIALOG: &str = "Choose a photo to add";
const WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// A JPEG like a phone's: texture, and a GPS position and camera model in its EXIF.
fn phone_photo(dir: &Path, name: &str, shade: u8) -> std::path::PathBuf {
    let img = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([shade, (x / 3) as u8, (y / 2) as u8])
    });
    let path = dir.join(name);
    img.save_with_format(&path, image::ImageFormat::Jpeg)
        .unwrap();
    let tagged = std::process::Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-n",
            "-GPSLatitude=52.52",
            "-GPSLatitudeRef=N",
        ])
        .args([
            "-GPSLongitude=13.40",
            "-GPSLongitudeRef=E",
            "-Model=Phone 15",
        ])
        .arg(&path)
        .status()
        .unwrap();
    assert!(tagged.success());
    path
}

/// How many of `css`'s images have loaded (a picture with a width), read in the page.
async fn loaded_images(app: &App, css: &str) -> usize {
    app.client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).filter(i => i.complete && i.naturalWidth > 0).length;",
            vec![json!(css)],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap() as usize
}

async fn wait_loaded(app: &App, css: &str, want: usize) {
    eventually(WAIT, || async {
        match loaded_images(app, css).await {
            n if n == want => Ok(()),
            n => Err(format!("{n} of {want} images loaded in {css}")),
        }
    })
    .await
}

async fn add_photo(app: &App, file: &Path, date: &str, area: &str) {
    let before = app
        .attrs("#photo-timeline .photo-card", "data-photo-id")
        .await
        .len();
    app.set_value("#photo-date", date).await;
    app.set_value("#photo-area", area).await;
    app.click("#photo-from-file").await;
    answer_file_dialog(DIALOG, Some(file));
    eventually(WAIT, || async {
        let n = app
            .attrs("#photo-timeline .photo-card", "data-photo-id")
            .await
            .len();
        if n == before + 1 {
            Ok(())
        } else {
            let said = app.text("#photo-add-form").await;
            Err(format!("{n} photos shown; the form says: {said}"))
        }
    })
    .await;
}

async fn compare_two(app: &mut App, scheme: &str) {
    for id in app
        .attrs("#photo-timeline .photo-pick", "data-photo-id")
        .await
    {
        app.click(&format!(".photo-pick[data-photo-id=\"{id}\"]"))
            .await;
    }
    app.visible("#photo-compare").await;
    wait_loaded(app, "#compare-side img", 2).await;
    snap(app, &format!("compare-side-{scheme}")).await;
    app.click("input[name=\"compare-mode\"][value=\"slider\"]")
        .await;
    app.visible("#compare-slider").await;
    app.set_value("#compare-position", "30").await;
    wait_loaded(app, "#compare-stack img", 2).await;
    snap(app, &format!("compare-slider-{scheme}")).await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn photos_added_from_files_are_compared_on_the_timeline() {
    let files = tempfile::tempdir().unwrap();
    let before = phone_photo(files.path(), "before.jpg", 40);
    let after = phone_photo(files.path(), "after.jpg", 200);
    let not_a_photo = files.path().join("notes.jpg");
    std::fs::write(&not_a_photo, "shopping list").unwrap();

    let (mut app, dir) = launch_set_up("progress", &[]).await;
    // Today's session is done: a photo today may show its redness, and the window says so.
    app.click("#today-mark-done").await;
    view(&app, "progress").await;
    wait_text(&app, "#photo-unsettled", &["redness"]).await;
    assert!(app.shown("#photo-empty").await);

    let month_ago = (today() - Duration::days(28)).to_string();
    add_photo(&app, &before, &month_ago, "cheeks").await;
    // A file that is not a picture is refused with its name, and nothing is added.
    app.click("#photo-from-file").await;
    answer_file_dialog(DIALOG, Some(&not_a_photo));
    let err = wait_text(&app, "#photo-add-error", &["notes.jpg", "not a picture"]).await;
    eprintln!("refused: {err}");
    add_photo(&app, &after, &today().to_string(), "cheeks").await;

    // Timeline: oldest first, today's session marked after the photo of that day... and
    // the thumbnails actually load through photo://.
    let dates = app.attrs("#photo-timeline > li", "data-date").await;
    assert_eq!(dates[0], month_ago, "{dates:?}");
    let markers = app
        .attrs("#photo-timeline .session-marker", "data-session-date")
        .await;
    assert_eq!(markers, vec![today().to_string()]);
    wait_loaded(&app, "#photo-timeline img", 2).await;
    snap(&mut app, "timeline-light").await;

    compare_two(&mut app, "light").await;
    let between = app.text("#compare-between").await;
    assert!(
        between.contains("4 weeks apart") && between.contains("1 session between them"),
        "{between}"
    );

    // The record for a professional, saved where the person chooses.
    let saved = files.path().join("record.pdf");
    app.click("#export-report").await;
    answer_file_dialog("Save the record for your appointment", Some(&saved));
    wait_text(&app, "#report-status", &["Saved to"]).await;
    let text = std::process::Command::new("pdftotext")
        .arg(&saved)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Cheeks, ") && text.contains("· done ·"),
        "{text}"
    );

    // What is stored carries no location or camera.
    let photos = dir.path().join("photos");
    for entry in std::fs::read_dir(&photos).unwrap() {
        let raw = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(
            !raw.windows(8).any(|w| w == b"Phone 15"),
            "a camera model was kept"
        );
    }
    app.close().await;

    // The same, in dark mode.
    let mut app = App::open("progress-dark")
        .data_dir(dir.path())
        .envs(&[("GTK_THEME", "Adwaita:dark")])
        .start()
        .await;
    view(&app, "progress").await;
    wait_loaded(&app, "#photo-timeline img", 2).await;
    snap(&mut app, "timeline-dark").await;
    compare_two(&mut app, "dark").await;
    app.close().await;
}

/// The stored full-size photos' sizes (width, height), oldest id first.
fn stored_sizes(data: &Path) -> Vec<(u32, u32)> {
    let mut files: Vec<_> = std::fs::read_dir(data.join("photos"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().contains("thumb"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| image::image_dimensions(p).unwrap())
        .collect()
}

async fn take_with_camera(app: &App, want: usize) {
    eventually(WAIT, || async {
        match app.attr("#camera-capture", "disabled").await {
            None => Ok(()),
            Some(_) => Err(format!(
                "the camera is not ready: {}",
                app.text("#photo-add-form").await
            )),
        }
    })
    .await;
    app.click("#camera-capture").await;
    eventually(WAIT, || async {
        let n = app
            .attrs("#photo-timeline .photo-card", "data-photo-id")
            .await
            .len();
        if n == want {
            Ok(())
        } else {
            Err(format!(
                "{n} photos shown: {}",
                app.text("#photo-add-form").await
            ))
        }
    })
    .await;
}

/// The camera path with WebKitGTK's mock capture devices: two photos of the same area, the
/// second taken with the first laid faintly over the live view.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn the_camera_takes_two_photos_the_second_over_the_ghost_of_the_first() {
    let dir = wizard_dir(today(), &[]);
    let mut app = App::open("progress-camera")
        .data_dir(dir.path())
        .envs(&[("NEEDLEWISE_MOCK_CAMERA", "1")])
        .start()
        .await;
    view(&app, "progress").await;
    app.set_value("#photo-area", "forehead").await;
    app.click("#photo-camera").await;
    app.visible("#camera-panel").await;
    // No earlier photo of the forehead: no ghost yet, and the note says why.
    assert!(!app.shown("#camera-ghost").await);
    wait_text(&app, "#camera-ghost-note", &["No earlier photo"]).await;
    take_with_camera(&app, 1).await;
    let first = app
        .attrs("#photo-timeline .photo-card", "data-photo-id")
        .await;

    // The camera stays open; the ghost is now the photo just taken, and it loads.
    app.visible("#camera-ghost").await;
    assert_eq!(
        app.attr("#camera-ghost", "data-photo-id").await,
        Some(first[0].clone())
    );
    wait_loaded(&app, "#camera-ghost", 1).await;
    wait_text(&app, "#camera-ghost-note", &["Forehead"]).await;
    snap(&mut app, "camera-with-ghost").await;
    take_with_camera(&app, 2).await;

    // The ghost can be switched off; closing lets the camera go (no live track left).
    app.click("#camera-ghost-on").await;
    assert!(!app.shown("#camera-ghost").await);
    app.click("#camera-cancel").await;
    assert!(!app.shown("#camera-panel").await);
    let live = app
        .client
        .execute(
            "return document.getElementById('camera-video').srcObject === null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(live, json!(true));

    // Two pictures from the camera's frames, of the camera's size, stored unmirrored.
    let sizes = stored_sizes(dir.path());
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    assert!(
        sizes.iter().all(|&(w, h)| w >= 320 && h >= 240),
        "{sizes:?}"
    );
    app.close().await;
}

/// Without a camera, the app says so and nothing is stored.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn without_a_camera_the_app_says_so() {
    let (mut app, dir) = launch_set_up("progress-no-camera", &[]).await;
    view(&app, "progress").await;
    app.click("#photo-camera").await;
    let said = wait_text(&app, "#photo-add-error", &["camera"]).await;
    eprintln!("no camera: {said}");
    assert!(said.contains("No camera was found"), "{said}");
    assert!(!app.shown("#camera-panel").await);
    snap(&mut app, "no-camera").await;

    // Taken with a phone instead: the reminder's Done, in the app; the note can be let go.
    app.click("#photo-taken-elsewhere").await;
    let note = format!(".photo-taken-note[data-taken-on=\"{}\"]", today());
    app.visible(&note).await;
    wait_text(&app, "#photo-status", &["counts from today"]).await;
    app.click(&format!("{note} button")).await;
    eventually(WAIT, || async {
        if app.shown(&note).await {
            Err("the note is still shown".to_string())
        } else {
            Ok(())
        }
    })
    .await;
    assert!(!dir.path().join("photos").exists() || stored_sizes(dir.path()).is_empty());
    app.close().await;
}
