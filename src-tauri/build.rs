//! Tauri build step. Only our own commands are exposed, and only through the capability
//! files under src-tauri/capabilities.

const COMMANDS: &[&str] = &[
    "app_status",
    "save_wizard_progress",
    "check_profile",
    "preview_schedule",
    "propose_first_dates",
    "classify_ingredients",
    "search_cities",
    "finish_setup",
    "today_plan",
    "set_aside_storage",
    "retry_storage",
    "restore_storage",
    "ui_ready",
    "day_plan",
    "calendar",
    "mark_session",
    "move_session",
    "clear_consult_hold",
    "add_hold",
    "clear_hold",
    "acknowledge_gates",
    "add_checkin",
    "checkin_history",
    "list_products",
    "add_product",
    "update_product",
    "delete_product",
    "get_settings",
    "save_settings",
    "save_profile",
    "export_data",
    "export_ics",
    "choose_import",
    "forget_import",
    "import_data",
    "reminder_status",
    "pause_reminders",
    "snooze_last_reminder",
    "notification_service",
    "send_test_notification",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build step failed");
}
