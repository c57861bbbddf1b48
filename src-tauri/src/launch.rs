//! The command line: where the data lives, whether to start with the window hidden, and
//! what a second launch asks of the running app (issue 10, item 17).

use std::path::{Path, PathBuf};

/// What one launch asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Launch {
    /// `--data-dir DIR` (or `--data-dir=DIR`).
    pub data_dir: Option<PathBuf>,
    /// `--minimised`: started at login; the window stays closed.
    pub minimised: bool,
    /// `--quit`: a running window closes (the background process was quit from its tray).
    pub quit: bool,
}

impl Launch {
    /// Read the arguments after the program's name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut launch = Launch::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            if a == "--minimised" {
                launch.minimised = true;
            } else if a == "--quit" {
                launch.quit = true;
            } else if a == "--data-dir" {
                launch.data_dir = args.next().map(PathBuf::from);
            } else if let Some(dir) = a.strip_prefix("--data-dir=") {
                launch.data_dir = Some(PathBuf::from(dir));
            }
        }
        launch
    }

    /// What a start at login passes: hidden, and the same data as now when it is not the
    /// default, so a portable or test install keeps its data after a restart.
    pub fn login_args(custom_data: Option<&Path>) -> Vec<String> {
        let mut args = vec!["--minimised".to_string()];
        if let Some(dir) = custom_data {
            args.push("--data-dir".into());
            args.push(absolute(dir, None).display().to_string());
        }
        args
    }
}

/// What the running app does when it is launched again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondLaunch {
    /// Close: Quit was chosen in the tray.
    Quit,
    /// Bring the window up (a click on the app's icon).
    ShowWindow,
    /// Nothing: a start at login while already running.
    StayHidden,
    /// The window, and a word that another data folder cannot be opened meanwhile.
    OtherData(PathBuf),
}

impl SecondLaunch {
    /// A word for the log (no paths: they may name the person).
    pub fn name(&self) -> &'static str {
        match self {
            SecondLaunch::Quit => "quit",
            SecondLaunch::ShowWindow => "show-window",
            SecondLaunch::StayHidden => "stay-hidden",
            SecondLaunch::OtherData(_) => "other-data",
        }
    }
}

/// Decide about a second launch with `argv` (program name first) from `cwd`, while this
/// process runs on the data in `running`.
pub fn second_launch(running: &Path, argv: &[String], cwd: &str) -> SecondLaunch {
    let launch = Launch::parse(argv.iter().skip(1).cloned());
    if let Some(dir) = launch.data_dir {
        let asked = absolute(&dir, Some(Path::new(cwd)));
        if !same_place(&asked, running) {
            return SecondLaunch::OtherData(asked);
        }
    }
    if launch.quit {
        SecondLaunch::Quit
    } else if launch.minimised {
        SecondLaunch::StayHidden
    } else {
        SecondLaunch::ShowWindow
    }
}

/// `dir` made absolute against `cwd` (or this process's working directory).
fn absolute(dir: &Path, cwd: Option<&Path>) -> PathBuf {
    if dir.is_absolute() {
        return dir.to_path_buf();
    }
    match cwd {
        Some(c) => c.join(dir),
        None => std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
    }
}

fn same_place(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(list: &[&str]) -> Vec<String> {
        std::iter::once("needlewise")
            .chain(list.iter().copied())
            .map(String::from)
            .collect()
    }

    #[test]
    fn arguments_are_read_in_both_forms() {
        let l = Launch::parse(
            argv(&["--minimised", "--data-dir", "/tmp/x"])
                .into_iter()
                .skip(1),
        );
        assert_eq!(l.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(l.minimised);
        let l = Launch::parse(["--data-dir=/tmp/y y".to_string()]);
        assert_eq!(l.data_dir, Some(PathBuf::from("/tmp/y y")));
        assert!(!l.minimised);
        assert_eq!(Launch::parse(["--data-dir".to_string()]).data_dir, None);
    }

    #[test]
    fn a_second_launch_is_answered_by_what_it_asked() {
        let here = tempfile::tempdir().unwrap();
        let running = here.path().join("data");
        std::fs::create_dir(&running).unwrap();
        let cwd = here.path().to_str().unwrap();
        let show = second_launch(&running, &argv(&[]), cwd);
        assert_eq!(show, SecondLaunch::ShowWindow);
        let login = second_launch(&running, &argv(&["--minimised"]), cwd);
        assert_eq!(login, SecondLaunch::StayHidden);
        // Quit chosen in the background process's tray.
        let quit = second_launch(&running, &argv(&["--quit", "--data-dir", "data"]), cwd);
        assert_eq!(quit, SecondLaunch::Quit);
        // The same folder, named relative to the second launch's directory: not "other".
        let same = second_launch(&running, &argv(&["--minimised", "--data-dir", "data"]), cwd);
        assert_eq!(same, SecondLaunch::StayHidden);
        let other = second_launch(&running, &argv(&["--data-dir", "elsewhere"]), cwd);
        assert_eq!(
            other,
            SecondLaunch::OtherData(here.path().join("elsewhere"))
        );
    }

    #[test]
    fn a_start_at_login_keeps_a_custom_data_folder() {
        assert_eq!(Launch::login_args(None), ["--minimised"]);
        assert_eq!(
            Launch::login_args(Some(Path::new("/data/my data"))),
            ["--minimised", "--data-dir", "/data/my data"]
        );
    }
}
