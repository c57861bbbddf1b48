//! The reference app: one window, one page, one command. It reports start-up the way
//! Needlewise does (`NEEDLEWISE_REPORT_READY`, `NEEDLEWISE_TRACE_STARTUP`), with the same
//! code, so the benchmark compares like with like.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../../../src/startup.rs"]
mod startup;

use tauri::{Manager, WebviewWindowBuilder};

static READY: std::sync::Once = std::sync::Once::new();

/// The one command: the page calls it when it is ready (with its start-up marks), and its
/// button calls it again.
#[tauri::command]
fn hello(app: tauri::AppHandle, marks: Option<Vec<(String, f64)>>) -> String {
    let started = startup::command("hello");
    READY.call_once(|| {
        startup::page_marks(&marks.unwrap_or_default());
        startup::command_done("hello", started);
        startup::ready();
        if std::env::var_os("NEEDLEWISE_REPORT_READY").is_some() {
            let ms = startup::elapsed_ms();
            println!("reference: interactive after {ms:.0} ms");
            if std::env::var("NEEDLEWISE_REPORT_READY").as_deref() == Ok("exit") {
                app.exit(0);
            }
        }
    });
    "Hello from Rust".into()
}

fn main() {
    startup::begin();
    let app = tauri::Builder::default().invoke_handler(tauri::generate_handler![hello]);
    startup::mark("builder ready");
    app.setup(|app| {
        startup::mark("setup (plugins set up)");
        let config = app.config().app.windows[0].clone();
        WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
        startup::mark("window built");
        let _ = app.get_webview_window("main");
        Ok(())
    })
    .on_page_load(|_, payload| {
        startup::mark(match payload.event() {
            tauri::webview::PageLoadEvent::Started => "page load started",
            tauri::webview::PageLoadEvent::Finished => "page load finished",
        })
    })
    .build(tauri::generate_context!())
    .expect("the reference app could not start")
    .run(|_, event| {
        if let tauri::RunEvent::Ready = event {
            startup::mark("event loop ready");
        }
    });
}
