//! The record for a professional (issue 13): a year of weekly sessions with check-ins and
//! 24 photos (1600 × 1200) should become a PDF in under 2 s.
//! Run: `cargo bench -p needlewise-core --features report --bench report`.

use std::io::Cursor;

use chrono::Duration;
use criterion::{criterion_group, criterion_main, Criterion};
use image::{ImageFormat, Rgb, RgbImage};
use needlewise_core::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
use needlewise_core::fixtures::{self, date};
use needlewise_core::guidance::SessionKind::AtHome;
use needlewise_core::photo::{self, Area, PhotoFolder, PhotoInfo};
use needlewise_core::profile::Mode;
use needlewise_core::report;
use needlewise_core::session::{SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::store::Store;

fn bench(c: &mut Criterion) {
    let start = date(2026, 1, 5);
    let mut state = RoutineState::new(fixtures::profile(Mode::AtHome, start), Settings::default());
    for week in 0..52i64 {
        state.sessions.push(fixtures::session(
            week + 1,
            AtHome,
            start + Duration::weeks(week),
            SessionStatus::Done,
        ));
        for day in 0..4u16 {
            state.checkins.push(CheckIn {
                id: CheckInId(week * 4 + i64::from(day) + 1),
                session_id: SessionId(week + 1),
                day: DayAfter::new(day).unwrap(),
                redness: Severity::Mild,
                irritation: Severity::None,
                flags: Flags::default(),
                note: String::new(),
            });
        }
    }
    state.sort();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let store = Store::open(&db).unwrap();
    let folder = PhotoFolder::beside(&db);
    let areas = Area::ALL;
    for i in 0..24u32 {
        let img = RgbImage::from_fn(1600, 1200, |x, y| {
            Rgb([(x / 7) as u8, (y / 5) as u8, (i * 9) as u8])
        });
        let mut jpeg = Cursor::new(Vec::new());
        img.write_to(&mut jpeg, ImageFormat::Jpeg).unwrap();
        let info = PhotoInfo {
            taken_on: start + Duration::days(i64::from(i) * 15),
            area: areas[i as usize % areas.len()],
            note: String::new(),
        };
        photo::add(&store, &folder, "p.jpg", &jpeg.into_inner(), info).unwrap();
    }
    let photos = store.photos().list().unwrap();
    let today = date(2026, 12, 31);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("a year of sessions and 24 photos as a PDF", |b| {
        b.iter(|| report::build(&state, &photos, &folder, today).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
