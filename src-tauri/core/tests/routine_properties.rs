//! Property tests for the everyday routine (GUIDANCE §8, issue 14): whatever the shelf,
//! placements, sessions and day, a product a window pauses is never shown unstruck, and
//! the morning routine always has its sunscreen step.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveTime};
use needlewise_core::guidance::SessionKind;
use needlewise_core::ingredients::{Classification, IngredientClass};
use needlewise_core::plan::daily_plan;
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{
    AtHomeSetup, Consultation, DeviceKind, Mode, ProfessionalSetup, Profile, Safety, Sensitivity,
};
use needlewise_core::routine::{
    routine_for, Placement, Routine, RoutineStep, Usage, WeekdaySet, When,
};
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::units::Millimetres;
use proptest::prelude::*;

fn date(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(offset)
}

fn profile() -> Profile {
    Profile {
        mode: Mode::Both,
        at_home: Some(AtHomeSetup {
            device: DeviceKind::Roller,
            needle: Millimetres::from_hundredths(25),
            head_since: None,
            interval: None,
        }),
        professional: Some(ProfessionalSetup {
            clinic: String::new(),
            needle: Some(Millimetres::from_hundredths(100)),
            interval: None,
        }),
        concerns: BTreeSet::new(),
        sensitivity: Sensitivity::Normal,
        consultation: Consultation::Done,
        safety: Safety::default(),
        session_time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        location: None,
        created_on: date(0),
    }
}

#[derive(Clone, Debug)]
struct ProductSpec {
    classes: Vec<usize>,
    step: Option<usize>,
    when: usize,
    weekdays: u8,
}

fn arb_product() -> impl Strategy<Value = ProductSpec> {
    (
        prop::collection::vec(0usize..IngredientClass::ALL.len(), 0..3),
        prop::option::weighted(0.9, 0usize..RoutineStep::ALL.len()),
        0usize..3,
        1u8..=127,
    )
        .prop_map(|(classes, step, when, weekdays)| ProductSpec {
            classes,
            step,
            when,
            weekdays,
        })
}

fn state(products: &[ProductSpec], sessions: &[(i64, bool, u32, bool)]) -> RoutineState {
    let mut st = RoutineState::new(profile(), Settings::default());
    for (i, spec) in products.iter().enumerate() {
        let id = ProductId(i as i64 + 1);
        st.products.push(ClassifiedProduct {
            product: Product {
                id,
                name: format!("P{i}"),
                inci: String::new(),
            },
            classification: Classification {
                classes: spec
                    .classes
                    .iter()
                    .map(|&c| IngredientClass::ALL[c])
                    .collect(),
                ingredient_count: spec.classes.len(),
                ..Classification::default()
            },
        });
        if let Some(step) = spec.step {
            st.placements.push(Placement {
                product_id: id,
                step: RoutineStep::ALL[step],
                usage: Usage {
                    when: [When::Am, When::Pm, When::Both][spec.when],
                    weekdays: WeekdaySet::from_bits(spec.weekdays).unwrap(),
                },
                position: (i % 3) as u32,
            });
        }
    }
    for (i, &(day, professional, hour, done)) in sessions.iter().enumerate() {
        st.sessions.push(Session {
            id: SessionId(i as i64 + 1),
            kind: if professional {
                SessionKind::Professional
            } else {
                SessionKind::AtHome
            },
            date: date(day),
            time: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
            status: if done {
                SessionStatus::Done
            } else {
                SessionStatus::Planned
            },
            consult_cleared: true,
            note: String::new(),
        });
    }
    st.sort();
    st
}

fn unstruck(r: &Routine, id: ProductId) -> bool {
    r.steps
        .iter()
        .flat_map(|g| &g.items)
        .any(|i| i.product_id == id && !i.is_struck())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn paused_products_are_always_struck_and_the_morning_has_sunscreen(
        products in prop::collection::vec(arb_product(), 0..8),
        sessions in prop::collection::vec((0i64..60, any::<bool>(), 7u32..22, any::<bool>()), 0..4),
        offset in 0i64..70,
    ) {
        let st = state(&products, &sessions);
        let day = date(offset);
        let routine = routine_for(&st, day);
        let plan = daily_plan(&st, day, chrono_tz::UTC);
        for w in &plan.windows {
            for p in st.products.iter().filter(|p| w.kind.pauses_any_of(&p.classification)) {
                let id = p.product.id;
                prop_assert!(!unstruck(&routine.morning, id), "{} unstruck in the morning inside {:?}", p.product.name, w.kind);
                prop_assert!(!unstruck(&routine.evening, id), "{} unstruck in the evening inside {:?}", p.product.name, w.kind);
                if let Some(before) = &routine.before_session {
                    prop_assert!(!unstruck(before, id));
                }
                for u in routine.unsorted.iter().filter(|u| u.item.product_id == id) {
                    prop_assert!(u.item.is_struck());
                }
            }
        }
        prop_assert!(routine.morning.step(RoutineStep::Sunscreen).is_some());
        // Every product appears: placed in a routine of some day, or unsorted today.
        for p in &st.products {
            let placed = st.placements.iter().any(|pl| pl.product_id == p.product.id);
            let unsorted = routine.unsorted.iter().any(|u| u.item.product_id == p.product.id);
            prop_assert!(placed != unsorted);
        }
        // Layering order holds in both routines.
        for r in [&routine.morning, &routine.evening] {
            prop_assert!(r.steps.windows(2).all(|w| w[0].step < w[1].step));
        }
    }
}
