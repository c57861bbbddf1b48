//! The channel over a Unix socket.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};

use super::{converse, respond, serve_each, Answer, Request, LINE_WAIT};
use crate::data::DataDir;
use crate::error::Error;

/// Ask the background process of `data`.
pub fn ask(data: &DataDir, request: Request) -> Result<Option<String>, Error> {
    let stream =
        UnixStream::connect(data.socket()).map_err(Error::io("reaching the background"))?;
    stream
        .set_read_timeout(Some(LINE_WAIT))
        .map_err(Error::io("setting a timeout"))?;
    converse(stream, request.word())
}

/// The listening socket (the process removes its file when it quits).
pub struct Listener {
    socket: UnixListener,
}

impl Listener {
    /// Listen on `data`'s socket. Call only while holding the data folder's instance lock:
    /// a socket file left there is then from a process that has ended.
    pub fn bind(data: &DataDir) -> Result<Self, Error> {
        let path = data.socket();
        // Bound under a private name, narrowed to the owner, then put in place: never
        // reachable by anyone else, even for a moment.
        let fresh = path.with_extension(format!("sock.{}", std::process::id()));
        let _ = std::fs::remove_file(&fresh);
        let socket = UnixListener::bind(&fresh).map_err(Error::io("binding the socket"))?;
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o600))
            .map_err(Error::io("narrowing the socket"))?;
        std::fs::rename(&fresh, &path).map_err(Error::io("placing the socket"))?;
        Ok(Listener { socket })
    }

    /// Answer requests with `answer`, one connection at a time, on a thread of its own;
    /// `then` runs after each answer is written (Quit acts only once it has answered).
    pub fn serve(
        self,
        answer: impl Fn(Request) -> Answer + Send + 'static,
        then: impl Fn(Request) + Send + 'static,
    ) -> Result<std::thread::JoinHandle<()>, Error> {
        let socket = self.socket;
        let incoming = std::iter::repeat_with(move || socket.accept())
            .filter_map(|r| r.ok().map(|(stream, _)| stream));
        serve_each(incoming, move |stream| reply(stream, &answer), then)
    }
}

/// Read one request and answer it; the request, if it was one.
fn reply(
    stream: UnixStream,
    answer: &impl Fn(Request) -> Answer,
) -> std::io::Result<Option<Request>> {
    stream.set_read_timeout(Some(LINE_WAIT))?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let (reply, request) = respond(line.trim_end(), answer);
    (&stream).write_all(reply.as_bytes())?;
    Ok(request)
}
