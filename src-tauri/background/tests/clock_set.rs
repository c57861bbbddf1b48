//! The clock watch on a real kernel, for the wall clock: a set (which the kernel also
//! reports on every resume) is told to the loop at once. Alone in its test binary, since a
//! clock set wakes every watch in the process.
#![cfg(target_os = "linux")]

use std::sync::mpsc::channel;
use std::time::Duration;

use needlewise_background::watch;
use rustix::time::{clock_gettime, clock_settime, ClockId};

/// Long enough for a thread to be scheduled on a busy machine; nothing waits this long when
/// the watch works.
const TOLD: Duration = Duration::from_secs(10);

/// Setting the wall clock to what it reads moves no time (a few microseconds back), yet the
/// kernel tells every cancel-on-set timer, exactly as after a resume or an NTP step. Needs
/// `CAP_SYS_TIME` (root on this project's CI machines has it); without it the test says
/// on stderr that it was skipped, since nothing else can make the kernel say this.
#[test]
fn the_wall_clock_set_is_told_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (tx, told) = channel();
    // A zone file whose folder cannot be watched (missing here; or no inotify instance
    // left): the clock is watched all the same.
    let watching = watch::start(dir.path().join("missing/localtime"), move || {
        let _ = tx.send(());
    })
    .expect("the watch starts");
    assert!(told.try_recv().is_err(), "told before anything happened");
    match clock_settime(ClockId::Realtime, clock_gettime(ClockId::Realtime)) {
        Ok(()) => {}
        Err(rustix::io::Errno::PERM) => {
            eprintln!("skipped: setting the clock needs CAP_SYS_TIME (run as root)");
            return;
        }
        Err(e) => panic!("could not set the clock to itself ({e})"),
    }
    told.recv_timeout(TOLD).expect("the clock set is told");
    clock_settime(ClockId::Realtime, clock_gettime(ClockId::Realtime)).unwrap();
    told.recv_timeout(TOLD).expect("a second clock set is told");
    assert!(watching.is_on());
}
