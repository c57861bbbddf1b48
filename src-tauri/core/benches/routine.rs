//! Criterion benchmarks for the hot paths, on a heavy profile: 30 products and five years of
//! history. Targets (issue #2): a day's plan under 100 µs, a month of reminders under 1 ms.

use chrono::{Duration, NaiveDate, NaiveTime};
use criterion::{criterion_group, criterion_main, Criterion};
use needlewise_core::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
use needlewise_core::guidance::SessionKind;
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{Location, Mode, Profile};
use needlewise_core::routine::{self, Placement, RoutineStep, Usage, When};
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::{fixtures, plan, reminders, schedule};

const INCI: [&str; 6] = [
    "Aqua, Glycerin, Retinol, Tocopherol, Phenoxyethanol",
    "Aqua, Ascorbic Acid, Ferulic Acid, Tocopherol, Sodium Hyaluronate",
    "Aqua, Sodium Hyaluronate, Panthenol, Palmitoyl Tripeptide-1",
    "Aqua, Glycolic Acid, Sodium Hydroxide, Aloe Barbadensis Leaf Juice",
    "Aqua, Cetearyl Alcohol, Parfum, Linalool, Limonene, Shea Butter",
    "Zinc Oxide 20%, Caprylic/Capric Triglyceride, Dimethicone",
];

fn heavy_state() -> RoutineState {
    let start = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
    let profile = Profile {
        location: Some(Location {
            name: Some("Berlin".into()),
            latitude: 52.52,
            longitude: 13.405,
        }),
        ..fixtures::profile(Mode::Both, start)
    };
    let mut st = RoutineState::new(profile, Settings::default());
    let mut id = 0;
    let mut push = |st: &mut RoutineState, kind, date| {
        id += 1;
        st.sessions.push(Session {
            id: SessionId(id),
            kind,
            date,
            time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            status: SessionStatus::Done,
            consult_cleared: true,
            note: String::new(),
        });
        for day in 0..4u16 {
            st.checkins.push(CheckIn {
                id: CheckInId(id * 10 + i64::from(day)),
                session_id: SessionId(id),
                day: DayAfter::new(day).unwrap(),
                redness: if day < 2 {
                    Severity::Mild
                } else {
                    Severity::None
                },
                irritation: Severity::None,
                flags: Flags::default(),
                note: String::new(),
            });
        }
    };
    // Five years: a professional session every 28 days with at-home ones 14 days after each.
    let mut d = start;
    while d < start + Duration::days(5 * 365) {
        push(&mut st, SessionKind::Professional, d);
        push(&mut st, SessionKind::AtHome, d + Duration::days(14));
        d += Duration::days(28);
    }
    st.products = (0..30)
        .map(|i| {
            ClassifiedProduct::new(Product {
                id: ProductId(i),
                name: format!("Product {i}"),
                inci: INCI[i as usize % INCI.len()].to_string(),
            })
        })
        .collect();
    // Every product placed, a step each in turn, morning and evening.
    st.placements = st
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let step = RoutineStep::ALL[i % RoutineStep::ALL.len()];
            Placement::new(p.product.id, step, Usage::every_day(When::Both))
        })
        .collect();
    st.sort();
    st
}

fn benches(c: &mut Criterion) {
    let st = heavy_state();
    let tz = chrono_tz::Europe::Berlin;
    let last = st.sessions.last().unwrap().date;
    let day_after = last + Duration::days(1);
    c.bench_function("daily_plan (30 products, 5 years)", |b| {
        b.iter(|| plan::daily_plan(&st, std::hint::black_box(day_after), tz))
    });
    c.bench_function("reminders for a month", |b| {
        b.iter(|| {
            reminders::occurrences(
                &st,
                std::hint::black_box(last),
                last + Duration::days(30),
                tz,
            )
        })
    });
    c.bench_function("routine for a day (30 placed products)", |b| {
        b.iter(|| routine::routine_for(&st, std::hint::black_box(day_after)))
    });
    c.bench_function("routine consistency, 26 weeks", |b| {
        b.iter(|| routine::consistency(&st, &[], std::hint::black_box(day_after), 26))
    });
    c.bench_function("schedule for a year", |b| {
        b.iter(|| {
            schedule::sessions_between(&st, std::hint::black_box(last), last + Duration::days(365))
        })
    });
}

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    c.bench_function("store: create and migrate a new file", |b| {
        b.iter(|| {
            n += 1;
            needlewise_core::store::Store::open(&dir.path().join(format!("new-{n}.db"))).unwrap()
        })
    });
    let path = dir.path().join("existing.db");
    let st = heavy_state();
    {
        let store = needlewise_core::store::Store::open(&path).unwrap();
        store.profile().save(&st.profile).unwrap();
    }
    c.bench_function("store: open an existing file", |b| {
        b.iter(|| needlewise_core::store::Store::open(&path).unwrap())
    });
}

criterion_group!(routine, benches, store_benches);
criterion_main!(routine);
