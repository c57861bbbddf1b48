//! The store on real files in a temp dir: creation, permissions, migrations from every
//! earlier schema version, refusal of files that are not ours (left byte-for-byte and
//! sidecar-for-sidecar as they were), crash safety and round trips through a reopen.

use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use needlewise_core::checkin::{DayAfter, Flags, NewCheckIn, Severity};
use needlewise_core::guidance::SessionKind;
use needlewise_core::product::{NewProduct, ProductId};
use needlewise_core::profile::{PostponeCondition, Profile};
use needlewise_core::routine::{Part, Placement, RoutineStep, Tick, Usage, When};
use needlewise_core::session::{NewSession, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::store::{
    backup_path, LedgerEntry, ReminderOutcome, Store, WizardProgress, APPLICATION_ID,
    SCHEMA_VERSION,
};
use needlewise_core::units::Days;
use needlewise_core::CoreError;
use rusqlite::{Connection, OpenFlags};

// ---------------------------------------------------------------- helpers

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("needlewise.db")
}

fn profile() -> Profile {
    Profile::from_json(
        r#"{"mode":"atHome","atHome":{"device":"roller","needle":0.25,"headSince":null},
            "professional":null,"consultation":{"status":"done"},"sessionTime":"19:00:00",
            "location":null,"createdOn":"2026-03-01"}"#,
    )
    .expect("fixture profile is valid")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn evening() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).unwrap()
}

fn session_on(d: u32) -> NewSession {
    NewSession {
        kind: SessionKind::AtHome,
        date: day(d),
        time: evening(),
    }
}

fn ledger_entry(key: &str) -> LedgerEntry {
    let at: DateTime<Utc> = "2026-03-02T19:00:00Z".parse().unwrap();
    LedgerEntry {
        key: key.into(),
        kind: needlewise_core::reminders::ReminderKind::SessionPrep,
        date: day(2),
        outcome: ReminderOutcome::Sent,
        scheduled_for: at,
        recorded_at: at + chrono::Duration::seconds(3),
    }
}

fn evening_serum(id: ProductId) -> Placement {
    Placement::new(
        id,
        RoutineStep::Serum,
        Usage::on(When::Pm, &[1, 3, 5]).unwrap(),
    )
}

fn serum_tick() -> Tick {
    Tick {
        date: day(2),
        part: Part::Evening,
        step: RoutineStep::Serum,
    }
}

/// Data that every schema version (1 and up) can hold.
fn fill_v1(store: &Store) {
    store.profile().save(&profile()).unwrap();
    let mut settings = Settings::default();
    settings.times.book_next_after = Days(10);
    store.settings().save(&settings).unwrap();
    let s = store.sessions().insert(session_on(1)).unwrap();
    store
        .sessions()
        .set_status(s.id, &SessionStatus::Done)
        .unwrap();
    store.sessions().insert(session_on(11)).unwrap();
    store
        .checkins()
        .add(NewCheckIn {
            session_id: s.id,
            day: DayAfter::new(1).unwrap(),
            redness: Severity::Mild,
            irritation: Severity::None,
            flags: Flags::default(),
            note: "fine".into(),
        })
        .unwrap();
    store
        .products()
        .add(NewProduct {
            name: "Serum".into(),
            inci: "Aqua, Niacinamide".into(),
        })
        .unwrap();
    store.ledger().record(&ledger_entry("prep:1")).unwrap();
}

fn assert_v1_data(store: &Store) {
    let state = store.load_state().unwrap().expect("profile kept");
    assert_eq!(state.profile, profile());
    assert_eq!(state.settings.times.book_next_after, Days(10));
    assert_eq!(state.sessions.len(), 2);
    assert_eq!(state.sessions[0].status, SessionStatus::Done);
    assert_eq!(state.checkins.len(), 1);
    assert_eq!(state.checkins[0].note, "fine");
    assert_eq!(state.products[0].product.name, "Serum");
    assert_eq!(
        store.ledger().get("prep:1").unwrap(),
        Some(ledger_entry("prep:1"))
    );
}

/// Everything observable about a directory's files: names, content hashes, mtimes, modes.
#[derive(Debug, PartialEq)]
struct DirState(BTreeMap<String, (u64, SystemTime, u32)>);

fn dir_state(dir: &Path) -> DirState {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        fs::read(entry.path()).unwrap().hash(&mut hasher);
        files.insert(
            entry.file_name().to_string_lossy().into_owned(),
            (hasher.finish(), meta.modified().unwrap(), mode(&meta)),
        );
    }
    DirState(files)
}

#[cfg(unix)]
fn mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn mode(_: &fs::Metadata) -> u32 {
    0
}

fn mode_of(path: &Path) -> u32 {
    mode(&fs::metadata(path).unwrap())
}

/// Opening must fail with `expected` and leave the directory exactly as it was.
fn assert_refused_untouched(path: &Path, expected: &str) -> CoreError {
    let dir = path.parent().unwrap();
    let before = dir_state(dir);
    let err = Store::open(path).expect_err("must be refused");
    assert_eq!(err.kind(), expected, "{err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(dir_state(dir), before, "files changed or appeared");
    err
}

/// Deterministic noise (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn raw(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn pragma(conn: &Connection, name: &str) -> i64 {
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

// ---------------------------------------------------------------- creation

#[test]
fn a_missing_file_is_created_private_and_current() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.path(), Some(path.as_path()));
    store.outdoor_days().add(day(1)).unwrap();
    #[cfg(unix)]
    for file in ["needlewise.db", "needlewise.db-wal", "needlewise.db-shm"] {
        assert_eq!(mode_of(&dir.path().join(file)), 0o600, "{file}");
    }
    drop(store);
    let conn = raw(&path);
    assert_eq!(pragma(&conn, "application_id"), i64::from(APPLICATION_ID));
    assert_eq!(pragma(&conn, "user_version"), SCHEMA_VERSION);
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert!(
        !backup_path(&path, 1).exists(),
        "a new file has nothing to back up"
    );
}

#[test]
fn a_zero_byte_file_becomes_a_private_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fs::write(&path, b"").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.load_state().unwrap().is_none());
    #[cfg(unix)]
    assert_eq!(mode_of(&path), 0o600);
}

#[test]
fn two_processes_opening_a_new_file_at_once_migrate_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let opened: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| Store::open(&path).map(|st| st.schema_version().unwrap())))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for v in opened {
        assert_eq!(v.unwrap(), SCHEMA_VERSION);
    }
}

// ---------------------------------------------------------------- migrations

#[test]
fn every_earlier_version_migrates_keeping_data_and_a_backup() {
    for from in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = db_in(&dir);
        {
            let old = Store::open_at_version(&path, from).unwrap();
            assert_eq!(old.schema_version().unwrap(), from);
            fill_v1(&old);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_v1_data(&store);
        // The tables added since `from` work.
        store.outdoor_days().add(day(3)).unwrap();
        let info = needlewise_core::photo::PhotoInfo {
            taken_on: day(3),
            area: needlewise_core::photo::Area::Cheeks,
            note: String::new(),
        };
        store.photos().insert(&info, 4, 3).unwrap();
        store.photos().mark_taken(day(4)).unwrap();
        let photo_days = &store.load_state().unwrap().unwrap().photo_days;
        assert_eq!(
            photo_days.iter().copied().collect::<Vec<_>>(),
            [day(3), day(4)]
        );
        store
            .wizard()
            .save(&WizardProgress {
                step: 1,
                draft: serde_json::json!({}),
            })
            .unwrap();
        // Version 5's routine: the old product can be placed, and a step ticked.
        let serum = store.products().list().unwrap()[0].id;
        store.routine().place(&evening_serum(serum)).unwrap();
        store.routine().tick(&serum_tick()).unwrap();
        let state = store.load_state().unwrap().unwrap();
        assert_eq!(state.placements, vec![evening_serum(serum)]);
        assert_eq!(store.routine().all_ticks().unwrap(), vec![serum_tick()]);

        for v in from..SCHEMA_VERSION {
            let backup = backup_path(&path, v);
            assert!(backup.exists(), "{} missing", backup.display());
            #[cfg(unix)]
            assert_eq!(mode_of(&backup), 0o600);
            let copy = raw(&backup);
            assert_eq!(pragma(&copy, "user_version"), v);
            assert_eq!(pragma(&copy, "application_id"), i64::from(APPLICATION_ID));
            let sessions: i64 = copy
                .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
                .unwrap();
            assert_eq!(sessions, 2, "backup of v{v} holds the data");
        }
        assert!(!backup_path(&path, SCHEMA_VERSION).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn reopening_a_current_file_makes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fill_v1(&Store::open(&path).unwrap());
    assert_v1_data(&Store::open(&path).unwrap());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("backup")), "{names:?}");
}

// ---------------------------------------------------------------- refusals

#[test]
fn random_bytes_are_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fs::write(&path, noise(8192, 0x5eed)).unwrap();
    assert_refused_untouched(&path, "damaged");

    // SQLite's magic followed by noise gets past the header check and is caught by SQLite.
    let mut fake = b"SQLite format 3\0".to_vec();
    fake.extend(noise(8192, 7));
    fs::write(&path, fake).unwrap();
    assert_refused_untouched(&path, "damaged");

    fs::write(&path, b"SQLite").unwrap();
    assert_refused_untouched(&path, "damaged");
}

#[test]
fn a_real_database_with_an_overwritten_header_is_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fill_v1(&Store::open(&path).unwrap());
    let mut bytes = fs::read(&path).unwrap();
    bytes[..100].copy_from_slice(&noise(100, 3));
    fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, "damaged");
}

#[test]
fn a_real_database_with_overwritten_pages_is_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let store = Store::open(&path).unwrap();
        fill_v1(&store);
        for i in 0..100 {
            store
                .products()
                .add(NewProduct {
                    name: format!("Product {i}"),
                    inci: "Aqua, Glycerin, ".repeat(100),
                })
                .unwrap();
        }
    }
    let mut bytes = fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 20 * page, "the data spans many pages");
    let middle = bytes.len() / page / 2 * page;
    bytes[middle..middle + 2 * page].copy_from_slice(&noise(2 * page, 11));
    fs::write(&path, &bytes).unwrap();
    let err = assert_refused_untouched(&path, "damaged");
    assert!(matches!(err, CoreError::Damaged { .. }));
}

fn foreign_db(path: &Path, wal: bool) -> Connection {
    let conn = Connection::open(path).unwrap();
    if wal {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
            .unwrap();
    }
    conn.execute_batch(
        "PRAGMA application_id = 1234;
         CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('not yours');",
    )
    .unwrap();
    conn
}

#[test]
fn another_apps_database_is_refused_untouched_without_sidecars() {
    for wal in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite");
        drop(foreign_db(&path, wal));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_refused_untouched(&path, "notNeedlewise");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no -wal/-shm left (wal = {wal})"
        );
    }
}

/// While another program has its WAL database open, the main file is only consistent
/// together with its `-wal`, so the inspection reads it as an ordinary (read-only) WAL
/// reader. Readers take read locks inside the `-shm` shared-memory index, so that file's
/// bytes may change; the database, its `-wal` and the set of files do not.
#[test]
fn another_apps_database_in_use_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let other_app = foreign_db(&path, true); // keeps its -wal/-shm open
    assert!(dir.path().join("other.sqlite-wal").exists());
    let without_shm = || {
        let mut state = dir_state(dir.path());
        let shm = state.0.get_mut("other.sqlite-shm").expect("-shm exists");
        shm.0 = 0;
        shm.1 = SystemTime::UNIX_EPOCH;
        state
    };
    let before = without_shm();
    assert_eq!(Store::open(&path).unwrap_err().kind(), "notNeedlewise");
    assert_eq!(without_shm(), before);
    drop(other_app);
}

#[test]
fn a_fresh_database_of_another_app_is_not_claimed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 99).unwrap();
    }
    assert_refused_untouched(&path, "notNeedlewise");
}

#[test]
fn a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fill_v1(&Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    match assert_refused_untouched(&path, "newerVersion") {
        CoreError::NewerVersion {
            found, supported, ..
        } => assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------- crashes

#[test]
fn a_transaction_failing_between_two_writes_persists_neither() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let store = Store::open(&path).unwrap();
        let result = store.transaction(|tx| {
            tx.sessions().insert(session_on(1))?;
            Err::<(), _>(CoreError::Conflict("failed before the second write".into()))?;
            tx.outdoor_days().add(day(1)).map(|_| ())
        });
        assert!(result.is_err());

        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = store.transaction(|tx| {
                tx.sessions().insert(session_on(2))?;
                panic!("crash between two writes");
                #[allow(unreachable_code)]
                tx.outdoor_days().add(day(2)).map(|_| ())
            });
        }));
        assert!(panicked.is_err());
        // The connection is usable after the panic.
        store.outdoor_days().add(day(9)).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert!(store.sessions().list().unwrap().is_empty());
    assert_eq!(
        store
            .outdoor_days()
            .list()
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![day(9)]
    );
}

const CRASH_CHILD: &str = "NEEDLEWISE_STORE_CRASH_CHILD";

/// The process dies (abort, no unwinding, no destructors) inside a transaction whose
/// writes are big enough to spill into the WAL before commit.
#[test]
fn a_process_killed_mid_transaction_persists_nothing() {
    if let Ok(path) = std::env::var(CRASH_CHILD) {
        let store = Store::open(Path::new(&path)).unwrap();
        let _ = store.transaction(|tx| {
            tx.sessions().insert(session_on(20))?;
            for i in 0..300 {
                tx.products().add(NewProduct {
                    name: format!("p{i}"),
                    inci: "x".repeat(NewProduct::MAX_INCI),
                })?;
            }
            std::process::abort();
            #[allow(unreachable_code)]
            Ok::<_, CoreError>(())
        });
        unreachable!("the child aborts");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fill_v1(&Store::open(&path).unwrap());
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_process_killed_mid_transaction_persists_nothing",
            "--test-threads=1",
        ])
        .env(CRASH_CHILD, &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child was meant to crash");
    let store = Store::open(&path).unwrap();
    assert_v1_data(&store);
    assert_eq!(store.products().list().unwrap().len(), 1);
}

// ---------------------------------------------------------------- data through reopen

#[test]
fn every_repository_round_trips_through_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let (before, wizard) = {
        let store = Store::open(&path).unwrap();
        fill_v1(&store);
        let postponed = store.sessions().insert(session_on(21)).unwrap();
        store
            .sessions()
            .set_status(
                postponed.id,
                &SessionStatus::Postponed {
                    because: PostponeCondition::OpenWound,
                },
            )
            .unwrap();
        store.outdoor_days().add(day(5)).unwrap();
        let serum = store.products().list().unwrap()[0].id;
        store.routine().place(&evening_serum(serum)).unwrap();
        store.routine().tick(&serum_tick()).unwrap();
        let wizard = WizardProgress {
            step: 4,
            draft: serde_json::json!({"concerns": ["texture"]}),
        };
        store.wizard().save(&wizard).unwrap();
        (store.load_state().unwrap().unwrap(), wizard)
    };
    let store = Store::open(&path).unwrap();
    let after = store.load_state().unwrap().unwrap();
    assert_eq!(after.profile, before.profile);
    assert_eq!(after.settings, before.settings);
    assert_eq!(after.sessions, before.sessions);
    assert_eq!(after.checkins, before.checkins);
    assert_eq!(after.products, before.products);
    assert_eq!(after.outdoor_days, before.outdoor_days);
    assert_eq!(after.placements, before.placements);
    assert_eq!(store.routine().all_ticks().unwrap(), vec![serum_tick()]);
    assert_eq!(store.wizard().get().unwrap(), Some(wizard));
    assert_eq!(store.ledger().between(day(1), day(31)).unwrap().len(), 1);
}

#[test]
fn the_ledger_refuses_a_key_recorded_by_another_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let app = Store::open(&path).unwrap();
    let reminder_loop = Store::open(&path).unwrap();
    reminder_loop
        .transaction(|tx| {
            if !tx.ledger().is_recorded("spf:2026-03-02")? {
                tx.ledger().record(&ledger_entry("spf:2026-03-02"))?;
            }
            Ok::<_, CoreError>(())
        })
        .unwrap();
    match app.ledger().record(&ledger_entry("spf:2026-03-02")) {
        Err(CoreError::AlreadyRecorded(key)) => assert_eq!(key, "spf:2026-03-02"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn foreign_keys_cascade_on_every_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    fill_v1(&Store::open(&path).unwrap());
    let store = Store::open(&path).unwrap();
    let first = store.sessions().list().unwrap()[0].id;
    assert_eq!(store.checkins().for_session(first).unwrap().len(), 1);
    store.sessions().delete(first).unwrap();
    assert!(store.checkins().list().unwrap().is_empty());
    let unknown = store.checkins().add(NewCheckIn {
        session_id: first,
        day: DayAfter::new(0).unwrap(),
        redness: Severity::None,
        irritation: Severity::None,
        flags: Flags::default(),
        note: String::new(),
    });
    assert!(matches!(
        unknown,
        Err(CoreError::NotFound {
            what: "session",
            ..
        })
    ));
}

#[test]
fn backup_to_writes_a_private_standalone_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = Store::open(&path).unwrap();
    fill_v1(&store);
    let copy = dir.path().join("copy.db");
    store.backup_to(&copy).unwrap();
    #[cfg(unix)]
    assert_eq!(mode_of(&copy), 0o600);
    drop(store);
    let restored = Store::open(&copy).unwrap();
    assert_v1_data(&restored);
}

/// Issue 10, item 2: a store notices its file moved, deleted or replaced under it.
#[cfg(unix)]
#[test]
fn a_store_notices_its_file_moved_deleted_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("needlewise.db");
    let store = needlewise_core::store::Store::open(&path).unwrap();
    assert!(store.same_file());
    let moved = dir.path().join("moved.db");
    std::fs::rename(&path, &moved).unwrap();
    assert!(!store.same_file(), "moved away");
    std::fs::rename(&moved, &path).unwrap();
    assert!(store.same_file(), "moved back");
    std::fs::copy(&path, &moved).unwrap();
    std::fs::rename(&moved, &path).unwrap();
    assert!(!store.same_file(), "replaced by a copy");
    std::fs::remove_file(&path).unwrap();
    assert!(!store.same_file(), "deleted");
}
