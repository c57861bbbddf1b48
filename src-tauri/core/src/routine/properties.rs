//! Property tests for the everyday routine (GUIDANCE §8, issue 14): whatever the shelf,
//! placements, sessions and day, a product a window pauses is never shown unstruck, and
//! the morning routine always has its sunscreen step.

use chrono::{Duration, NaiveTime};
use proptest::prelude::*;

use super::tests::{place, product};
use super::*;
use crate::guidance::SessionKind;
use crate::ingredients::IngredientClass;
use crate::plan::daily_plan;
use crate::product::ProductId;
use crate::schedule::tests::{both_state, d, session};
use crate::session::SessionStatus;
use crate::state::RoutineState;

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

/// Both modes (so at-home and professional windows), these products and sessions.
fn state(products: &[ProductSpec], sessions: &[(i64, bool, u32, bool)]) -> RoutineState {
    let mut st = both_state();
    for (i, spec) in products.iter().enumerate() {
        let id = i as i64 + 1;
        let classes: Vec<IngredientClass> = spec
            .classes
            .iter()
            .map(|&c| IngredientClass::ALL[c])
            .collect();
        st.products.push(product(id, &format!("P{i}"), &classes));
        if let Some(step) = spec.step {
            let mut pl = place(
                id,
                RoutineStep::ALL[step],
                [When::Am, When::Pm, When::Both][spec.when],
                &[],
            );
            pl.usage.weekdays = WeekdaySet::from_bits(spec.weekdays).unwrap();
            pl.position = (i % 3) as u32;
            st.placements.push(pl);
        }
    }
    for (i, &(day, professional, hour, done)) in sessions.iter().enumerate() {
        let kind = if professional {
            SessionKind::Professional
        } else {
            SessionKind::AtHome
        };
        let status = if done {
            SessionStatus::Done
        } else {
            SessionStatus::Planned
        };
        let mut s = session(
            i as i64 + 1,
            kind,
            d(2026, 12, 1) + Duration::days(day),
            status,
        );
        s.time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap();
        st.sessions.push(s);
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
        let day = d(2026, 12, 1) + Duration::days(offset);
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
        // Every product is placed or unsorted, never lost.
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
