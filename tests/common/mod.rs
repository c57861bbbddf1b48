//! Shared harness for the IPC tests: the app on Tauri's mock runtime with its real
//! context and a real database in a temp dir.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

pub struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    root: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

/// Close the database as the app does when it quits: the mock app itself is never freed
/// (its handles refer to each other), and an open connection would keep holding the file.
impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(state) = self._app.try_state::<needlewise::state::AppState>() {
            state.close();
        }
    }
}

impl Harness {
    pub fn new() -> Self {
        Self::in_dir(tempfile::tempdir().unwrap())
    }

    pub fn in_dir(dir: tempfile::TempDir) -> Self {
        let mut h = Self::at(dir.path());
        h._dir = Some(dir);
        h
    }

    /// The app on a data directory the caller owns (it outlives the harness).
    pub fn at(root: &std::path::Path) -> Self {
        let app = needlewise::builder(mock_builder(), Some(root.to_path_buf()))
            .build(needlewise::context())
            .expect("app builds on the mock runtime");
        let window = match app.get_webview_window("main") {
            Some(w) => w,
            None => WebviewWindowBuilder::new(&app, "main", Default::default())
                .build()
                .unwrap(),
        };
        Harness {
            _app: app,
            window,
            root: root.to_path_buf(),
            _dir: None,
        }
    }

    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// The error's kind, asserting the `{ kind, message }` shape.
    pub fn err(&self, cmd: &str, args: Value) -> (String, Value) {
        let e = self
            .call(cmd, args.clone())
            .expect_err(&format!("{cmd} {args} should fail"));
        let kind = e["kind"]
            .as_str()
            .unwrap_or_else(|| panic!("no kind in {e}"));
        assert!(
            e["message"].as_str().is_some_and(|m| !m.is_empty()),
            "no message in {e}"
        );
        (kind.to_string(), e)
    }

    /// Everything a person could see: status, and the plan once set up.
    pub fn snapshot(&self) -> Value {
        let status = self.ok("app_status", json!({}));
        let plan = self.call("today_plan", json!({})).ok();
        json!({ "status": status, "plan": plan })
    }

    /// What a failed call must leave unchanged: what a person sees, products, settings,
    /// check-in history and this month's calendar.
    pub fn everything(&self) -> Value {
        json!({
            "snapshot": self.snapshot(),
            "products": self.ok("list_products", json!({})),
            "settings": self.ok("get_settings", json!({})),
            "history": self.ok("checkin_history", json!({})),
            "calendar": self.ok("calendar", json!({ "month": today(self).format("%Y-%m").to_string() })),
        })
    }

    /// `cmd` fails with error kind `want` and changes nothing stored; returns the error.
    pub fn refused(&self, cmd: &str, args: Value, want: &str) -> Value {
        let before = self.everything();
        let (kind, e) = self.err(cmd, args.clone());
        assert_eq!(kind, want, "{cmd} {args}: {e}");
        assert_eq!(
            self.everything(),
            before,
            "{cmd} {args} changed stored data"
        );
        e
    }

    /// Import `text` as a person does: saved as a file, chosen (the app reads and checks
    /// it, as after the open dialog), then confirmed by its token. Errors in the IPC shape.
    pub fn import(&self, text: &str) -> Result<Value, Value> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("chosen-export.json");
        std::fs::write(&file, text).unwrap();
        let preview = self.choose_import(&file)?;
        self.call("import_data", json!({ "token": preview["token"] }))
    }

    /// What `choose_import` does once the open dialog named `file`: the preview, or the
    /// error in the IPC shape.
    pub fn choose_import(&self, file: &std::path::Path) -> Result<Value, Value> {
        let chosen = self._app.state::<needlewise::import_file::ChosenImport>();
        let folder = needlewise_core::photo::PhotoFolder::beside(&self.db());
        chosen
            .read(file, &folder)
            .map(|p| serde_json::to_value(p).unwrap())
            .map_err(|e| serde_json::to_value(e).unwrap())
    }

    /// The import of `text` fails with error kind `want` and changes nothing stored.
    pub fn refused_import(&self, text: &str, want: &str) -> Value {
        let before = self.everything();
        let e = self.import(text).expect_err("the import should fail");
        assert_eq!(e["kind"], want, "{e}");
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
        assert_eq!(
            self.everything(),
            before,
            "a refused import changed stored data"
        );
        e
    }

    /// The JSON inside an export archive `export_data` wrote.
    pub fn exported_json(path: &Value) -> String {
        use std::io::Read;
        let file = std::fs::File::open(path.as_str().unwrap()).unwrap();
        let mut archive = tar::Archive::new(file);
        let mut first = archive.entries().unwrap().next().unwrap().unwrap();
        assert_eq!(
            first.path().unwrap().to_str(),
            Some(needlewise_core::archive::JSON_NAME)
        );
        let mut text = String::new();
        first.read_to_string(&mut text).unwrap();
        text
    }

    pub fn db(&self) -> PathBuf {
        self.root.join("needlewise.db")
    }
}

pub fn today(h: &Harness) -> NaiveDate {
    h.ok("app_status", json!({}))["today"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

pub fn profile() -> Value {
    json!({
        "mode": "atHome",
        "atHome": { "device": "roller", "needle": 0.25, "headSince": null, "interval": null },
        "professional": null,
        "concerns": ["texture"],
        "sensitivity": "normal",
        "consultation": { "status": "done" },
        "safety": { "gates": [], "acknowledged": [], "currentConditions": [] },
        "sessionTime": "19:00",
        "location": { "name": "Berlin, Germany", "latitude": 52.52, "longitude": 13.405 }
    })
}

pub fn setup(first: NaiveDate) -> Value {
    json!({
        "profile": profile(),
        "firstSession": { "date": first.to_string(), "time": "19:00", "shortenedPause": true },
        "products": [
            { "name": "Retinol serum", "inci": "Aqua, Glycerin, Retinol, Tocopherol" },
            { "name": "Hyaluronic serum", "inci": "Aqua, Sodium Hyaluronate, Panthenol" }
        ],
        "reminders": { "spfTime": "08:00", "quietStart": "22:00", "quietEnd": "07:00", "dailySpf": true, "startAtLogin": false }
    })
}

/// Exports land in one temp folder per test process (set before any app starts).
pub fn export_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        std::env::set_var("NEEDLEWISE_EXPORT_DIR", d.path());
        d
    })
    .path()
}

/// A set-up app whose history is rewritten through the real import: one at-home session
/// done `days_ago` days ago, the next planned. Returns the harness.
pub fn with_history(days_ago: i64, checkins: Value) -> Harness {
    export_dir();
    let h = Harness::new();
    let t = today(&h);
    h.ok("finish_setup", json!({ "setup": setup(t) }));
    let path = h.ok("export_data", json!({}));
    let mut export: Value = serde_json::from_str(&Harness::exported_json(&path)).unwrap();
    let done = t - chrono::Duration::days(days_ago);
    export["profile"]["createdOn"] = json!((done - chrono::Duration::days(30)).to_string());
    export["sessions"] = json!([
        { "id": 1, "kind": "atHome", "date": done.to_string(), "time": "19:00:00", "status": "done" },
    ]);
    export["checkins"] = checkins;
    h.import(&export.to_string()).unwrap();
    h
}

/// A new data directory whose setup was finished through IPC, first session on `first`
/// (the harness closes its store before returning, so the app may open the file).
pub fn set_up_dir(first: NaiveDate) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Harness::at(dir.path()).ok("finish_setup", json!({ "setup": setup(first) }));
    dir
}

/// What the wizard sends (`buildSetup` in ui/js/draft.js) when a person takes its defaults:
/// consultation done, at home with a 0.25 mm roller, texture, normal skin, no safety
/// answers, the first session on `first` at 19:00, `products`, Berlin as the city search
/// finds it, and the default reminders. End-to-end tests of the dashboard start from this
/// instead of clicking through the wizard, which tests/e2e/wizard.rs walks.
pub fn wizard_defaults(h: &Harness, first: NaiveDate, products: &[(&str, &str)]) -> Value {
    let city = h.ok("search_cities", json!({ "query": "Berlin" }))[0].clone();
    let name = format!(
        "{}, {}",
        city["name"].as_str().unwrap(),
        city["country"].as_str().unwrap()
    );
    let products: Vec<Value> = products
        .iter()
        .map(|(name, inci)| json!({ "name": name, "inci": inci }))
        .collect();
    // The wizard sends the safety answers as holds, and the city as the search found it.
    let mut profile = profile();
    profile["safety"] =
        json!({ "gates": [], "acknowledged": [], "holds": [], "coldSoreHistory": false });
    profile["location"] =
        json!({ "name": name, "latitude": city["latitude"], "longitude": city["longitude"] });
    json!({
        "profile": profile,
        "firstSession": { "date": first.to_string(), "time": "19:00", "shortenedPause": false },
        "appointment": null,
        "products": products,
        "reminders": {
            "spfTime": "08:00", "quietStart": "22:00", "quietEnd": "07:00",
            "dailySpf": true, "startAtLogin": false, "discreet": false
        }
    })
}

/// A new data directory set up as the wizard's defaults would, first session on `first`.
/// Where the products' pause does not fit before it, the person accepts a shortened pause,
/// as the harness's `finish_wizard` does in the window.
pub fn wizard_dir(first: NaiveDate, products: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let h = Harness::at(dir.path());
    let mut setup = wizard_defaults(&h, first, products);
    if let Err(e) = h.call("finish_setup", json!({ "setup": setup })) {
        assert_eq!(e["field"], "firstSession", "{e}");
        setup["firstSession"]["shortenedPause"] = json!(true);
        h.ok("finish_setup", json!({ "setup": setup }));
    }
    dir
}

/// Unmounts on drop, however the test ends.
pub struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        // Lazily: a test process may still hold a file there (the mock app keeps its store).
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// A tmpfs of `size` (mount's syntax: "64k", "2m") over `dir`, to run out of disk for
/// real; `None` (with a message) when not root or mounting fails.
pub fn small_tmpfs(dir: &std::path::Path, size: &str) -> Option<Mounted> {
    use std::process::Command;
    let root = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        eprintln!("SKIPPED a full-disk check: mounting a tmpfs needs root");
        return None;
    }
    let status = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size},mode=0700"),
            "tmpfs",
        ])
        .arg(dir)
        .status()
        .ok()?;
    if !status.success() {
        eprintln!("SKIPPED a full-disk check: mount -t tmpfs failed");
        return None;
    }
    Some(Mounted(dir.to_path_buf()))
}

/// Fill the file system holding `dir` to the last byte; remove the returned file to free it.
pub fn fill_disk(dir: &std::path::Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&block[..1]).is_ok() {}
    let _ = f.sync_all();
    path
}

/// The command names in the one list, src-tauri/src/commands/list.rs (`module::name,`).
pub fn command_names() -> Vec<String> {
    let list = include_str!("../../src-tauri/src/commands/list.rs");
    list.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_suffix(','))
        .filter_map(|l| l.split_once("::").map(|(_, name)| name.to_string()))
        .collect()
}
