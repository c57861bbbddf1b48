//! `needlewise-background`: reminders, notification buttons and the tray, all year,
//! without a window. Started at login and by the window; one per data folder.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args = needlewise_background::args::Args::parse(std::env::args().skip(1));
    std::process::exit(needlewise_background::service::run(args));
}
