//! What a notification may show (GUIDANCE §6, discreet notifications): a notification can
//! be seen on a locked screen or by someone nearby, so in discreet mode it says only
//! "Needlewise reminder" and the time; the details are one click away in the app.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::clock;
use crate::reminders::Notification;

/// The title every discreet notification carries.
pub const DISCREET_TITLE: &str = "Needlewise reminder";

/// `n` as it may be shown: unchanged, or (discreet) with no health detail in its text.
/// Keys and what Done means stay, so Done and Snooze still act on the right thing.
pub fn for_display(n: &Notification, discreet: bool, now: DateTime<Utc>, tz: Tz) -> Notification {
    if !discreet {
        return n.clone();
    }
    let at = clock::local_time(now, tz).format("%H:%M");
    Notification {
        keys: n.keys.clone(),
        title: DISCREET_TITLE.to_string(),
        body: format!("{at} — open Needlewise for the details."),
        done: n.done.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note() -> Notification {
        Notification {
            keys: vec!["session:2026-12-01:home-2026-12-01".into()],
            title: "Session tonight at 19:00".into(),
            body: "At-home session: clean skin, disinfect your roller. Retinol serum paused."
                .into(),
            done: None,
        }
    }

    // GUIDANCE §6 "Discreet notifications": title and body say only the reminder and time.
    #[test]
    fn discreet_hides_every_detail_but_the_time() {
        let now: DateTime<Utc> = "2026-12-01T18:00:00Z".parse().unwrap();
        let shown = for_display(&note(), true, now, chrono_tz::Europe::Berlin);
        assert_eq!(shown.title, DISCREET_TITLE);
        assert!(shown.body.starts_with("19:00"), "{}", shown.body);
        for secret in ["Session", "session", "roller", "Retinol", "skin", "2026"] {
            assert!(
                !shown.title.contains(secret) && !shown.body.contains(secret),
                "{secret}"
            );
        }
        assert_eq!(shown.keys, note().keys);
        assert_eq!(
            for_display(&note(), false, now, chrono_tz::Europe::Berlin),
            note()
        );
    }
}
