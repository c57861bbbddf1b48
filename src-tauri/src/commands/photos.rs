//! Progress photos (issue 13): added from a file (the open dialog, or dropped on the
//! window) or from the camera, listed for the Progress view, deleted. The pictures reach
//! the window through `photo://` (see `photo_files`), never through these commands.

use base64::Engine as _;
use needlewise_core::photo::{self, Photo, PhotoId, PhotoInfo};
use needlewise_core::session::Session;
use needlewise_core::CoreError;
use serde::Serialize;
use tauri::{Runtime, State};

use crate::arg::Arg;
use crate::error::CommandResult;
use crate::open_dialog::{self, Pick};
use crate::state::AppState;

/// What the Progress view shows: the photos, oldest first, the sessions to mark on the
/// timeline, and the photos whose file another program removed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoList {
    photos: Vec<Photo>,
    sessions: Vec<Session>,
    missing: Vec<PhotoId>,
    /// A session done today or in the last days: photos now may show its redness.
    unsettled_by: Option<chrono::NaiveDate>,
    /// Days a photo was said to be taken (Done on its reminder) with none added for them.
    taken_not_added: Vec<chrono::NaiveDate>,
}

#[tauri::command]
pub fn list_photos(state: State<'_, AppState>) -> CommandResult<PhotoList> {
    let folder = state.photo_folder();
    state.with_store(|store| {
        photo::tidy(store, &folder)?; // files left by a crash between write and commit
        let sessions = store.sessions().list()?;
        let today = needlewise_core::clock::local_date(crate::clock::now(), crate::clock::zone());
        let photos = store.photos().list()?;
        let taken_not_added = store
            .photos()
            .taken_days()?
            .into_iter()
            .filter(|day| photos.iter().all(|p| p.info.taken_on != *day))
            .collect();
        Ok(PhotoList {
            taken_not_added,
            missing: photo::missing(&folder, &photos),
            photos,
            unsettled_by: photo::unsettled_by(&sessions, today),
            sessions,
        })
    })
}

/// Asks for a picture file with the open dialog and adds it; `None` when the person
/// closed the dialog.
#[tauri::command]
pub async fn add_photo_file<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    details: Arg<PhotoInfo>,
) -> CommandResult<Option<Photo>> {
    crate::guard::or_unexpected("add_photo_file", || {
        let details = details.0;
        details.validate()?;
        let pictures = dirs_pictures();
        let Some(path) = open_dialog::pick(
            &app,
            Pick {
                title: "Choose a photo to add",
                filter: "Photos (JPEG, PNG, WebP)",
                extensions: &["jpg", "jpeg", "JPG", "JPEG", "png", "PNG", "webp", "WEBP"],
                start_in: pictures.as_deref(),
            },
        )?
        else {
            return Ok(None);
        };
        let folder = state.photo_folder();
        state
            .with_store(|store| Ok(photo::add_file(store, &folder, &path, details)?))
            .map(Some)
    })
}

/// Where the dialog opens: the Pictures folder, where a phone's photos are usually copied,
/// else the home folder (GTK's "Recent" view, its default, cannot take a typed path).
fn dirs_pictures() -> Option<std::path::PathBuf> {
    let home = std::path::PathBuf::from(std::env::var_os("HOME")?);
    let pictures = home.join("Pictures");
    Some(if pictures.is_dir() { pictures } else { home })
}

/// Adds a picture the window already holds (taken with the camera, or a file dropped on
/// the window), sent as base64. `name` words the messages.
#[tauri::command]
pub fn add_photo(
    state: State<'_, AppState>,
    name: Arg<String>,
    data: Arg<String>,
    details: Arg<PhotoInfo>,
) -> CommandResult<Photo> {
    let (name, data, details) = (name.0, data.0, details.0);
    details.validate()?;
    if data.len() as u64 > photo::MAX_FILE_BYTES / 3 * 4 + 4 {
        return Err(CoreError::invalid(
            "photo",
            format!(
                "“{name}” is larger than {} MB; save a smaller copy and add that",
                photo::MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .into());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| {
            CoreError::invalid("photo", format!("“{name}” did not arrive whole; try again"))
        })?;
    let folder = state.photo_folder();
    state.with_store(|store| Ok(photo::add(store, &folder, &name, &bytes, details)?))
}

#[tauri::command]
pub fn delete_photo(state: State<'_, AppState>, id: Arg<PhotoId>) -> CommandResult<()> {
    let folder = state.photo_folder();
    state.with_store(|store| Ok(photo::delete(store, &folder, id.0)?))
}

/// The photo reminder's Done, in the app (GUIDANCE §6: nothing depends on the notification
/// alone): a photo was taken today, elsewhere (a phone); the next reminder counts from it.
#[tauri::command]
pub fn mark_photo_taken(state: State<'_, AppState>) -> CommandResult<chrono::NaiveDate> {
    let today = crate::commands::today();
    state.with_store(|store| {
        store.photos().mark_taken(today)?;
        Ok(today)
    })
}

/// Let go of a day said to be taken (the photo was added under another date, or never).
#[tauri::command]
pub fn forget_photo_taken(
    state: State<'_, AppState>,
    date: Arg<chrono::NaiveDate>,
) -> CommandResult<()> {
    let date = date.0;
    state.with_store(|store| {
        if store.photos().forget_taken(date)? {
            Ok(())
        } else {
            Err(
                CoreError::invalid("date", format!("no photo was said to be taken on {date}"))
                    .into(),
            )
        }
    })
}

/// "Prepare for your appointment": the report as a PDF where the person chooses (written
/// whole, 0600); its path, or `None` when they cancelled.
#[tauri::command]
pub async fn export_report<R: Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let file = crate::export_file::ExportFile {
        title: "Save the record for your appointment",
        stem: format!("needlewise-record-{}", crate::commands::today()),
        ext: "pdf",
        kind: "PDF document",
    };
    crate::export_file::export(&app, "export_report", file, || {
        let folder = state.photo_folder();
        state.with_store(|store| {
            let st = crate::commands::load_state(store)?;
            let photos = store.photos().list()?;
            let today = crate::commands::today();
            Ok(needlewise_core::report::build(
                &st, &photos, &folder, today,
            )?)
        })
    })
}
