//! Needlewise's routine logic and storage. No Tauri here: everything is a function of
//! stored state, `now` and the time zone, so it can be tested and benchmarked directly.

pub mod archive;
pub mod care;
pub mod checkin;
pub mod chosen_file;
pub mod clock;
pub mod dispatch;
pub mod error;
#[doc(hidden)]
pub mod fixtures;
pub mod guidance;
pub mod ics;
pub mod ingredients;
pub mod photo;
pub mod plan;
pub mod privacy;
pub mod product;
pub mod profile;
pub mod reminders;
#[cfg(feature = "report")]
pub mod report;
pub mod routine;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod state;
pub mod store;
pub mod sun;
pub mod transfer;
pub mod units;

pub use error::{CoreError, Result};
