//! The channel over a Unix socket.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::Duration;

use super::{decode, encode, Answer, Request};
use crate::data::DataDir;
use crate::error::Error;

/// How long either side waits for the other's line. The background answers from its loop,
/// which may be waiting up to 5 s for a notification service.
const LINE_WAIT: Duration = Duration::from_secs(15);

/// Ask the background process of `data`.
pub fn ask(data: &DataDir, request: Request) -> Result<Option<String>, Error> {
    let mut stream =
        UnixStream::connect(data.socket()).map_err(Error::io("reaching the background"))?;
    stream
        .set_read_timeout(Some(LINE_WAIT))
        .map_err(Error::io("setting a timeout"))?;
    writeln!(stream, "{}", request.word()).map_err(Error::io("asking the background"))?;
    let mut line = String::new();
    BufReader::new(stream)
        .read_line(&mut line)
        .map_err(Error::io("hearing the background"))?;
    decode(&line)
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
        std::thread::Builder::new()
            .name("wake".into())
            .spawn(move || {
                for stream in self.socket.incoming().flatten() {
                    if let Ok(Some(request)) = reply(stream, &answer) {
                        then(request);
                    }
                }
            })
            .map_err(Error::io("starting the wake thread"))
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
    let request = line.trim_end().parse::<Request>();
    let result = match &request {
        Ok(r) => answer(*r),
        Err(e) => Err(e.to_string()),
    };
    (&stream).write_all(encode(&result).as_bytes())?;
    Ok(request.ok())
}
