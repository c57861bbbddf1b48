//! The clock watch on a real kernel, for the zone: a zone link replaced the way
//! `timedatectl` does it is told to the loop at once, while the files beside it are not.
//! (The wall clock set is tests/clock_set.rs: a clock set wakes every watch in the
//! process, so it has a test binary of its own.)
#![cfg(target_os = "linux")]

use std::path::Path;
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use needlewise_background::watch;

/// Long enough for a thread to be scheduled on a busy machine; nothing waits this long when
/// the watch works.
const TOLD: Duration = Duration::from_secs(10);

/// How long nothing must be told after a change that is not the zone's.
const QUIET: Duration = Duration::from_millis(500);

fn watching(zone_file: &Path) -> Receiver<()> {
    let (tx, rx) = channel();
    watch::start(zone_file.to_path_buf(), move || {
        let _ = tx.send(());
    })
    .expect("the watch starts");
    rx
}

/// Wait until the watch tells of a change, then until it has said all it will of it (one
/// change can come in several reads), so the next change is told on its own.
fn told_of(told: &Receiver<()>, change: &str) {
    told.recv_timeout(TOLD)
        .unwrap_or_else(|_| panic!("{change} is not told"));
    while told.recv_timeout(QUIET).is_ok() {}
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
    std::fs::write(dir.path().join("timezone"), "Europe/Berlin\n").unwrap();
    let told = watching(&link);
    // A neighbour alone says nothing (the watch reads its events within this wait).
    std::fs::write(dir.path().join("hosts"), "127.0.0.1 localhost").unwrap();
    std::fs::rename(dir.path().join("hosts"), dir.path().join("hosts.old")).unwrap();
    assert!(
        told.recv_timeout(QUIET).is_err(),
        "a neighbour's change was told as a change of zone"
    );
    // Each way the zone changes: a link renamed over it, the zone name rewritten in place
    // (Debian's /etc/timezone), the link removed and made again, moved away.
    point_zone(&link, "Europe/Helsinki");
    told_of(&told, "a link renamed over the zone link");
    std::fs::write(dir.path().join("timezone"), "Europe/Helsinki\n").unwrap();
    told_of(&told, "the zone name written");
    std::fs::remove_file(&link).unwrap();
    told_of(&told, "a removed zone link");
    std::os::unix::fs::symlink("/usr/share/zoneinfo/Asia/Tokyo", &link).unwrap();
    told_of(&told, "a zone link made afresh");
    std::fs::rename(&link, dir.path().join("localtime.old")).unwrap();
    told_of(&told, "a zone link moved away");
}
