//! Starting Needlewise's other program, installed beside this one: the background process
//! starts the window (tray: Open; Quit tells a running window to go too), and the window
//! starts the background process when it is not running.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, OnceLock};

/// Needlewise's two programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// The window (the Tauri app).
    Window,
    /// This crate's binary.
    Background,
}

impl Program {
    fn name(self) -> &'static str {
        match self {
            Program::Window => "needlewise",
            Program::Background => "needlewise-background",
        }
    }

    /// The program beside the running one.
    pub fn path(self) -> std::io::Result<PathBuf> {
        let me = std::env::current_exe()?;
        Ok(me.with_file_name(format!("{}{}", self.name(), std::env::consts::EXE_SUFFIX)))
    }

    /// Start it with `args`, in a process group of its own (so it outlives whatever ends
    /// this one's group); a thread reaps it when it ends first, so no zombie is left, and
    /// keeps how it ended.
    pub fn start(self, args: &[OsString]) -> std::io::Result<Started> {
        let mut command = Command::new(self.path()?);
        command.args(args).stdin(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let mut child = command.spawn()?;
        let started = Started::default();
        let ended = started.0.clone();
        std::thread::Builder::new()
            .name("reaper".into())
            .spawn(move || {
                if let Ok(status) = child.wait() {
                    let _ = ended.set(status);
                }
            })?;
        Ok(started)
    }
}

/// A process this one started: whether it has ended, which a lock cannot tell of one that
/// ended before anyone looked.
#[derive(Debug, Default)]
pub struct Started(Arc<OnceLock<ExitStatus>>);

impl Started {
    /// How it ended, once it has.
    pub fn ended(&self) -> Option<ExitStatus> {
        self.0.get().copied()
    }
}
