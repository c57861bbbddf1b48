//! Freedesktop notifications over one shared session-bus connection (Linux and the BSDs).
//!
//! notify-rust opens a connection per notification and, to hear its buttons, keeps that
//! connection and a waiting thread until the notification is closed — which some desktops
//! never do, so a year of reminders would pile up threads and sockets (issue 10, item 10).
//! Here one connection sends every notification and one thread hears every button. The
//! messages are the ones notify-rust sends (Notify, GetCapabilities, the two signals).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use futures_lite::StreamExt;
use needlewise_core::reminders::Notification;
use zbus::zvariant::Value as Variant;

use super::{Action, ActionHandler};

const DEST: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// How many shown notifications keep working buttons. Servers that never report a
/// notification closed would otherwise grow this without end; a reminder this far back
/// has long been replaced by newer ones.
const REMEMBERED: usize = 32;

/// A notification server that has not answered in this long is taken to be hung: the call
/// fails (the reminder stays pending) and the connection is made afresh, so one hung call
/// cannot hold every later reminder back. Generous, since a server that is only slow and
/// answers after this would show the reminder twice.
const CALL_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Notifications whose buttons may still be clicked, by the server's id, oldest first.
#[derive(Default)]
struct Shown(VecDeque<(u32, Notification)>);

impl Shown {
    fn remember(&mut self, id: u32, n: Notification) {
        self.0.retain(|(i, _)| *i != id);
        if self.0.len() == REMEMBERED {
            self.0.pop_front();
        }
        self.0.push_back((id, n));
    }

    fn take(&mut self, id: u32) -> Option<Notification> {
        let at = self.0.iter().position(|(i, _)| *i == id)?;
        self.0.remove(at).map(|(_, n)| n)
    }
}

/// The one connection, made on first use and again only if the bus itself went away.
pub struct Bus {
    conn: Mutex<Option<zbus::Connection>>,
    shown: Arc<Mutex<Shown>>,
    on_action: ActionHandler,
}

impl Bus {
    pub fn new(on_action: ActionHandler) -> Self {
        Bus {
            conn: Mutex::new(None),
            shown: Arc::default(),
            on_action,
        }
    }

    fn connection(&self) -> Result<zbus::Connection, String> {
        let mut slot = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let conn = connect(CALL_LIMIT)
            .map_err(|e| format!("no session bus to show notifications on ({e})"))?;
        listen(conn.clone(), self.shown.clone(), self.on_action.clone());
        *slot = Some(conn.clone());
        Ok(conn)
    }

    /// Forget a connection whose bus has gone (or whose call timed out), so the next send
    /// makes a new one.
    fn drop_if_broken(&self, e: &zbus::Error) {
        if matches!(e, zbus::Error::InputOutput(_)) {
            *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }

    pub fn send(&self, n: &Notification) -> Result<(), String> {
        let conn = self.connection()?;
        let actions = offers_actions(&conn);
        let id = notify(&conn, n, actions).map_err(|e| {
            self.drop_if_broken(&e);
            format!("no notification server answered ({e})")
        })?;
        if actions {
            self.shown
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remember(id, n.clone());
        }
        Ok(())
    }
}

/// Whether the server shows buttons.
fn offers_actions(conn: &zbus::Connection) -> bool {
    call(conn, "GetCapabilities", &())
        .and_then(|m| m.body().deserialize::<Vec<String>>())
        .map(|caps| caps.iter().any(|c| c == "actions"))
        .unwrap_or(false)
}

/// Send `n`, with Done (when it can record something) and Snooze buttons when `buttons`;
/// the server's id.
fn notify(conn: &zbus::Connection, n: &Notification, buttons: bool) -> zbus::Result<u32> {
    let mut actions: Vec<&str> = Vec::new();
    if buttons {
        if n.done.is_some() {
            actions.extend(["done", "Done"]);
        }
        actions.extend(["snooze", "Snooze 1 h"]);
    }
    let hints = HashMap::from([("desktop-entry", Variant::from("needlewise"))]);
    let body = (
        "Needlewise",
        0u32,
        "needlewise",
        n.title.as_str(),
        n.body.as_str(),
        actions,
        hints,
        -1i32,
    );
    call(conn, "Notify", &body).and_then(|m| m.body().deserialize::<u32>())
}

/// A session-bus connection for one short exchange (the window's checks), with the same
/// limit on a hung server.
fn short_connection() -> Result<zbus::Connection, String> {
    connect(std::time::Duration::from_secs(5))
        .map_err(|e| format!("no session bus to show notifications on ({e})"))
}

/// A session-bus connection whose calls give up after `limit`.
fn connect(limit: std::time::Duration) -> zbus::Result<zbus::Connection> {
    zbus::block_on(async {
        zbus::connection::Builder::session()?
            .method_timeout(limit)
            .build()
            .await
    })
}

/// Send `n` without buttons on a connection of its own (the test notification: nothing
/// listens for its buttons afterwards).
pub fn send_plain(n: &Notification) -> Result<(), String> {
    let conn = short_connection()?;
    notify(&conn, n, false)
        .map(drop)
        .map_err(|e| format!("no notification server answered ({e})"))
}

/// The server's name and version.
pub fn server_information() -> Result<String, String> {
    let conn = short_connection()?;
    let (name, _vendor, version, _spec) = call(&conn, "GetServerInformation", &())
        .and_then(|m| m.body().deserialize::<(String, String, String, String)>())
        .map_err(|e| e.to_string())?;
    Ok(format!("{name} {version}"))
}

/// A method of the notification server, waited for on the calling thread.
fn call<B>(conn: &zbus::Connection, method: &str, body: &B) -> zbus::Result<zbus::Message>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    zbus::block_on(conn.call_method(Some(DEST), PATH, Some(DEST), method, body))
}

/// One thread for the connection's life: hears ActionInvoked and NotificationClosed for
/// every notification it sent, and ends when the bus goes away.
fn listen(conn: zbus::Connection, shown: Arc<Mutex<Shown>>, on_action: ActionHandler) {
    let spawned = std::thread::Builder::new()
        .name("notification-actions".into())
        .spawn(move || {
            zbus::block_on(async move {
                let rule = zbus::MatchRule::builder()
                    .msg_type(zbus::message::Type::Signal)
                    .interface(DEST)
                    .and_then(|b| b.path(PATH))
                    .map(|b| b.build());
                let Ok(rule) = rule else { return };
                let Ok(mut stream) = zbus::MessageStream::for_match_rule(rule, &conn, None).await
                else {
                    return;
                };
                while let Some(Ok(msg)) = stream.next().await {
                    let member = msg.header().member().map(|m| m.to_string());
                    let take = |id| shown.lock().unwrap_or_else(|p| p.into_inner()).take(id);
                    match member.as_deref() {
                        Some("ActionInvoked") => {
                            let Ok((id, key)) = msg.body().deserialize::<(u32, String)>() else {
                                continue;
                            };
                            let action = match key.as_str() {
                                "done" => Action::Done,
                                "snooze" => Action::Snooze,
                                _ => continue,
                            };
                            if let Some(n) = take(id) {
                                on_action(action, &n);
                            }
                        }
                        Some("NotificationClosed") => {
                            if let Ok((id, _reason)) = msg.body().deserialize::<(u32, u32)>() {
                                take(id);
                            }
                        }
                        _ => {}
                    }
                }
            })
        });
    if let Err(e) = spawned {
        eprintln!("needlewise: notification buttons will not work ({e})");
    }
}
