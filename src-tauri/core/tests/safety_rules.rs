//! The safety promises of GUIDANCE §1–3 that a person could talk their way around (issue 9).
//! Each test names the GUIDANCE row it holds the app to.

use chrono::NaiveDate;
use needlewise_core::fixtures::{self, date as d, session};
use needlewise_core::guidance::{CareWindows, SessionKind};
use needlewise_core::plan::daily_plan;
use needlewise_core::product::{ClassifiedProduct, Product, ProductId};
use needlewise_core::profile::{AtHomeSetup, Gate, Mode, PostponeCondition, Procedure, Profile};
use needlewise_core::reminders::{occurrences, ReminderKind};
use needlewise_core::schedule::{check_date, first_session_date, next_session, sessions_between};
use needlewise_core::session::SessionStatus;
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::units::{Days, Millimetres};

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn home(mm: f64) -> AtHomeSetup {
    AtHomeSetup {
        needle: Millimetres::new(mm).unwrap(),
        ..fixtures::roller(25)
    }
}

fn profile(mode: Mode) -> Profile {
    fixtures::profile(mode, d(2026, 12, 1))
}

fn product(id: i64, name: &str, inci: &str) -> ClassifiedProduct {
    ClassifiedProduct::new(Product {
        id: ProductId(id),
        name: name.into(),
        inci: inci.into(),
    })
}

// GUIDANCE §1 "The at-home ceiling follows the device, in every mode": a 1.5 mm home
// roller carried into a professional profile must be refused, not planned at 35 days.
#[test]
fn home_device_over_half_millimetre_is_refused_in_every_mode() {
    for mode in [Mode::Professional, Mode::Both, Mode::AtHome] {
        let mut p = profile(mode);
        p.at_home = Some(home(1.5));
        let err = p
            .validate()
            .expect_err("a 1.5 mm home device must be refused");
        assert_eq!(err.kind(), "professionalOnly", "{mode:?}: {err}");
    }
}

// GUIDANCE §2 "Postpone on … cold sore": a hold — no session planned or reminded while
// the condition is present.
#[test]
fn a_present_cold_sore_holds_the_planned_session() {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 12, 3),
        SessionStatus::Planned,
    ));
    st.profile
        .safety
        .add_condition(PostponeCondition::ColdSore, d(2026, 12, 2));
    let planned: Vec<_> = sessions_between(&st, d(2026, 12, 3), d(2027, 3, 1))
        .into_iter()
        .filter(|s| s.status == SessionStatus::Planned)
        .collect();
    assert!(planned.is_empty(), "planned during a hold: {planned:?}");
    let plan = daily_plan(&st, d(2026, 12, 3), BERLIN);
    assert!(plan.hold.is_some(), "Today must show the hold");
}

// GUIDANCE §2 "acknowledging a gate schedules from the date of acknowledgement": a gate
// open at setup stored no session; acknowledging it must bring the schedule.
#[test]
fn acknowledging_a_gate_brings_the_schedule() {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.profile.safety.gates.insert(Gate::Isotretinoin);
    st.profile.safety.acknowledge_all(d(2026, 12, 5));
    let next = next_session(&st, d(2026, 12, 5));
    assert_eq!(
        next.map(|s| s.date),
        Some(d(2026, 12, 5)),
        "the schedule starts on the day of acknowledgement"
    );
    // With a retinoid on the shelf, the first session leaves room for the 2-day pause.
    st.products
        .push(product(1, "Night serum", "Aqua, Retinol, Glycerin"));
    assert_eq!(
        next_session(&st, d(2026, 12, 5)).map(|s| s.date),
        Some(d(2026, 12, 7))
    );
}

// GUIDANCE §3 "Settings floors": retinoids may not be shortened below 2 days, and a
// professional window is never shorter than the at-home one.
#[test]
fn care_windows_have_floors() {
    let mut w = CareWindows::AT_HOME;
    w.post_retinoid = Days(1);
    assert!(w.validate().is_err(), "a 1-day retinoid pause was accepted");
    let mut s = Settings::default();
    s.professional.post_exfoliant = Days(3);
    s.at_home.post_exfoliant = Days(5);
    assert!(
        s.validate().is_err(),
        "a professional window shorter than the at-home one was accepted"
    );
}

// GUIDANCE §3 "A product is suggested after a session only when every ingredient on its
// list is recognised and none is in a paused class".
#[test]
fn a_product_with_an_unknown_ingredient_is_not_suggested() {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 12, 3),
        SessionStatus::Done,
    ));
    st.products.push(product(
        1,
        "Mystery serum",
        "Aqua, Sodium Hyaluronate, Zorbium Quintessence Extract",
    ));
    let plan = daily_plan(&st, d(2026, 12, 4), BERLIN);
    assert!(
        plan.suggested_products.is_empty(),
        "suggested with an unknown ingredient: {:?}",
        plan.suggested_products
    );
}

// GUIDANCE §3 "on the session day no sunscreen on freshly needled skin — stay out of the
// sun instead".
#[test]
fn no_sunscreen_on_freshly_needled_skin() {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 12, 3),
        SessionStatus::Planned,
    ));
    let spf = daily_plan(&st, d(2026, 12, 3), BERLIN).spf.unwrap();
    let text = spf.text.to_lowercase();
    assert!(
        text.contains("no sunscreen on freshly needled skin"),
        "session day: {}",
        spf.text
    );
    let next_day = daily_plan(&st, d(2026, 12, 4), BERLIN).spf.unwrap();
    assert!(
        next_day.text.to_lowercase().contains("mineral"),
        "day after: {}",
        next_day.text
    );
}

// GUIDANCE §2 "Pregnancy or breastfeeding, once acknowledged": retinoids are "not during
// pregnancy or breastfeeding", never "paused until" a date.
#[test]
fn retinoids_are_not_resumed_during_pregnancy() {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.profile
        .safety
        .gates
        .insert(Gate::PregnancyOrBreastfeeding);
    st.profile
        .safety
        .acknowledged
        .insert(Gate::PregnancyOrBreastfeeding);
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 12, 3),
        SessionStatus::Done,
    ));
    st.products
        .push(product(1, "Night serum", "Aqua, Retinol, Glycerin"));
    let plan = daily_plan(&st, d(2026, 12, 4), BERLIN);
    assert!(
        plan.paused_products.iter().all(|p| p.name != "Night serum"),
        "shown as paused until a date: {:?}",
        plan.paused_products
    );
}

fn home_state() -> RoutineState {
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 11, 20),
        SessionStatus::Done,
    ));
    st.sessions.push(session(
        2,
        SessionKind::AtHome,
        d(2026, 12, 3),
        SessionStatus::Planned,
    ));
    st
}

fn session_reminders(st: &RoutineState, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    occurrences(st, from, to, BERLIN)
        .into_iter()
        .filter(|o| {
            matches!(
                o.kind,
                ReminderKind::SessionToday | ReminderKind::SessionPrep | ReminderKind::PrePause
            )
        })
        .map(|o| o.date)
        .collect()
}

// GUIDANCE §2 "a hold … when the person says it has cleared, the next session is proposed
// from that day … never below the interval's minimum"; no reminders while it holds.
#[test]
fn a_cleared_condition_brings_the_next_session_back_from_that_day() {
    let mut st = home_state();
    st.profile
        .safety
        .add_condition(PostponeCondition::ColdSore, d(2026, 12, 2));
    assert!(
        session_reminders(&st, d(2026, 12, 1), d(2026, 12, 31)).is_empty(),
        "a session reminder while a cold sore holds the plan"
    );
    assert!(next_session(&st, d(2026, 12, 2)).is_none());
    let resume = st
        .profile
        .safety
        .clear_condition(PostponeCondition::ColdSore, d(2026, 12, 6))
        .unwrap();
    assert_eq!(resume, d(2026, 12, 6));
    assert_eq!(
        next_session(&st, d(2026, 12, 6)).map(|s| s.date),
        Some(d(2026, 12, 6))
    );
    assert!(daily_plan(&st, d(2026, 12, 6), BERLIN).hold.is_none());
    // The planned session inside the hold is never reminded, even after it cleared.
    assert!(!session_reminders(&st, d(2026, 12, 1), d(2026, 12, 5)).contains(&d(2026, 12, 3)));
}

// GUIDANCE §2: cleared soon after the burn, sunburn still waits 14 days from the burn;
// and never below the interval's minimum after the last session.
#[test]
fn sunburn_waits_fourteen_days_from_the_burn() {
    let mut st = home_state();
    st.profile
        .safety
        .add_condition(PostponeCondition::RecentSunburn, d(2026, 12, 1));
    let resume = st
        .profile
        .safety
        .clear_condition(PostponeCondition::RecentSunburn, d(2026, 12, 4))
        .unwrap();
    assert_eq!(resume, d(2026, 12, 15));
    assert_eq!(
        next_session(&st, d(2026, 12, 4)).map(|s| s.date),
        Some(d(2026, 12, 15))
    );
    // A breakout noticed the day after a session and cleared the next day: the minimum
    // interval (7 days) after the last session still holds.
    let mut st = RoutineState::new(profile(Mode::AtHome), Settings::default());
    st.sessions.push(session(
        1,
        SessionKind::AtHome,
        d(2026, 12, 1),
        SessionStatus::Done,
    ));
    st.profile
        .safety
        .add_condition(PostponeCondition::ActiveBreakoutOrInfection, d(2026, 12, 2));
    st.profile
        .safety
        .clear_condition(PostponeCondition::ActiveBreakoutOrInfection, d(2026, 12, 3))
        .unwrap();
    assert_eq!(
        next_session(&st, d(2026, 12, 3)).map(|s| s.date),
        Some(d(2026, 12, 8))
    );
}

// GUIDANCE §2 rows: a peel/laser holds 4 weeks, injections 2 weeks; a date inside is
// refused with the reason, the first date after is allowed.
#[test]
fn procedures_hold_until_their_end_date() {
    for (procedure, until) in [
        (Procedure::PeelOrLaser, d(2026, 12, 29)),
        (Procedure::Injections, d(2026, 12, 15)),
    ] {
        let mut st = home_state();
        st.profile.safety.add_procedure(procedure, d(2026, 12, 1));
        let first = sessions_between(&st, d(2026, 12, 1), d(2027, 2, 1))
            .into_iter()
            .find(|s| s.status == SessionStatus::Planned)
            .map(|s| s.date);
        assert_eq!(first, Some(until), "{procedure:?}");
        let err = check_date(
            &st,
            SessionKind::AtHome,
            until - chrono::Duration::days(1),
            None,
            d(2026, 12, 1),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "held", "{procedure:?}");
        let plan = daily_plan(&st, d(2026, 12, 10), BERLIN);
        assert!(plan.hold.unwrap().contains("no session before"));
        assert!(daily_plan(&st, until, BERLIN).hold.is_none());
    }
}

// GUIDANCE §2 "The first session of a new plan leaves room for this pause": 2 days at
// home, 5 for a professional session, when a product has a class the pause covers,
// benzoyl peroxide and scrubs included.
#[test]
fn first_session_leaves_room_for_the_pre_session_pause() {
    let mut st = RoutineState::new(profile(Mode::Both), Settings::default());
    let today = d(2026, 12, 1);
    assert_eq!(first_session_date(&st, SessionKind::AtHome, today), today);
    st.products.push(product(
        1,
        "Spot gel",
        "Benzoyl Peroxide 2.5%, Aqua, Carbomer",
    ));
    assert_eq!(
        first_session_date(&st, SessionKind::AtHome, today),
        d(2026, 12, 3)
    );
    assert_eq!(
        first_session_date(&st, SessionKind::Professional, today),
        d(2026, 12, 6)
    );
}

// GUIDANCE §1: the at-home ceiling message speaks of a practitioner, never of turning a
// home device into a professional one.
#[test]
fn the_ceiling_message_says_a_practitioner_performs_deep_sessions() {
    let mut p = profile(Mode::Professional);
    p.at_home = Some(home(1.5));
    let msg = p.validate().unwrap_err().to_string();
    assert!(msg.contains("practitioner"), "{msg}");
    assert!(msg.contains("1.5 mm"), "{msg}");
}
