//! The report for a professional (issue 13, item 5), read back with poppler: its text is
//! extractable (dates, products, holds), the pages are as laid out, and page 1 renders.

use std::path::Path;
use std::process::Command;

use chrono::Duration;
use image::{ImageFormat, Rgb, RgbImage};
use needlewise_core::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
use needlewise_core::fixtures::{self, date};
use needlewise_core::guidance::SessionKind::AtHome;
use needlewise_core::photo::{self, Area, PhotoFolder, PhotoInfo};
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{HoldPeriod, Mode, PostponeCondition};
use needlewise_core::report;
use needlewise_core::routine::{Part, Placement, RoutineStep, Tick, Usage, When};
use needlewise_core::session::{SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::store::Store;

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} (Debian: poppler-utils; tests/run.sh installs it): {e}")
        });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A year of weekly at-home sessions with check-ins, two products, a cleared cold sore,
/// and 24 photos of two areas.
fn a_year(dir: &Path) -> (RoutineState, Vec<photo::Photo>, PhotoFolder) {
    let start = date(2026, 1, 5);
    let mut state = RoutineState::new(fixtures::profile(Mode::AtHome, start), Settings::default());
    for week in 0..52i64 {
        let day = start + Duration::weeks(week);
        state.sessions.push(fixtures::session(
            week + 1,
            AtHome,
            day,
            SessionStatus::Done,
        ));
        for (n, d) in [0u16, 1, 2].into_iter().enumerate() {
            state.checkins.push(CheckIn {
                id: CheckInId(week * 3 + n as i64 + 1),
                session_id: SessionId(week + 1),
                day: DayAfter::new(d).unwrap(),
                redness: [Severity::Moderate, Severity::Mild, Severity::None][n],
                irritation: Severity::None,
                flags: Flags::default(),
                note: if week == 3 && d == 1 {
                    "Tight and warm in the evening".into()
                } else {
                    String::new()
                },
            });
        }
    }
    for (id, name, inci) in [
        (1, "Retinol serum", "Aqua, Glycerin, Retinol, Tocopherol"),
        (2, "Hyaluronic serum", "Aqua, Sodium Hyaluronate, Panthenol"),
    ] {
        state.products.push(ClassifiedProduct::new(Product {
            id: ProductId(id),
            name: name.into(),
            inci: inci.into(),
        }));
    }
    state.placements.push(Placement::new(
        ProductId(2),
        RoutineStep::Serum,
        Usage::every_day(When::Both),
    ));
    // Morning of Thu 31 Dec done: the serum and the sunscreen step the morning always has.
    for step in [RoutineStep::Serum, RoutineStep::Sunscreen] {
        state.ticks.push(Tick {
            date: date(2026, 12, 31),
            part: Part::Morning,
            step,
        });
    }
    state.profile.safety.holds.push(HoldPeriod {
        until: Some(date(2026, 3, 20)),
        ..HoldPeriod::condition(PostponeCondition::ColdSore, date(2026, 3, 12))
    });
    state.sort();

    let db = dir.join("needlewise.db");
    let store = Store::open(&db).unwrap();
    let folder = PhotoFolder::beside(&db);
    for i in 0..24u32 {
        let img = RgbImage::from_fn(1200, 900, |x, y| {
            Rgb([(x / 5) as u8, (y / 4) as u8, (i * 10) as u8])
        });
        let mut jpeg = std::io::Cursor::new(Vec::new());
        img.write_to(&mut jpeg, ImageFormat::Jpeg).unwrap();
        let info = PhotoInfo {
            taken_on: start + Duration::days(i64::from(i) * 15),
            area: if i % 2 == 0 {
                Area::WholeFace
            } else {
                Area::Cheeks
            },
            note: String::new(),
        };
        photo::add(&store, &folder, "p.jpg", &jpeg.into_inner(), info).unwrap();
    }
    let photos = store.photos().list().unwrap();
    (state, photos, folder)
}

#[test]
fn the_report_reads_back_with_its_dates_products_and_photos() {
    let dir = tempfile::tempdir().unwrap();
    let (state, photos, folder) = a_year(dir.path());
    let today = date(2026, 12, 31);
    let bytes = report::build(&state, &photos, &folder, today).unwrap();
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, &bytes).unwrap();

    let text = poppler("pdftotext", &["-layout"], &pdf);
    for needle in [
        report::TITLE,
        "Prepared on Thu 31 Dec 2026",
        "Mon 5 Jan 2026 · at-home · done · 0.25 mm",
        "Mon 28 Dec 2026 · at-home · done",
        "Retinol serum — retinoid",
        "Hyaluronic serum",
        "Hold: cold sore, from Thu 12 Mar 2026 until Fri 20 Mar 2026",
        "Day 1: Tight and warm in the evening",
        "Whole face, Mon 5 Jan 2026",
        "Cheeks, Tue 20 Jan 2026",
        "Week of 28 Dec 2026: 1 of 8 routines complete; sunscreen ticked on 1 of 4 days",
    ] {
        assert!(
            text.contains(needle),
            "the report's text lacks {needle:?}:\n{text}"
        );
    }
    let info = poppler("pdfinfo", &[], &pdf);
    let pages = report::page_count(&state, &photos, &folder, today).unwrap();
    assert!(
        pages >= 3,
        "a year of sessions fills several pages: {pages}"
    );
    let printed: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    assert_eq!(printed, pages, "{info}");
    assert!(
        info.contains(report::TITLE),
        "the title is in the metadata: {info}"
    );

    // Page 1 renders; the PNG lands with the test's screenshots for a person to look at.
    let out =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts/report");
    std::fs::create_dir_all(&out).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
        .arg(&pdf)
        .arg(out.join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.join("page-1.png").is_file() || out.join("page-01.png").is_file());
}
