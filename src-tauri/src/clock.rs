//! The app's one reading of the system clock and zone; the core only ever receives them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Now, from the system clock (libfaketime moves it in tests).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The zone the computer is in: `TZ` when it names an IANA zone, else the system setting.
pub fn zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ") {
        if let Ok(z) = tz.trim_start_matches(':').parse::<Tz>() {
            return z;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}
