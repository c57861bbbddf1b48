//! A damaged database shows a clear screen, is never overwritten, and can be set aside.

use crate::harness::App;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn damaged_database_is_kept_aside_and_setup_starts_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let junk: Vec<u8> = (0..16_384u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(&db, &junk).unwrap();
    let mut app = App::open("storage").data_dir(dir.path()).start().await;
    app.visible("#storage-problem").await;
    let message = app.text("#storage-message").await;
    assert!(
        message.contains("damaged") || message.contains("not an SQLite"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        junk,
        "the file is untouched while the screen shows"
    );
    app.shot("storage-problem").await;
    app.click("#set-aside").await;
    app.at_step(1).await;
    app.shot("fresh-start").await;
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("set-aside"))
        .collect();
    assert_eq!(aside.len(), 1, "one file set aside");
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        junk,
        "kept byte for byte"
    );
    app.close().await;
}

/// Issue 10, item 12: a file another program holds locked is not damaged. The screen says
/// what is wrong, offers "Try again" and not "Keep it aside"; once the other program lets
/// go, "Try again" opens the person's data as it was.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn a_locked_file_offers_try_again_not_set_aside() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let dir = crate::common::set_up_dir(crate::wizard::today() + chrono::Duration::days(5));
    let db = dir.path().join("needlewise.db");
    // Another program (plain SQLite, as a backup tool would use) takes the file for itself.
    let script = "import sqlite3, sys\n\
        c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
        c.execute('PRAGMA locking_mode=EXCLUSIVE')\n\
        c.execute('BEGIN EXCLUSIVE')\n\
        print('locked', flush=True)\n\
        sys.stdin.read()\n";
    let mut holder = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut said = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut said)
        .unwrap();
    assert_eq!(said.trim(), "locked");
    let mut app = App::open("storage-locked")
        .data_dir(dir.path())
        .start()
        .await;
    app.visible("#storage-problem").await;
    assert_eq!(
        app.attr("#storage-problem", "data-kind").await.as_deref(),
        Some("locked")
    );
    let advice = app.text("#storage-advice").await;
    assert!(advice.contains("Another program"), "{advice}");
    assert!(
        !app.shown("#set-aside").await,
        "a locked file is not set aside"
    );
    app.shot("locked").await;
    // Still locked: trying again says so and changes nothing.
    app.click("#retry-storage").await;
    app.visible("#storage-status").await;
    // The other program lets go.
    drop(holder.stdin.take());
    holder.wait().unwrap();
    let _ = std::io::stdout().flush();
    app.click("#retry-storage").await;
    app.visible("#today-next-session").await;
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("set-aside"));
    assert!(!aside, "nothing was set aside");
    app.close().await;
}

/// Issue 10, item 2: the data file is deleted while the app is open (a clean-up tool, a
/// slip in a file manager). The next thing the window asks for is refused instead of
/// being written into a file nobody can reach; everything the app still had is saved
/// beside it, and "Put my data back" restores it.
#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn a_data_file_deleted_while_open_is_saved_and_put_back() {
    let dir = crate::common::set_up_dir(crate::wizard::today() + chrono::Duration::days(5));
    crate::common::Harness::at(dir.path()).ok(
        "add_product",
        serde_json::json!({ "product": { "name": "Keep-me balm", "inci": "Aqua, Glycerin" } }),
    );
    let db = dir.path().join("needlewise.db");
    let mut app = App::open("storage-deleted")
        .data_dir(dir.path())
        .start()
        .await;
    app.visible("#today-next-session").await;
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    // A change made now would go into the deleted file and vanish: it is refused.
    app.click("button[data-view=products]").await;
    app.fill("#new-product-name", "Written after the delete")
        .await;
    app.fill("#new-product-inci", "Aqua").await;
    app.click("#add-new-product").await;
    app.visible("#restore-storage").await;
    assert_eq!(
        app.attr("#storage-problem", "data-kind").await.as_deref(),
        Some("fileGone")
    );
    let copy = app.text("#storage-recovered").await;
    assert!(std::path::Path::new(&copy).exists(), "saved copy at {copy}");
    assert!(!db.exists(), "nothing was written in the file's place");
    app.shot("file-gone").await;
    app.click("#restore-storage").await;
    app.visible("#today-next-session").await;
    app.close().await;
    let store = needlewise_core::store::Store::open(&db).unwrap();
    assert!(
        store.profile().get().unwrap().is_some(),
        "the profile is back"
    );
    let names: Vec<String> = store
        .products()
        .list()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(names.contains(&"Keep-me balm".to_string()), "{names:?}");
    assert!(
        !names.contains(&"Written after the delete".to_string()),
        "the refused change was not half-saved: {names:?}"
    );
}
