//! Starting at login: what starts is the background process (reminders and the tray, no
//! window). On Linux Needlewise writes its own XDG autostart entry for it: the autostart
//! plugin writes `Exec=<path> <args>` unquoted, which breaks for an app (or a data folder)
//! whose path has a space (issue 10, item 17). Elsewhere the plugin's login item starts
//! the window program with `--minimised`, which starts the background process and exits.

#[cfg(target_os = "linux")]
use std::path::{Path, PathBuf};

/// How this process would be started at login: its own program with `args`.
pub struct LoginItem {
    // Elsewhere the plugin was given these when it was built.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    pub args: Vec<String>,
}

impl LoginItem {
    /// Make the system's login items match `on`.
    pub fn set<R: tauri::Runtime>(
        &self,
        app: &tauri::AppHandle<R>,
        on: bool,
    ) -> Result<(), String> {
        #[cfg(target_os = "linux")]
        {
            use tauri::Manager;
            // Remove what an earlier version wrote through the plugin, so there is one.
            if let Some(m) = app.try_state::<tauri_plugin_autostart::AutoLaunchManager>() {
                let _ = m.disable();
            }
            let entry = entry_path().ok_or("no home folder to keep the login item in")?;
            if on {
                // An AppImage runs from a mount that is gone after logout: start the image
                // (its window program with `--minimised` starts the background process).
                let exe = match std::env::var_os("APPIMAGE") {
                    Some(image) => PathBuf::from(image),
                    None => needlewise_background::programs::Program::Background
                        .path()
                        .map_err(|e| e.to_string())?,
                };
                write_entry(&entry, &exe, &self.args).map_err(|e| e.to_string())
            } else {
                match std::fs::remove_file(&entry) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.to_string()),
                    _ => Ok(()),
                }
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            use tauri::Manager;
            let Some(manager) = app.try_state::<tauri_plugin_autostart::AutoLaunchManager>() else {
                return Ok(());
            };
            let result = if on {
                manager.enable()
            } else {
                manager.disable()
            };
            result.map_err(|e| e.to_string())
        }
    }
}

#[cfg(target_os = "linux")]
/// `$XDG_CONFIG_HOME/autostart/needlewise.desktop` (XDG Autostart specification).
pub fn entry_path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("autostart").join("needlewise.desktop"))
}

#[cfg(target_os = "linux")]
/// Write the entry in one step (a temporary file renamed over it).
pub fn write_entry(entry: &Path, exe: &Path, args: &[String]) -> std::io::Result<()> {
    if let Some(dir) = entry.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = format!(
        "[Desktop Entry]\nType=Application\nName=Needlewise\nComment=Skincare and microneedling reminders\nExec={}\nIcon=needlewise\nTerminal=false\nStartupNotify=false\nX-GNOME-Autostart-enabled=true\n",
        exec_line(exe, args)
    );
    let temporary = entry.with_extension("desktop.new");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, entry)
}

#[cfg(target_os = "linux")]
/// The `Exec` value: each argument quoted where the Desktop Entry specification requires
/// it, `%` doubled (field codes), then escaped as a string value.
pub fn exec_line(exe: &Path, args: &[String]) -> String {
    let program = exe.to_string_lossy();
    let words = std::iter::once(program.as_ref())
        .chain(args.iter().map(String::as_str))
        .map(quote)
        .collect::<Vec<_>>()
        .join(" ");
    let mut value = String::new();
    for c in words.replace('%', "%%").chars() {
        match c {
            '\\' => value.push_str("\\\\"),
            '\n' => value.push_str("\\n"),
            '\t' => value.push_str("\\t"),
            '\r' => value.push_str("\\r"),
            c => value.push(c),
        }
    }
    value
}

#[cfg(target_os = "linux")]
/// Characters that make the specification require quoting an argument.
const RESERVED: &[char] = &[
    ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')',
    '`', '=',
];

#[cfg(target_os = "linux")]
fn quote(word: &str) -> String {
    if !word.is_empty() && !word.contains(RESERVED) {
        return word.to_string();
    }
    let mut quoted = String::from("\"");
    for c in word.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// The entry is launched by GLib's desktop-entry launcher (`gio launch`, as desktops
    /// do at login) and the program receives exactly our arguments, spaces and all.
    #[test]
    fn glib_launches_the_entry_with_every_argument_intact() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let bin = root.path().join("Applications with space");
        std::fs::create_dir(&bin).unwrap();
        let exe = bin.join("need le wise");
        let got = root.path().join("argv");
        std::fs::write(
            &exe,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
                got.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o700)).unwrap();
        let args: Vec<String> = [
            "--minimised",
            "--data-dir",
            "/home/ana/My Data/\"quoted\" $HOME `x` back\\slash 100% sure",
        ]
        .map(String::from)
        .to_vec();
        let entry = root.path().join("autostart").join("needlewise.desktop");
        write_entry(&entry, &exe, &args).unwrap();
        let status = std::process::Command::new("gio")
            .arg("launch")
            .arg(&entry)
            .status()
            .expect("gio (libglib2.0-bin) runs");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        while !got.exists() {
            assert!(
                Instant::now() < deadline,
                "the entry did not start the program"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let received: Vec<String> = std::fs::read_to_string(&got)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(received, args);
    }
}
