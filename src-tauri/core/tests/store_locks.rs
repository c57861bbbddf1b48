//! SQLite's locks and other processes: committed writes survive another program opening
//! the database while the app runs, and the app being killed afterwards.
//!
//! POSIX locks belong to the process and the file: closing *any* descriptor of the
//! database file releases every lock the process holds on it. Another process that then
//! opens and closes the database believes it is the last user, checkpoints and deletes the
//! live `-wal`, and the app's later commits go into a deleted file.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use needlewise_core::product::NewProduct;
use needlewise_core::store::Store;

const CHILD: &str = "NEEDLEWISE_STORE_LOCKS_CHILD";
const TEST: &str = "committed_rows_survive_another_process_and_a_kill";

fn product(name: &str) -> NewProduct {
    NewProduct {
        name: name.into(),
        inci: "Aqua, Glycerin".into(),
    }
}

/// What the app does: two stores on one file (the window's and the reminder loop's),
/// commits through both, and reports each step on stdout; it never exits by itself.
fn child(path: &Path) -> ! {
    let window = Store::open(path).unwrap();
    let reminders = Store::open(path).unwrap();
    window.products().add(product("before")).unwrap();
    say("READY");
    wait_for_parent();
    window.products().add(product("after-window")).unwrap();
    reminders
        .products()
        .add(product("after-reminders"))
        .unwrap();
    say("COMMITTED");
    loop {
        std::thread::park();
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

fn wait_for_parent() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
}

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_child(path: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", TEST, "--test-threads=1", "--nocapture"])
        .env(CHILD, path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Reads the child's stdout until `marker` (libtest prints its own text too, and the
/// marker may follow "test … " on the same line).
fn expect(out: &mut BufReader<ChildStdout>, marker: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).unwrap();
        assert!(n > 0, "the child ended before saying {marker}");
        if line.trim_end().ends_with(marker) {
            return;
        }
    }
}

/// Another program (the `sqlite3` shell, a backup tool) reads the database and closes it,
/// here Python's `sqlite3`. It must be a separate SQLite build: SQLite 3.5x, as bundled by
/// rusqlite, checks the `-shm` file's locks before deleting the WAL and would mask the bug,
/// but the SQLite of distributions' shells and Pythons (3.40 here) trusts the lock on the
/// database file alone.
fn another_process_reads(path: &Path) {
    const SCRIPT: &str = "import sqlite3, sys\n\
        c = sqlite3.connect(sys.argv[1])\n\
        c.execute('SELECT count(*) FROM sqlite_master').fetchall()\n\
        c.close()\n\
        print(sqlite3.sqlite_version)";
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .expect("this test needs python3 with its sqlite3 module");
    assert!(
        out.status.success(),
        "python3 could not read the database: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn committed_rows_survive_another_process_and_a_kill() {
    if let Ok(path) = std::env::var(CHILD) {
        child(Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("needlewise.db");
    let mut app = Killed(spawn_child(&path));
    let mut out = BufReader::new(app.0.stdout.take().unwrap());
    expect(&mut out, "READY");
    another_process_reads(&path);
    writeln!(app.0.stdin.as_mut().unwrap(), "go").unwrap();
    expect(&mut out, "COMMITTED");
    drop(app); // SIGKILL: no destructors, no checkpoint

    let store = Store::open(&path).unwrap();
    let mut names: Vec<String> = store
        .products()
        .list()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    assert_eq!(names, ["after-reminders", "after-window", "before"]);
}

/// The POSIX locks this process holds on `path`'s inode, from `/proc/locks`.
#[cfg(target_os = "linux")]
fn my_posix_locks_on(path: &Path) -> Vec<String> {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{} ", std::fs::metadata(path).unwrap().ino());
    let pid = format!(" {} ", std::process::id());
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|l| l.contains("POSIX") && l.contains(&pid) && l.contains(&inode))
        .map(str::to_owned)
        .collect()
}

/// The same loss, seen directly: a WAL connection holds a shared lock on the database file
/// for as long as it is open, and opening a second store must not release it.
#[cfg(target_os = "linux")]
#[test]
fn opening_a_second_store_keeps_the_first_ones_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("needlewise.db");
    let window = Store::open(&path).unwrap();
    window.products().add(product("before")).unwrap();
    assert!(
        !my_posix_locks_on(&path).is_empty(),
        "the first store holds a lock"
    );
    let reminders = Store::open(&path).unwrap();
    assert!(
        !my_posix_locks_on(&path).is_empty(),
        "opening the second store released the first one's lock"
    );
    reminders.products().add(product("after")).unwrap();
    assert!(!my_posix_locks_on(&path).is_empty());
}

/// Quitting folds the WAL into the database file even while another connection (the
/// reminder loop's) stays open: the main file alone then holds every commit.
#[test]
fn closing_a_store_leaves_a_complete_main_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("needlewise.db");
    let window = Store::open(&path).unwrap();
    let reminders = Store::open(&path).unwrap();
    window.products().add(product("kept")).unwrap();
    window.close().unwrap();
    let wal = dir.path().join("needlewise.db-wal");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);

    let alone = tempfile::tempdir().unwrap();
    let copy = alone.path().join("needlewise.db");
    std::fs::copy(&path, &copy).unwrap();
    let names: Vec<String> = Store::open(&copy)
        .unwrap()
        .products()
        .list()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["kept"]);
    drop(reminders);
}
