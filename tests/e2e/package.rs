//! The installed package, as a person gets it: `tests/package.sh` builds the .deb, installs
//! it, and runs this test against `/usr/bin/needlewise` with a fresh home directory. It is
//! skipped by `tests/run.sh`'s end-to-end run, which tests the development build.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{Local, TimeZone};
use needlewise_background::data::DataDir;
use needlewise_background::instance::Instance;
use needlewise_background::programs::Program;
use needlewise_background::wake::{self, Request};

use crate::harness::{eventually_blocking, App, FAKETIME_LIB};
use crate::notifications::NotificationServer;
use crate::wizard::{concerns_and_safety, start};

/// The installed binary and the fresh home it runs in, from tests/package.sh.
fn installed() -> (String, PathBuf) {
    let bin = std::env::var("NEEDLEWISE_INSTALLED")
        .expect("run through tests/package.sh: NEEDLEWISE_INSTALLED names the installed binary");
    let home = std::env::var("NEEDLEWISE_TEST_HOME").expect("NEEDLEWISE_TEST_HOME");
    (bin, PathBuf::from(home))
}

fn data_file(home: &Path) -> PathBuf {
    home.join(".local/share/app.needlewise.desktop/needlewise.db")
}

#[tokio::test]
#[ignore = "needs the installed package: run through tests/package.sh"]
async fn installed_package_runs_the_wizard_and_notifies() {
    let (bin, home) = installed();
    let home_s = home.to_str().unwrap().to_string();
    let envs = [("HOME", home_s.as_str()), ("XDG_DATA_HOME", "")];
    // The wizard, in the installed app's own window, its data in the user's data folder.
    let mut app = App::open("package")
        .binary(&bin, &[])
        .envs(&envs)
        .start()
        .await;
    start(&mut app, "atHome").await;
    app.fill("#needle", "0.25").await;
    app.next_to(5).await;
    concerns_and_safety(&mut app).await;
    app.next_to(8).await;
    app.next_to(9).await;
    // Start at login: the entry written must start the background process.
    app.click("#start-at-login").await;
    app.next_to(10).await;
    app.click("#finish").await;
    app.visible("#done").await;
    app.shot("installed-done").await;
    app.close().await;
    assert!(
        data_file(&home).exists(),
        "data in {}",
        data_file(&home).display()
    );

    let entry = home.join(".config/autostart/needlewise.desktop");
    let entry = std::fs::read_to_string(&entry).unwrap_or_default();
    let background = Path::new(&bin).with_file_name("needlewise-background");
    assert!(
        entry.contains(&format!("Exec={} ", background.display())),
        "the autostart entry starts the background process: {entry}"
    );
    // The window started the background process; it goes, to come back at a faked time.
    let data = DataDir::new(data_file(&home).parent().unwrap());
    let _ = wake::ask(&data, Request::Quit);
    eventually_blocking(Duration::from_secs(20), || {
        match Instance::running(&data, Program::Background) {
            false => Ok(()),
            true => Err("the background process did not quit".into()),
        }
    });

    // Tomorrow just before 08:00, the background process alone as after a login: the SPF
    // reminder arrives.
    let server = NotificationServer::start("actions body");
    let tomorrow = Local::now().date_naive() + chrono::Duration::days(1);
    let at = Local
        .from_local_datetime(&tomorrow.and_hms_opt(7, 59, 55).unwrap())
        .earliest()
        .unwrap();
    let offset = (at.timestamp() - Local::now().timestamp()).to_string();
    let mut child = Command::new(&background)
        .env("HOME", &home)
        .env("LD_PRELOAD", FAKETIME_LIB)
        .env("FAKETIME", format!("+{offset}"))
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    eventually_blocking(Duration::from_secs(90), || {
        let calls = server.calls();
        match calls.contains("SPF 30+") {
            true => Ok(()),
            false => Err(format!("no SPF notification: {calls}")),
        }
    });
    let _ = wake::ask(&data, Request::Quit);
    let _ = child.wait();
}

#[tokio::test]
#[ignore = "needs the installed package: run through tests/package.sh"]
async fn reinstalled_package_opens_the_same_data() {
    let (bin, home) = installed();
    assert!(data_file(&home).exists(), "the data survived removal");
    let home_s = home.to_str().unwrap().to_string();
    let envs = [("HOME", home_s.as_str()), ("XDG_DATA_HOME", "")];
    let mut app = App::open("package-reinstalled")
        .binary(&bin, &[])
        .envs(&envs)
        .start()
        .await;
    // Set up before: straight to the dashboard, with the plan from the first install.
    app.visible("section[data-view=\"today\"] #today-next-session")
        .await;
    app.shot("reinstalled").await;
    app.close().await;
    // The background process the window started goes too.
    let _ = wake::ask(
        &DataDir::new(data_file(&home).parent().unwrap()),
        Request::Quit,
    );
}
