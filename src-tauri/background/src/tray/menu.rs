//! The icon and its menu through the tray-icon crate (Windows' notification area, macOS's
//! menu bar): made, updated and dropped on the one thread the platform wants them on.

use std::sync::mpsc::Sender;

use tray_icon::menu::{Menu, MenuEvent, MenuId, MenuItem, PredefinedMenuItem};
use tray_icon::{Icon, MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};

use super::{tooltip, FIRST_LINE, OPEN, PAUSE_HOUR, QUIT};
use crate::control::Control;

/// The tray's mark, drawn to be legible at 16–24 px.
static MARK: &[u8] = include_bytes!("../../../../icons/tray.png");

/// Why there is no tray icon.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the tray icon could not be made: {0}")]
    Made(String),
    /// Windows only: there the icon has a thread of its own (macOS makes it on the main
    /// thread and does not wait).
    #[cfg(windows)]
    #[error("the tray's thread ended before its icon was made")]
    Gone,
}

/// What a left click on the icon does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LeftClick {
    /// Open the window, as activating the icon does on Linux (Windows: the right button
    /// shows the menu).
    Opens,
    /// Show the menu, as every menu-bar item does on macOS.
    ShowsMenu,
}

/// The icon and the menu line it updates; they live on the thread that made them.
pub struct Shown {
    icon: TrayIcon,
    line: MenuItem,
}

impl Shown {
    pub fn make(controls: Sender<Control>, left_click: LeftClick) -> Result<Self, Error> {
        let made = |e: &dyn std::fmt::Display| Error::Made(e.to_string());
        let open = MenuItem::new(OPEN, true, None);
        let line = MenuItem::new(FIRST_LINE, false, None);
        let pause = MenuItem::new(PAUSE_HOUR, true, None);
        let quit = MenuItem::new(QUIT, true, None);
        let menu = Menu::new();
        menu.append_items(&[
            &open,
            &line,
            &PredefinedMenuItem::separator(),
            &pause,
            &PredefinedMenuItem::separator(),
            &quit,
        ])
        .map_err(|e| made(&e))?;
        let chosen: [(MenuId, Control); 3] = [
            (open.id().clone(), Control::Open),
            (pause.id().clone(), Control::PauseHour),
            (quit.id().clone(), Control::Quit),
        ];
        let to_main = controls.clone();
        MenuEvent::set_event_handler(Some(move |event: MenuEvent| {
            if let Some((_, control)) = chosen.iter().find(|(id, _)| *id == event.id) {
                let _ = to_main.send(*control);
            }
        }));
        // Always a handler: without one, tray-icon queues every mouse event over the icon
        // in a channel nobody reads.
        TrayIconEvent::set_event_handler(Some(move |event: TrayIconEvent| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                if left_click == LeftClick::Opens {
                    let _ = controls.send(Control::Open);
                }
            }
        }));
        let mark = image::load_from_memory_with_format(MARK, image::ImageFormat::Png)
            .map_err(|e| made(&e))?
            .into_rgba8();
        let (width, height) = mark.dimensions();
        let mark = Icon::from_rgba(mark.into_raw(), width, height).map_err(|e| made(&e))?;
        let icon = TrayIconBuilder::new()
            .with_id("needlewise")
            .with_icon(mark)
            .with_tooltip(tooltip(FIRST_LINE))
            .with_menu(Box::new(menu))
            .with_menu_on_left_click(left_click == LeftClick::ShowsMenu)
            .build()
            .map_err(|e| made(&e))?;
        Ok(Shown { icon, line })
    }

    /// Show `line` as what comes next, in the menu and the tooltip.
    pub fn show(&self, line: &str) {
        // `&` marks a menu item's access key (muda strips it on macOS too); `&&` shows one.
        self.line.set_text(line.replace('&', "&&"));
        let _ = self.icon.set_tooltip(Some(tooltip(line)));
    }
}
