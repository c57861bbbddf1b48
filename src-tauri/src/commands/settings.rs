//! Settings (every editable default, with its source), the wizard's answers, and moving
//! data in and out: JSON export and import, and an .ics calendar of sessions.

use std::path::PathBuf;

use needlewise_core::guidance::{CareLimit, CareWindows, SessionKind, CARE_LIMITS};
use needlewise_core::profile::Profile;
use needlewise_core::settings::Settings;
use needlewise_core::{archive, ics, CoreError};
use serde::Serialize;
use serde_json::Value;
use tauri::{Manager, Runtime, State};

use crate::arg::Arg;
use crate::commands::{load_state, today};
use crate::error::{parse, CommandResult};
use crate::export_file::{self, ExportFile};
use crate::import_file::{self, ChosenImport, ImportPreview};
use crate::state::AppState;

/// One editable window as [`CARE_LIMITS`] has it (key, label, unit, floor, max, floor note,
/// source: GUIDANCE §3), with its defaults. The window's fields and their limits are these.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultRow {
    #[serde(flatten)]
    pub limit: CareLimit,
    pub at_home: u16,
    pub professional: u16,
}

fn guidance_rows() -> Vec<DefaultRow> {
    let (a, p) = (CareWindows::AT_HOME, CareWindows::PROFESSIONAL);
    CARE_LIMITS
        .iter()
        .map(|&limit| DefaultRow {
            limit,
            at_home: a.get(limit.field),
            professional: p.get(limit.field),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub settings: Settings,
    pub profile: Profile,
    pub defaults: Vec<DefaultRow>,
    pub version: &'static str,
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<SettingsView> {
    state.with_store(|store| {
        let st = load_state(store)?;
        Ok(SettingsView {
            settings: st.settings,
            profile: st.profile,
            defaults: guidance_rows(),
            version: env!("CARGO_PKG_VERSION"),
        })
    })
}

#[tauri::command]
pub fn save_settings<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    settings: Arg<Settings>,
) -> CommandResult<Settings> {
    let settings = settings.0;
    settings.validate()?;
    let saved = state.with_store(|store| {
        store.transaction(|tx| {
            let stored = load_state(tx)?.settings;
            let settings = keep_server_owned(settings, &stored);
            tx.settings().save(&settings)?;
            Ok(settings)
        })
    })?;
    sync_start_at_login(&app, saved.start_at_login)?;
    Ok(saved)
}

/// The page edits preferences only. The pause (set from the tray) and the start of
/// reminders (set at setup) are the server's: the page's copies of them may be stale.
fn keep_server_owned(mut page: Settings, stored: &Settings) -> Settings {
    page.paused_until = stored.paused_until;
    page.reminders_from = stored.reminders_from;
    page
}

/// Make the system's login items match the setting (no-op where the app's login item is
/// not set up, as in the IPC tests).
pub(crate) fn sync_start_at_login<R: Runtime>(
    app: &tauri::AppHandle<R>,
    on: bool,
) -> CommandResult<()> {
    let Some(item) = app.try_state::<crate::login_item::LoginItem>() else {
        return Ok(());
    };
    item.set(app, on).map_err(|e| {
        CoreError::Conflict(format!(
            "your settings were saved, but start at login could not be changed: {e}"
        ))
        .into()
    })
}

/// Save edited wizard answers. The day setup happened is kept as it was.
#[tauri::command]
pub fn save_profile(state: State<'_, AppState>, profile: Arg<Value>) -> CommandResult<Profile> {
    let value = profile.0;
    state.with_store(|store| {
        let current = load_state(store)?.profile;
        let Value::Object(mut map) = value else {
            return Err(CoreError::invalid("profile", "the answers must be an object").into());
        };
        map.insert(
            "createdOn".into(),
            Value::String(current.created_on.to_string()),
        );
        let mut profile: Profile = parse("profile", Some(Value::Object(map)))?;
        // Holds are recorded by their own commands; the page's copy may be stale.
        profile.safety.holds = current.safety.holds.clone();
        profile
            .safety
            .carry_acknowledgement(&current.safety, today());
        profile.validate()?;
        // Sessions of a kind the new mode leaves out would be orphaned: refuse rather than lose them.
        let st = load_state(store)?;
        for kind in [SessionKind::AtHome, SessionKind::Professional] {
            if !profile.mode.includes(kind) && st.sessions.iter().any(|s| s.kind == kind) {
                return Err(CoreError::invalid(
                    "mode",
                    format!(
                        "you have {} sessions on record; keep a mode that includes them",
                        kind.label()
                    ),
                )
                .into());
            }
        }
        store.profile().save(&profile)?;
        Ok(profile)
    })
}

/// Write all data as JSON where the person chooses in the save dialog (starting in the
/// Downloads folder); returns the file's path, or `None` when they cancelled.
#[tauri::command]
pub async fn export_data<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let file = ExportFile {
        title: "Export your Needlewise data",
        stem: format!("needlewise-export-{}", today()),
        ext: "tar",
        kind: "Needlewise export (with photos)",
    };
    let folder = state.photo_folder();
    export_file::export_streamed(&app, "export_data", file, |out| {
        let now = crate::clock::now();
        state
            .with_store(|store| Ok(archive::write(store, &folder, now, &mut *out)?))
            .map_err(|e| std::io::Error::other(e.to_string()))
    })
}

/// Write the sessions as an iCalendar file where the person chooses; returns its path, or
/// `None` when they cancelled.
#[tauri::command]
pub async fn export_ics<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let file = ExportFile {
        title: "Save your sessions as a calendar file",
        stem: format!("needlewise-sessions-{}", today()),
        ext: "ics",
        kind: "Calendar file",
    };
    export_file::export(&app, "export_ics", file, || {
        state.with_store(|store| {
            let st = load_state(store)?;
            let zone = crate::clock::zone();
            Ok(ics::calendar(&st, today(), zone, crate::clock::now()).into_bytes())
        })
    })
}

/// Choose an export in the open dialog; the app reads and checks it (refusing a file far
/// too large unread) and describes it, so the window can ask before replacing anything.
/// `None` when the person closed the dialog.
#[tauri::command]
pub async fn choose_import<R: Runtime>(
    app: tauri::AppHandle<R>,
    chosen: State<'_, ChosenImport>,
) -> CommandResult<Option<ImportPreview>> {
    crate::guard::or_unexpected("choose_import", || {
        chosen.forget();
        match import_file::choose(&app)? {
            Some(path) => {
                let state = app.state::<AppState>();
                let folder = state.photo_folder();
                chosen.read(&path, &folder).map(Some)
            }
            None => Ok(None),
        }
    })
}

/// The person said no to the chosen file.
#[tauri::command]
pub fn forget_import(chosen: State<'_, ChosenImport>) {
    chosen.forget();
}

/// Replace all data with the chosen export file (`token` from `choose_import`). The file
/// was checked in full when chosen: a bad one changed nothing and said what is wrong. The
/// current database is backed up beside itself before it is replaced.
#[tauri::command]
pub fn import_data(
    state: State<'_, AppState>,
    chosen: State<'_, ChosenImport>,
    token: Arg<u64>,
) -> CommandResult<String> {
    let token = token.0;
    let stamp = crate::clock::now().format("%Y%m%dT%H%M%SZ").to_string();
    let folder = state.photo_folder();
    chosen.apply(token, |export| {
        state.with_store(|store| {
            let backup =
                PathBuf::from(format!("{}.before-import-{stamp}", state.db_path.display()));
            store.backup_to(&backup)?;
            // The photos it replaces go beside the backup, which refers to them.
            let photos = PathBuf::from(format!("{}-photos", backup.display()));
            archive::apply(store, &folder, export, &photos)?;
            Ok(backup.display().to_string())
        })
    })
}
