//! A damaged database shows a clear screen, is never overwritten, and can be set aside.

use crate::harness::App;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run through tests/run.sh"]
async fn damaged_database_is_kept_aside_and_setup_starts_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let junk: Vec<u8> = (0..16_384u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(&db, &junk).unwrap();
    let mut app = App::launch_in("storage", dir.path()).await;
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
