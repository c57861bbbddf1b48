//! Drives the real app binary in a real window over WebDriver: tauri-driver in front of
//! WebKitWebDriver (Debian's webkit2gtk-driver), under the X display the test script
//! provides (Xvfb). Each session gets its own data directory through `--data-dir`.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// How long a page may take to show what a step expects. Generous: CI has 2 cores.
const WAIT: Duration = Duration::from_secs(20);

static NEXT_PORT: AtomicU16 = AtomicU16::new(0);

/// The background process's binary, built beside the app's (`cargo build -p
/// needlewise-background`; tests/run.sh builds it): the window starts it from there too.
pub fn background_binary() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_needlewise")).with_file_name("needlewise-background");
    assert!(
        path.exists(),
        "{} is missing: run `cargo build -p needlewise-background` first",
        path.display()
    );
    path
}

/// Debian's libfaketime (package faketime).
pub const FAKETIME_LIB: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// One tauri-driver (and the WebKitWebDriver it starts), killed with its process group.
pub struct Driver {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Driver {
    /// `fake_time`: run the driver, and so the app it launches, at another date through
    /// libfaketime (e.g. "@2026-12-02 09:00:00"; the clock runs on from there).
    /// `envs`: extra environment for the driver and so the app (e.g. `GTK_THEME=Adwaita:dark`).
    /// `log`: where the driver's, WebKit's and the app's output goes, so a failed test
    /// leaves what they said (a web process crash, a Rust panic) beside its screenshots.
    pub fn start_at(fake_time: Option<&str>, envs: &[(&str, &str)], log: &Path) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "end-to-end tests need an X display: run them through tests/run.sh (Xvfb)"
        );
        let base = 4700 + (std::process::id() % 500) as u16 * 4;
        let port = base + NEXT_PORT.fetch_add(2, Ordering::SeqCst);
        let mut cmd = Command::new(driver_binary());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &(port + 1).to_string(),
        ])
        .env("NO_AT_BRIDGE", "1");
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap_or_else(|e| panic!("the driver's log {}: {e}", log.display()));
        cmd.stdout(out.try_clone().unwrap()).stderr(out);
        cmd.envs(envs.iter().copied());
        if let Some(t) = fake_time {
            cmd.env("LD_PRELOAD", FAKETIME_LIB)
                .env("FAKETIME", t)
                .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let child = cmd
            .spawn()
            .expect("tauri-driver could not start: is it installed (tests/run.sh installs it)?");
        eventually_blocking(WAIT, || {
            TcpStream::connect(("127.0.0.1", port))
                .map(drop)
                .map_err(|_| format!("tauri-driver did not listen on {port}"))
        });
        Driver {
            child,
            port,
            log: log.to_owned(),
        }
    }
}

fn driver_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let cargo_bin = dirs_home().join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// The pids `pgrep` finds with `args`.
pub fn pgrep(args: &[&str]) -> Vec<u32> {
    let out = Command::new("pgrep").args(args).output().expect("pgrep");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// SIGKILL `pid`, as a crash would end it; whether it was there to kill.
pub fn kill_hard(pid: u32) -> bool {
    Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

impl Driver {
    /// The app's WebKit web processes (the page's renderer): everything the driver started
    /// is in its process group.
    pub fn web_processes(&self) -> Vec<u32> {
        pgrep(&["-g", &self.child.id().to_string(), "WebKitWebProces"])
    }

    /// Kill the app's WebKit web processes, as a crash would; returns the pids killed.
    pub fn kill_web_process(&self) -> Vec<u32> {
        let pids = self.web_processes();
        for pid in &pids {
            kill_hard(*pid);
        }
        pids
    }

    /// What the driver, WebKit and the app have written so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// How many of the log's last lines a failed test prints.
const LOG_TAIL: usize = 40;

impl Drop for Driver {
    fn drop(&mut self) {
        // A failing test says what the driver, WebKit and the app said last: CI keeps the
        // test's output, not the artefact folder.
        if std::thread::panicking() {
            let text = self.log();
            let lines: Vec<&str> = text.lines().collect();
            let tail = &lines[lines.len().saturating_sub(LOG_TAIL)..];
            eprintln!(
                "--- last lines of {}:\n{}",
                self.log.display(),
                tail.join("\n")
            );
        }
        // Negative pid: the whole group, so WebKitWebDriver and the app go too.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
        // Wait for the app to be gone too: the next test's app must not find it running
        // (single instance would hand over to it).
        let group = format!("-{}", self.child.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline
            && Command::new("kill")
                .args(["-0", "--", &group])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The app under test: a WebDriver session on a fresh (or given) data directory.
pub struct App {
    pub client: Client,
    artifacts: PathBuf,
    shots: u32,
    driver: Driver,
}

/// How to launch the app under test, from `App::open(test)`: on a data directory (or a new
/// one), with a faked clock, extra environment, or another build of the app.
pub struct Launch<'a> {
    test: &'a str,
    data_dir: Option<&'a Path>,
    binary: Option<(&'a str, &'a [&'a str])>,
    fake_time: Option<&'a str>,
    envs: &'a [(&'a str, &'a str)],
}

impl<'a> Launch<'a> {
    /// Use this data directory (to test resuming, or one set up beforehand).
    pub fn data_dir(mut self, dir: &'a Path) -> Self {
        self.data_dir = Some(dir);
        self
    }

    /// Run the app's clock from `fake_time` (libfaketime, e.g. "@2026-12-02 09:00:00").
    pub fn at(mut self, fake_time: &'a str) -> Self {
        self.fake_time = Some(fake_time);
        self
    }

    /// Extra environment for the app, e.g. `GTK_THEME=Adwaita:dark` for dark mode.
    pub fn envs(mut self, envs: &'a [(&'a str, &'a str)]) -> Self {
        self.envs = envs;
        self
    }

    /// Another build of the app (the installed package's, say) with these arguments.
    pub fn binary(mut self, binary: &'a str, args: &'a [&'a str]) -> Self {
        self.binary = Some((binary, args));
        self
    }

    /// Launch on the data directory given (or none, for another binary).
    pub async fn start(self) -> App {
        let data = self.data_dir.map(|d| d.to_str().unwrap().to_string());
        let own: Vec<&str> = data
            .iter()
            .flat_map(|d| ["--data-dir", d.as_str()])
            .collect();
        let (binary, args) = self
            .binary
            .unwrap_or((env!("CARGO_BIN_EXE_needlewise"), &own[..]));
        App::launch_binary(self.test, binary, args, self.fake_time, self.envs).await
    }

    /// Launch on a new, empty data directory.
    pub async fn start_fresh(self) -> (App, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let app = self.data_dir(dir.path()).start().await;
        (app, dir)
    }
}

impl App {
    /// The launch of the app for test `test` (its screenshots go under that name).
    pub fn open(test: &str) -> Launch<'_> {
        Launch {
            test,
            data_dir: None,
            binary: None,
            fake_time: None,
            envs: &[],
        }
    }

    async fn launch_binary(
        test: &str,
        binary: &str,
        args: &[&str],
        fake_time: Option<&str>,
        envs: &[(&str, &str)],
    ) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": binary, "args": args }),
        );
        // Under load, WebKitWebDriver now and then drops the first session request while the
        // app starts (hyper's IncompleteMessage); a fresh driver on the next try connects.
        let artifacts = artifacts_root().join(test);
        std::fs::create_dir_all(&artifacts).unwrap();
        // Each launch starts its log afresh: what a test reads there is this app's.
        let log = artifacts.join("driver.log");
        let _ = std::fs::remove_file(&log);
        let mut attempt = 0;
        let (client, driver) = loop {
            attempt += 1;
            let driver = Driver::start_at(fake_time, envs, &log);
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", driver.port))
                .await
            {
                Ok(client) => break (client, driver),
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, attempt {attempt}: {e}; trying again");
                    drop(driver);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("WebDriver session with the app: {e}"),
            }
        };
        let app = App {
            client,
            artifacts,
            shots: 0,
            driver,
        };
        app.wait(Locator::Css("body[data-ready]")).await;
        app
    }

    pub fn driver(&self) -> &Driver {
        &self.driver
    }

    /// Close the window's session (the app exits with it).
    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    pub async fn wait(&self, loc: Locator<'_>) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(loc)
            .await
            .unwrap_or_else(|e| panic!("waiting for {loc:?}: {e}"))
    }

    pub async fn css(&self, css: &str) -> Element {
        self.wait(Locator::Css(css)).await
    }

    /// Wait until `css` matches a displayed element.
    pub async fn visible(&self, css: &str) -> Element {
        eventually(WAIT, || async {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                if e.is_displayed().await.unwrap_or(false) {
                    return Ok(e);
                }
            }
            Err(format!("{css} never became visible"))
        })
        .await
    }

    /// Click what `css` matches once it is shown. Lists that re-render as you type
    /// (search results, previews) can replace the element between finding and clicking it,
    /// so a stale element is looked up again.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let e = self.visible(css).await;
            // Centre it first: at the window's edge the sticky Back/Next bar would cover it.
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                    vec![serde_json::to_value(&e).unwrap()],
                )
                .await;
            match e.click().await {
                Ok(()) => return,
                Err(err) if Instant::now() < deadline => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(err) => panic!("click {css}: {err}"),
            }
        }
    }

    /// An attribute of every element `css` matches, read in one step in the page (so a
    /// list re-rendering meanwhile cannot leave us holding stale elements).
    pub async fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        let v = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]) || '');",
                vec![json!(css), json!(name)],
            )
            .await
            .unwrap();
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Whether `css` matches a displayed element right now.
    pub async fn shown(&self, css: &str) -> bool {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        }
    }

    /// Finish the wizard as a person would. When the products need a pre-session pause
    /// that the first session leaves no room for (GUIDANCE §2), the wizard goes back to the
    /// Schedule step; keep the date with a shortened pause, as these tests' plans start
    /// today, and finish again.
    pub async fn finish_wizard(&mut self) {
        self.click("#finish").await;
        let deadline = Instant::now() + WAIT;
        loop {
            if self.shown("#done").await {
                return;
            }
            if self.shown("#shorten-pause").await {
                break;
            }
            if Instant::now() >= deadline {
                // What the person sees, for the failure report.
                self.shot("finish-stuck").await;
                let error = self.attrs(".field-error, #wizard-error", "id").await;
                panic!("neither #done nor #shorten-pause; errors shown: {error:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.click("#shorten-pause").await;
        self.visible("#preview li").await;
        self.next_to(8).await;
        self.next_to(9).await;
        self.next_to(10).await;
        self.click("#finish").await;
        self.visible("#done").await;
    }

    /// Wait until the wizard says the answers are stored.
    pub async fn saved(&self) {
        self.wait(Locator::Css("#save-state[data-state=\"saved\"]"))
            .await;
    }

    /// Replace a field's value by typing, as a person would.
    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.visible(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    /// Set an input's value the way a date/time picker would (typing into them is
    /// locale-dependent in WebKitGTK), firing the same events.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.visible(css).await;
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
                 e.dispatchEvent(new Event('input', {bubbles: true}));\
                 e.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![json!(css), json!(value)],
            )
            .await
            .unwrap();
    }

    /// The shown text of `css`. An element re-rendered between finding and reading it
    /// (a list refreshed after a save) is stale: it is looked up again.
    pub async fn text(&self, css: &str) -> String {
        eventually(WAIT, || async {
            self.visible(css)
                .await
                .text()
                .await
                .map_err(|e| format!("{css}: {e}"))
        })
        .await
    }

    /// Attribute `name` of `css` (looked up again if re-rendered meanwhile, as in `text`).
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        eventually(WAIT, || async {
            self.css(css)
                .await
                .attr(name)
                .await
                .map_err(|e| format!("{css}[{name}]: {e}"))
        })
        .await
    }

    /// Whether the checkbox `css` is ticked (looked up again if re-rendered meanwhile: a
    /// tick saves and redraws its list).
    pub async fn is_checked(&self, css: &str) -> bool {
        let checked = eventually(WAIT, || async {
            self.css(css)
                .await
                .prop("checked")
                .await
                .map_err(|e| format!("{css}.checked: {e}"))
        })
        .await;
        checked.as_deref() == Some("true")
    }

    /// The current wizard step number.
    pub async fn step(&self) -> u32 {
        eventually(WAIT, || async {
            for e in self
                .client
                .find_all(Locator::Css("section[data-step]"))
                .await
                .unwrap()
            {
                if e.is_displayed().await.unwrap_or(false) {
                    // Stale if the step changed meanwhile: look again.
                    let step = e.attr("data-step").await.map_err(|e| e.to_string())?;
                    return Ok(step.unwrap().parse().unwrap());
                }
            }
            Err("no visible wizard step".to_string())
        })
        .await
    }

    /// Wait for the wizard to show step `n`.
    pub async fn at_step(&self, n: u32) {
        self.visible(&format!("section[data-step=\"{n}\"]")).await;
    }

    /// Click Next and wait for step `n`.
    pub async fn next_to(&mut self, n: u32) {
        self.click("#next").await;
        self.at_step(n).await;
    }

    /// Save a PNG of the window under the test's artefact folder.
    pub async fn shot(&mut self, name: &str) {
        self.shots += 1;
        let png = self.client.screenshot().await.unwrap();
        let path = self.artifacts.join(format!("{:02}-{name}.png", self.shots));
        std::fs::write(&path, png).unwrap();
    }
}

/// Screenshots go to `test-artifacts/` at the repository root (ignored by git).
/// Poll `check` until it gives `Ok`; after `within`, fail with its last `Err` (what was
/// seen instead). The one wait behind these tests: no fixed sleeps.
pub async fn eventually<T, F>(within: Duration, mut check: impl FnMut() -> F) -> T
where
    F: std::future::Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + within;
    loop {
        match check().await {
            Ok(v) => return v,
            Err(seen) => assert!(Instant::now() < deadline, "after {within:?}: {seen}"),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// [`eventually`] for tests without a runtime (notifications, the reminder loop).
pub fn eventually_blocking<T>(within: Duration, mut check: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + within;
    loop {
        match check() {
            Ok(v) => return v,
            Err(seen) => assert!(Instant::now() < deadline, "after {within:?}: {seen}"),
        }
        std::thread::sleep(POLL);
    }
}

const POLL: Duration = Duration::from_millis(150);

pub fn artifacts_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts")
}
