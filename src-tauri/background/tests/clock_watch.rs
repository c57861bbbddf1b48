//! The clock watch on a real kernel: a zone link replaced the way `timedatectl` does it,
//! and the wall clock set (which the kernel also reports on every resume), each told to the
//! loop at once, while the files beside the zone link are not.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use needlewise_background::watch;

/// Long enough for a thread to be scheduled on a busy machine; nothing waits this long when
/// the watch works.
const TOLD: Duration = Duration::from_secs(10);

fn watching(zone_file: &Path) -> Receiver<()> {
    let (tx, rx) = channel();
    watch::start(zone_file.to_path_buf(), move || {
        let _ = tx.send(());
    })
    .expect("the watch starts");
    rx
}

/// Replace `link` with one to `zone`, as `timedatectl set-timezone` does: a new link
/// renamed over the old.
fn point_zone(link: &Path, zone: &str) {
    let fresh = link.with_extension("new");
    std::os::unix::fs::symlink(format!("/usr/share/zoneinfo/{zone}"), &fresh).unwrap();
    std::fs::rename(&fresh, link).unwrap();
}

#[test]
fn a_replaced_zone_link_is_told_at_once_and_its_neighbours_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("localtime");
    point_zone(&link, "Europe/Berlin");
    let told = watching(&link);
    // A neighbour written, then the zone changed: one word, for the zone.
    std::fs::write(dir.path().join("hosts"), "127.0.0.1 localhost").unwrap();
    point_zone(&link, "Europe/Helsinki");
    told.recv_timeout(TOLD).expect("the change of zone is told");
    // The neighbour's events were read with the link's (they come first): had they counted,
    // a second word would be waiting behind the first. Another neighbour and another zone
    // bring exactly one more.
    std::fs::write(dir.path().join("hosts"), "127.0.0.1 localhost again").unwrap();
    point_zone(&link, "America/New_York");
    told.recv_timeout(TOLD).expect("the second change is told");
    std::fs::remove_file(&link).unwrap();
    told.recv_timeout(TOLD)
        .expect("a removed zone link is told");
    assert!(
        told.try_recv().is_err(),
        "a neighbour's change was told as a change of zone"
    );
}

/// Setting the wall clock to what it reads moves no time, yet the kernel tells every
/// cancel-on-set timer, exactly as after a resume or an NTP step. Needs `CAP_SYS_TIME`
/// (CI runs as root); elsewhere it says it was skipped, and in CI it fails instead.
#[test]
fn the_wall_clock_set_is_told_at_once() {
    use rustix::time::{clock_gettime, clock_settime, ClockId};
    let dir = tempfile::tempdir().unwrap();
    let told = watching(&dir.path().join("localtime"));
    assert!(told.try_recv().is_err(), "told before anything happened");
    let now = clock_gettime(ClockId::Realtime);
    match clock_settime(ClockId::Realtime, now) {
        Ok(()) => {}
        Err(rustix::io::Errno::PERM) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: setting the clock needs CAP_SYS_TIME (run as root, as CI does)");
            return;
        }
        Err(e) => panic!("could not set the clock to itself ({e}); CI runs as root"),
    }
    told.recv_timeout(TOLD).expect("the clock set is told");
    // The watch arms itself again: a second set is told too.
    clock_settime(ClockId::Realtime, clock_gettime(ClockId::Realtime)).unwrap();
    told.recv_timeout(TOLD).expect("a second clock set is told");
}
