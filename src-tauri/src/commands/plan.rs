//! Today's plan.

use needlewise_core::plan::{self, DailyPlan};
use serde::Serialize;
use tauri::State;

use crate::commands::{load_state, today};
use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub time_zone: String,
    pub plan: DailyPlan,
}

#[tauri::command]
pub fn today_plan(state: State<'_, AppState>) -> CommandResult<TodayView> {
    state.with_store(|store| {
        let st = load_state(store)?;
        let tz = crate::clock::zone();
        Ok(TodayView {
            time_zone: tz.name().to_string(),
            plan: plan::daily_plan(&st, today(), tz),
        })
    })
}
