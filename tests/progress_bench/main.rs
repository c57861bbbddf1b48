//! Benchmark (issue 13): the Progress view with 200 photos, in the real window, until it is
//! interactive (every card on the timeline and the thumbnails in view loaded), measured in
//! the page from the click on the tab; then two photos compared (both full images loaded).
//! Not a test: it prints the figures. Run `bash src-tauri/scripts/bench-progress.sh`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use chrono::Duration;
use harness::App;
use needlewise_core::photo::{self, Area, PhotoFolder, PhotoInfo};
use needlewise_core::store::Store;
use serde_json::json;

const PHOTOS: usize = 200;
const RUNS: usize = 11;

/// `PHOTOS` photos, one a week back from today, over the six areas: one prepared from a
/// phone-sized picture, its files copied for the rest (the view's cost does not depend on
/// what the pixels show).
fn fill(dir: &std::path::Path) {
    let db = dir.join("needlewise.db");
    let store = Store::open(&db).unwrap();
    let folder = PhotoFolder::beside(&db);
    let img = image::RgbImage::from_fn(1600, 1200, |x, y| {
        image::Rgb([(x / 7) as u8, (y / 5) as u8, ((x ^ y) / 9) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    let prepared = photo::prepare("bench.jpg", bytes.get_ref()).unwrap();
    let areas = Area::ALL;
    let today = chrono::Local::now().date_naive();
    for i in 0..PHOTOS {
        let info = PhotoInfo {
            taken_on: today - Duration::weeks(i as i64),
            area: areas[i % areas.len()],
            note: format!("week {i}"),
        };
        photo::store_prepared(&store, &folder, &prepared, info).unwrap();
    }
}

const OPEN_PROGRESS: &str = r#"
const done = arguments[arguments.length - 1];
const want = arguments[0];
document.querySelector('#dashboard-nav button[data-view="today"]').click();
requestAnimationFrame(() => requestAnimationFrame(() => {
  const t0 = performance.now();
  document.querySelector('#dashboard-nav button[data-view="progress"]').click();
  const ready = () => {
    if (document.querySelectorAll('#photo-timeline .photo-card').length < want) return false;
    const inView = [...document.querySelectorAll('#photo-timeline img')].filter((i) => {
      const r = i.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    });
    return inView.length > 0 && inView.every((i) => i.complete && i.naturalWidth > 0);
  };
  const poll = () => (ready() ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(poll));
  poll();
}));
"#;

const COMPARE: &str = r#"
const done = arguments[arguments.length - 1];
for (const b of document.querySelectorAll('.photo-pick[aria-pressed="true"]')) b.click();
const t0 = performance.now();
const picks = document.querySelectorAll('.photo-pick');
picks[0].click();
document.querySelectorAll('.photo-pick')[picks.length - 1].click();
const poll = () => {
  const imgs = [...document.querySelectorAll('#compare-side img')];
  if (imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)) {
    requestAnimationFrame(() => done(performance.now() - t0));
  } else requestAnimationFrame(poll);
};
poll();
"#;

/// The command alone, as the page calls it: how much of the view's time is the list.
const LIST: &str = r#"
const done = arguments[arguments.length - 1];
const t0 = performance.now();
window.__TAURI__.core.invoke('list_photos').then(() => done(performance.now() - t0));
"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::test]
#[ignore = "a benchmark: run through src-tauri/scripts/bench-progress.sh"]
async fn progress_view_with_200_photos() {
    let dir = common::wizard_dir(chrono::Local::now().date_naive(), &[]);
    fill(dir.path());
    let app = App::open("bench-progress")
        .data_dir(dir.path())
        .start()
        .await;
    app.visible("#today-next-session").await;
    let mut open = Vec::new();
    for _ in 0..RUNS {
        let ms = app
            .client
            .execute_async(OPEN_PROGRESS, vec![json!(PHOTOS)])
            .await
            .unwrap();
        open.push(ms.as_f64().unwrap());
    }
    let mut list = Vec::new();
    for _ in 0..RUNS {
        let ms = app.client.execute_async(LIST, vec![]).await.unwrap();
        list.push(ms.as_f64().unwrap());
    }
    let mut compare = Vec::new();
    for _ in 0..5 {
        let ms = app.client.execute_async(COMPARE, vec![]).await.unwrap();
        compare.push(ms.as_f64().unwrap());
    }
    let fmt = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!(
        "Progress view, {PHOTOS} photos, click to interactive (ms): {}",
        fmt(&open)
    );
    println!(
        "  first {:.0} ms, median {:.0} ms (target < 300 ms)",
        open[0],
        median(open.clone())
    );
    println!(
        "  of which the list_photos command: median {:.0} ms",
        median(list.clone())
    );
    println!(
        "Two photos compared, full images loaded (ms): {}",
        fmt(&compare)
    );
    println!("  median {:.0} ms", median(compare.clone()));
    app.close().await;
}
