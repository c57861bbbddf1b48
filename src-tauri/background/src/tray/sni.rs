//! The tray icon on Linux and the BSDs: a StatusNotifierItem over D-Bus (KDE, GNOME with
//! the AppIndicator extension, any SNI host), through ksni: no GTK.

use std::sync::mpsc::Sender;

use ksni::blocking::TrayMethods;
use ksni::menu::{MenuItem, StandardItem};

use super::{FIRST_LINE, OPEN, PAUSE_HOUR, QUIT};
use crate::control::Control;

struct Icon {
    /// What comes next (or what is wrong), shown as a disabled item and the tooltip.
    line: String,
    controls: Sender<Control>,
}

/// How long Quit waits before the process goes: the tray host's click is answered only
/// after the menu callback returns, and a process gone before that leaves the host with an
/// error instead of an answer.
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_millis(250);

impl Icon {
    fn item(&self, label: &str, control: Control) -> MenuItem<Self> {
        let controls = self.controls.clone();
        StandardItem {
            label: label.into(),
            activate: Box::new(move |_| {
                if control == Control::Quit {
                    let controls = controls.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(QUIT_GRACE);
                        let _ = controls.send(control);
                    });
                } else {
                    let _ = controls.send(control);
                }
            }),
            ..Default::default()
        }
        .into()
    }
}

impl ksni::Tray for Icon {
    fn id(&self) -> String {
        "needlewise".into()
    }

    fn title(&self) -> String {
        "Needlewise".into()
    }

    fn icon_name(&self) -> String {
        "needlewise".into()
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip {
            title: "Needlewise".into(),
            description: self.line.clone(),
            ..Default::default()
        }
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        let _ = self.controls.send(Control::Open);
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        vec![
            self.item(OPEN, Control::Open),
            StandardItem {
                label: self.line.clone(),
                enabled: false,
                ..Default::default()
            }
            .into(),
            MenuItem::Separator,
            self.item(PAUSE_HOUR, Control::PauseHour),
            MenuItem::Separator,
            self.item(QUIT, Control::Quit),
        ]
    }
}

/// The running tray icon.
#[derive(Clone)]
pub struct Tray(ksni::blocking::Handle<Icon>);

impl Tray {
    /// Offer the icon; it appears when a tray host (StatusNotifierWatcher) is running, now
    /// or later.
    pub fn start(controls: Sender<Control>) -> Result<Self, ksni::Error> {
        let icon = Icon {
            line: FIRST_LINE.into(),
            controls,
        };
        icon.assume_sni_available(true).spawn().map(Tray)
    }

    /// Show `line` as what comes next.
    pub fn set_line(&self, line: String) {
        self.0.update(|icon| icon.line = line);
    }

    /// Take the icon away, once the menu click being handled has been answered: a click
    /// holds the tray's state until it returns, so an update waits for it.
    pub fn stop(&self) {
        self.0.update(|_| ());
        self.0.shutdown().wait();
    }
}
