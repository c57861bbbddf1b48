//! The everyday routine (issue 14): a day's morning and evening routines, each product's
//! place in them, the steps ticked as done, and the weekly consistency.

use chrono::NaiveDate;
use needlewise_core::ingredients;
use needlewise_core::product::{NewProduct, ProductId};
use needlewise_core::routine::{
    self, is_complete, DayRoutine, Part, Placement, ProductPlace, RoutineStep, Tick,
    WeekConsistency,
};
use needlewise_core::store::Store;
use needlewise_core::units::check_date;
use serde::Serialize;
use tauri::State;

use crate::arg::{Arg, Opt};
use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

/// How many weeks the consistency chart shows unless asked otherwise.
const DEFAULT_WEEKS: u8 = 8;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutineView {
    pub today: NaiveDate,
    pub day: DayRoutine,
    /// The day's ticked steps.
    pub ticks: Vec<Tick>,
    /// The routines of the day with every step ticked.
    pub complete: Vec<Part>,
    /// The steps that can be ticked, morning and evening.
    pub tickable: Tickable,
}

#[derive(Serialize)]
pub struct Tickable {
    pub am: Vec<RoutineStep>,
    pub pm: Vec<RoutineStep>,
}

fn view(store: &Store, date: NaiveDate) -> CommandResult<RoutineView> {
    let st = load_state(store)?;
    let day = routine::routine_for(&st, date);
    let ticks = store.routine().ticks_between(date, date)?;
    let complete = Part::BOTH
        .into_iter()
        .filter(|p| is_complete(day.part(*p), &ticks, date, *p))
        .collect();
    let tickable = Tickable {
        am: day.morning.tickable(),
        pm: day.evening.tickable(),
    };
    Ok(RoutineView {
        today: today(),
        day,
        ticks,
        complete,
        tickable,
    })
}

/// The routines of `date` (default today).
#[tauri::command]
pub fn routine_day(state: State<'_, AppState>, date: Opt<NaiveDate>) -> CommandResult<RoutineView> {
    let date = match date.0 {
        Some(d) => check_date("date", d)?,
        None => today(),
    };
    state.with_store(|store| view(store, date))
}

/// Every product with its place and the proposed step.
#[tauri::command]
pub fn product_places(state: State<'_, AppState>) -> CommandResult<Vec<ProductPlace>> {
    state.with_store(|store| Ok(routine::places(&load_state(store)?)))
}

/// Places a product (or moves it): step, usage, order within the step.
#[tauri::command]
pub fn place_product(
    state: State<'_, AppState>,
    placement: Arg<Placement>,
) -> CommandResult<Vec<ProductPlace>> {
    places_after(&state, |store| store.routine().place(&placement.0))
}

/// Takes a product out of the routine, back to "unsorted".
#[tauri::command]
pub fn unplace_product(
    state: State<'_, AppState>,
    id: Arg<i64>,
) -> CommandResult<Vec<ProductPlace>> {
    places_after(&state, |store| store.routine().unplace(ProductId(id.0)))
}

/// Every product's place once `change` is stored.
fn places_after(
    state: &AppState,
    change: impl FnOnce(&Store) -> needlewise_core::Result<()>,
) -> CommandResult<Vec<ProductPlace>> {
    state.with_store(|store| {
        change(store)?;
        Ok(routine::places(&load_state(store)?))
    })
}

/// The step Needlewise proposes for a product not yet stored (the wizard's products step).
#[tauri::command]
pub fn propose_step(product: Arg<NewProduct>) -> CommandResult<Option<RoutineStep>> {
    let p = product.0.validated()?;
    Ok(routine::propose(&p.name, &ingredients::classify(&p.inci)))
}

/// Ticks a step of a day's routine as done; the day must have come and the step be in
/// that routine. A second tick of the same step is refused and changes nothing.
#[tauri::command]
pub fn tick_step(state: State<'_, AppState>, tick: Arg<Tick>) -> CommandResult<RoutineView> {
    let tick = tick.0;
    check_date("date", tick.date)?;
    state.with_store(|store| {
        store.transaction(|tx| -> CommandResult<()> {
            let st = load_state(tx)?;
            tick.check(&routine::routine_for(&st, tick.date), today())?;
            Ok(tx.routine().tick(&tick)?)
        })?;
        view(store, tick.date)
    })
}

/// Takes a tick back.
#[tauri::command]
pub fn untick_step(state: State<'_, AppState>, tick: Arg<Tick>) -> CommandResult<RoutineView> {
    let tick = tick.0;
    check_date("date", tick.date)?;
    state.with_store(|store| {
        store.routine().untick(&tick)?;
        view(store, tick.date)
    })
}

/// Completed routines and sunscreen days per week, the last `weeks` weeks (default 8).
#[tauri::command]
pub fn routine_consistency(
    state: State<'_, AppState>,
    weeks: Opt<u8>,
) -> CommandResult<Vec<WeekConsistency>> {
    let weeks = weeks.0.unwrap_or(DEFAULT_WEEKS);
    let today = today();
    state.with_store(|store| {
        let st = load_state(store)?;
        Ok(routine::consistency(&st, &st.ticks, today, weeks)?)
    })
}
