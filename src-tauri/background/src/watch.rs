//! What moves the reminders without the loop's plan knowing: the wall clock set (by the
//! person or NTP), a resume from sleep (the loop's sleep is monotonic and stops with the
//! laptop), and a change of zone. On Linux the kernel tells of each at once, so the loop
//! can sleep until its next reminder instead of looking every minute (issue 12: at most one
//! wake-up a minute when idle) and still catch up the moment the laptop wakes.
//!
//! - A `CLOCK_REALTIME` timerfd with `TFD_TIMER_CANCEL_ON_SET`, armed for a time that never
//!   comes: the kernel cancels it when the clock is set and on every resume
//!   (`timerfd_resume`), and a read then fails with `ECANCELED`.
//! - inotify on the folder of the zone file (`/etc/localtime`, or the file `TZ` names):
//!   the zone is changed by replacing that link (`timedatectl` renames a new one over it).
//!
//! Both are waited on by one thread that sleeps in `poll` and wakes only for them.

use std::ffi::OsStr;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustix::event::{poll, PollFd, PollFlags};
use rustix::fs::inotify;
use rustix::io::Errno;
use rustix::time::{
    timerfd_create, timerfd_settime, Itimerspec, TimerfdClockId, TimerfdFlags, TimerfdTimerFlags,
    Timespec,
};

/// The zone names kept beside the zone link (Debian's `/etc/timezone` says it in words).
const ZONE_NAMES: [&str; 1] = ["timezone"];

/// Whether the watch is still running: if it stops (an error the kernel gives no way
/// round), it says so once through `changed` and the loop goes back to looking often.
#[derive(Clone)]
pub struct Watching(Arc<AtomicBool>);

impl Watching {
    pub fn is_on(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Start watching; `changed` runs on the watch's thread after each change. An error means
/// nothing is watched (the loop then looks every minute, as where no watch exists). A zone
/// folder that cannot be watched (missing, or no inotify instance left) leaves the clock
/// watched: a change of zone is then noticed within the loop's longest sleep.
pub fn start(zone_file: PathBuf, changed: impl Fn() + Send + 'static) -> std::io::Result<Watching> {
    let clock = clock_timer()?;
    let zone = ZoneWatch::new(zone_file)
        .map_err(|e| eprintln!("needlewise-background: the zone is not watched ({e})"))
        .ok();
    let on = Watching(Arc::new(AtomicBool::new(true)));
    let flag = on.clone();
    std::thread::Builder::new()
        .name("clock-watch".into())
        .spawn(move || {
            if let Err(e) = run(&clock, &zone, &changed) {
                eprintln!("needlewise-background: the clock watch stopped ({e})");
            }
            flag.0.store(false, Ordering::Relaxed);
            changed();
        })?;
    Ok(on)
}

/// A timer that only ever fires by being cancelled: when the wall clock is set or the
/// computer resumes.
fn clock_timer() -> std::io::Result<OwnedFd> {
    let fd = timerfd_create(
        TimerfdClockId::Realtime,
        TimerfdFlags::CLOEXEC | TimerfdFlags::NONBLOCK,
    )?;
    arm(&fd)?;
    Ok(fd)
}

/// Arm the timer; `Ok(true)` when the clock was set meanwhile (the kernel arms it and says
/// `ECANCELED` for the set it saw).
fn arm(fd: &OwnedFd) -> std::io::Result<bool> {
    let never = Itimerspec {
        it_interval: Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        // The kernel keeps times past its range as "never".
        it_value: Timespec {
            tv_sec: i64::MAX / 4,
            tv_nsec: 0,
        },
    };
    let flags = TimerfdTimerFlags::ABSTIME | TimerfdTimerFlags::CANCEL_ON_SET;
    match timerfd_settime(fd, flags, &never) {
        Ok(_) => Ok(false),
        Err(Errno::CANCELED) => Ok(true),
        Err(e) => Err(e.into()),
    }
}

/// The folder of the zone link, watched for that link (and its neighbours that name the
/// zone) being replaced, written or removed.
struct ZoneWatch {
    fd: OwnedFd,
    file_name: PathBuf,
}

impl ZoneWatch {
    fn new(zone_file: PathBuf) -> std::io::Result<Self> {
        let (Some(folder), Some(file_name)) = (zone_file.parent(), zone_file.file_name()) else {
            return Err(std::io::Error::other("the zone file has no folder"));
        };
        let fd = inotify::init(inotify::CreateFlags::CLOEXEC | inotify::CreateFlags::NONBLOCK)?;
        let events = inotify::WatchFlags::CREATE
            | inotify::WatchFlags::MOVED_TO
            | inotify::WatchFlags::MOVED_FROM
            | inotify::WatchFlags::CLOSE_WRITE
            | inotify::WatchFlags::DELETE;
        inotify::add_watch(&fd, folder, events)?;
        Ok(Self {
            fd,
            file_name: PathBuf::from(file_name),
        })
    }

    /// Read what happened in the folder; whether the zone may have changed. Events lost to
    /// a full queue, and the folder itself gone, count as a change.
    fn drain(&self) -> bool {
        let mut buf = [std::mem::MaybeUninit::uninit(); 4096];
        let mut events = inotify::Reader::new(&self.fd, &mut buf);
        let mut changed = false;
        let unknown = inotify::ReadFlags::QUEUE_OVERFLOW | inotify::ReadFlags::IGNORED;
        while let Ok(event) = events.next() {
            let name = event.file_name().map(|n| n.to_bytes()).unwrap_or_default();
            changed |= event.events().intersects(unknown) || names_the_zone(&self.file_name, name);
        }
        changed
    }
}

/// Whether a change to the file called `name` (in the zone link's folder) may change the zone.
fn names_the_zone(zone_file_name: &Path, name: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let name = Path::new(OsStr::from_bytes(name));
    name == zone_file_name || ZONE_NAMES.iter().any(|z| name == Path::new(z))
}

/// Wait for changes until an error stops the watch.
fn run(clock: &OwnedFd, zone: &Option<ZoneWatch>, changed: &impl Fn()) -> std::io::Result<()> {
    loop {
        let mut fds = vec![PollFd::new(clock, PollFlags::IN)];
        fds.extend(zone.as_ref().map(|z| PollFd::new(&z.fd, PollFlags::IN)));
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let ready = |i: usize| fds.get(i).is_some_and(|fd| !fd.revents().is_empty());
        let (clock_ready, zone_ready) = (ready(0), ready(1));
        let mut moved = false;
        if clock_ready {
            let mut expirations = [0u8; 8];
            // `ECANCELED`: the clock was set or the computer resumed (reading clears it).
            if let Err(Errno::CANCELED) = rustix::io::read(clock, &mut expirations) {
                moved = true;
            }
            // Were it ever to expire (it is set for a time past the kernel's range), arming
            // it again keeps it waiting.
            moved |= arm(clock)?;
        }
        if zone_ready && zone.as_ref().is_some_and(ZoneWatch::drain) {
            moved = true;
        }
        if moved {
            changed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_zone_link_and_the_zone_name_file_count() {
        let link = Path::new("localtime");
        assert!(names_the_zone(link, b"localtime"));
        assert!(names_the_zone(link, b"timezone"));
        assert!(!names_the_zone(link, b"localtime.new"));
        assert!(!names_the_zone(link, b"hosts"));
        assert!(!names_the_zone(link, b""));
    }
}
