//! The channel where there are no Unix sockets (Windows): TCP on 127.0.0.1 at a port the
//! system chose, and a random token that every request must carry. Both are written to a
//! file in the data folder (the user's own profile folder, which only they can read), so
//! only someone who can read that file can ask anything.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};

use super::{converse, respond, serve_each, Answer, Request, LINE_WAIT};
use crate::data::DataDir;
use crate::error::Error;

/// The longest request line read: a token, a space and a word.
const MAX_LINE: u64 = 256;

/// Ask the background process of `data`.
pub fn ask(data: &DataDir, request: Request) -> Result<Option<String>, Error> {
    let text =
        std::fs::read_to_string(data.socket()).map_err(Error::io("reaching the background"))?;
    let (port, token) = text
        .trim()
        .split_once(' ')
        .ok_or_else(|| Error::Refused("an unreadable channel file".into()))?;
    let port: u16 = port
        .parse()
        .map_err(|_| Error::Refused("an unreadable channel file".into()))?;
    let stream = TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), LINE_WAIT)
        .map_err(Error::io("reaching the background"))?;
    stream
        .set_read_timeout(Some(LINE_WAIT))
        .map_err(Error::io("setting a timeout"))?;
    converse(stream, &format!("{token} {}", request.word()))
}

/// The listening socket and the token its requests must carry.
pub struct Listener {
    socket: TcpListener,
    token: String,
}

/// 128 bits from the system's random source (std seeds `RandomState` from it).
fn random_token() -> String {
    let half = || {
        let mut h = RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        h.finish()
    };
    format!("{:016x}{:016x}", half(), half())
}

impl Listener {
    /// Listen on 127.0.0.1 and write the port and token to `data`'s channel file. Call only
    /// while holding the data folder's instance lock.
    pub fn bind(data: &DataDir) -> Result<Self, Error> {
        let socket =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(Error::io("binding the socket"))?;
        let port = socket
            .local_addr()
            .map_err(Error::io("binding the socket"))?
            .port();
        let token = random_token();
        let path = data.socket();
        let fresh = path.with_extension(format!("port.{}", std::process::id()));
        std::fs::write(&fresh, format!("{port} {token}\n"))
            .map_err(Error::io("writing the channel file"))?;
        std::fs::rename(&fresh, &path).map_err(Error::io("placing the channel file"))?;
        Ok(Listener { socket, token })
    }

    /// Answer requests with `answer`, one connection at a time, on a thread of its own;
    /// `then` runs after each answer is written (Quit acts only once it has answered).
    pub fn serve(
        self,
        answer: impl Fn(Request) -> Answer + Send + 'static,
        then: impl Fn(Request) + Send + 'static,
    ) -> Result<std::thread::JoinHandle<()>, Error> {
        let Listener { socket, token } = self;
        let incoming = std::iter::repeat_with(move || socket.accept())
            .filter_map(|r| r.ok().map(|(stream, _)| stream));
        serve_each(incoming, move |stream| reply(stream, &token, &answer), then)
    }
}

/// Read one request and answer it if it carries the token; the request, if it was one.
fn reply(
    stream: TcpStream,
    token: &str,
    answer: &impl Fn(Request) -> Answer,
) -> std::io::Result<Option<Request>> {
    stream.set_read_timeout(Some(LINE_WAIT))?;
    let mut line = String::new();
    BufReader::new((&stream).take(MAX_LINE)).read_line(&mut line)?;
    let (given, word) = line.trim_end().split_once(' ').unwrap_or(("", ""));
    if !same(given.as_bytes(), token.as_bytes()) {
        return Ok(None);
    }
    let (reply, request) = respond(word, answer);
    (&stream).write_all(reply.as_bytes())?;
    Ok(request)
}

/// Equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_request_with_the_token_is_answered() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let listener = Listener::bind(&data).unwrap();
        let token = listener.token.clone();
        listener.serve(|_| Ok(Some("pong".into())), |_| {}).unwrap();
        assert_eq!(ask(&data, Request::Ping).unwrap().as_deref(), Some("pong"));
        let port = std::fs::read_to_string(data.socket()).unwrap();
        let port: u16 = port.split(' ').next().unwrap().parse().unwrap();
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        writeln!(stream, "{}x ping", &token[1..]).unwrap();
        let mut line = String::new();
        let _ = BufReader::new(stream).read_line(&mut line);
        assert_eq!(line, "", "no answer without the token");
    }
}
