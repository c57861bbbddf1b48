//! The tray icon: Open, what comes next, Pause for an hour, Quit. Each platform's own tray,
//! with no webview: a StatusNotifierItem on Linux and the BSDs, the notification area on
//! Windows, the menu bar on macOS. Either way the menu hands what was chosen to the thread
//! that carries out the orders as a [`Control`](crate::control::Control).

/// The menu's labels, which tests read over com.canonical.dbusmenu.
pub const OPEN: &str = "Open Needlewise";
pub const PAUSE_HOUR: &str = "Pause for an hour";
pub const QUIT: &str = "Quit Needlewise";
/// What the line says before the first reminder pass.
const FIRST_LINE: &str = "Nothing due yet";

#[cfg(all(unix, not(target_os = "macos")))]
mod sni;
#[cfg(all(unix, not(target_os = "macos")))]
pub use sni::Tray;

#[cfg(any(windows, target_os = "macos"))]
mod menu;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::Tray;

#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "macos")]
pub use macos::{run_app, Tray};

/// The tooltip: "Needlewise" and the line, cut to what Windows' notification area holds
/// (`szTip`: 128 UTF-16 units with the terminating zero), never inside a character; macOS
/// gets the same.
#[cfg(any(windows, target_os = "macos", test))]
fn tooltip(line: &str) -> String {
    const ROOM: usize = 127;
    let mut tip = String::new();
    let mut units = 0;
    for c in format!("Needlewise\n{line}").chars() {
        units += c.len_utf16();
        if units > ROOM {
            break;
        }
        tip.push(c);
    }
    tip
}

#[cfg(test)]
mod tests {
    use super::tooltip;

    #[test]
    fn a_tooltip_fits_windows_room_without_splitting_a_character() {
        assert_eq!(tooltip(FIRST), "Needlewise\nNothing due yet");
        // 4-byte characters take two UTF-16 units each: 127 has room for 58 after the
        // 11 units of "Needlewise\n", the 59th would be cut in half.
        let long = "\u{1F9F4}".repeat(200);
        let tip = tooltip(&long);
        assert_eq!(tip.encode_utf16().count(), 11 + 58 * 2);
        assert!(tip.starts_with("Needlewise\n"));
        let plain = "x".repeat(500);
        assert_eq!(tooltip(&plain).encode_utf16().count(), 127);
    }

    const FIRST: &str = super::FIRST_LINE;
}
