//! A panic in a command becomes an error reply instead of ending the app (issue 10,
//! item 5). Commands run on the main thread, and a panic unwinding out of the webview's
//! IPC callback aborts the whole process — the window, the tray and the reminders with it.
//! Whatever transaction the command had open rolls back as the panic unwinds.

use std::panic::{catch_unwind, AssertUnwindSafe};

use tauri::ipc::Invoke;
use tauri::Runtime;

use crate::error::CommandError;

/// Wrap the generated command handler so that a panic is answered with
/// [`CommandError::Unexpected`].
pub fn catching_panics<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        let resolver = invoke.resolver.clone();
        let command = invoke.message.command().to_string();
        let started = crate::startup::command(&command);
        let handled = catch_unwind(AssertUnwindSafe(|| {
            injected_fault(&command);
            handler(invoke)
        }));
        crate::startup::command_done(&command, started);
        handled.unwrap_or_else(|_| {
            eprintln!("needlewise: command {command} stopped unexpectedly");
            resolver.reject(CommandError::Unexpected { command });
            true
        })
    }
}

/// For async commands, which run outside [`catching_panics`] on the async runtime: run
/// `work`, a panic becoming the same error reply instead of a promise never answered.
pub fn or_unexpected<T>(
    command: &str,
    work: impl FnOnce() -> crate::error::CommandResult<T>,
) -> crate::error::CommandResult<T> {
    catch_unwind(AssertUnwindSafe(|| {
        injected_fault(command);
        work()
    }))
    .unwrap_or_else(|_| {
        eprintln!("needlewise: command {command} stopped unexpectedly");
        Err(CommandError::Unexpected {
            command: command.to_string(),
        })
    })
}

/// Tests make a command panic on purpose with `NEEDLEWISE_PANIC_IN=<command>`; release
/// builds do not have this.
fn injected_fault(command: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("NEEDLEWISE_PANIC_IN").is_ok_and(|c| c == command) {
        panic!("a fault injected into {command} by NEEDLEWISE_PANIC_IN");
    }
    #[cfg(not(debug_assertions))]
    let _ = command;
}
