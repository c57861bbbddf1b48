//! Property tests for the invariants the routine must never break.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use needlewise_core::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
use needlewise_core::fixtures;
use needlewise_core::guidance::{interval_rule, SessionKind};
use needlewise_core::ingredients::{Classification, IngredientClass};
use needlewise_core::plan::daily_plan;
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{Mode, Profile, QuietHours, Sensitivity};
use needlewise_core::reminders::{occurrences, ReminderKind};
use needlewise_core::schedule::{interval_state, sessions_between};
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::units::Days;
use needlewise_core::{clock, reminders};
use proptest::prelude::*;

const ZONES: [Tz; 5] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Sydney,
    chrono_tz::Asia::Kolkata,
    chrono_tz::America::Sao_Paulo,
];

fn date(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(offset)
}

fn time(minutes: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap()
}

fn profile(mode: Mode, home_mm: u16, pro_mm: u16, sensitive: bool) -> Profile {
    Profile {
        at_home: Some(fixtures::roller(home_mm)),
        professional: Some(fixtures::clinic(pro_mm)),
        sensitivity: if sensitive {
            Sensitivity::Sensitive
        } else {
            Sensitivity::Normal
        },
        ..fixtures::profile(mode, date(0))
    }
}

prop_compose! {
    /// A state with a history of done sessions (each with random check-ins) and a next one planned.
    fn arb_state()(
        mode in prop_oneof![Just(Mode::AtHome), Just(Mode::Professional), Just(Mode::Both)],
        home_mm in 1u16..=50,
        pro_mm in 25u16..=250,
        sensitive in any::<bool>(),
        history in prop::collection::vec((0u16..=3, 0u8..4, 0u8..4), 0..8),
    ) -> RoutineState {
        let mut st = RoutineState::new(profile(mode, home_mm, pro_mm, sensitive), Settings::default());
        let mut next_id = 1;
        for &kind in mode.kinds() {
            let min = i64::from(interval_rule(kind, st.profile.needle(kind).unwrap()).unwrap().min.get());
            let offset = if kind == SessionKind::AtHome && mode == Mode::Both { 200 } else { 0 };
            let mut day = offset;
            for (i, (ci_day, red, irr)) in history.iter().enumerate() {
                let id = next_id;
                next_id += 1;
                st.sessions.push(Session {
                    id: SessionId(id),
                    kind,
                    date: date(day),
                    time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
                    status: SessionStatus::Done,
                    consult_cleared: true,
                    note: String::new(),
                });
                let sev = |n: u8| [Severity::None, Severity::Mild, Severity::Moderate, Severity::Severe][usize::from(n)];
                st.checkins.push(CheckIn {
                    id: CheckInId(id),
                    session_id: SessionId(id),
                    day: DayAfter::new(*ci_day).unwrap(),
                    redness: sev(*red),
                    irritation: sev(*irr),
                    flags: Flags::default(),
                    note: String::new(),
                });
                day += min + (i as i64 % 3);
            }
            st.sessions.push(Session {
                id: SessionId(next_id),
                kind,
                date: date(day + min),
                time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
                status: SessionStatus::Planned,
                consult_cleared: false,
                note: String::new(),
            });
            next_id += 1;
        }
        st.sort();
        st
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// No two needling sessions of a kind closer than the minimum; in both modes, no at-home
    /// session within 14 days after or 7 days before a professional one.
    #[test]
    fn sessions_never_closer_than_minimum(st in arb_state()) {
        let list = sessions_between(&st, date(0), date(900));
        for &kind in st.profile.mode.kinds() {
            let min = interval_rule(kind, st.profile.needle(kind).unwrap()).unwrap().min;
            let dates: Vec<NaiveDate> = list.iter().filter(|s| s.kind == kind && s.status.needles()).map(|s| s.date).collect();
            for w in dates.windows(2) {
                prop_assert!(Days::between(w[0], w[1]) >= min, "{} then {} ({kind:?})", w[0], w[1]);
            }
        }
        if st.profile.mode == Mode::Both {
            let pros: Vec<NaiveDate> = list.iter().filter(|s| s.kind == SessionKind::Professional).map(|s| s.date).collect();
            for h in list.iter().filter(|s| s.kind == SessionKind::AtHome && s.id.is_none()) {
                for p in &pros {
                    let after = (h.date - *p).num_days();
                    prop_assert!(!(-7 < after && after < 14), "at-home {} vs pro {}", h.date, p);
                }
            }
        }
    }

    /// Whatever the check-ins say, the interval stays inside its range.
    #[test]
    fn interval_always_inside_range(st in arb_state()) {
        for &kind in st.profile.mode.kinds() {
            let iv = interval_state(&st, kind).unwrap();
            prop_assert!(iv.rule.contains(iv.current), "{:?}", iv);
            prop_assert!(iv.current >= iv.base);
            for c in &iv.changes {
                prop_assert!(iv.rule.contains(c.to) && !c.reason.is_empty());
            }
        }
    }

    /// A product with a paused class is listed as paused on every day of that class's window.
    #[test]
    fn no_paused_class_allowed_inside_its_window(
        classes in prop::collection::btree_set(prop_oneof![
            Just(IngredientClass::Retinoid), Just(IngredientClass::ExfoliatingAcid),
            Just(IngredientClass::VitaminC), Just(IngredientClass::Fragrance),
            Just(IngredientClass::BenzoylPeroxide), Just(IngredientClass::Hydrating),
        ], 0..4),
        pro in any::<bool>(),
        offset in -6i64..10,
    ) {
        let mode = if pro { Mode::Professional } else { Mode::AtHome };
        let kind = if pro { SessionKind::Professional } else { SessionKind::AtHome };
        let mut st = RoutineState::new(profile(mode, 25, 100, false), Settings::default());
        let session_day = date(100);
        st.sessions.push(Session { id: SessionId(1), kind, date: session_day, time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(), status: SessionStatus::Done, consult_cleared: false, note: String::new() });
        st.products.push(ClassifiedProduct { product: Product { id: ProductId(1), name: "P".into(), inci: String::new() }, classification: Classification { classes: classes.clone(), ingredient_count: classes.len(), ..Classification::default() } });
        let day = session_day + Duration::days(offset);
        let plan = daily_plan(&st, day, chrono_tz::UTC);
        let c = st.settings.care(kind);
        let windows = [
            (IngredientClass::Retinoid, c.post_retinoid),
            (IngredientClass::ExfoliatingAcid, c.post_exfoliant),
            (IngredientClass::BenzoylPeroxide, c.post_exfoliant),
            (IngredientClass::VitaminC, c.post_vitamin_c),
            (IngredientClass::Fragrance, c.post_fragrance),
        ];
        let pre = c.pre_session_actives.get() as i64;
        // Later sessions are projected one interval apart, each with its own windows.
        let next = i64::from(interval_state(&st, kind).unwrap().current.get());
        let must_pause = [0, next, 2 * next].iter().any(|&s| {
            let rel = offset - s;
            classes.iter().any(|cl| {
                windows.iter().any(|(wc, n)| wc == cl && (0..=i64::from(n.get())).contains(&rel))
                    || (matches!(cl, IngredientClass::Retinoid | IngredientClass::ExfoliatingAcid | IngredientClass::BenzoylPeroxide)
                        && (-pre..=0).contains(&rel))
            })
        });
        let paused = plan.paused_products.iter().any(|p| p.product_id == ProductId(1));
        prop_assert_eq!(paused, must_pause, "offset {} classes {:?}", offset, classes);
    }

    /// Keys are unique; nothing fires inside quiet hours; each daily wall-clock reminder
    /// occurs exactly once per local date, DST days included.
    #[test]
    fn reminder_keys_unique_outside_quiet_hours_once_a_day(
        st in arb_state(),
        zone in 0usize..ZONES.len(),
        q_start in 0u32..1440, q_len in 30u32..720,
        spf in 0u32..1440,
        start in 60i64..330,
    ) {
        let mut st = st;
        let tz = ZONES[zone];
        let q_end = (q_start + q_len) % 1440;
        st.settings.quiet_hours = QuietHours::new(time(q_start), time(q_end)).unwrap();
        st.settings.times.spf = time(spf);
        st.profile.location = Some(needlewise_core::profile::Location { name: None, latitude: 48.0, longitude: 11.0 });
        st.outdoor_days.insert(date(start + 3));
        let from = date(start);
        let to = from + Duration::days(40);
        let occ = occurrences(&st, from, to, tz);
        let mut seen = HashSet::new();
        for o in &occ {
            prop_assert!(seen.insert(o.key.clone()), "duplicate key {}", o.key);
            let local = clock::local_time(o.fire_at, tz).time();
            prop_assert!(!st.settings.quiet_hours.contains(local), "{} fires at {local} inside quiet hours", o.key);
        }
        let mut d = from;
        while d <= to {
            let n = occ.iter().filter(|o| o.kind == ReminderKind::Spf && o.date == d).count();
            prop_assert_eq!(n, 1, "SPF on {}", d);
            d += Duration::days(1);
        }
        prop_assert!(reminders::next_fire_after(&occ, clock::at(from, time(0), tz)).is_some());
    }
}

/// Every DST transition day of 2026 in the test zones gets the 08:00 SPF reminder once, at 08:00.
#[test]
fn dst_days_fire_each_wall_clock_reminder_once() {
    let st = RoutineState::new(profile(Mode::AtHome, 25, 100, false), Settings::default());
    let days = [
        (chrono_tz::Europe::Berlin, date(87)),     // 2026-03-29
        (chrono_tz::Europe::Berlin, date(297)),    // 2026-10-25
        (chrono_tz::America::New_York, date(66)),  // 2026-03-08
        (chrono_tz::America::New_York, date(304)), // 2026-11-01
    ];
    for (tz, day) in days {
        let occ = occurrences(&st, day - Duration::days(1), day + Duration::days(1), tz);
        let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
        assert_eq!(spf.len(), 3, "{tz} {day}");
        for o in spf {
            assert_eq!(
                clock::local_time(o.fire_at, tz).time(),
                time(8 * 60),
                "{tz} {}",
                o.date
            );
        }
    }
}
