//! The tray icon on Windows: the shell's notification area (Shell_NotifyIcon, through the
//! tray-icon crate). Windows delivers an icon's clicks to the thread that made it, through
//! that thread's message loop, so the icon lives on a thread of its own running one. New
//! lines and the order to stop wait in a channel and a flag, and a posted message wakes the
//! loop to look at them: while the menu is open its own loop drops such thread messages, so
//! the loop also looks after every other message (the menu closing sends one).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use windows_sys::Win32::System::Threading::GetCurrentThreadId;
use windows_sys::Win32::UI::WindowsAndMessaging::{
    DispatchMessageW, GetMessageW, PostThreadMessageW, TranslateMessage, MSG, WM_APP, WM_QUIT,
};

use super::menu::{Error, LeftClick, Shown};
use crate::control::Control;

/// Posted to the tray's thread when a new line waits in its channel.
const NEW_LINE: u32 = WM_APP + 1;

/// How long `stop` waits for the icon to go before the process goes on without it.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// The running tray icon.
#[derive(Clone)]
pub struct Tray(Arc<Inner>);

struct Inner {
    thread_id: u32,
    lines: Sender<String>,
    stopping: Arc<AtomicBool>,
    /// Disconnected when the tray's thread has ended.
    ended: Mutex<Receiver<()>>,
}

impl Tray {
    /// Put the icon in the notification area, on its own thread.
    pub fn start(controls: Sender<Control>) -> Result<Self, Error> {
        let (made, made_answer) = mpsc::channel();
        let (lines, new_lines) = mpsc::channel();
        let (ending, ended) = mpsc::channel::<()>();
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        std::thread::Builder::new()
            .name("tray".into())
            .spawn(move || {
                let _ending = ending;
                match Shown::make(controls, LeftClick::Opens) {
                    Ok(shown) => {
                        let _ = made.send(Ok(current_thread()));
                        message_loop(shown, &new_lines, &stop);
                    }
                    Err(e) => {
                        let _ = made.send(Err(e));
                    }
                }
            })
            .map_err(|e| Error::Made(e.to_string()))?;
        let thread_id = made_answer.recv().map_err(|_| Error::Gone)??;
        Ok(Tray(Arc::new(Inner {
            thread_id,
            lines,
            stopping,
            ended: Mutex::new(ended),
        })))
    }

    /// Show `line` as what comes next.
    pub fn set_line(&self, line: String) {
        if self.0.lines.send(line).is_ok() {
            self.post(NEW_LINE);
        }
    }

    /// Take the icon away: its thread ends after the message it is handling. Waits for that
    /// (not on the tray's own thread, and not for ever).
    pub fn stop(&self) {
        self.0.stopping.store(true, Ordering::SeqCst);
        self.post(WM_QUIT);
        if current_thread() != self.0.thread_id {
            if let Ok(ended) = self.0.ended.lock() {
                let _ = ended.recv_timeout(STOP_WAIT);
            }
        }
    }

    fn post(&self, message: u32) {
        // SAFETY: a thread message with no pointers in it; a thread that has ended makes
        // the call fail, which changes nothing.
        unsafe {
            PostThreadMessageW(self.0.thread_id, message, 0, 0);
        }
    }
}

/// The icon's thread's message loop, until `stop`. The icon goes when `shown` is dropped.
fn message_loop(shown: Shown, new_lines: &Receiver<String>, stopping: &AtomicBool) {
    // SAFETY: MSG is plain data; all zeroes is a valid empty message.
    let mut message: MSG = unsafe { std::mem::zeroed() };
    // GetMessageW answers 0 for WM_QUIT and -1 on an error.
    // SAFETY: `message` outlives the call; a null window takes the thread's messages.
    while unsafe { GetMessageW(&mut message, std::ptr::null_mut(), 0, 0) } > 0 {
        if !(message.hwnd.is_null() && message.message == NEW_LINE) {
            // SAFETY: a message GetMessageW just filled in.
            unsafe {
                TranslateMessage(&message);
                DispatchMessageW(&message);
            }
        }
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        if let Some(line) = new_lines.try_iter().last() {
            shown.show(&line);
        }
    }
}

fn current_thread() -> u32 {
    // SAFETY: no arguments; names the calling thread.
    unsafe { GetCurrentThreadId() }
}
