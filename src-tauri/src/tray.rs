//! The tray icon: open the window, see the next item, pause reminders, quit.

use chrono::Duration;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// The menu item that shows what comes next (read-only), updated by the reminder loop.
pub struct TrayNext<R: Runtime>(pub MenuItem<R>);

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Needlewise", true, None::<&str>)?;
    let next = MenuItem::with_id(app, "next", "Nothing due yet", false, None::<&str>)?;
    let done = MenuItem::with_id(
        app,
        "done",
        "Done: mark the reminded session done",
        true,
        None::<&str>,
    )?;
    let snooze = MenuItem::with_id(
        app,
        "snooze",
        "Snooze the last reminder 1 hour",
        true,
        None::<&str>,
    )?;
    let pause_hour = MenuItem::with_id(
        app,
        "pause-hour",
        "Pause reminders for 1 hour",
        true,
        None::<&str>,
    )?;
    let pause_day = MenuItem::with_id(
        app,
        "pause-day",
        "Pause reminders until tomorrow",
        true,
        None::<&str>,
    )?;
    let resume = MenuItem::with_id(app, "resume", "Resume reminders", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Needlewise", true, None::<&str>)?;
    let sep = || PredefinedMenuItem::separator(app);
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &next,
            &sep()?,
            &done,
            &snooze,
            &pause_hour,
            &pause_day,
            &resume,
            &sep()?,
            &quit,
        ],
    )?;
    app.manage(TrayNext(next));
    let mut tray = TrayIconBuilder::with_id("main")
        .tooltip("Needlewise")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => crate::window::show(app),
            "done" => {
                if let Err(e) = crate::reminders::done_last(app) {
                    eprintln!("needlewise: Done from the tray failed ({})", e.kind());
                }
            }
            "snooze" => {
                if let Err(e) = crate::reminders::snooze_last(app) {
                    eprintln!("needlewise: Snooze from the tray failed ({})", e.kind());
                }
            }
            "pause-hour" => pause(app, Some(chrono::Utc::now() + Duration::hours(1))),
            "pause-day" => pause(app, Some(tomorrow_start())),
            "resume" => pause(app, None),
            "quit" => app.exit(0),
            _ => {}
        });
    // A simpler mark than the app icon, drawn to stay legible at 16–24 px on light and
    // dark panels (icons/tray.svg).
    match tauri::image::Image::from_bytes(include_bytes!("../../icons/tray@2x.png")) {
        Ok(icon) => tray = tray.icon(icon),
        Err(_) => {
            if let Some(icon) = app.default_window_icon() {
                tray = tray.icon(icon.clone());
            }
        }
    }
    tray.build(app)?;
    Ok(())
}

/// The start of tomorrow in the computer's zone.
fn tomorrow_start() -> chrono::DateTime<chrono::Utc> {
    let tz = crate::clock::zone();
    let today = needlewise_core::clock::local_date(crate::clock::now(), tz);
    let start = (today + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    needlewise_core::clock::resolve(start, tz)
}

fn pause<R: Runtime>(app: &AppHandle<R>, until: Option<chrono::DateTime<chrono::Utc>>) {
    let state = app.state::<AppState>();
    let result = state.with_store(|store| {
        let mut s = store.settings().get()?;
        s.paused_until = until;
        store.settings().save(&s)?;
        Ok(())
    });
    if let Err(e) = result {
        eprintln!("needlewise: could not pause reminders ({})", e.kind());
    }
    if let Some(r) = app.try_state::<std::sync::Arc<crate::reminders::Reminders>>() {
        r.wake();
    }
}

/// Show the next item (or a delivery problem) in the tray menu.
pub fn set_next<R: Runtime>(app: &AppHandle<R>, text: &str) {
    if let Some(item) = app.try_state::<TrayNext<R>>() {
        let _ = item.0.set_text(text);
    }
    if let Some(tray) = app.tray_by_id("main") {
        let _ = tray.set_tooltip(Some(format!("Needlewise — {text}")));
    }
}
