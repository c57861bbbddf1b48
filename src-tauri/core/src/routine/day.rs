//! One day's routines with the session rules applied (GUIDANCE §8 "Around sessions"): the
//! morning and the evening, and on the day of an afternoon or evening session the "cleanse
//! only" just before it. Products a window pauses are struck with their reason and end
//! date, never removed, so the person sees what to leave out and until when.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::care::{Window, WindowKind};
use crate::guidance::{SessionKind, Source};
use crate::ingredients::IngredientClass;
use crate::plan::{self, PausedProduct};
use crate::product::{ClassifiedProduct, ProductId};
use crate::schedule::PlannedSession;
use crate::state::RoutineState;

use super::notes::{NoteKind, RoutineNote};
use super::placement::Placement;
use super::propose::propose;
use super::step::RoutineStep;
use super::usage::{Part, When};

/// A session starting before this is a morning session: the morning routine is the one
/// just before it, so it is "cleanse only". (§8 names no hour; a Needlewise default.)
pub const MORNING_SESSION_BEFORE: NaiveTime = hm(12, 0);
/// When the morning routine is taken to happen, for the windows counted in hours (no
/// makeup): the SPF reminder's default time (GUIDANCE §6).
pub const MORNING_AT: NaiveTime = hm(8, 0);
/// When the evening routine is taken to happen: the evening check-in's default (§6).
pub const EVENING_AT: NaiveTime = hm(20, 0);

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => unreachable!(),
    }
}

/// Why a product is left out today, until when, and where the rule comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Strike {
    pub reason: String,
    /// The last day it stays out; `None` when it is out for this routine only, or for as
    /// long as a condition lasts (pregnancy).
    pub until: Option<NaiveDate>,
    pub source: Source,
}

/// A product in a routine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutineItem {
    pub product_id: ProductId,
    pub name: String,
    pub strike: Option<Strike>,
}

impl RoutineItem {
    pub fn is_struck(&self) -> bool {
        self.strike.is_some()
    }
}

/// One step of a routine with its products, in the person's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepGroup {
    pub step: RoutineStep,
    pub label: &'static str,
    pub items: Vec<RoutineItem>,
}

/// What a session does to a routine.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Ordinary,
    /// Just before a session: cleanse only (§2: no makeup, oils or sunscreen on the area).
    CleanseOnly,
    /// The evening of a session: only what §3 allows.
    AfterSession,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Routine {
    pub phase: Phase,
    /// In layering order (GUIDANCE §8).
    pub steps: Vec<StepGroup>,
    pub notes: Vec<RoutineNote>,
}

impl Routine {
    pub fn step(&self, step: RoutineStep) -> Option<&StepGroup> {
        self.steps.iter().find(|g| g.step == step)
    }

    pub fn has_note(&self, key: NoteKind) -> bool {
        self.notes.iter().any(|n| n.key == key)
    }

    /// The steps a person ticks: each with a product to use, and an empty step (the
    /// morning's sunscreen without a product of the person's) unless only cleansing is done.
    pub fn tickable(&self) -> Vec<RoutineStep> {
        self.steps
            .iter()
            .filter(|g| {
                if g.items.is_empty() {
                    self.phase != Phase::CleanseOnly
                } else {
                    g.items.iter().any(|i| !i.is_struck())
                }
            })
            .map(|g| g.step)
            .collect()
    }
}

/// The session of the day, when there is one.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionToday {
    pub kind: SessionKind,
    pub time: NaiveTime,
}

/// A product with no step yet: kept in an "unsorted" group, with the step proposed for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnsortedProduct {
    #[serde(flatten)]
    pub item: RoutineItem,
    pub proposed: Option<RoutineStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayRoutine {
    pub date: NaiveDate,
    pub session: Option<SessionToday>,
    pub morning: Routine,
    /// On the day of a session from noon on: the routine just before it, cleanse only.
    pub before_session: Option<Routine>,
    pub evening: Routine,
    pub unsorted: Vec<UnsortedProduct>,
    /// Where the layering order comes from.
    pub order_source: Source,
}

impl DayRoutine {
    pub fn part(&self, part: Part) -> &Routine {
        match part {
            Part::Morning => &self.morning,
            Part::Evening => &self.evening,
        }
    }
}

/// What one day's routines are built from.
struct Day<'a> {
    state: &'a RoutineState,
    date: NaiveDate,
    session: Option<PlannedSession>,
    windows: Vec<Window>,
    paused: Vec<PausedProduct>,
}

/// The routines of `date` (GUIDANCE §8) for the person's placed products.
pub fn routine_for(state: &RoutineState, date: NaiveDate) -> DayRoutine {
    let (nearby, windows) = plan::day_windows(state, date);
    let day = Day {
        state,
        date,
        session: nearby
            .into_iter()
            .find(|s| s.date == date && s.status.needles()),
        paused: plan::paused_products(state, &windows),
        windows,
    };
    let afternoon = day
        .session
        .as_ref()
        .filter(|s| s.time >= MORNING_SESSION_BEFORE);
    DayRoutine {
        date,
        session: day.session.as_ref().map(|s| SessionToday {
            kind: s.kind,
            time: s.time,
        }),
        morning: day.routine(Part::Morning),
        before_session: afternoon.map(|_| day.cleanse_only()),
        evening: day.routine(Part::Evening),
        unsorted: day.unsorted(),
        order_source: Source::AadProductOrder,
    }
}

impl Day<'_> {
    fn product(&self, id: ProductId) -> Option<&ClassifiedProduct> {
        self.state.products.iter().find(|p| p.product.id == id)
    }

    fn phase(&self, part: Part) -> Phase {
        match (&self.session, part) {
            (None, _) => Phase::Ordinary,
            (Some(s), Part::Morning) if s.time < MORNING_SESSION_BEFORE => Phase::CleanseOnly,
            (Some(_), Part::Morning) => Phase::Ordinary,
            (Some(_), Part::Evening) => Phase::AfterSession,
        }
    }

    /// When the part's routine happens, for windows counted in hours.
    fn moment(&self, part: Part) -> NaiveDateTime {
        let at = match part {
            Part::Morning => MORNING_AT,
            Part::Evening => self
                .session
                .as_ref()
                .map_or(EVENING_AT, |s| s.time.max(EVENING_AT)),
        };
        self.date.and_time(at)
    }

    /// The routine of one part of the day.
    fn routine(&self, part: Part) -> Routine {
        let phase = self.phase(part);
        let moment = self.moment(part);
        let placed: Vec<(&Placement, &ClassifiedProduct)> = self
            .state
            .placements
            .iter()
            .filter(|pl| pl.usage.applies(self.date, part))
            .filter_map(|pl| Some((pl, self.product(pl.product_id)?)))
            .collect();
        let mut steps: Vec<StepGroup> = Vec::new();
        for (pl, p) in &placed {
            let item = self.item(p, Some(pl.step), phase, moment);
            match steps.last_mut() {
                Some(g) if g.step == pl.step => g.items.push(item),
                _ => steps.push(group(pl.step, vec![item])),
            }
        }
        if part == Part::Morning && !steps.iter().any(|g| g.step == RoutineStep::Sunscreen) {
            // GUIDANCE §8: the SPF step is always in the morning routine.
            steps.push(group(RoutineStep::Sunscreen, Vec::new()));
            steps.sort_by_key(|g| g.step);
        }
        let notes = self.notes(part, phase, &placed, &steps);
        Routine {
            phase,
            steps,
            notes,
        }
    }

    /// Just before an afternoon or evening session: the day's cleansers, nothing else.
    fn cleanse_only(&self) -> Routine {
        let moment = self
            .session
            .as_ref()
            .map_or(self.moment(Part::Evening), |s| self.date.and_time(s.time));
        let items = self
            .state
            .placements
            .iter()
            .filter(|pl| pl.step == RoutineStep::Cleanser)
            .filter(|pl| pl.usage.weekdays.contains(self.date.weekday()))
            .filter_map(|pl| self.product(pl.product_id))
            .map(|p| self.item(p, Some(RoutineStep::Cleanser), Phase::CleanseOnly, moment))
            .collect();
        Routine {
            phase: Phase::CleanseOnly,
            steps: vec![group(RoutineStep::Cleanser, items)],
            notes: vec![NoteKind::CleanseOnly.into()],
        }
    }

    fn unsorted(&self) -> Vec<UnsortedProduct> {
        let placed = |id| self.state.placements.iter().any(|pl| pl.product_id == id);
        self.state
            .products
            .iter()
            .filter(|p| !placed(p.product.id))
            .map(|p| UnsortedProduct {
                item: self.item(p, None, Phase::Ordinary, self.moment(Part::Morning)),
                proposed: propose(&p.product.name, &p.classification),
            })
            .collect()
    }

    fn item(
        &self,
        p: &ClassifiedProduct,
        step: Option<RoutineStep>,
        phase: Phase,
        moment: NaiveDateTime,
    ) -> RoutineItem {
        RoutineItem {
            product_id: p.product.id,
            name: p.product.name.clone(),
            strike: self.strike(p, step, phase, moment),
        }
    }

    /// Why `p` is out of this routine, if it is: the first rule that takes it out.
    fn strike(
        &self,
        p: &ClassifiedProduct,
        step: Option<RoutineStep>,
        phase: Phase,
        moment: NaiveDateTime,
    ) -> Option<Strike> {
        if plan::is_avoided(self.state, p) {
            return Some(strike(
                "not during pregnancy or breastfeeding",
                None,
                Source::RetinoidLabels,
            ));
        }
        if let Some(x) = self.paused.iter().find(|x| x.product_id == p.product.id) {
            return Some(strike(&x.reason, Some(x.until), x.source));
        }
        match phase {
            Phase::CleanseOnly if step != Some(RoutineStep::Cleanser) => {
                return Some(strike(
                    "before your session: cleanse only, so no makeup, oils or sunscreen on the area",
                    None,
                    Source::Seed,
                ));
            }
            Phase::AfterSession => {
                if let Some(s) = after_session(p, step) {
                    return Some(s);
                }
            }
            _ => {}
        }
        if step == Some(RoutineStep::Makeup) {
            return self
                .windows
                .iter()
                .find(|w| w.kind == WindowKind::Makeup && w.starts <= moment && moment < w.ends)
                .map(|w| strike(&w.reason, Some(w.last_day), w.source));
        }
        None
    }

    fn notes(
        &self,
        part: Part,
        phase: Phase,
        placed: &[(&Placement, &ClassifiedProduct)],
        steps: &[StepGroup],
    ) -> Vec<RoutineNote> {
        use IngredientClass::*;
        let active = |id: ProductId| {
            steps
                .iter()
                .flat_map(|g| &g.items)
                .any(|i| i.product_id == id && !i.is_struck())
        };
        let placed_with = |c| placed.iter().any(|(_, p)| p.classification.has(c));
        let used_with = |c| {
            placed
                .iter()
                .any(|(_, p)| p.classification.has(c) && active(p.product.id))
        };
        let sunscreen_used = steps
            .iter()
            .filter(|g| g.step == RoutineStep::Sunscreen)
            .flat_map(|g| &g.items)
            .any(|i| !i.is_struck());
        let evening_only_vitamin_c = placed
            .iter()
            .any(|(pl, p)| pl.usage.when == When::Pm && p.classification.has(VitaminC));
        let morning = part == Part::Morning;
        [
            (
                morning && placed_with(Retinoid),
                NoteKind::RetinoidInMorning,
            ),
            (
                used_with(Retinoid) && used_with(BenzoylPeroxide),
                NoteKind::BenzoylPeroxideWithRetinoid,
            ),
            (
                !morning && used_with(Retinoid) && used_with(ExfoliatingAcid),
                NoteKind::AcidsWithRetinoid,
            ),
            (
                !morning && evening_only_vitamin_c,
                NoteKind::VitaminCInMorning,
            ),
            (
                morning && phase == Phase::Ordinary && !sunscreen_used,
                NoteKind::NoSunscreen,
            ),
            (
                morning && phase == Phase::Ordinary && self.session.is_some(),
                NoteKind::SunscreenBeforeEveningSession,
            ),
            (phase == Phase::CleanseOnly, NoteKind::CleanseOnly),
            (phase == Phase::AfterSession, NoteKind::AfterSession),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| key.into())
        .collect()
    }
}

fn group(step: RoutineStep, items: Vec<RoutineItem>) -> StepGroup {
    StepGroup {
        step,
        label: step.label(),
        items,
    }
}

fn strike(reason: &str, until: Option<NaiveDate>, source: Source) -> Strike {
    Strike {
        reason: reason.to_string(),
        until,
        source,
    }
}

/// GUIDANCE §3 on the evening of a session: no sunscreen on the needled skin, and only
/// products whose every ingredient is known and none in a class a session pauses.
fn after_session(p: &ClassifiedProduct, step: Option<RoutineStep>) -> Option<Strike> {
    let c = &p.classification;
    if step == Some(RoutineStep::Sunscreen) || c.has(IngredientClass::SunscreenFilter) {
        return Some(strike(
            "session day: no sunscreen on freshly needled skin — stay out of the sun instead",
            None,
            Source::Seed,
        ));
    }
    if WindowKind::ALL.iter().any(|w| w.pauses_any_of(c)) {
        return Some(strike(
            "not on freshly needled skin: it contains an active a session pauses",
            None,
            Source::Seed,
        ));
    }
    if !c.fully_recognised() {
        let why = if c.unrecognised.is_empty() {
            "not checked: it has no ingredient list, and freshly needled skin gets only checked products".to_string()
        } else {
            format!(
                "not checked: Needlewise does not know {}, and freshly needled skin gets only checked products",
                c.unrecognised.join(", ")
            )
        };
        return Some(strike(&why, None, Source::DermatolSurg2024));
    }
    None
}
