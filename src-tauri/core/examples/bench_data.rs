//! A data folder with a finished setup, for the start-up benchmark
//! (`src-tauri/scripts/benchmark.sh`): the dashboard is the first screen.
//! Usage: `cargo run -p needlewise-core --example bench_data -- DIR`

use chrono::{Duration, Local};
use needlewise_core::fixtures;
use needlewise_core::profile::Mode;
use needlewise_core::session::NewSession;
use needlewise_core::settings::Settings;
use needlewise_core::store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os().nth(1).ok_or("usage: bench_data DIR")?;
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let today = Local::now().date_naive();
    let store = Store::open(&dir.join("needlewise.db"))?;
    store.transaction(|tx| -> needlewise_core::Result<()> {
        let profile = fixtures::profile(Mode::AtHome, today - Duration::days(60));
        tx.profile().save(&profile)?;
        tx.settings().save(&Settings::default())?;
        // Sessions every four weeks, from two months ago to three months ahead.
        for weeks in [-8i64, -4, 4, 8, 12] {
            tx.sessions().insert(NewSession {
                kind: needlewise_core::guidance::SessionKind::AtHome,
                date: today + Duration::weeks(weeks),
                time: fixtures::evening(),
            })?;
        }
        Ok(())
    })?;
    Ok(())
}
