//! The window's channel to the background process: a Unix socket in the data folder that
//! only its owner can open (mode 0600), one request line and one answer line per
//! connection. Where there are no Unix sockets (Windows), TCP on 127.0.0.1 with a random
//! token written to a file in the data folder (`tcp`).

use std::io::{BufRead, BufReader, Read, Write};
use std::str::FromStr;
use std::time::Duration;

use crate::data::DataDir;
use crate::error::Error;

/// What the window (or a second start) asks of the background process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Something reminders are planned from changed: look again now.
    Replan,
    /// Let go of the database (the window is about to replace its file) until `Reopen`.
    Hold,
    /// Open the database afresh and look again.
    Reopen,
    /// Pause reminders for an hour.
    PauseHour,
    /// Snooze the last reminder shown for an hour; answers when it comes back.
    SnoozeLast,
    /// The loop's status, as JSON.
    Status,
    /// Are you there?
    Ping,
    /// Exit.
    Quit,
}

impl Request {
    const ALL: [Request; 8] = [
        Request::Replan,
        Request::Hold,
        Request::Reopen,
        Request::PauseHour,
        Request::SnoozeLast,
        Request::Status,
        Request::Ping,
        Request::Quit,
    ];

    /// Its word on the wire.
    pub fn word(self) -> &'static str {
        match self {
            Request::Replan => "replan",
            Request::Hold => "hold",
            Request::Reopen => "reopen",
            Request::PauseHour => "pause-hour",
            Request::SnoozeLast => "snooze-last",
            Request::Status => "status",
            Request::Ping => "ping",
            Request::Quit => "quit",
        }
    }
}

impl FromStr for Request {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Request::ALL
            .into_iter()
            .find(|r| r.word() == s)
            .ok_or_else(|| Error::Refused(format!("unknown request {s:?}")))
    }
}

/// The answer to a request: `Ok` with what it returns (if anything), or why not.
pub type Answer = Result<Option<String>, String>;

/// Answer lines: `ok`, `ok <value>` or `err <reason>`.
fn encode(answer: &Answer) -> String {
    match answer {
        Ok(None) => "ok\n".into(),
        Ok(Some(v)) => format!("ok {}\n", v.replace('\n', " ")),
        Err(why) => format!("err {}\n", why.replace('\n', " ")),
    }
}

/// How long either side waits for the other's line. The background answers from its loop,
/// which may be waiting up to 5 s for a notification service.
const LINE_WAIT: Duration = Duration::from_secs(15);

/// The asking side, on a connected stream: send `line`, read the answer line.
fn converse(mut stream: impl Read + Write, line: &str) -> Result<Option<String>, Error> {
    writeln!(stream, "{line}").map_err(Error::io("asking the background"))?;
    let mut answer = String::new();
    BufReader::new(stream)
        .read_line(&mut answer)
        .map_err(Error::io("hearing the background"))?;
    decode(&answer)
}

/// The answering side, for one request line (without its end): the answer line to write
/// back, and the request if it was one.
fn respond(word: &str, answer: &impl Fn(Request) -> Answer) -> (String, Option<Request>) {
    let request = word.parse::<Request>();
    let result = match &request {
        Ok(r) => answer(*r),
        Err(e) => Err(e.to_string()),
    };
    (encode(&result), request.ok())
}

/// Runs `reply` on each connection in turn, on a thread of its own; `then` runs after each
/// request is answered (Quit acts only once it has answered).
fn serve_each<S: Send + 'static>(
    incoming: impl Iterator<Item = S> + Send + 'static,
    reply: impl Fn(S) -> std::io::Result<Option<Request>> + Send + 'static,
    then: impl Fn(Request) + Send + 'static,
) -> Result<std::thread::JoinHandle<()>, Error> {
    std::thread::Builder::new()
        .name("wake".into())
        .spawn(move || {
            for stream in incoming {
                if let Ok(Some(request)) = reply(stream) {
                    then(request);
                }
            }
        })
        .map_err(Error::io("starting the wake thread"))
}

fn decode(line: &str) -> Result<Option<String>, Error> {
    let line = line.trim_end_matches('\n');
    match line.split_once(' ') {
        _ if line == "ok" => Ok(None),
        Some(("ok", value)) => Ok(Some(value.to_string())),
        Some(("err", why)) => Err(Error::Refused(why.to_string())),
        _ => Err(Error::Refused(line.to_string())),
    }
}

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{ask, Listener};

// Compiled on Unix too for its tests, so the Windows channel is tested here.
#[cfg(any(not(unix), test))]
#[cfg_attr(unix, allow(dead_code))]
mod tcp;
#[cfg(not(unix))]
pub use tcp::{ask, Listener};

/// Whether a background process answers on `data`'s channel.
pub fn answers(data: &DataDir) -> bool {
    ask(data, Request::Ping).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_reads_back_from_its_word() {
        for r in Request::ALL {
            assert_eq!(r.word().parse::<Request>().unwrap(), r);
        }
        assert!("replan now".parse::<Request>().is_err());
    }

    #[test]
    fn answers_read_back() {
        assert_eq!(decode(&encode(&Ok(None))).unwrap(), None);
        let value = Ok(Some("{\"a\":\"b c\"}".to_string()));
        assert_eq!(
            decode(&encode(&value)).unwrap().as_deref(),
            Some("{\"a\":\"b c\"}")
        );
        let err = decode(&encode(&Err("no reminder yet".into()))).unwrap_err();
        assert_eq!(
            err.to_string(),
            Error::Refused("no reminder yet".into()).to_string()
        );
    }
}
