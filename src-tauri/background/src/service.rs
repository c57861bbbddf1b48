//! The background process from start to exit: claim the data folder, start the loop, the
//! notifications, the tray and the wake channel, then carry out [`Control`]s until Quit.

use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::args::Args;
use crate::clock;
use crate::control::Control;
use crate::data::DataDir;
use crate::error::Error;
use crate::instance::Instance;
use crate::notifier::{ActionHandler, Desktop};
use crate::programs::Program;
use crate::reminders::{self, Order, Reminders};
use crate::wake::{Answer, Request};

/// How long a request that waits for the loop is given.
const LOOP_ANSWER: Duration = Duration::from_secs(10);

/// Run until Quit; the process's exit code.
pub fn run(args: Args) -> i32 {
    let data = DataDir::chosen(args.data_dir.as_deref());
    let _instance = match Instance::claim(&data, Program::Background) {
        Ok(instance) => instance,
        Err(Error::AlreadyRunning) => {
            eprintln!("needlewise-background: already running on this data");
            return 0;
        }
        Err(e) => {
            eprintln!("needlewise-background: cannot start ({e})");
            return crate::ending::COULD_NOT_START;
        }
    };
    crate::ending::starting(&data);
    let (controls, received) = channel();
    #[cfg(unix)]
    crate::signals::forward(controls.clone());
    let slot: Arc<OnceLock<Arc<Reminders>>> = Arc::default();
    let notifier = Arc::new(Desktop::new(buttons(slot.clone())));
    let tray = start_tray(controls.clone());
    let on_report = reporter(tray.clone(), data.clone(), controls.clone());
    let reminders = reminders::start(data.db(), notifier, on_report);
    let _ = slot.set(reminders.clone());
    listen(&data, reminders.clone(), controls);
    let mut close_window = false;
    for control in received {
        match control {
            Control::Open => {
                if let Err(e) = Program::Window.start(&args.passed_on()) {
                    eprintln!("needlewise-background: cannot start the window ({e})");
                }
            }
            Control::PauseHour => reminders.order(Order::Pause(Some(
                clock::now() + chrono::Duration::hours(1),
            ))),
            Control::Quit => {
                close_window = true;
                break;
            }
            Control::Stop => break,
        }
    }
    let _ = std::fs::remove_file(data.socket());
    stop_tray(tray);
    if close_window && Instance::running(&data, Program::Window) {
        // Quit means all of Needlewise: the running window hands `--quit` to itself.
        let mut quit = vec!["--quit".into()];
        quit.extend(args.passed_on());
        if let Err(e) = Program::Window.start(&quit) {
            eprintln!("needlewise-background: cannot close the window ({e})");
        }
    }
    // Last, while the lock is held: a window still open must not start us again.
    if let Err(e) = crate::ending::quitting(&data) {
        eprintln!("needlewise-background: {e}");
    }
    0
}

/// After each pass: the tray's line, and Quit when the data folder has gone (deleted with
/// everything in it: nothing is left to remind of; a new window starts a new process).
fn reporter(
    tray: Tray,
    data: DataDir,
    controls: Sender<Control>,
) -> impl Fn(&crate::status::LoopStatus) + Send {
    let tray_line = tray_reporter(tray);
    move |status| {
        tray_line(status);
        if !data.path().exists() {
            let _ = controls.send(Control::Quit);
        }
    }
}

/// What the notification buttons do: the loop carries them out on its connection.
fn buttons(slot: Arc<OnceLock<Arc<Reminders>>>) -> ActionHandler {
    Arc::new(move |action, n| {
        if let Some(r) = slot.get() {
            r.order(Order::Act(action, n.clone()));
        }
    })
}

type Tray = Option<crate::tray::Tray>;

/// The tray icon, where the platform shows one (on Linux, with a session bus running).
fn start_tray(controls: Sender<Control>) -> Tray {
    crate::tray::Tray::start(controls)
        .map_err(|e| eprintln!("needlewise-background: no tray icon ({e})"))
        .ok()
}

/// After each pass: the tray's line, sent to the tray only when it changed (each update
/// wakes the thread the icon lives on and tells the tray host).
fn tray_reporter(tray: Tray) -> impl Fn(&crate::status::LoopStatus) + Send {
    let shown = std::cell::RefCell::new(String::new());
    move |status| {
        let line = status.line(clock::zone());
        if let Some(tray) = tray.as_ref().filter(|_| *shown.borrow() != line) {
            tray.set_line(line.clone());
            *shown.borrow_mut() = line;
        }
    }
}

/// Take the tray icon away before exiting (a Quit clicked in its menu is answered first).
fn stop_tray(tray: Tray) {
    if let Some(tray) = tray {
        tray.stop();
    }
}

/// Answer the window on the wake channel, on a thread of its own.
fn listen(data: &DataDir, reminders: Arc<Reminders>, controls: Sender<Control>) {
    let quit = controls.clone();
    let serving = crate::wake::Listener::bind(data).and_then(|l| {
        l.serve(
            move |request| answer(request, &reminders, &controls),
            move |request| {
                if request == Request::Quit {
                    let _ = quit.send(Control::Quit);
                }
            },
        )
    });
    if let Err(e) = serving {
        eprintln!("needlewise-background: the window cannot wake us ({e})");
    }
}

/// One request from the window.
fn answer(request: Request, reminders: &Reminders, controls: &Sender<Control>) -> Answer {
    match request {
        Request::Ping => Ok(None),
        Request::Replan => {
            reminders.wake();
            Ok(None)
        }
        Request::Reopen => {
            reminders.order(Order::Reopen);
            Ok(None)
        }
        Request::Hold => {
            let (closed, when) = channel();
            reminders.order(Order::Hold(closed));
            when.recv_timeout(LOOP_ANSWER)
                .map(|()| None)
                .map_err(|_| "the reminder loop did not let go of the database".into())
        }
        Request::SnoozeLast => {
            let (reply, until) = channel();
            reminders.order(Order::SnoozeLast(reply));
            let until = until
                .recv_timeout(LOOP_ANSWER)
                .map_err(|_| "the reminder loop did not answer".to_string())??;
            Ok(Some(until.to_rfc3339()))
        }
        Request::Status => serde_json::to_string(&reminders.status())
            .map(Some)
            .map_err(|e| e.to_string()),
        Request::PauseHour => controls
            .send(Control::PauseHour)
            .map(|()| None)
            .map_err(|e| e.to_string()),
        // Carried out once answered (see `listen`).
        Request::Quit => Ok(None),
    }
}
