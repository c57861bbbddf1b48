//! Reminders after a session: the day's aftercare (what to skip, what to use) and the
//! check-ins GUIDANCE §4 asks for.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::occurrence::{Builder, NewOccurrence, ReminderKind, SessionRef};
use crate::care::{self, WindowKind};
use crate::plan;
use crate::schedule::PlannedSession;

pub(super) fn post_care(b: &mut Builder<'_>, windows: &[care::Window], date: NaiveDate) {
    let post: Vec<_> = windows
        .iter()
        .filter(|w| !w.kind.is_before() && w.session_date < date)
        .collect();
    let Some(first) = post.first() else {
        return;
    };
    let paused = plan::paused_products(b.state, windows);
    let mut skip: BTreeSet<&str> = post.iter().filter_map(|w| skip_label(w.kind)).collect();
    skip.extend(paused.iter().map(|p| p.name.as_str()));
    let skip: Vec<&str> = skip.into_iter().collect();
    let mut body = if skip.is_empty() {
        String::new()
    } else {
        format!("Skip today: {}. ", skip.join(", "))
    };
    body.push_str("Use gentle products and a hydrating serum (hyaluronic acid, peptides).");
    if post.iter().any(|w| w.kind == WindowKind::StrictSun) {
        body.push_str(" Strict sun care: SPF 30+, avoid direct sun.");
    }
    let day = first.day;
    b.push(NewOccurrence {
        kind: ReminderKind::PostCare,
        date,
        wall_time: b.state.settings.times.post_care,
        slot: format!("d{day}"),
        title: format!("Aftercare, day {day}"),
        body,
        session: None,
    });
}

fn skip_label(kind: WindowKind) -> Option<&'static str> {
    match kind {
        WindowKind::Retinoid => Some("retinoids"),
        WindowKind::Exfoliant => Some("acids, benzoyl peroxide and scrubs"),
        WindowKind::VitaminC => Some("vitamin C"),
        WindowKind::Fragrance => Some("fragranced products"),
        WindowKind::Makeup => Some("makeup"),
        WindowKind::Sweating => Some("sweating, sauna and swimming"),
        WindowKind::PreSession | WindowKind::HairRemoval | WindowKind::StrictSun => None,
    }
}

/// GUIDANCE §4: a prompt for each check-in due on `date`, about the session it follows
/// (one of `needling`, the sessions that needle the skin).
pub(super) fn checkins(
    b: &mut Builder<'_>,
    sessions: &[PlannedSession],
    needling: &[&PlannedSession],
    date: NaiveDate,
) {
    for due in plan::checkins_due(b.state, date, sessions) {
        let Some(s) = needling
            .iter()
            .find(|s| s.date == due.session_date && s.id == due.session_id)
        else {
            continue;
        };
        let r = SessionRef::of(s);
        let when = if due.day == 0 {
            "this evening".to_string()
        } else {
            format!("day {} after your session", due.day)
        };
        let body = format!("Log redness and irritation for {when}: mild redness that clears within 72 hours is expected.");
        b.push(NewOccurrence {
            kind: ReminderKind::CheckIn,
            date,
            wall_time: b.state.settings.times.checkin,
            slot: format!("{}+{}", r.slot(), due.day),
            title: "How is your skin?".into(),
            body,
            session: Some(r),
        })
        .checkin_day = Some(due.day);
    }
}
