//! End-to-end tests of the real app window. They need an X display, tauri-driver and
//! WebKitWebDriver, which `tests/run.sh` sets up; a plain `cargo test` skips them.
//!
//! Run: `bash tests/run.sh`, or by hand under Xvfb:
//! `cargo test --test e2e -- --ignored --test-threads=1`

mod harness;
mod wizard;
