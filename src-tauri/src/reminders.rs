//! The window's link to the background process, which owns the reminder loop: it is
//! started if it is not running, told at once when something reminders are planned from
//! changes, asked for its status, and asked to let go of the database while its file is
//! replaced. When it cannot be reached the window carries on: the loop still looks at the
//! database within its longest sleep (five minutes on Linux, one elsewhere).

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use needlewise_background::data::DataDir;
use needlewise_background::ending::{self, Ending};
use needlewise_background::instance::Instance;
use needlewise_background::programs::{Program, Started};
use needlewise_background::wake::{self, Request};
use tauri::Manager;

use crate::error::CommandResult;

/// The data folder of the database at `db`.
pub fn data_of(db: &Path) -> DataDir {
    DataDir::new(db.parent().unwrap_or(Path::new(".")))
}

/// What [`ensure_running`] found or did.
pub enum Background {
    /// One runs already.
    Found,
    /// The window started one.
    Started(Started),
    /// Starting one failed (said on stderr).
    Failed,
}

/// Start the background process on `data` unless one runs there.
pub fn ensure_running(data: &DataDir) -> Background {
    if Instance::running(data, Program::Background) {
        return Background::Found;
    }
    let args = ["--data-dir".into(), data.path().as_os_str().to_owned()];
    match Program::Background.start(&args) {
        Ok(started) => Background::Started(started),
        Err(e) => {
            eprintln!(
                "needlewise: the background process did not start ({e}); reminders wait for it"
            );
            Background::Failed
        }
    }
}

/// How many times in a row the window starts a background process that died: one that
/// keeps dying would only die again.
pub const MAX_RESTARTS: u32 = 3;

/// A process that ran this long before dying does not count against [`MAX_RESTARTS`]: a
/// window open for weeks may see rare, unrelated crashes.
const RESTARTS_FORGOTTEN_AFTER: Duration = Duration::from_secs(10 * 60);

/// How long a background process just started may take to claim its lock.
const START_WITHIN: Duration = Duration::from_secs(10);

/// Why reminders stopped while the window is open, when the window gave up on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Stopped {
    /// The background process could not be started, or did not come up.
    NotStarted,
    /// It died again after [`MAX_RESTARTS`] restarts in a row.
    KeptDying,
}

/// Set by the watch when it gives up; read by `reminder_status`.
static STOPPED: Mutex<Option<Stopped>> = Mutex::new(None);

/// Why reminders stopped, if the window gave up on them.
pub fn stopped() -> Option<Stopped> {
    *STOPPED.lock().unwrap_or_else(|e| e.into_inner())
}

fn give_up(why: Stopped) {
    *STOPPED.lock().unwrap_or_else(|e| e.into_inner()) = Some(why);
}

/// While the window is open, start the background process on `data` again whenever it
/// dies (a crash, a kill), however soon after it started; not when it ended cleanly (Quit,
/// which closes the window too, or a termination signal). `background`: what the window
/// found or started as it opened.
pub fn keep_running(data: DataDir, background: Background) {
    let watch = move || {
        let mut restarts = 0;
        let mut background = background;
        loop {
            let since = Instant::now();
            let ended = match came_up(&data, &background) {
                Came::Up => ending::wait(&data),
                Came::Died => Ok(Ending::Died),
                Came::NotStarted => {
                    eprintln!(
                        "needlewise: the background process is not running; reminders wait for it"
                    );
                    give_up(Stopped::NotStarted);
                    return;
                }
            };
            match ended {
                Ok(Ending::Died) => {
                    if since.elapsed() > RESTARTS_FORGOTTEN_AFTER {
                        restarts = 0;
                    }
                    if restarts == MAX_RESTARTS {
                        eprintln!(
                            "needlewise: the background process ended unexpectedly again; \
                             not starting it a {}th time",
                            MAX_RESTARTS + 1
                        );
                        give_up(Stopped::KeptDying);
                        return;
                    }
                    restarts += 1;
                    eprintln!(
                        "needlewise: the background process ended unexpectedly; starting it again"
                    );
                    background = ensure_running(&data);
                }
                Ok(Ending::Quit) => return,
                Err(e) => {
                    eprintln!("needlewise: cannot watch the background process ({e})");
                    return;
                }
            }
        }
    };
    if let Err(e) = std::thread::Builder::new()
        .name("background-watch".into())
        .spawn(watch)
    {
        eprintln!("needlewise: cannot watch the background process ({e})");
    }
}

/// What became of a background process the watch looks for.
enum Came {
    /// Seen holding its lock, or gone cleanly: its lock and quit mark tell the rest.
    Up,
    /// Gone without a clean end before it was seen: a death, like any other.
    Died,
    /// Could not start, or did not come up in time.
    NotStarted,
}

/// Wait (briefly) for the background process to hold its lock. One the window started may
/// end between two looks, so how it ended is read too: otherwise a process dying as soon
/// as it is up would pass for one that never started, and would not be started again.
fn came_up(data: &DataDir, background: &Background) -> Came {
    let running = || Instance::running(data, Program::Background);
    let started = match background {
        // It ran a moment ago: running still, or gone and its quit mark says how.
        Background::Found => return Came::Up,
        Background::Failed if running() => return Came::Up,
        Background::Failed => return Came::NotStarted,
        Background::Started(started) => started,
    };
    let deadline = Instant::now() + START_WITHIN;
    loop {
        if running() {
            return Came::Up;
        }
        if let Some(status) = started.ended() {
            return gone_before_seen(status);
        }
        if Instant::now() > deadline {
            return Came::NotStarted;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A process the window started and never saw holding its lock, by how it ended.
fn gone_before_seen(status: std::process::ExitStatus) -> Came {
    match status.code() {
        Some(ending::COULD_NOT_START) => Came::NotStarted,
        // The system could not run it (126, 127: not executable, a library missing).
        #[cfg(unix)]
        Some(126 | 127) => Came::NotStarted,
        // Asked to quit, or another one runs (it found the lock taken).
        Some(0) => Came::Up,
        _ => Came::Died,
    }
}

/// Ask the background process of the app's data; `None` when there is no app state (IPC
/// tests without data) or no process answers.
fn ask<R: tauri::Runtime>(app: &tauri::AppHandle<R>, request: Request) -> Option<wake::Answer> {
    let state = app.try_state::<crate::state::AppState>()?;
    let data = data_of(&state.db_path);
    match wake::ask(&data, request) {
        Ok(value) => Some(Ok(value)),
        Err(needlewise_background::error::Error::Refused(why)) => Some(Err(why)),
        Err(_) => None,
    }
}

/// Tell the background process of `data` to look again now: something it plans from
/// changed (every command that writes, through `AppState::with_store`).
pub fn replan(data: &DataDir) {
    let _ = wake::ask(data, Request::Replan);
}

/// Make the background process reopen the database: its file was replaced.
pub fn reopen<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let _ = ask(app, Request::Reopen);
}

/// What the loop reported after its last pass, as the background process sent it.
pub fn status<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Option<serde_json::Value> {
    let text = ask(app, Request::Status)?.ok()??;
    serde_json::from_str(&text).ok()
}

/// Snooze the last notification shown for an hour; when it comes back.
pub fn snooze_last<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
) -> CommandResult<chrono::DateTime<chrono::Utc>> {
    let conflict = |why: String| needlewise_core::CoreError::Conflict(why).into();
    let answer = ask(app, Request::SnoozeLast)
        .ok_or_else(|| conflict("the reminder process is not running".into()))?;
    let until = answer.map_err(conflict)?.unwrap_or_default();
    chrono::DateTime::parse_from_rfc3339(&until)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| conflict(format!("the reminder process answered {until:?} ({e})")))
}

/// Ask the background process to let go of the database file until [`reopen`]; whether
/// it has (true too when none runs: nothing holds the file then).
pub fn hold(data: &DataDir) -> bool {
    match wake::ask(data, Request::Hold) {
        Ok(_) => true,
        Err(_) => !Instance::running(data, Program::Background),
    }
}

/// After [`hold`]: the background process may open the file again.
pub fn release(data: &DataDir) {
    let _ = wake::ask(data, Request::Reopen);
}
