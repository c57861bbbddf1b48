//! The main window, created at start and brought up again by a second launch (the tray's
//! Open starts the program again). Closing it ends this process; reminders go on in the
//! background process.

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
    let built = WebviewWindowBuilder::from_config(app, &config)
        .map(|b| b.on_permission_request(crate::camera::on_request))
        .and_then(|b| b.build());
    match built {
        Ok(w) => {
            crate::camera::enable(&w);
            crate::page_crash::recover(&w);
            let _ = w.set_focus();
        }
        Err(e) => eprintln!("needlewise: could not open the window: {e}"),
    }
}
