//! Today's plan, any day's plan, and a month for the calendar.

use chrono::{Datelike, Duration, NaiveDate};
use needlewise_core::plan::{self, DailyPlan, WindowKind};
use needlewise_core::schedule::{self, PlannedSession};
use needlewise_core::CoreError;
use serde::Serialize;
use tauri::State;

use crate::arg::{Arg, Opt};
use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayView {
    pub today: NaiveDate,
    pub time_zone: String,
    pub plan: DailyPlan,
}

#[tauri::command]
pub fn today_plan(state: State<'_, AppState>) -> CommandResult<DayView> {
    day(&state, None)
}

/// The plan for `date` (default today).
#[tauri::command]
pub fn day_plan(state: State<'_, AppState>, date: Opt<NaiveDate>) -> CommandResult<DayView> {
    let date = match date.0 {
        Some(d) => Some(needlewise_core::units::check_date("date", d)?),
        None => None,
    };
    day(&state, date)
}

fn day(state: &AppState, date: Option<NaiveDate>) -> CommandResult<DayView> {
    state.with_store(|store| {
        let st = load_state(store)?;
        let tz = crate::clock::zone();
        let today = today();
        Ok(DayView {
            today,
            time_zone: tz.name().to_string(),
            plan: plan::daily_plan(&st, date.unwrap_or(today), tz),
        })
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub sessions: Vec<PlannedSession>,
    pub windows: Vec<WindowKind>,
    pub checkin_due: bool,
    /// No session can be planned on this day (GUIDANCE §2 holds).
    pub held: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthView {
    pub month: String,
    pub today: NaiveDate,
    pub hold: Option<String>,
    pub hold_detail: Option<schedule::Hold>,
    pub days: Vec<CalendarDay>,
}

/// Whether `date` shows as held: a dated hold covering it, or an open hold from its
/// start (conditions) or from today (gates, a consult) onwards.
fn held(detail: Option<&schedule::Hold>, date: NaiveDate, today: NaiveDate) -> bool {
    match detail {
        Some(schedule::Hold::Conditions { since, .. }) => date >= *since,
        Some(schedule::Hold::Until { .. }) => true,
        Some(_) => date >= today,
        None => false,
    }
}

fn parse_month(text: &str) -> CommandResult<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
        .ok_or_else(|| {
            CoreError::invalid("month", format!("'{text}' is not a month (use YYYY-MM)")).into()
        })
}

/// Every day of a month with its sessions, open windows and due check-ins.
#[tauri::command]
pub fn calendar(state: State<'_, AppState>, month: Arg<String>) -> CommandResult<MonthView> {
    let text = month.0;
    let first = parse_month(&text)?;
    let next_month = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
    .unwrap_or(first);
    state.with_store(|store| {
        let st = load_state(store)?;
        let tz = crate::clock::zone();
        let today = today();
        let mut days = Vec::new();
        let mut d = first;
        while d < next_month {
            let p = plan::daily_plan(&st, d, tz);
            let mut windows: Vec<WindowKind> = p.windows.iter().map(|w| w.kind).collect();
            windows.dedup();
            days.push(CalendarDay {
                date: d,
                held: held(p.hold_detail.as_ref(), d, today),
                sessions: p.sessions,
                windows,
                checkin_due: !p.checkins_due.is_empty(),
            });
            d += Duration::days(1);
        }
        Ok(MonthView {
            month: text,
            today,
            hold: schedule::hold(&st).map(|h| h.message()),
            hold_detail: schedule::hold(&st),
            days,
        })
    })
}
