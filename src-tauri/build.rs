//! Tauri build step. Only our own commands are exposed, and only through the capability
//! files under src-tauri/capabilities.

const COMMANDS: &[&str] = &[
    "app_status",
    "save_wizard_progress",
    "check_profile",
    "preview_schedule",
    "classify_ingredients",
    "search_cities",
    "finish_setup",
    "today_plan",
    "set_aside_storage",
    "ui_ready",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build step failed");
}
