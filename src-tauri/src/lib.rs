//! The Needlewise desktop app: wiring only. Routine logic lives in `needlewise-core`;
//! commands are thin adapters in `commands/`.

mod arg;
mod camera;
pub mod cities;
pub mod commands;
pub mod error;
mod export_file;
mod guard;
pub mod import_file;
mod launch;
mod login_item;
pub mod open_dialog;
mod page_crash;
pub mod photo_files;
pub mod reminders;
pub mod startup;
pub mod state;
mod window;

// Said once, in the background process's crate: the clock and zone, and notifications.
use needlewise_background::clock;
pub use needlewise_background::notifier;

use std::path::PathBuf;

use needlewise_background::instance::Instance;
use needlewise_background::programs::Program;
use tauri::{Manager, Runtime};

use needlewise_background::data::{DataDir, DB_FILE};

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
        .register_uri_scheme_protocol(photo_files::SCHEME, photo_files::serve)
        .invoke_handler(guard::catching_panics(handler!()))
}

/// The generated context (config, assets, capabilities) for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run() {
    startup::begin();
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
    startup::mark("builder ready");
    builder(app, None)
        .setup(move |app| {
            startup::mark("setup (plugins set up)");
            let data = DataDir::chosen(custom_data.as_deref());
            // Reminders, their buttons and the tray live in the background process.
            let background = reminders::ensure_running(&data);
            startup::mark("background process found or started");
            // `--minimised` (an autostart entry of an earlier version) and `--quit` with no
            // window running: the background process is all that was wanted.
            if launch.minimised || launch.quit {
                std::process::exit(0);
            }
            match Instance::claim(&data, Program::Window) {
                Ok(instance) => {
                    app.manage(WindowInstance(instance));
                    // Reminders go on if the background process dies while the window is open.
                    reminders::keep_running(data.clone(), background);
                    // Photos an import chosen before an exit or a crash left staged.
                    needlewise_core::archive::clear_staging(
                        &needlewise_core::photo::PhotoFolder::beside(&data.db()),
                    );
                }
                Err(e) => eprintln!("needlewise: {e}"),
            }
            startup::mark("window instance claimed");
            app.manage(state::AppState::open(data.db()));
            startup::mark("database open");
            app.manage(login_item::LoginItem { args: login_args });
            window::show(app.handle());
            startup::mark("window built");
            Ok(())
        })
        .on_page_load(|_, payload| {
            startup::mark(match payload.event() {
                tauri::webview::PageLoadEvent::Started => "page load started",
                tauri::webview::PageLoadEvent::Finished => "page load finished",
            })
        })
        .build(context())
        .expect("Needlewise could not start")
        .run(|app, event| {
            if let tauri::RunEvent::Ready = event {
                startup::mark("event loop ready");
            }
            // The window closed (or Quit): fold the WAL into the database before the
            // process ends; reminders go on in the background process.
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.close();
                }
            }
        });
}

/// Held while the window runs, so the background process's Quit knows to close it.
struct WindowInstance(#[allow(dead_code)] Instance);

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
        launch::SecondLaunch::Quit => app.exit(0),
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
                done: None,
            };
            // Off the main thread: a hung notification service must not freeze it.
            std::thread::spawn(move || {
                let _ = notifier::send_once(&note);
            });
        }
    }
}
