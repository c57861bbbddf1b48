//! Property tests for GUIDANCE's safety rules (issue 9): whatever the answers, settings,
//! holds or ingredient lists, these never break.

use chrono::{Duration, NaiveDate, NaiveTime};
use needlewise_core::fixtures;
use needlewise_core::guidance::{CareWindows, SessionKind, CARE_LIMITS};
use needlewise_core::ingredients::IngredientClass;
use needlewise_core::plan::daily_plan;
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{Mode, PostponeCondition, Procedure, Profile};
use needlewise_core::reminders::{occurrences, ReminderKind};
use needlewise_core::schedule::sessions_between;
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use proptest::prelude::*;

fn date(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(offset)
}

fn profile(mode: Mode, home_mm: u16) -> Profile {
    Profile {
        at_home: Some(fixtures::roller(home_mm)),
        professional: Some(fixtures::clinic(100)),
        ..fixtures::profile(mode, date(0))
    }
}

fn arb_mode() -> impl Strategy<Value = Mode> {
    prop_oneof![
        Just(Mode::AtHome),
        Just(Mode::Professional),
        Just(Mode::Both)
    ]
}

#[derive(Clone, Debug)]
enum HoldSpec {
    Condition {
        which: usize,
        since: i64,
        cleared_after: Option<i64>,
    },
    Procedure {
        peel: bool,
        on: i64,
    },
}

fn arb_hold() -> impl Strategy<Value = HoldSpec> {
    prop_oneof![
        (0usize..5, 0i64..200, prop::option::of(0i64..30)).prop_map(|(which, since, c)| {
            HoldSpec::Condition {
                which,
                since,
                cleared_after: c,
            }
        }),
        (any::<bool>(), 0i64..200).prop_map(|(peel, on)| HoldSpec::Procedure { peel, on }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// GUIDANCE §1: no at-home session is ever planned with a device over 0.5 mm, in any
    /// mode: such a profile does not validate.
    #[test]
    fn no_at_home_session_with_a_deep_device(mode in arb_mode(), home_mm in 1u16..=300) {
        let p = profile(mode, home_mm);
        if p.validate().is_ok() {
            prop_assert!(home_mm <= 50, "{mode:?} with a {home_mm}/100 mm home device validated");
            let mut st = RoutineState::new(p, Settings::default());
            st.sessions.push(Session { id: SessionId(1), kind: SessionKind::AtHome, date: date(1), time: NaiveTime::MIN, status: SessionStatus::Planned, consult_cleared: false, note: String::new() });
            for s in sessions_between(&st, date(0), date(400)) {
                if s.kind == SessionKind::AtHome {
                    prop_assert!(st.profile.needle(SessionKind::AtHome).unwrap().hundredths() <= 50);
                }
            }
        } else {
            prop_assert!(home_mm > 50);
        }
    }

    /// GUIDANCE §2: no session is planned or reminded on a day a hold covers.
    #[test]
    fn nothing_planned_or_reminded_inside_a_hold(
        mode in arb_mode(),
        holds in prop::collection::vec(arb_hold(), 1..4),
        stored in prop::collection::vec((0i64..220, any::<bool>()), 0..5),
    ) {
        let mut st = RoutineState::new(profile(mode, 25), Settings::default());
        for (i, (day, pro)) in stored.iter().enumerate() {
            let kind = if *pro && mode.includes(SessionKind::Professional) || !mode.includes(SessionKind::AtHome) { SessionKind::Professional } else { SessionKind::AtHome };
            st.sessions.push(Session { id: SessionId(i as i64 + 1), kind, date: date(*day), time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(), status: if *day < 30 { SessionStatus::Done } else { SessionStatus::Planned }, consult_cleared: true, note: String::new() });
        }
        if st.sessions.is_empty() {
            st.profile.safety.acknowledged_on = Some(date(0));
        }
        for h in &holds {
            match *h {
                HoldSpec::Condition { which, since, cleared_after } => {
                    let c = PostponeCondition::ALL[which];
                    st.profile.safety.add_condition(c, date(since));
                    if let Some(after) = cleared_after {
                        st.profile.safety.clear_condition(c, date(since + after)).unwrap();
                    }
                }
                HoldSpec::Procedure { peel, on } => {
                    let p = if peel { Procedure::PeelOrLaser } else { Procedure::Injections };
                    st.profile.safety.add_procedure(p, date(on));
                }
            }
        }
        st.sort();
        let holds = st.profile.safety.holds.clone();
        let covered = |d: NaiveDate| holds.iter().any(|h| h.covers(d));
        for s in sessions_between(&st, date(0), date(400)) {
            if s.status == SessionStatus::Planned {
                prop_assert!(!covered(s.date), "planned {} inside a hold {:?}", s.date, holds);
            }
        }
        for o in occurrences(&st, date(0), date(300), chrono_tz::Europe::Berlin) {
            if matches!(o.kind, ReminderKind::SessionToday | ReminderKind::SessionSoon) {
                prop_assert!(!covered(o.date), "{} reminded inside a hold", o.key);
            }
        }
    }

    /// GUIDANCE §3 "Settings floors": whatever Settings or an import says, a window that
    /// validates is at or above its floor, and professional ≥ at-home.
    #[test]
    fn no_window_below_its_floor(values in prop::collection::vec(0u16..80, 16)) {
        let mut s = Settings::default();
        let mut a = serde_json::to_value(CareWindows::AT_HOME).unwrap();
        let mut p = serde_json::to_value(CareWindows::PROFESSIONAL).unwrap();
        for (i, l) in CARE_LIMITS.iter().enumerate() {
            a[l.key] = values[i].into();
            p[l.key] = values[i + 8].into();
        }
        s.at_home = serde_json::from_value(a).unwrap();
        s.professional = serde_json::from_value(p).unwrap();
        if s.validate().is_ok() {
            for l in &CARE_LIMITS {
                let (x, y) = (s.at_home.get(l.field), s.professional.get(l.field));
                prop_assert!(x >= l.floor && y >= l.floor && y >= x, "{} {x} {y}", l.key);
            }
        }
        // The typed fields agree with the table.
        prop_assert_eq!(s.at_home.get(CARE_LIMITS[5].field), s.at_home.no_makeup.0);
    }

    /// GUIDANCE §3: a suggested product never contains an unrecognised or paused ingredient.
    #[test]
    fn suggested_products_are_fully_known_and_never_paused(
        lists in prop::collection::vec(prop::collection::vec(0usize..POOL.len(), 1..7), 1..6),
        offset in -3i64..10,
    ) {
        let mut st = RoutineState::new(profile(Mode::AtHome, 25), Settings::default());
        st.sessions.push(Session { id: SessionId(1), kind: SessionKind::AtHome, date: date(50), time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(), status: SessionStatus::Done, consult_cleared: false, note: String::new() });
        for (i, list) in lists.iter().enumerate() {
            let inci: Vec<&str> = list.iter().map(|&j| POOL[j]).collect();
            st.products.push(ClassifiedProduct::new(Product { id: ProductId(i as i64 + 1), name: format!("P{i}"), inci: inci.join(", ") }));
        }
        let plan = daily_plan(&st, date(50 + offset), chrono_tz::UTC);
        for sp in &plan.suggested_products {
            let p = st.products.iter().find(|p| p.product.id == sp.product_id).unwrap();
            prop_assert!(p.classification.unrecognised.is_empty(), "{} has unknown {:?}", p.product.inci, p.classification.unrecognised);
            for c in [IngredientClass::Retinoid, IngredientClass::ExfoliatingAcid, IngredientClass::BenzoylPeroxide, IngredientClass::Scrub, IngredientClass::VitaminC, IngredientClass::Fragrance] {
                prop_assert!(!p.classification.has(c), "{} suggested with {c:?}", p.product.inci);
            }
        }
    }
}

/// Ingredient names of every sort: benign, hydrating, paused, unknown.
const POOL: &[&str] = &[
    "Aqua",
    "Glycerin",
    "Sodium Hyaluronate",
    "Hyaluronic Acid",
    "Panthenol",
    "Phenoxyethanol",
    "Butylene Glycol",
    "Palmitoyl Tripeptide-1",
    "Retinol",
    "Glycolic Acid",
    "Ascorbic Acid",
    "Parfum",
    "Lavender Oil",
    "Zinc Oxide",
    "Zorbium Extract",
    "Quuxol",
    "Benzoyl Peroxide",
    "L-Lactic Acid",
];
