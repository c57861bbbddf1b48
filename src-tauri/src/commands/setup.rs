//! The first-run wizard: status, saved progress, validation, preview and finishing.

use chrono::{NaiveDate, NaiveTime};
use needlewise_core::guidance::{IntervalRule, SessionKind, Source};
use needlewise_core::plan::{self, DailyPlan};
use needlewise_core::product::{ClassifiedProduct, NewProduct, Product, ProductId};
use needlewise_core::profile::{
    parse_hhmm, HoldCause, Mode, PostponeCondition, Procedure, Profile, QuietHours, Safety,
};
use needlewise_core::schedule::{self, PlannedSession};
use needlewise_core::session::{NewSession, Session, SessionId, SessionStatus};
use needlewise_core::settings::{RoutineReminders, Settings};
use needlewise_core::state::RoutineState;
use needlewise_core::store::WizardProgress;
use needlewise_core::transfer::{self, ExportedPlacement};
use needlewise_core::units::check_date;
use needlewise_core::CoreError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use crate::arg::{Arg, Opt};
use crate::commands::today;
use crate::error::{parse, CommandError, CommandResult};
use crate::state::{AppState, StorageProblem};

/// The wizard's steps, Welcome (1) to Summary (10). The window takes the count from
/// `app_status`.
pub const WIZARD_STEPS: u32 = 10;
/// A draft is a few answers and pasted ingredient lists; anything bigger is not ours.
const MAX_DRAFT_BYTES: usize = 512 * 1024;
/// How many upcoming sessions the wizard previews.
const PREVIEW_COUNT: usize = 4;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Setup,
    Ready,
    StorageProblem,
}

/// Where the Safety step's rules come from (GUIDANCE §2), by kind of answer; the step
/// prints them as sent.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SafetySources {
    /// A condition present now holds sessions until it clears.
    pub condition: Source,
    /// A recent treatment of the area holds them for a set time.
    pub procedure: Source,
    /// A health or skin-history answer waits for a professional's go-ahead.
    pub gate: Source,
    /// A history of cold sores adds a note to the session checklist.
    pub history: Source,
}

impl SafetySources {
    fn new() -> Self {
        SafetySources {
            condition: HoldCause::Condition(PostponeCondition::ColdSore).source(),
            procedure: HoldCause::Procedure(Procedure::PeelOrLaser).source(),
            gate: Source::JddContraindications,
            // As the cold-sore items of the checklist (plan::checklist).
            history: Source::ClinicSheets,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub phase: Phase,
    pub problem: Option<StorageProblem>,
    pub wizard: Option<WizardProgress>,
    /// How many steps the wizard has (what `save_wizard_progress` accepts).
    pub wizard_steps: u32,
    pub safety_sources: SafetySources,
    pub today: NaiveDate,
    pub time_zone: String,
    pub version: &'static str,
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let base = |phase, problem, wizard| AppStatus {
        phase,
        problem,
        wizard,
        wizard_steps: WIZARD_STEPS,
        safety_sources: SafetySources::new(),
        today: today(),
        time_zone: crate::clock::zone().name().to_string(),
        version: env!("CARGO_PKG_VERSION"),
    };
    if let Some(p) = state.problem() {
        return Ok(base(Phase::StorageProblem, Some(p), None));
    }
    state.with_store(|store| {
        if store.profile().get()?.is_some() {
            return Ok(base(Phase::Ready, None, None));
        }
        Ok(base(Phase::Setup, None, store.wizard().get()?))
    })
}

#[tauri::command]
pub fn save_wizard_progress(
    state: State<'_, AppState>,
    step: Arg<u32>,
    draft: Arg<Value>,
) -> CommandResult<()> {
    let step = step.0;
    if !(1..=WIZARD_STEPS).contains(&step) {
        return Err(CoreError::invalid(
            "step",
            format!("the wizard has steps 1 to {WIZARD_STEPS}"),
        )
        .into());
    }
    let draft = draft.0;
    if !draft.is_object() {
        return Err(CoreError::invalid("draft", "the draft must be an object of answers").into());
    }
    if draft.to_string().len() > MAX_DRAFT_BYTES {
        return Err(CoreError::invalid("draft", "the draft is too large to save").into());
    }
    state.with_store(|store| {
        if store.profile().get()?.is_some() {
            return Err(CoreError::Conflict("setup is already finished".into()).into());
        }
        Ok(store.wizard().save(&WizardProgress { step, draft })?)
    })
}

/// A session the wizard asks for: a date and a wall-clock time.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SessionInput {
    date: NaiveDate,
    time: String,
    /// The person confirmed a first session before the pre-session pause can finish.
    #[serde(default)]
    shortened_pause: bool,
}

impl SessionInput {
    fn resolve(
        &self,
        field: &'static str,
        today: NaiveDate,
    ) -> CommandResult<(NaiveDate, NaiveTime)> {
        check_date(field, self.date)?;
        if self.date < today {
            return Err(CoreError::invalid(
                field,
                format!("{} is in the past; pick today or a later date", self.date),
            )
            .into());
        }
        Ok((self.date, parse_hhmm(field, &self.time)?))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ReminderInput {
    spf_time: String,
    quiet_start: String,
    quiet_end: String,
    daily_spf: bool,
    #[serde(default)]
    start_at_login: bool,
    #[serde(default)]
    discreet: bool,
    /// Issue 14, item 5: off unless chosen.
    #[serde(default)]
    routine: RoutineReminders,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetupInput {
    profile: Value,
    first_session: Option<SessionInput>,
    appointment: Option<SessionInput>,
    #[serde(default)]
    products: Vec<NewProduct>,
    /// Where the person placed those products (by index) in the routine; the rest stay
    /// unsorted.
    #[serde(default)]
    placements: Vec<ExportedPlacement>,
    reminders: Option<ReminderInput>,
}

/// A wizard's answers turned into what the store keeps.
struct Setup {
    profile: Profile,
    settings: Settings,
    sessions: Vec<NewSession>,
    products: Vec<NewProduct>,
    placements: Vec<ExportedPlacement>,
}

fn parse_profile(value: Value, today: NaiveDate) -> CommandResult<Profile> {
    let Value::Object(mut map) = value else {
        return Err(CoreError::invalid("profile", "the answers must be an object").into());
    };
    // The day setup happens is the app's to say, not the UI's.
    map.insert("createdOn".into(), Value::String(today.to_string()));
    let mut profile: Profile = parse("profile", Some(Value::Object(map)))?;
    // Conditions ticked in the wizard are present from today; a gate answered "yes" and
    // acknowledged at once is acknowledged today.
    profile.safety.normalise_new_holds(today);
    profile.safety.acknowledged_on = None;
    profile
        .safety
        .carry_acknowledgement(&Safety::default(), today);
    profile.validate()?;
    Ok(profile)
}

/// GUIDANCE §2: the first session leaves room for the pre-session pause unless the person
/// confirmed a shortened one.
fn check_pause_room(
    st: &RoutineState,
    kind: SessionKind,
    input: &SessionInput,
    field: &'static str,
    today: NaiveDate,
) -> CommandResult<()> {
    let earliest = schedule::first_session_date(st, kind, today);
    if input.date < earliest && !input.shortened_pause {
        let days = st.settings.care(kind).pre_session_actives;
        return Err(CoreError::invalid(
            field,
            format!(
                "your products need a {days} pause before a session (retinoids, acids, benzoyl peroxide, scrubs or hydroquinone): the first date that leaves room for it is {earliest}. Choose that date, or confirm that you accept a shortened pause."
            ),
        )
        .into());
    }
    Ok(())
}

/// The products as the plan will see them, for checks before anything is stored.
fn classified(products: &[NewProduct]) -> Vec<ClassifiedProduct> {
    products
        .iter()
        .enumerate()
        .map(|(i, p)| {
            ClassifiedProduct::new(Product {
                id: ProductId(i as i64 + 1),
                name: p.name.clone(),
                inci: p.inci.clone(),
            })
        })
        .collect()
}

fn build_setup(input: SetupInput, today: NaiveDate) -> CommandResult<Setup> {
    let mut profile = parse_profile(input.profile, today)?;
    let products = input
        .products
        .into_iter()
        .map(NewProduct::validated)
        .collect::<Result<Vec<_>, _>>()?;
    transfer::check_placements("placements", &input.placements, &products)?;
    let mut shelf = RoutineState::new(profile.clone(), Settings::default());
    shelf.products = classified(&products);
    let mut sessions = Vec::new();
    if profile.mode.includes(SessionKind::Professional) {
        let a = input.appointment.as_ref().ok_or_else(|| {
            CoreError::invalid(
                "appointment",
                "enter the date and time of your first professional appointment",
            )
        })?;
        let (date, time) = a.resolve("appointment", today)?;
        check_pause_room(&shelf, SessionKind::Professional, a, "appointment", today)?;
        sessions.push(NewSession {
            kind: SessionKind::Professional,
            date,
            time,
        });
    }
    if profile.mode.includes(SessionKind::AtHome) {
        let f = input.first_session.as_ref().ok_or_else(|| {
            CoreError::invalid(
                "firstSession",
                "choose the date of your first at-home session",
            )
        })?;
        let (date, time) = f.resolve("firstSession", today)?;
        check_pause_room(&shelf, SessionKind::AtHome, f, "firstSession", today)?;
        profile.session_time = time;
        if profile.mode == Mode::Both {
            // The first at-home session must respect the gaps around the professional one.
            let mut st = RoutineState::new(profile.clone(), Settings::default());
            st.sessions = stored(&sessions);
            if profile.safety.is_clear() {
                schedule::check_date(&st, SessionKind::AtHome, date, None, today)?;
            }
        }
        sessions.push(NewSession {
            kind: SessionKind::AtHome,
            date,
            time,
        });
    }
    let mut settings = Settings::default();
    if let Some(r) = input.reminders {
        settings.times.spf = parse_hhmm("spfTime", &r.spf_time)?;
        settings.quiet_hours = QuietHours::parse(&r.quiet_start, &r.quiet_end)?;
        settings.daily_spf = r.daily_spf;
        settings.start_at_login = r.start_at_login;
        settings.discreet = r.discreet;
        settings.routine_reminders = r.routine;
    }
    // Reminders start now: nothing from earlier today is sent as a "late" catch-up.
    settings.reminders_from = Some(crate::clock::now());
    settings.validate()?;
    Ok(Setup {
        profile,
        settings,
        sessions,
        products,
        placements: input.placements,
    })
}

/// New sessions as stored ones, for checks and previews before anything is saved.
fn stored(new: &[NewSession]) -> Vec<Session> {
    new.iter()
        .enumerate()
        .map(|(i, s)| Session {
            id: SessionId(i as i64 + 1),
            kind: s.kind,
            date: s.date,
            time: s.time,
            status: SessionStatus::Planned,
            consult_cleared: false,
            note: String::new(),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindRule {
    pub kind: SessionKind,
    pub rule: IntervalRule,
    pub starting: needlewise_core::units::Days,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileCheck {
    pub rules: Vec<KindRule>,
    pub consultation_advised: bool,
    pub hold: Option<String>,
}

fn rules(profile: &Profile) -> Vec<KindRule> {
    profile
        .mode
        .kinds()
        .iter()
        .filter_map(|&kind| {
            Some(KindRule {
                kind,
                rule: profile.interval_rule(kind)?,
                starting: profile.base_interval(kind)?,
            })
        })
        .collect()
}

/// Validate the answers so far; tells the wizard the interval bands and any hold.
#[tauri::command]
pub fn check_profile(profile: Arg<Value>) -> CommandResult<ProfileCheck> {
    let profile = parse_profile(profile.0, today())?;
    let st = RoutineState::new(profile.clone(), Settings::default());
    Ok(ProfileCheck {
        rules: rules(&profile),
        consultation_advised: profile.consultation_strongly_advised(),
        hold: schedule::hold(&st).map(|h| h.message()),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub sessions: Vec<PlannedSession>,
    pub rules: Vec<KindRule>,
    pub hold: Option<String>,
}

/// The first date of each kind that leaves room for the pre-session pause (GUIDANCE §2).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FirstDate {
    pub kind: SessionKind,
    pub date: NaiveDate,
    /// The pause those products need before that kind of session.
    pub pause: needlewise_core::units::Days,
    pub pause_needed: bool,
}

/// The first session dates the wizard proposes for these answers and products.
#[tauri::command]
pub fn propose_first_dates(
    profile: Arg<Value>,
    products: Arg<Vec<NewProduct>>,
) -> CommandResult<Vec<FirstDate>> {
    let today = today();
    let profile = parse_profile(profile.0, today)?;
    let products = products.0;
    let products = products
        .into_iter()
        .map(NewProduct::validated)
        .collect::<Result<Vec<_>, _>>()?;
    let mut st = RoutineState::new(profile.clone(), Settings::default());
    st.products = classified(&products);
    let needed = schedule::pre_pause_needed(&st);
    Ok(profile
        .mode
        .kinds()
        .iter()
        .map(|&kind| FirstDate {
            kind,
            date: schedule::first_session_date(&st, kind, today),
            pause: st.settings.care(kind).pre_session_actives,
            pause_needed: needed,
        })
        .collect())
}

/// The next sessions the answers would produce, before anything is saved.
#[tauri::command]
pub fn preview_schedule(setup: Arg<SetupInput>) -> CommandResult<Preview> {
    let today = today();
    let input = setup.0;
    let s = build_setup(input, today)?;
    let mut st = RoutineState::new(s.profile.clone(), s.settings);
    st.sessions = stored(&s.sessions);
    st.sort();
    Ok(Preview {
        sessions: schedule::preview(&st, today, PREVIEW_COUNT),
        rules: rules(&s.profile),
        hold: schedule::hold(&st).map(|h| h.message()),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupSummary {
    pub next_session: Option<PlannedSession>,
    pub hold: Option<String>,
    pub plan: DailyPlan,
}

/// Store everything the wizard gathered, in one transaction. While a talk-to-a-professional
/// question is open, the answers are kept but no session is scheduled.
#[tauri::command]
pub fn finish_setup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    setup: Arg<SetupInput>,
) -> CommandResult<SetupSummary> {
    let today = today();
    let input = setup.0;
    let s = build_setup(input, today)?;
    let held = !s.profile.safety.is_clear();
    let summary = state.with_store(|store| {
        store.transaction(|tx| -> CommandResult<()> {
            if tx.profile().get()?.is_some() {
                return Err(CoreError::Conflict("setup is already finished".into()).into());
            }
            tx.profile().save(&s.profile)?;
            tx.settings().save(&s.settings)?;
            transfer::add_products(tx, &s.products, &s.placements)?;
            if !held {
                for session in &s.sessions {
                    tx.sessions().insert(session.clone())?;
                }
            }
            tx.wizard().clear()?;
            Ok(())
        })?;
        let st = store.load_state()?.ok_or(CommandError::NotSetUp)?;
        let tz = crate::clock::zone();
        Ok(SetupSummary {
            next_session: schedule::next_session(&st, today),
            hold: schedule::hold(&st).map(|h| h.message()),
            plan: plan::daily_plan(&st, today, tz),
        })
    })?;
    // Setup is saved either way; a refusal from the login-items service is only logged
    // (Settings shows the toggle again).
    if let Err(e) = crate::commands::settings::sync_start_at_login(&app, s.settings.start_at_login)
    {
        eprintln!("needlewise: {e}");
    }
    Ok(summary)
}

/// The storage screen's "keep it aside and start fresh".
#[tauri::command]
pub fn set_aside_storage<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<String> {
    let stamp = crate::clock::now().format("%Y%m%dT%H%M%SZ").to_string();
    let aside = state.set_aside(&stamp)?;
    // The loop may still hold the old file open under its new name: make it reopen.
    crate::reminders::reopen(&app);
    Ok(aside.display().to_string())
}

/// Put back the copy saved when the data file went away while open, and open it.
#[tauri::command]
pub fn restore_storage<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<()> {
    // The loop lets go of the old file on its next pass; run it now.
    state.restore()?;
    crate::reminders::reopen(&app);
    Ok(())
}

/// Open the data again after the person fixed what was wrong: `None` when it opened,
/// else the problem as it is now.
#[tauri::command]
pub fn retry_storage<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Option<StorageProblem> {
    let problem = state.retry().err();
    if problem.is_none() {
        crate::reminders::reopen(&app);
    }
    problem
}

/// The UI calls this once its first screen is interactive. With `NEEDLEWISE_REPORT_READY`
/// set, the app prints how long that took (and exits if it is `exit`): what the start-up
/// benchmark measures. `marks` are the page's own start-up steps (name, milliseconds since
/// the epoch), printed with `NEEDLEWISE_TRACE_STARTUP` (see `crate::startup`).
#[tauri::command]
pub fn ui_ready<R: tauri::Runtime>(app: tauri::AppHandle<R>, marks: Opt<Vec<(String, f64)>>) {
    if let Some(marks) = marks.0 {
        crate::startup::page_marks(&marks);
    }
    crate::startup::ready();
    if std::env::var_os("NEEDLEWISE_REPORT_READY").is_some() {
        let ms = crate::startup::elapsed_ms();
        println!("needlewise: interactive after {ms:.0} ms");
        if std::env::var("NEEDLEWISE_REPORT_READY").as_deref() == Ok("exit") {
            app.exit(0);
        }
    }
}
