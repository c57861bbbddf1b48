//! `needlewise-background`: reminders, notification buttons and the tray, all year,
//! without a window. Started at login and by the window; one per data folder.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use needlewise_background::{args::Args, service};

fn main() {
    let args = Args::parse(std::env::args().skip(1));
    // macOS: the menu bar needs AppKit's loop on the main thread; the service moves over.
    #[cfg(target_os = "macos")]
    needlewise_background::tray::run_app(move || service::run(args));
    #[cfg(not(target_os = "macos"))]
    std::process::exit(service::run(args));
}
