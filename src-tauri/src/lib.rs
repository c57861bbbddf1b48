//! The Needlewise desktop app: wiring only. Routine logic lives in `needlewise-core`;
//! commands are thin adapters in `commands/`.

mod arg;
pub mod cities;
pub mod commands;
pub mod error;
mod export_file;
mod guard;
pub mod import_file;
mod launch;
mod login_item;
pub mod reminders;
pub mod state;
mod tray;
mod window;

// Said once, in the background process's crate: the clock and zone, and notifications.
pub use needlewise_background::notifier;
use needlewise_background::{clock, courier};

use std::path::PathBuf;

use tauri::{Manager, Runtime};

const DB_FILE: &str = "needlewise.db";

/// Where the database lives: `--data-dir` or `NEEDLEWISE_DATA_DIR` (end-to-end tests,
/// portable use), else the platform's app data directory.
fn data_dir<R: Runtime>(app: &tauri::App<R>, custom: Option<&std::path::Path>) -> PathBuf {
    if let Some(dir) = custom {
        return dir.to_path_buf();
    }
    app.path()
        .app_data_dir()
        .unwrap_or_else(|_| PathBuf::from(".needlewise"))
}

/// `handler!()`: Tauri's handler for every command in `commands/list.rs`.
macro_rules! commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        macro_rules! handler {
            () => {
                tauri::generate_handler![$(commands::$module::$name),*]
            };
        }
    };
}
include!("commands/list.rs");

/// The app's builder with its state and commands, for any runtime (tests use the mock one
/// and give their own data directory; the real app opens its data in `run`).
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, data: Option<PathBuf>) -> tauri::Builder<R> {
    let builder = match data {
        Some(dir) => builder.manage(state::AppState::open(dir.join(DB_FILE))),
        None => builder,
    };
    builder
        .manage(import_file::ChosenImport::default())
        .invoke_handler(guard::catching_panics(handler!()))
}

/// The generated context (config, assets, capabilities) for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// When the process started, for the start-up time the UI reports (see `ui_ready`).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    let launch = launch::Launch::parse(std::env::args().skip(1));
    let custom_data = launch
        .data_dir
        .clone()
        .or_else(|| std::env::var_os("NEEDLEWISE_DATA_DIR").map(PathBuf::from));
    let login_args = launch::Launch::login_args(custom_data.as_deref());
    let app = tauri::Builder::default()
        // First: a second launch hands its arguments to this one and exits.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            on_second_launch(app, &args, &cwd)
        }))
        // Save and open dialogs for exports and imports, called from Rust only: the window is granted none of
        // the plugin's own commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args(login_args.clone())
                .build(),
        );
    builder(app, None)
        .setup(move |app| {
            let db = data_dir(app, custom_data.as_deref()).join(DB_FILE);
            app.manage(state::AppState::open(db.clone()));
            app.manage(login_item::LoginItem { args: login_args });
            if let Err(e) = tray::build(app.handle()) {
                eprintln!("needlewise: no tray icon ({e})");
            }
            let handle = app.handle().clone();
            let notifier = std::sync::Arc::new(notifier::Desktop::new(notifier_actions(
                app.handle().clone(),
            )));
            app.manage(notifier.clone());
            let gate = app.state::<state::AppState>().gate.clone();
            let gone = app.handle().clone();
            let on_file_gone = move || {
                // Checking the state saves what it had and shows the storage screen.
                let _ = gone.state::<state::AppState>().problem();
            };
            let loop_handle = reminders::start(db, gate, notifier, on_file_gone, move |status| {
                tray::set_next(&handle, &status_line(status));
            });
            app.manage(loop_handle);
            if !launch.minimised {
                window::show(app.handle());
            }
            Ok(())
        })
        .build(context())
        .expect("Needlewise could not start")
        .run(|app, event| match event {
            // Closing the window leaves reminders running in the tray; Quit passes a code.
            tauri::RunEvent::ExitRequested {
                code: None, api, ..
            } => api.prevent_exit(),
            // Quitting: fold the WAL into the database before the process ends.
            tauri::RunEvent::Exit => {
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.close();
                }
            }
            _ => {}
        });
}

/// Needlewise launched again while running: show the window, stay hidden (a start at
/// login), or say that a different data folder cannot be opened alongside.
fn on_second_launch<R: Runtime>(app: &tauri::AppHandle<R>, argv: &[String], cwd: &str) {
    let running = app.state::<state::AppState>().db_path.clone();
    let running = running.parent().unwrap_or(&running);
    let decision = launch::second_launch(running, argv, cwd);
    if std::env::var_os("NEEDLEWISE_LOG").is_some() {
        eprintln!("needlewise: second launch: {}", decision.name());
    }
    match decision {
        launch::SecondLaunch::StayHidden => {}
        launch::SecondLaunch::ShowWindow => window::show(app),
        launch::SecondLaunch::OtherData(asked) => {
            window::show(app);
            let note = needlewise_core::reminders::Notification {
                keys: Vec::new(),
                title: "Needlewise is already running".into(),
                body: format!(
                    "It is using the data in {}. To open {}, quit Needlewise from its tray icon first, then start it again.",
                    running.display(),
                    asked.display()
                ),
                session: None,
            };
            if let Some(n) = app.try_state::<std::sync::Arc<notifier::Desktop>>() {
                let n = n.inner().clone();
                // Off the main thread: a hung notification service must not freeze it.
                std::thread::spawn(move || {
                    use notifier::Notifier;
                    let _ = n.send(&note);
                });
            }
        }
    }
}

/// The tray's one-line summary of the reminder loop.
fn status_line(status: &reminders::LoopStatus) -> String {
    if let Some(problem) = &status.delivery_problem {
        return format!("Reminders not delivered: {problem}");
    }
    if status.storage_problem.is_some() {
        return "Reminders cannot be saved: the disk is full".into();
    }
    match status.last.as_ref().and_then(|r| r.upcoming.as_ref()) {
        Some(o) => {
            let at = o.fire_at.with_timezone(&clock::zone());
            format!("Next: {} ({})", o.title, at.format("%a %H:%M"))
        }
        None => "No reminders coming up".into(),
    }
}

/// What the notification buttons do: Done marks the session done.
fn notifier_actions<R: Runtime>(app: tauri::AppHandle<R>) -> notifier::ActionHandler {
    std::sync::Arc::new(move |action, n| {
        let state = app.state::<state::AppState>();
        let result = match action {
            notifier::Action::Done => match n.session.clone() {
                Some(r) => state.with_store(|store| Ok(store.mark_done(&r)?)),
                None => Ok(()),
            },
            notifier::Action::Snooze => state.with_store(|store| {
                let snooze = needlewise_core::reminders::snooze(n, clock::now(), clock::zone());
                Ok(store.snoozes().add(&snooze)?)
            }),
        };
        if let Err(e) = result {
            eprintln!(
                "needlewise: could not act on the notification ({})",
                e.kind()
            );
        }
        if let Some(l) = app.try_state::<std::sync::Arc<reminders::Reminders>>() {
            l.wake();
        }
    })
}
