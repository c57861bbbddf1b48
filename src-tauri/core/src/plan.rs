//! One day: the session and its checklist, open pause windows and the products they pause,
//! what to use, the check-ins due and the sun advice. Each item says why and where from.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::care::{windows_on, WINDOW_REACH};
/// Still named here: the app reads `plan::WindowKind`, and a day's plan lists its windows.
pub use crate::care::{Window, WindowKind};
use crate::checkin::Severity;
use crate::guidance::{self, SessionKind, Source};
use crate::ingredients::IngredientClass;
use crate::product::ProductId;
use crate::schedule::{self, PlannedSession};
use crate::session::{SessionId, SessionStatus};
use crate::state::RoutineState;
use crate::sun::{self, SunDay};
use crate::units::Days;

/// A line of advice with its reason and source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Stable identifier, so the UI can tick items and tests can find them.
    pub key: &'static str,
    pub text: String,
    pub reason: String,
    pub source: Source,
}

fn item(
    key: &'static str,
    text: impl Into<String>,
    reason: impl Into<String>,
    source: Source,
) -> Item {
    Item {
        key,
        text: text.into(),
        reason: reason.into(),
        source,
    }
}

/// GUIDANCE §2: once pregnancy or breastfeeding is acknowledged, retinoid products are
/// not used at all, so they carry no "paused until" date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AvoidedProduct {
    pub product_id: ProductId,
    pub name: String,
    pub reason: &'static str,
}

/// A product Needlewise cannot vouch for: its list has names it does not know (or no
/// list). Never suggested, never shown as safe (GUIDANCE §3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotCheckedProduct {
    pub product_id: ProductId,
    pub name: String,
    /// The ingredient names Needlewise does not recognise; empty when there is no list.
    pub unknown: Vec<String>,
}

/// A product the day's windows pause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PausedProduct {
    pub product_id: ProductId,
    pub name: String,
    pub classes: Vec<IngredientClass>,
    /// The last day it stays paused (the latest of its windows).
    pub until: NaiveDate,
    pub reason: String,
    /// The source of the window that pauses it longest.
    pub source: Source,
}

/// A product to reach for: hydrating, peptide or growth-factor, not paused today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedProduct {
    pub product_id: ProductId,
    pub name: String,
    pub classes: Vec<IngredientClass>,
}

/// A check-in the person has not yet logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInDue {
    /// `None` for a session not yet marked done.
    pub session_id: Option<SessionId>,
    pub session_date: NaiveDate,
    pub day: u16,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpfAdvice {
    pub text: String,
    pub strict: bool,
    /// A session needles the skin today: sunscreen before it, none on the needled skin after.
    pub session_day: bool,
    pub outdoors: bool,
    /// Clear-sky estimate for the person's place, when one is set.
    pub sun: Option<SunDay>,
    /// Reapply every 2 h inside the sun-protection hours.
    pub reapply: bool,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyPlan {
    pub date: NaiveDate,
    pub hold: Option<String>,
    /// The hold in force on the day, with its dates, for the calendar and Today.
    pub hold_detail: Option<schedule::Hold>,
    pub sessions: Vec<PlannedSession>,
    pub checklist: Vec<Item>,
    pub windows: Vec<Window>,
    pub paused_products: Vec<PausedProduct>,
    /// Retinoid products during an acknowledged pregnancy or breastfeeding.
    pub avoided_products: Vec<AvoidedProduct>,
    /// Products with ingredient names Needlewise does not know: never presented as safe.
    pub not_checked_products: Vec<NotCheckedProduct>,
    pub use_items: Vec<Item>,
    pub suggested_products: Vec<SuggestedProduct>,
    pub checkins_due: Vec<CheckInDue>,
    pub spf: Option<SpfAdvice>,
    pub next_session: Option<PlannedSession>,
}

/// GUIDANCE §2: retinoid products during an acknowledged pregnancy or breastfeeding.
fn avoided(state: &RoutineState) -> Vec<AvoidedProduct> {
    if !state.profile.safety.pregnancy_acknowledged() {
        return Vec::new();
    }
    state
        .products
        .iter()
        .filter(|p| p.classification.has(IngredientClass::Retinoid))
        .map(|p| AvoidedProduct {
            product_id: p.product.id,
            name: p.product.name.clone(),
            reason: "not during pregnancy or breastfeeding",
        })
        .collect()
}

pub(crate) fn is_avoided(state: &RoutineState, p: &crate::product::ClassifiedProduct) -> bool {
    state.profile.safety.pregnancy_acknowledged() && p.classification.has(IngredientClass::Retinoid)
}

pub(crate) fn paused_products(state: &RoutineState, windows: &[Window]) -> Vec<PausedProduct> {
    let mut out = Vec::new();
    for p in state.products.iter().filter(|p| !is_avoided(state, p)) {
        let hits: Vec<&Window> = windows
            .iter()
            .filter(|w| w.kind.pauses_any_of(&p.classification))
            .collect();
        let Some(latest) = hits.iter().max_by_key(|w| w.last_day) else {
            continue;
        };
        let classes: BTreeSet<IngredientClass> = hits
            .iter()
            .flat_map(|w| w.kind.paused_classes().iter().copied())
            .filter(|c| p.classification.has(*c))
            .collect();
        out.push(PausedProduct {
            product_id: p.product.id,
            name: p.product.name.clone(),
            classes: classes.into_iter().collect(),
            until: latest.last_day,
            reason: latest.reason.clone(),
            source: latest.source,
        });
    }
    out
}

fn checklist(state: &RoutineState, session: &PlannedSession) -> Vec<Item> {
    let mut list = vec![item(
        "cleanSkin",
        "Start with clean skin: no makeup, oils or sunscreen",
        "Needles carry whatever is on the skin into it",
        Source::Seed,
    )];
    match session.kind {
        SessionKind::AtHome => {
            let device = state
                .profile
                .at_home
                .as_ref()
                .map(|a| a.device.label())
                .unwrap_or("device");
            list.push(item(
                "disinfectDevice",
                format!("Disinfect your {device} before and after with 70% isopropyl alcohol; never share it"),
                "At-home devices are hard to clean and can cause infection",
                Source::Aad2018,
            ));
            if let Some(due) = head_replacement_due(state, session.date) {
                list.push(item(
                    "replaceHead",
                    format!("Replace the {device} head first"),
                    due,
                    Source::Manufacturers,
                ));
            }
        }
        SessionKind::Professional => {
            list.push(item(
                "numbingCream",
                "Numbing cream as your clinic advises",
                "Clinics often apply it to reduce discomfort",
                Source::Seed,
            ));
            list.push(item(
                "appointment",
                format!("Appointment at {}", session.time.format("%H:%M")),
                "Arrive with clean skin",
                Source::Seed,
            ));
        }
    }
    if let Some(days) = shortened_pause(state, session) {
        list.push(item(
            "shortenedPause",
            format!("Your pre-session pause is shortened: you chose this first session before the full {days} pause could finish"),
            "Retinoids, acids, benzoyl peroxide and scrubs are stopped before a session",
            Source::ClinicSheets,
        ));
    }
    list.push(item(
        "noVitaminCBefore",
        "Do not apply vitamin C or any non-sterile active during or right before needling",
        "Facial granulomas have followed needling with a vitamin C serum",
        Source::JamaDerm2014,
    ));
    list.push(item(
        "postponeCheck",
        "Postpone if you have a breakout or infection in the area, a cold sore, an eczema/psoriasis/rosacea flare, sunburn in the last 14 days, or open wounds — and tell Needlewise, which holds your sessions until it clears",
        "Needling these areas spreads or worsens them",
        Source::JddContraindications,
    ));
    if state.profile.safety.cold_sore_history {
        let (key, text) = match session.kind {
            SessionKind::Professional => (
                "antiviralProphylaxis",
                "You have had cold sores: ask your practitioner whether you need antiviral prophylaxis",
            ),
            SessionKind::AtHome => (
                "coldSoreLips",
                "You have had cold sores: if one is starting, leave the area around the lips out (and postpone if one is present)",
            ),
        };
        list.push(item(
            key,
            text,
            "Needling can reactivate the cold-sore virus",
            Source::ClinicSheets,
        ));
    }
    list
}

/// GUIDANCE §2: the first session of a plan, placed (with the person's confirmation)
/// before the pre-session pause could finish: the pause it should have had.
fn shortened_pause(state: &RoutineState, session: &PlannedSession) -> Option<Days> {
    let first = state.sessions.iter().find(|s| s.kind == session.kind)?;
    if Some(first.id) != session.id {
        return None;
    }
    let start = state
        .profile
        .safety
        .acknowledged_on
        .unwrap_or(state.profile.created_on);
    (session.date < schedule::first_session_date(state, session.kind, start))
        .then(|| state.settings.care(session.kind).pre_session_actives)
}

/// GUIDANCE §2: the device head is due after 10 uses or 3 months, whichever first.
pub fn head_replacement_due(state: &RoutineState, date: NaiveDate) -> Option<String> {
    let setup = state.profile.at_home.as_ref()?;
    let since = setup.head_since.unwrap_or(state.profile.created_on);
    let uses = state
        .sessions
        .iter()
        .filter(|s| {
            s.kind == SessionKind::AtHome
                && s.status == SessionStatus::Done
                && s.date >= since
                && s.date < date
        })
        .count();
    let age = Days::between(since, date);
    if uses >= usize::from(guidance::HEAD_MAX_USES) {
        Some(format!(
            "it has been used {uses} times (replace every {} uses)",
            guidance::HEAD_MAX_USES
        ))
    } else if age >= guidance::HEAD_MAX_AGE {
        Some(format!("it is {age} old (replace every 3 months)"))
    } else {
        None
    }
}

pub(crate) fn use_items(windows: &[Window], date: NaiveDate) -> Vec<Item> {
    let post: Vec<&Window> = windows.iter().filter(|w| !w.kind.is_before()).collect();
    if post.is_empty() {
        return Vec::new();
    }
    let session_day = post.iter().any(|w| w.session_date == date);
    let serum = if session_day {
        item(
            "hydratingSerum",
            "Tonight: a simple hyaluronic acid product, ideally sterile or single-use; growth-factor, conditioned-media or exosome products only when made for use after needling",
            "Freshly needled skin takes in whatever is applied; granulomas have followed topicals on needled skin, and no exosome product is approved",
            Source::DermatolSurg2024,
        )
    } else {
        item(
            "hydratingSerum",
            "Hydrating serums: hyaluronic acid, peptides, growth factors",
            "Skin absorbs more after needling; use it for gentle, supportive actives",
            Source::Seed,
        )
    };
    vec![
        serum,
        item(
            "gentleProducts",
            "Gentle, non-irritating cleanser and moisturiser",
            "Skin is more sensitive and easily irritated after needling",
            Source::Seed,
        ),
    ]
}

/// GUIDANCE §3: a product is suggested after a session only when every ingredient is
/// recognised, none is in a class a session pauses, it is not paused or avoided today,
/// and (inside the no-makeup window) it is not a sunscreen or tinted product.
pub(crate) fn suggested(
    state: &RoutineState,
    paused: &[PausedProduct],
    windows: &[Window],
) -> Vec<SuggestedProduct> {
    use IngredientClass::*;
    // Suggestions are for the days after a session, when its windows are open.
    if !windows.iter().any(|w| !w.kind.is_before()) {
        return Vec::new();
    }
    let no_makeup = windows.iter().any(|w| w.kind == WindowKind::Makeup);
    state
        .products
        .iter()
        .filter(|p| p.classification.fully_recognised())
        .filter(|p| {
            !WindowKind::ALL
                .iter()
                .any(|w| w.pauses_any_of(&p.classification))
        })
        .filter(|p| !(no_makeup && p.classification.has(SunscreenFilter)))
        .filter(|p| !paused.iter().any(|x| x.product_id == p.product.id))
        .filter_map(|p| {
            let classes: Vec<IngredientClass> = [Hydrating, Peptide, GrowthFactor]
                .into_iter()
                .filter(|c| p.classification.has(*c))
                .collect();
            (!classes.is_empty()).then(|| SuggestedProduct {
                product_id: p.product.id,
                name: p.product.name.clone(),
                classes,
            })
        })
        .collect()
}

fn not_checked(state: &RoutineState) -> Vec<NotCheckedProduct> {
    state
        .products
        .iter()
        .filter(|p| !p.classification.fully_recognised())
        .map(|p| NotCheckedProduct {
            product_id: p.product.id,
            name: p.product.name.clone(),
            unknown: p.classification.unrecognised.clone(),
        })
        .collect()
}

/// GUIDANCE §4: check-ins on the session evening and days 1–3, plus day 7 if symptoms remain.
pub(crate) fn checkins_due(
    state: &RoutineState,
    date: NaiveDate,
    sessions: &[PlannedSession],
) -> Vec<CheckInDue> {
    let mut out = Vec::new();
    for s in sessions
        .iter()
        .filter(|s| s.status.needles() && s.date <= date)
    {
        let day = Days::between(s.date, date).get();
        let logged_list =
            s.id.map(|id| schedule::checkins_of(state, id))
                .unwrap_or_default();
        let logged = |d: u16| logged_list.iter().any(|c| c.day.get() == d);
        let lingering = logged_list
            .iter()
            .any(|c| c.day.get() == 3 && (c.worst() > Severity::None || c.flags.any()));
        let wanted =
            guidance::CHECKIN_DAYS.contains(&day) || (day == guidance::CONSULT_DAY && lingering);
        if wanted && !logged(day) {
            out.push(CheckInDue {
                session_id: s.id,
                session_date: s.date,
                day,
            });
        }
    }
    out
}

fn spf_advice(
    state: &RoutineState,
    date: NaiveDate,
    windows: &[Window],
    tz: Tz,
) -> Option<SpfAdvice> {
    // GUIDANCE §3: on the session day the skin gets no sunscreen after needling (stay out
    // of the sun instead); strict sun care with SPF starts the next day.
    let session_day = windows
        .iter()
        .any(|w| w.kind == WindowKind::StrictSun && w.session_date == date);
    let strict = windows
        .iter()
        .any(|w| w.kind == WindowKind::StrictSun && w.session_date < date);
    let outdoors = state.outdoor_days.contains(&date);
    if !state.settings.daily_spf && !strict && !session_day && !outdoors {
        return None;
    }
    let sun = state
        .profile
        .location
        .as_ref()
        .map(|loc| sun::sun_day(date, loc, tz));
    let low = sun.as_ref().is_some_and(|s| s.protection.is_none());
    let mut text = if session_day {
        "Session day: SPF 30+ this morning as usual, cleansed off before the session; after it, no sunscreen on freshly needled skin — stay out of the sun instead".to_string()
    } else if strict {
        "Strict sun care after your session: avoid direct sun; SPF 30+, mineral filters (zinc oxide, titanium dioxide) preferred".to_string()
    } else {
        "Apply SPF 30+ this morning".to_string()
    };
    match &sun {
        Some(s) if low => text.push_str(&format!(
            ". UV is low today (clear-sky peak {:.0})",
            s.peak_uvi
        )),
        Some(s) => {
            if let Some(p) = &s.protection {
                text.push_str(&format!(
                    ". Sun-protection hours {}–{} (clear-sky UV up to {:.0})",
                    p.start.format("%H:%M"),
                    p.end.format("%H:%M"),
                    s.peak_uvi
                ));
            }
        }
        None => {}
    }
    let reapply = (strict || outdoors) && !low && !session_day;
    if reapply {
        text.push_str("; reapply every 2 hours outdoors");
    }
    Some(SpfAdvice {
        text,
        strict,
        session_day,
        outdoors,
        sun,
        reapply,
    })
}

/// The sessions whose windows can reach `date`, and the windows that touch it: what the
/// day's plan and the day's routine both start from.
pub(crate) fn day_windows(
    state: &RoutineState,
    date: NaiveDate,
) -> (Vec<PlannedSession>, Vec<Window>) {
    let reach = Days(WINDOW_REACH);
    let nearby = schedule::sessions_between(state, reach.before(date), reach.after(date));
    let windows = windows_on(state, date, &nearby);
    (nearby, windows)
}

/// The plan for `date` in zone `tz` (used for sun hours).
pub fn daily_plan(state: &RoutineState, date: NaiveDate, tz: Tz) -> DailyPlan {
    let (nearby, windows) = day_windows(state, date);
    let paused = paused_products(state, &windows);
    let todays: Vec<PlannedSession> = nearby.iter().filter(|s| s.date == date).cloned().collect();
    let checklist = todays
        .iter()
        .filter(|s| s.status == SessionStatus::Planned)
        .flat_map(|s| checklist(state, s))
        .collect();
    let hold = schedule::hold_on(state, date);
    DailyPlan {
        date,
        hold: hold.as_ref().map(|h| h.message()),
        hold_detail: hold,
        checklist,
        avoided_products: avoided(state),
        not_checked_products: not_checked(state),
        use_items: use_items(&windows, date),
        suggested_products: suggested(state, &paused, &windows),
        checkins_due: checkins_due(state, date, &nearby),
        spf: spf_advice(state, date, &windows, tz),
        next_session: nearby
            .iter()
            .find(|s| s.date > date && s.status == SessionStatus::Planned)
            .cloned()
            .or_else(|| schedule::next_session(state, Days(1).after(date))),
        sessions: todays,
        paused_products: paused,
        windows,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::guidance::SessionKind::{AtHome, Professional};
    use crate::ingredients::{Classification, IngredientClass as C};
    use crate::product::{ClassifiedProduct, Product};
    use crate::schedule::tests::{add, both_state, d, home_state, session};
    use crate::session::SessionStatus::{Done, Planned};
    use chrono::Duration;
    use chrono_tz::Europe::Berlin;

    /// A product with these classes and one ingredient per class (none known when empty).
    pub(crate) fn product(id: i64, name: &str, classes: &[C]) -> ClassifiedProduct {
        ClassifiedProduct {
            product: Product {
                id: ProductId(id),
                name: name.into(),
                inci: String::new(),
            },
            classification: Classification {
                classes: classes.iter().copied().collect(),
                ingredient_count: classes.len(),
                ..Classification::default()
            },
        }
    }

    /// At-home 0.25 mm, session on Tue 1 Dec 2026 at 19:00, with a typical shelf.
    fn shelf_state() -> RoutineState {
        let mut st = home_state(0.25);
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 12, 1), Done));
        st.products = vec![
            product(1, "Retinol serum", &[C::Retinoid]),
            product(2, "Vitamin C serum", &[C::VitaminC]),
            product(3, "Hyaluronic serum", &[C::Hydrating]),
            product(4, "Glycolic toner", &[C::ExfoliatingAcid]),
            product(5, "Scented cream", &[C::Fragrance, C::Hydrating]),
            product(6, "Plain balm", &[]),
        ];
        st
    }

    fn paused<'a>(p: &'a DailyPlan, name: &str) -> Option<&'a PausedProduct> {
        p.paused_products.iter().find(|x| x.name == name)
    }

    // GUIDANCE §3 rows (at-home): retinoids 3 days, acids 3, vitamin C 2, fragrance 3.
    #[test]
    fn day_after_at_home_session_pauses_by_class_with_end_dates() {
        let st = shelf_state();
        let p = daily_plan(&st, d(2026, 12, 2), Berlin);
        let r = paused(&p, "Retinol serum").unwrap();
        assert_eq!(r.until, d(2026, 12, 4));
        assert!(r.reason.contains("day 1 of 3"), "{}", r.reason);
        assert_eq!(paused(&p, "Vitamin C serum").unwrap().until, d(2026, 12, 3));
        assert_eq!(paused(&p, "Glycolic toner").unwrap().until, d(2026, 12, 4));
        assert_eq!(paused(&p, "Scented cream").unwrap().until, d(2026, 12, 4));
        assert!(paused(&p, "Hyaluronic serum").is_none());
        assert!(paused(&p, "Plain balm").is_none());
        let not_checked: Vec<_> = p
            .not_checked_products
            .iter()
            .map(|x| x.name.as_str())
            .collect();
        assert_eq!(not_checked, vec!["Plain balm"]);
        let suggested: Vec<_> = p
            .suggested_products
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(suggested, vec!["Hyaluronic serum"]);
        assert!(p.use_items.iter().any(|i| i.key == "hydratingSerum"));
    }

    #[test]
    fn pauses_end_when_windows_close() {
        let st = shelf_state();
        let p = daily_plan(&st, d(2026, 12, 4), Berlin);
        assert!(paused(&p, "Vitamin C serum").is_none());
        assert!(paused(&p, "Retinol serum").is_some());
        let p = daily_plan(&st, d(2026, 12, 5), Berlin);
        assert!(p.paused_products.is_empty(), "{:?}", p.paused_products);
        assert!(p.use_items.is_empty());
        // GUIDANCE §3: products are suggested after a session, not on ordinary days.
        assert!(
            p.suggested_products.is_empty(),
            "{:?}",
            p.suggested_products
        );
    }

    // GUIDANCE §3 rows: no makeup 24 h, no sweating 24 h (at-home), strict sun 3 days.
    #[test]
    fn hour_windows_and_strict_sun() {
        let st = shelf_state();
        let p = daily_plan(&st, d(2026, 12, 2), Berlin);
        let makeup = p
            .windows
            .iter()
            .find(|w| w.kind == WindowKind::Makeup)
            .unwrap();
        assert_eq!(makeup.ends, d(2026, 12, 2).and_hms_opt(19, 0, 0).unwrap());
        assert!(p.windows.iter().any(|w| w.kind == WindowKind::Sweating));
        assert!(p.spf.as_ref().unwrap().strict);
        let p = daily_plan(&st, d(2026, 12, 3), Berlin);
        assert!(!p.windows.iter().any(|w| w.kind == WindowKind::Makeup));
        assert!(p.spf.as_ref().unwrap().strict);
        let p = daily_plan(&st, d(2026, 12, 5), Berlin);
        assert!(!p.spf.as_ref().unwrap().strict);
    }

    // GUIDANCE §3 rows (professional): 7 / 7 / 5 / 7 days, sweating 48 h, sun 7 days.
    #[test]
    fn professional_windows_are_longer() {
        let mut st = both_state();
        st.sessions
            .push(session(1, SessionKind::Professional, d(2026, 12, 1), Done));
        st.products = vec![
            product(1, "Retinol serum", &[C::Retinoid]),
            product(2, "Vit C", &[C::VitaminC]),
        ];
        let p = daily_plan(&st, d(2026, 12, 2), Berlin);
        assert_eq!(paused(&p, "Retinol serum").unwrap().until, d(2026, 12, 8));
        assert_eq!(paused(&p, "Vit C").unwrap().until, d(2026, 12, 6));
        let sweat = p
            .windows
            .iter()
            .find(|w| w.kind == WindowKind::Sweating)
            .unwrap();
        assert_eq!(sweat.ends, d(2026, 12, 3).and_hms_opt(19, 0, 0).unwrap());
        assert!(daily_plan(&st, d(2026, 12, 8), Berlin).spf.unwrap().strict);
    }

    // GUIDANCE §2 row: stop retinoids and acids 2 days (at-home) before a session.
    #[test]
    fn pre_session_pause_opens_two_days_before() {
        let mut st = home_state(0.25);
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 12, 10), Planned));
        st.products = vec![
            product(1, "Retinol serum", &[C::Retinoid]),
            product(2, "Vit C", &[C::VitaminC]),
        ];
        assert!(daily_plan(&st, d(2026, 12, 7), Berlin)
            .paused_products
            .is_empty());
        let p = daily_plan(&st, d(2026, 12, 8), Berlin);
        let r = paused(&p, "Retinol serum").unwrap();
        assert!(r.reason.contains("day 1 of 2"), "{}", r.reason);
        assert!(paused(&p, "Vit C").is_none());
    }

    // GUIDANCE §2 checklist rows.
    #[test]
    fn session_day_checklists_by_kind() {
        let mut st = home_state(0.25);
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 12, 10), Planned));
        let keys: Vec<_> = daily_plan(&st, d(2026, 12, 10), Berlin)
            .checklist
            .iter()
            .map(|i| i.key)
            .collect();
        assert!(keys.contains(&"cleanSkin") && keys.contains(&"disinfectDevice"));
        assert!(keys.contains(&"noVitaminCBefore") && keys.contains(&"postponeCheck"));
        assert!(!keys.contains(&"numbingCream"));
        let mut st = both_state();
        add(&mut st, 1, Professional, d(2026, 12, 10), Planned);
        let keys: Vec<_> = daily_plan(&st, d(2026, 12, 10), Berlin)
            .checklist
            .iter()
            .map(|i| i.key)
            .collect();
        assert!(keys.contains(&"numbingCream") && !keys.contains(&"disinfectDevice"));
    }

    // GUIDANCE §2: head replacement every 10 uses or 3 months.
    #[test]
    fn head_replacement_after_ten_uses_or_three_months() {
        let mut st = home_state(0.25);
        st.profile.at_home.as_mut().unwrap().head_since = Some(d(2026, 1, 1));
        for i in 0..10 {
            add(
                &mut st,
                i + 1,
                AtHome,
                d(2026, 1, 2) + Duration::days(7 * i),
                Done,
            );
        }
        assert!(head_replacement_due(&st, d(2026, 3, 20))
            .unwrap()
            .contains("10 times"));
        let st2 = home_state(0.25);
        assert!(head_replacement_due(&st2, d(2026, 5, 29)).is_none());
        assert!(head_replacement_due(&st2, d(2026, 5, 30))
            .unwrap()
            .contains("3 months"));
    }

    // GUIDANCE §4: check-ins on the evening and days 1–3, day 7 only if symptoms linger.
    #[test]
    fn checkins_due_on_days_zero_to_three() {
        let st = shelf_state();
        for day in 0..=3 {
            let p = daily_plan(&st, d(2026, 12, 1) + Duration::days(day), Berlin);
            assert_eq!(p.checkins_due.len(), 1, "day {day}");
            assert_eq!(p.checkins_due[0].day, day as u16);
        }
        assert!(daily_plan(&st, d(2026, 12, 5), Berlin)
            .checkins_due
            .is_empty());
        assert!(daily_plan(&st, d(2026, 12, 7), Berlin)
            .checkins_due
            .is_empty());
        // The next (projected) session brings its own evening check-in.
        let due = daily_plan(&st, d(2026, 12, 8), Berlin).checkins_due;
        assert_eq!((due.len(), due[0].session_id, due[0].day), (1, None, 0));
    }

    #[test]
    fn daily_spf_can_be_turned_off_but_strict_sun_still_shows() {
        let mut st = shelf_state();
        st.settings.daily_spf = false;
        assert!(daily_plan(&st, d(2026, 12, 20), Berlin).spf.is_none());
        assert!(daily_plan(&st, d(2026, 12, 2), Berlin).spf.is_some());
    }

    #[test]
    fn next_session_is_after_the_day() {
        let st = shelf_state();
        let p = daily_plan(&st, d(2026, 12, 2), Berlin);
        assert_eq!(p.next_session.unwrap().date, d(2026, 12, 8));
    }
}
