//! The one reading of the system clock and zone (for the window and the background
//! process alike); the core only ever receives them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Now, from the system clock (libfaketime moves it in tests).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The zone the computer is in: `TZ` when it names an IANA zone or a zone file, else the
/// system setting. Read afresh on every call, so a change of zone (travel) moves the
/// reminders from the next pass (issue 10, item 9).
pub fn zone() -> Tz {
    if let Some(tz) = tz_setting() {
        if let Ok(z) = tz.parse::<Tz>() {
            return z;
        }
        if let Some(z) = zone_of_link(std::path::Path::new(&tz)) {
            return z;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

/// The file whose replacement changes [`zone`]: the one `TZ` names, else /etc/localtime
/// (what `timedatectl set-timezone` re-points). A `TZ` that names a zone cannot change.
pub fn zone_file() -> std::path::PathBuf {
    tz_setting()
        .map(std::path::PathBuf::from)
        .filter(|path| path.is_absolute())
        .unwrap_or_else(|| "/etc/localtime".into())
}

/// `TZ`, without the `:` POSIX allows before a zone file's path.
fn tz_setting() -> Option<String> {
    let tz = std::env::var("TZ").ok()?;
    Some(tz.trim_start_matches(':').to_string())
}

/// POSIX lets `TZ` name a zone file (`TZ=:/etc/localtime`); like /etc/localtime it is a
/// link into the zoneinfo database, whose path names the zone.
fn zone_of_link(path: &std::path::Path) -> Option<Tz> {
    if !path.is_absolute() {
        return None;
    }
    // A link names its zone by its target; a zoneinfo file itself, by its own path.
    let target = std::fs::read_link(path).unwrap_or_else(|_| path.to_path_buf());
    let (_, name) = target.to_str()?.rsplit_once("zoneinfo/")?;
    let name = name
        .strip_prefix("posix/")
        .or_else(|| name.strip_prefix("right/"))
        .unwrap_or(name);
    name.parse().ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_zone_file_link_names_its_zone_and_a_changed_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("localtime");
        std::os::unix::fs::symlink("/usr/share/zoneinfo/Europe/Berlin", &link).unwrap();
        assert_eq!(zone_of_link(&link), Some(chrono_tz::Europe::Berlin));
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink("../zoneinfo/America/New_York", &link).unwrap();
        assert_eq!(zone_of_link(&link), Some(chrono_tz::America::New_York));
        assert_eq!(zone_of_link(std::path::Path::new("localtime")), None);
        let file = std::path::Path::new("/usr/share/zoneinfo/posix/Asia/Tokyo");
        assert_eq!(zone_of_link(file), Some(chrono_tz::Asia::Tokyo));
        assert_eq!(zone_of_link(&dir.path().join("missing")), None);
    }
}
