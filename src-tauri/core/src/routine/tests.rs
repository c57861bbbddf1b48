//! GUIDANCE §8, row by row, on a typical shelf.

use chrono::NaiveTime;

use super::*;
use crate::guidance::{SessionKind, Source};
use crate::ingredients::IngredientClass as C;
use crate::product::{ClassifiedProduct, ProductId};
use crate::schedule::tests::{d, home_state, session};
use crate::session::SessionStatus::{Done, Planned};
use crate::state::RoutineState;

const CLEANSER: i64 = 1;
const VIT_C: i64 = 2;
const RETINOL: i64 = 3;
const CREAM: i64 = 4;
const SPF: i64 = 5;

/// A product whose every ingredient is known: one per class, or one benign one.
pub(crate) fn product(id: i64, name: &str, classes: &[C]) -> ClassifiedProduct {
    let mut p = crate::plan::tests::product(id, name, classes);
    p.classification.ingredient_count = classes.len().max(1);
    p
}

pub(super) fn place(id: i64, step: RoutineStep, when: When, weekdays: &[u8]) -> Placement {
    let usage = if weekdays.is_empty() {
        Usage::every_day(when)
    } else {
        Usage::on(when, weekdays).unwrap()
    };
    Placement::new(ProductId(id), step, usage)
}

/// The person: cleanser, vitamin C serum (AM), retinol serum three nights a week
/// (Mon, Wed, Fri), moisturiser and sunscreen; an at-home session done on Tue 1 Dec 2026
/// at 19:00, sensitive skin, so the next is projected for Tue 15 Dec: 5–12 Dec are
/// ordinary days.
fn shelf() -> RoutineState {
    let mut st = home_state(0.25);
    st.profile.sensitivity = crate::profile::Sensitivity::Sensitive;
    st.sessions
        .push(session(1, SessionKind::AtHome, d(2026, 12, 1), Done));
    st.products = vec![
        product(CLEANSER, "Gentle Cleanser", &[]),
        product(VIT_C, "Vitamin C Serum", &[C::VitaminC]),
        product(RETINOL, "Retinol Serum", &[C::Retinoid]),
        product(CREAM, "Moisturising Cream", &[C::Hydrating]),
        product(SPF, "Mineral Sunscreen", &[C::SunscreenFilter]),
    ];
    st.placements = vec![
        place(CLEANSER, RoutineStep::Cleanser, When::Both, &[]),
        place(VIT_C, RoutineStep::Serum, When::Am, &[]),
        place(RETINOL, RoutineStep::Serum, When::Pm, &[1, 3, 5]),
        place(CREAM, RoutineStep::Moisturiser, When::Both, &[]),
        place(SPF, RoutineStep::Sunscreen, When::Am, &[]),
    ];
    st.sort();
    st
}

/// Adds product `id` to the shelf, placed at `step` every day at `when`.
fn add(st: &mut RoutineState, id: i64, name: &str, classes: &[C], step: RoutineStep, when: When) {
    st.products.push(product(id, name, classes));
    st.placements.push(place(id, step, when, &[]));
    st.sort();
}

/// The routine's note `key`; fails the test when it is missing.
fn note(r: &Routine, key: NoteKind) -> &RoutineNote {
    r.notes
        .iter()
        .find(|n| n.key == key)
        .unwrap_or_else(|| panic!("no {key:?} in {:?}", r.notes))
}

/// The placement of product `id`, to change it.
fn placed_mut(st: &mut RoutineState, id: i64) -> &mut Placement {
    st.placements
        .iter_mut()
        .find(|p| p.product_id == ProductId(id))
        .unwrap()
}

fn names(r: &Routine) -> Vec<(RoutineStep, &str, bool)> {
    r.steps
        .iter()
        .flat_map(|g| {
            g.items
                .iter()
                .map(move |i| (g.step, i.name.as_str(), i.is_struck()))
        })
        .collect()
}

fn item(r: &Routine, id: i64) -> &RoutineItem {
    r.steps
        .iter()
        .flat_map(|g| &g.items)
        .find(|i| i.product_id == ProductId(id))
        .unwrap_or_else(|| panic!("product {id} not in {:?}", names(r)))
}

// §8 layering order, on an ordinary day.
#[test]
fn ordinary_day_follows_the_layering_order() {
    let st = shelf();
    let day = routine_for(&st, d(2026, 12, 11)); // Friday: a retinol night
    assert_eq!(day.session, None);
    assert_eq!(
        names(&day.morning),
        vec![
            (RoutineStep::Cleanser, "Gentle Cleanser", false),
            (RoutineStep::Serum, "Vitamin C Serum", false),
            (RoutineStep::Moisturiser, "Moisturising Cream", false),
            (RoutineStep::Sunscreen, "Mineral Sunscreen", false),
        ]
    );
    assert_eq!(
        names(&day.evening),
        vec![
            (RoutineStep::Cleanser, "Gentle Cleanser", false),
            (RoutineStep::Serum, "Retinol Serum", false),
            (RoutineStep::Moisturiser, "Moisturising Cream", false),
        ]
    );
    assert!(day.morning.notes.is_empty(), "{:?}", day.morning.notes);
    assert!(day.evening.notes.is_empty(), "{:?}", day.evening.notes);
    assert_eq!(day.order_source, Source::AadProductOrder);
    assert!(day.before_session.is_none() && day.unsorted.is_empty());
}

// §8 "Frequency": chosen weekdays only.
#[test]
fn a_three_nights_a_week_retinoid_is_absent_on_other_nights() {
    let day = routine_for(&shelf(), d(2026, 12, 12)); // Saturday
    assert!(!names(&day.evening)
        .iter()
        .any(|(_, n, _)| *n == "Retinol Serum"));
}

// §8: the person may reorder within a step; two products in one step are allowed.
#[test]
fn the_persons_order_within_a_step_is_kept() {
    let mut st = shelf();
    st.products
        .push(product(6, "Hyaluronic Serum", &[C::Hydrating]));
    let mut ha = place(6, RoutineStep::Serum, When::Am, &[]);
    ha.position = 0;
    placed_mut(&mut st, VIT_C).position = 1;
    st.placements.push(ha);
    st.sort();
    let day = routine_for(&st, d(2026, 12, 11));
    let serums: Vec<&str> = day
        .morning
        .step(RoutineStep::Serum)
        .unwrap()
        .items
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(serums, vec!["Hyaluronic Serum", "Vitamin C Serum"]);
}

// §8 "Sunscreen in the morning routine, every day".
#[test]
fn a_morning_without_sunscreen_says_so_and_keeps_the_step() {
    let mut st = shelf();
    st.placements.retain(|p| p.product_id != ProductId(SPF));
    let day = routine_for(&st, d(2026, 12, 11));
    let spf = day.morning.step(RoutineStep::Sunscreen).unwrap();
    assert!(spf.items.is_empty());
    assert!(day.morning.tickable().contains(&RoutineStep::Sunscreen));
    assert_eq!(
        note(&day.morning, NoteKind::NoSunscreen).source,
        Source::Seed
    );
    assert!(day.evening.step(RoutineStep::Sunscreen).is_none());
}

// §8 "Retinoids in the evening".
#[test]
fn a_retinoid_in_the_morning_gets_a_note() {
    let mut st = shelf();
    placed_mut(&mut st, RETINOL).usage.when = When::Both;
    let day = routine_for(&st, d(2026, 12, 11));
    assert_eq!(
        note(&day.morning, NoteKind::RetinoidInMorning).source,
        Source::TretinoinLabels
    );
    assert!(!day.evening.has_note(NoteKind::RetinoidInMorning));
}

// §8 "Benzoyl peroxide and a retinoid in the same routine".
#[test]
fn benzoyl_peroxide_with_a_retinoid_in_one_routine_gets_a_note() {
    let mut st = shelf();
    add(
        &mut st,
        6,
        "BPO Spot Gel",
        &[C::BenzoylPeroxide],
        RoutineStep::Serum,
        When::Pm,
    );
    let friday = routine_for(&st, d(2026, 12, 11));
    assert!(friday
        .evening
        .has_note(NoteKind::BenzoylPeroxideWithRetinoid));
    assert!(!friday
        .morning
        .has_note(NoteKind::BenzoylPeroxideWithRetinoid));
    // At different times of day: no note.
    placed_mut(&mut st, 6).usage.when = When::Am;
    let friday = routine_for(&st, d(2026, 12, 11));
    assert!(!friday
        .evening
        .has_note(NoteKind::BenzoylPeroxideWithRetinoid));
    assert!(!friday
        .morning
        .has_note(NoteKind::BenzoylPeroxideWithRetinoid));
}

// §8 "Exfoliating acids and a retinoid in the same evening".
#[test]
fn acids_and_a_retinoid_the_same_evening_get_a_note() {
    let mut st = shelf();
    add(
        &mut st,
        6,
        "Glycolic Toner",
        &[C::ExfoliatingAcid],
        RoutineStep::Toner,
        When::Pm,
    );
    let friday = routine_for(&st, d(2026, 12, 11));
    assert_eq!(
        note(&friday.evening, NoteKind::AcidsWithRetinoid).source,
        Source::ClinicSheets
    );
    // Saturday has no retinol: the acid alone gets no note.
    assert!(!routine_for(&st, d(2026, 12, 12))
        .evening
        .has_note(NoteKind::AcidsWithRetinoid));
}

// §8 "Vitamin C: suggested in the morning, under sunscreen".
#[test]
fn vitamin_c_only_in_the_evening_gets_a_suggestion() {
    let mut st = shelf();
    assert!(!routine_for(&st, d(2026, 12, 11))
        .evening
        .has_note(NoteKind::VitaminCInMorning));
    placed_mut(&mut st, VIT_C).usage.when = When::Pm;
    let day = routine_for(&st, d(2026, 12, 11));
    assert!(day.evening.has_note(NoteKind::VitaminCInMorning));
    assert!(!day.morning.has_note(NoteKind::VitaminCInMorning));
}

// §8 "Around sessions" and §3: the days after the session strike paused products with their
// reason and end date.
#[test]
fn the_days_after_a_session_strike_paused_products_with_end_dates() {
    let day = routine_for(&shelf(), d(2026, 12, 2)); // Wednesday, day 1 after
    let retinol = item(&day.evening, RETINOL).strike.clone().unwrap();
    assert_eq!(retinol.until, Some(d(2026, 12, 4)));
    assert!(retinol.reason.contains("day 1 of 3"), "{}", retinol.reason);
    let vit_c = item(&day.morning, VIT_C).strike.clone().unwrap();
    assert_eq!(vit_c.until, Some(d(2026, 12, 3)));
    assert!(!item(&day.morning, CREAM).is_struck());
    assert!(!item(&day.morning, SPF).is_struck());
    assert!(!day.morning.has_note(NoteKind::NoSunscreen));
    // Friday the 4th: retinol still out (its last day); the 11th it is back.
    assert!(item(&routine_for(&shelf(), d(2026, 12, 4)).evening, RETINOL).is_struck());
}

// §8 "Around sessions": evening session — the morning keeps its sunscreen, cleanse only just
// before, and after the session only what §3 allows.
#[test]
fn an_evening_session_day() {
    let mut st = shelf();
    st.sessions
        .push(session(2, SessionKind::AtHome, d(2026, 12, 9), Planned));
    st.products.push(product(6, "Mystery Balm", &[]));
    st.products[5].classification.ingredient_count = 0;
    st.products.push(product(7, "Foundation", &[]));
    st.placements
        .push(place(6, RoutineStep::Moisturiser, When::Pm, &[]));
    st.placements
        .push(place(7, RoutineStep::Makeup, When::Am, &[]));
    st.sort();
    let day = routine_for(&st, d(2026, 12, 9));
    assert_eq!(
        day.session.unwrap().time,
        NaiveTime::from_hms_opt(19, 0, 0).unwrap()
    );
    assert_eq!(day.morning.phase, Phase::Ordinary);
    assert!(!item(&day.morning, SPF).is_struck());
    assert!(
        !item(&day.morning, 7).is_struck(),
        "makeup in the morning, before the session"
    );
    assert!(day
        .morning
        .has_note(NoteKind::SunscreenBeforeEveningSession));
    let before = day.before_session.as_ref().unwrap();
    assert_eq!(before.phase, Phase::CleanseOnly);
    assert_eq!(
        names(before),
        vec![(RoutineStep::Cleanser, "Gentle Cleanser", false)]
    );
    assert!(before.has_note(NoteKind::CleanseOnly));
    assert_eq!(day.evening.phase, Phase::AfterSession);
    assert!(day.evening.has_note(NoteKind::AfterSession));
    assert!(!item(&day.evening, CREAM).is_struck());
    assert!(!item(&day.evening, CLEANSER).is_struck());
    let balm = item(&day.evening, 6).strike.clone().unwrap();
    assert!(balm.reason.contains("not checked"), "{}", balm.reason);
    // The retinol (a Wednesday night) is out: the pre-session pause, then the windows.
    assert!(item(&day.evening, RETINOL).is_struck());
    // The next morning: no makeup until 19:00 that day.
    let next = routine_for(&st, d(2026, 12, 10));
    let makeup = item(&next.morning, 7).strike.clone().unwrap();
    assert_eq!(makeup.until, Some(d(2026, 12, 10)));
}

// §8 "Around sessions": a morning session — the morning routine is the one before it.
#[test]
fn a_morning_session_day_is_cleanse_only_in_the_morning() {
    let mut st = shelf();
    let mut s = session(2, SessionKind::AtHome, d(2026, 12, 9), Planned);
    s.time = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    st.sessions.push(s);
    st.sort();
    let day = routine_for(&st, d(2026, 12, 9));
    assert_eq!(day.morning.phase, Phase::CleanseOnly);
    assert!(day.before_session.is_none());
    assert!(!item(&day.morning, CLEANSER).is_struck());
    assert!(item(&day.morning, SPF).is_struck());
    assert!(item(&day.morning, CREAM).is_struck());
    assert!(day.morning.has_note(NoteKind::CleanseOnly));
    assert!(!day.morning.has_note(NoteKind::NoSunscreen));
    assert!(day.morning.step(RoutineStep::Sunscreen).is_some());
    assert_eq!(day.morning.tickable(), vec![RoutineStep::Cleanser]);
}

// GUIDANCE §2: retinoids during an acknowledged pregnancy are out, with no end date.
#[test]
fn retinoids_during_pregnancy_are_struck_without_an_end_date() {
    let mut st = shelf();
    st.profile
        .safety
        .acknowledged
        .insert(crate::profile::Gate::PregnancyOrBreastfeeding);
    let day = routine_for(&st, d(2026, 12, 11));
    let s = item(&day.evening, RETINOL).strike.clone().unwrap();
    assert_eq!((s.until, s.source), (None, Source::RetinoidLabels));
}

// Issue 14, "Bad input": a product without a step is never lost.
#[test]
fn products_without_a_step_are_unsorted_with_a_proposal() {
    let mut st = shelf();
    st.placements.retain(|p| p.product_id != ProductId(VIT_C));
    let day = routine_for(&st, d(2026, 12, 2));
    assert_eq!(day.unsorted.len(), 1);
    let u = &day.unsorted[0];
    assert_eq!(u.item.name, "Vitamin C Serum");
    assert_eq!(u.proposed, Some(RoutineStep::Serum));
    assert!(
        u.item.is_struck(),
        "paused after the session even while unsorted"
    );
}

#[test]
fn ticks_are_checked_against_the_days_routine() {
    let st = shelf();
    let friday = routine_for(&st, d(2026, 12, 11));
    let tick = |part, step| Tick {
        date: d(2026, 12, 11),
        part,
        step,
    };
    assert!(tick(Part::Morning, RoutineStep::Sunscreen)
        .check(&friday, d(2026, 12, 11))
        .is_ok());
    let err = tick(Part::Evening, RoutineStep::Sunscreen)
        .check(&friday, d(2026, 12, 11))
        .unwrap_err();
    assert!(
        err.to_string().contains("not in your evening routine"),
        "{err}"
    );
    let err = tick(Part::Morning, RoutineStep::Cleanser)
        .check(&friday, d(2026, 12, 10))
        .unwrap_err();
    assert!(err.to_string().contains("still to come"), "{err}");
    // Struck only: nothing to tick.
    let wednesday = routine_for(&st, d(2026, 12, 2));
    let serum = Tick {
        date: d(2026, 12, 2),
        part: Part::Evening,
        step: RoutineStep::Serum,
    };
    assert!(serum.check(&wednesday, d(2026, 12, 2)).is_err());
}

#[test]
fn consistency_counts_completed_routines_and_sunscreen_days() {
    let st = shelf();
    let today = d(2026, 12, 9); // Wednesday
    let mut ticks = Vec::new();
    for day in [7, 8] {
        let date = d(2026, 12, day);
        let r = routine_for(&st, date);
        for part in Part::BOTH {
            for step in r.part(part).tickable() {
                ticks.push(Tick { date, part, step });
            }
        }
    }
    ticks.push(Tick {
        date: d(2026, 12, 9),
        part: Part::Morning,
        step: RoutineStep::Sunscreen,
    });
    let weeks = consistency(&st, &ticks, today, 2).unwrap();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].week_start, d(2026, 11, 30));
    assert_eq!(
        (weeks[0].days, weeks[0].completed, weeks[0].sunscreen_days),
        (7, 0, 0)
    );
    let this = weeks[1];
    assert_eq!(this.week_start, d(2026, 12, 7));
    assert_eq!(
        (
            this.days,
            this.routines,
            this.completed,
            this.sunscreen_days
        ),
        (3, 6, 4, 3)
    );
    assert!(consistency(&st, &ticks, today, 0).is_err());
    assert!(consistency(&st, &ticks, today, MAX_WEEKS + 1).is_err());
}
