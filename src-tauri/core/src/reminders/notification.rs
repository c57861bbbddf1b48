//! What the person sees: the reminders sent at once merged into one notification, saying
//! when late ones were meant for.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::occurrence::{hm, Occurrence, ReminderKind, SessionRef};
use crate::clock;

/// One notification for everything sent at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub keys: Vec<String>,
    pub title: String,
    pub body: String,
    /// What "Done" records, when the notification is about one thing it can record.
    pub done: Option<DoneMeans>,
}

/// What "Done" on a notification records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DoneMeans {
    /// The session took place.
    Session(SessionRef),
    /// A progress photo was taken (with a phone, perhaps, and not added yet): the next
    /// photo reminder counts from the day Done is pressed (this is the reminder's day).
    PhotoTaken(NaiveDate),
}

impl DoneMeans {
    fn of(o: &Occurrence) -> Option<Self> {
        match (&o.session, o.kind) {
            (Some(s), _) => Some(DoneMeans::Session(s.clone())),
            (None, ReminderKind::ProgressPhoto) => Some(DoneMeans::PhotoTaken(o.date)),
            (None, _) => None,
        }
    }
}

/// How late counts as late enough to say when it was meant for.
const LATE: i64 = 2;

/// Merge the reminders to send now into one notification, saying the original time of late ones.
pub fn merge(send: &[Occurrence], now: DateTime<Utc>, tz: Tz) -> Option<Notification> {
    let late = |o: &Occurrence| {
        (now - o.fire_at >= Duration::minutes(LATE))
            .then(|| format!(" (set for {})", hm(clock::local_time(o.fire_at, tz).time())))
    };
    match send {
        [] => None,
        [one] => Some(Notification {
            keys: vec![one.key.clone()],
            title: one.title.clone(),
            body: format!("{}{}", one.body, late(one).unwrap_or_default()),
            done: DoneMeans::of(one),
        }),
        many => {
            let lines: Vec<String> = many
                .iter()
                .map(|o| format!("• {}{}", o.title, late(o).unwrap_or_default()))
                .collect();
            let sessions: Vec<&SessionRef> =
                many.iter().filter_map(|o| o.session.as_ref()).collect();
            let single = sessions
                .first()
                .filter(|f| sessions.iter().all(|s| s == *f))
                .map(|s| (*s).clone());
            Some(Notification {
                keys: many.iter().map(|o| o.key.clone()).collect(),
                title: format!("Needlewise: {} reminders", many.len()),
                body: lines.join("\n"),
                done: single.map(DoneMeans::Session),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::test_support::{at_berlin, home_with_session};
    use crate::reminders::{occurrences, triage};
    use crate::schedule::tests::d;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn merge_one_several_none() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        assert!(merge(&[], Utc::now(), Berlin).is_none());
        // 20:30: the session (19:00) and the evening check-in (20:00) are both still open.
        let now = at_berlin(d(2026, 12, 1), 20, 30);
        let tr = triage(&st, occ, now, Berlin, |_| false);
        let n = merge(&tr.send, now, Berlin).unwrap();
        assert_eq!(n.keys.len(), 2);
        assert!(n.title.contains("2 reminders"));
        assert!(
            n.body.contains("(set for 19:00)") && n.body.contains("(set for 20:00)"),
            "{}",
            n.body
        );
        assert!(
            matches!(&n.done, Some(DoneMeans::Session(s)) if s.date == d(2026, 12, 1)),
            "{:?}",
            n.done
        );
        let on_time = merge(&tr.send[..1], at_berlin(d(2026, 12, 1), 19, 0), Berlin).unwrap();
        assert!(!on_time.body.contains("set for"));
        assert_eq!(on_time.title, "Session tonight at 19:00");
    }

    /// "Done" on the photo reminder means "photo taken" that day; merged with others, it
    /// means nothing (it could be read as any of them).
    #[test]
    fn done_on_the_photo_reminder_records_the_photo() {
        let mut st = home_with_session();
        st.settings.photo_every = Some(crate::settings::PhotoEvery::try_from(2).unwrap());
        let due = st.profile.created_on + chrono::Duration::weeks(2);
        let occ = occurrences(&st, due, due, Berlin);
        let photo: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::ProgressPhoto)
            .cloned()
            .collect();
        assert_eq!(photo.len(), 1, "{occ:?}");
        let n = merge(&photo, photo[0].fire_at, Berlin).unwrap();
        assert_eq!(n.done, Some(DoneMeans::PhotoTaken(due)));
        let mut two = photo.clone();
        two.push(Occurrence {
            kind: ReminderKind::Spf,
            key: "spf:x".into(),
            ..photo[0].clone()
        });
        assert_eq!(merge(&two, photo[0].fire_at, Berlin).unwrap().done, None);
    }
}
