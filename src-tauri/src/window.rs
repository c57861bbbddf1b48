//! The main window's life: created on demand, destroyed on close (its web processes end),
//! created again from the tray. The app itself keeps running for its reminders.

use tauri::{AppHandle, Manager, Runtime, WebviewWindowBuilder};

pub const MAIN: &str = "main";

/// Show the main window, creating it if it was closed.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
        return;
    }
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
    else {
        return;
    };
    match WebviewWindowBuilder::from_config(app, &config).and_then(|b| b.build()) {
        Ok(w) => {
            let _ = w.set_focus();
        }
        Err(e) => eprintln!("needlewise: could not open the window: {e}"),
    }
}
