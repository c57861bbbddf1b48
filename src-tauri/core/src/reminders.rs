//! Which reminders occur when (GUIDANCE §6), and what to do with the ones that are due.
//!
//! Every occurrence has a stable key, `kind:date:slot`, where `date` is the local calendar
//! date it belongs to. The app records keys in the store's ledger when it sends or misses
//! one, so a restart, a second instance or a zone change never repeats it. Sending is the
//! app's job; this module only decides.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::care::{self, WindowKind};
use crate::clock;
use crate::guidance::{SessionKind, REAPPLY_EVERY};
use crate::plan;
use crate::profile::Consultation;
use crate::schedule::{self, PlannedSession};
use crate::session::{SessionId, SessionStatus};
use crate::state::RoutineState;
use crate::sun;
use crate::units::Days;

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReminderKind {
    BookConsultation,
    PrePause,
    SessionPrep,
    SessionToday,
    SessionSoon,
    BookNext,
    PostCare,
    CheckIn,
    Spf,
    ReapplySpf,
    ReplaceHead,
    /// A reminder the person snoozed, firing once more.
    Snoozed,
}

impl ReminderKind {
    /// The key prefix: short, stable, never renamed (keys live in users' ledgers).
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::BookConsultation => "consult",
            ReminderKind::PrePause => "prepause",
            ReminderKind::SessionPrep => "prep",
            ReminderKind::SessionToday => "session",
            ReminderKind::SessionSoon => "soon",
            ReminderKind::BookNext => "booknext",
            ReminderKind::PostCare => "postcare",
            ReminderKind::CheckIn => "checkin",
            ReminderKind::Spf => "spf",
            ReminderKind::ReapplySpf => "reapply",
            ReminderKind::ReplaceHead => "head",
            ReminderKind::Snoozed => "snooze",
        }
    }
}

/// The session a reminder is about, so "Done" can act on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRef {
    pub id: Option<SessionId>,
    pub kind: SessionKind,
    pub date: NaiveDate,
}

impl SessionRef {
    fn of(s: &PlannedSession) -> Self {
        SessionRef {
            id: s.id,
            kind: s.kind,
            date: s.date,
        }
    }

    fn slot(&self) -> String {
        let k = match self.kind {
            SessionKind::AtHome => "home",
            SessionKind::Professional => "pro",
        };
        format!("{k}-{}", self.date)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    pub key: String,
    pub kind: ReminderKind,
    /// The local date the reminder belongs to.
    pub date: NaiveDate,
    /// The wall-clock time it was set for.
    pub wall_time: NaiveTime,
    /// When it fires: `wall_time` resolved in the zone, moved to the end of quiet hours if inside them.
    pub fire_at: DateTime<Utc>,
    pub title: String,
    pub body: String,
    pub session: Option<SessionRef>,
    /// Set for the check-in reminder: which day after the session.
    pub checkin_day: Option<u16>,
}

struct Builder<'a> {
    state: &'a RoutineState,
    tz: Tz,
    out: Vec<Occurrence>,
}

/// One occurrence to add, by name; the builder gives it its key and firing time.
struct NewOccurrence {
    kind: ReminderKind,
    /// The local date it belongs to.
    date: NaiveDate,
    /// The wall-clock time it is set for.
    wall_time: NaiveTime,
    /// Tells occurrences of one kind on one date apart: the key's last part.
    slot: String,
    title: String,
    body: String,
    session: Option<SessionRef>,
}

impl Builder<'_> {
    /// Adds an occurrence. Returns it for optional extras.
    fn push(&mut self, new: NewOccurrence) -> &mut Occurrence {
        let NewOccurrence {
            kind,
            date,
            wall_time,
            slot,
            title,
            body,
            session,
        } = new;
        let fire_at = fire_time(self.state, date, wall_time, self.tz);
        self.out.push(Occurrence {
            key: format!("{}:{date}:{slot}", kind.code()),
            kind,
            date,
            wall_time,
            fire_at,
            title,
            body,
            session,
            checkin_day: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// When a wall-clock reminder fires: resolved for DST, then deferred past quiet hours.
pub fn fire_time(state: &RoutineState, date: NaiveDate, wall: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let q = state.settings.quiet_hours;
    let local = if q.contains(wall) {
        // The end of this quiet stretch: later today, or tomorrow when it wraps midnight.
        let end_date = if wall < q.end {
            date
        } else {
            Days(1).after(date)
        };
        end_date.and_time(q.end)
    } else {
        date.and_time(wall)
    };
    clock::resolve(local, tz)
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn fmt_day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// Every occurrence whose local date is in `from..=to`, sorted by firing time.
pub fn occurrences(
    state: &RoutineState,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Vec<Occurrence> {
    let mut b = Builder {
        state,
        tz,
        out: Vec::new(),
    };
    let reach = Days(15);
    let held = schedule::hold(state).is_some();
    let sessions = schedule::sessions_between(state, reach.before(from), reach.after(to));
    let needling: Vec<&PlannedSession> = sessions.iter().filter(|s| s.status.needles()).collect();
    let t = state.settings.times;
    for date in from.iter_days().take_while(|d| *d <= to) {
        consultation(&mut b, date);
        if !held {
            for s in needling
                .iter()
                .filter(|s| s.status == SessionStatus::Planned)
            {
                session_reminders(&mut b, s, date);
            }
        }
        book_next(&mut b, &sessions, date);
        // The day's pause and care windows, computed once for aftercare and sun reminders.
        let windows = care::windows_on(state, date, &sessions);
        post_care(&mut b, &windows, date);
        for due in plan::checkins_due(state, date, &sessions) {
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
                wall_time: t.checkin,
                slot: format!("{}+{}", r.slot(), due.day),
                title: "How is your skin?".into(),
                body,
                session: Some(r),
            })
            .checkin_day = Some(due.day);
        }
        sun_reminders(&mut b, &windows, date);
        if let Some(why) = plan::head_replacement_due(state, date) {
            let due_before = date
                .pred_opt()
                .and_then(|yesterday| plan::head_replacement_due(state, yesterday));
            if due_before.is_none() {
                b.push(NewOccurrence {
                    kind: ReminderKind::ReplaceHead,
                    date,
                    wall_time: t.replace_head,
                    slot: "due".into(),
                    title: "Replace your device head".into(),
                    body: format!("Time for a new head: {why}."),
                    session: None,
                });
            }
        }
    }
    let mut out = b.out;
    out.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    out
}

fn consultation(b: &mut Builder<'_>, date: NaiveDate) {
    let p = &b.state.profile;
    if p.consultation == (Consultation::NotYet { remind: true })
        && Days(1).checked_after(p.created_on) == Some(date)
    {
        let why = if p.consultation_strongly_advised() {
            "It is strongly advised for professional treatments and for concerns like deep scars or pigmentation."
        } else {
            "A dermatologist or skincare professional can check your skin suits microneedling."
        };
        b.push(NewOccurrence {
            kind: ReminderKind::BookConsultation,
            date,
            wall_time: b.state.settings.times.book_consultation,
            slot: "once".into(),
            title: "Book a consultation".into(),
            body: why.into(),
            session: None,
        });
    }
}

fn session_reminders(b: &mut Builder<'_>, s: &PlannedSession, date: NaiveDate) {
    let t = b.state.settings.times;
    let care = b.state.settings.care(s.kind);
    let r = SessionRef::of(s);
    let label = s.kind.label();
    let pre_start = care.pre_session_actives.before(s.date);
    if date == pre_start {
        b.push(NewOccurrence {
            kind: ReminderKind::PrePause,
            date,
            wall_time: t.pre_pause_start,
            slot: r.slot(),
            title: "Pause retinoids and acids from today".into(),
            body: format!(
                "Your {label} session is on {}: stop retinoids and exfoliating acids {} before it.",
                fmt_day(s.date),
                care.pre_session_actives
            ),
            session: Some(r.clone()),
        });
    }
    if date.succ_opt() == Some(s.date) {
        b.push(NewOccurrence {
            kind: ReminderKind::SessionPrep,
            date,
            wall_time: t.session_prep,
            slot: r.slot(),
            title: format!("{} session tomorrow", capitalise(label)),
            body: prep_body(b.state, s),
            session: Some(r.clone()),
        });
    }
    if date != s.date {
        return;
    }
    match s.kind {
        SessionKind::AtHome => {
            let device = b
                .state
                .profile
                .at_home
                .as_ref()
                .map(|a| a.device.label())
                .unwrap_or("device");
            let body = format!("Skin clean, no makeup, oils or sunscreen; disinfect your {device} before and after. Then a hydrating serum.");
            b.push(NewOccurrence {
                kind: ReminderKind::SessionToday,
                date,
                wall_time: s.time,
                slot: r.slot(),
                title: format!("Session tonight at {}", hm(s.time)),
                body,
                session: Some(r),
            });
        }
        SessionKind::Professional => {
            let body = "Arrive with clean skin: no makeup, oils or sunscreen. Numbing cream as your clinic advises.";
            b.push(NewOccurrence {
                kind: ReminderKind::SessionToday,
                date,
                wall_time: t.professional_morning,
                slot: r.slot(),
                title: format!("Appointment today at {}", hm(s.time)),
                body: body.into(),
                session: Some(r.clone()),
            });
            let lead = s
                .date
                .and_time(s.time)
                .checked_sub_signed(t.professional_lead.duration());
            if let Some(lead) =
                lead.filter(|l| l.date() == date && l.time() != t.professional_morning)
            {
                b.push(NewOccurrence {
                    kind: ReminderKind::SessionSoon,
                    date,
                    wall_time: lead.time(),
                    slot: r.slot(),
                    title: format!("Appointment in {}", t.professional_lead),
                    body: format!("Your microneedling appointment is at {}.", hm(s.time)),
                    session: Some(r),
                });
            }
        }
    }
}

fn prep_body(state: &RoutineState, s: &PlannedSession) -> String {
    let mut body = "Tomorrow: clean skin, no makeup, oils or sunscreen.".to_string();
    if s.kind == SessionKind::AtHome {
        body.push_str(" Disinfect your device with 70% isopropyl alcohol.");
        if let Some(why) = plan::head_replacement_due(state, s.date) {
            body.push_str(&format!(" Replace the head first: {why}."));
        }
    }
    if state.profile.safety.cold_sore_history {
        body.push_str(" With a history of cold sores, postpone if one is starting.");
    }
    body
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn book_next(b: &mut Builder<'_>, sessions: &[PlannedSession], date: NaiveDate) {
    let after = b.state.settings.times.book_next_after;
    for s in sessions.iter().filter(|s| {
        s.kind == SessionKind::Professional && s.status.needles() && after.after(s.date) == date
    }) {
        // Only while the next one is merely proposed, not booked.
        let booked =
            b.state.sessions.iter().any(|n| {
                n.kind == SessionKind::Professional && n.date > s.date && n.status.needles()
            });
        if booked {
            continue;
        }
        let next = sessions
            .iter()
            .find(|n| n.kind == SessionKind::Professional && n.date > s.date);
        let when = next
            .map(|n| format!(" around {}", fmt_day(n.date)))
            .unwrap_or_default();
        b.push(NewOccurrence {
            kind: ReminderKind::BookNext,
            date,
            wall_time: b.state.settings.times.book_consultation,
            slot: SessionRef::of(s).slot(),
            title: "Book your next professional session".into(),
            body: format!("Your clinic interval suggests the next appointment{when}."),
            session: Some(SessionRef::of(s)),
        });
    }
}

fn post_care(b: &mut Builder<'_>, windows: &[care::Window], date: NaiveDate) {
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

fn sun_reminders(b: &mut Builder<'_>, windows: &[care::Window], date: NaiveDate) {
    let state = b.state;
    let sun = state
        .profile
        .location
        .as_ref()
        .map(|l| sun::sun_day(date, l, b.tz));
    // Strict sun care counts from the session itself, so not on the morning before it.
    let morning = date.and_time(state.settings.times.spf);
    let strict = windows
        .iter()
        .any(|w| w.kind == WindowKind::StrictSun && w.starts <= morning);
    if state.settings.daily_spf {
        let body = match &sun {
            Some(s) => match &s.protection {
                Some(p) => format!(
                    "Sun-protection hours today {}–{} (clear-sky UV up to {:.0}).",
                    p.start.format("%H:%M"),
                    p.end.format("%H:%M"),
                    s.peak_uvi
                ),
                None => "UV is low today, but SPF stays part of your routine.".to_string(),
            },
            None => "SPF 30+ on face and neck.".to_string(),
        };
        // GUIDANCE §3: sunscreen this morning even on an evening session's day (it is
        // cleansed off before), none on freshly needled skin; mineral filters after.
        let session_today = windows
            .iter()
            .any(|w| w.kind == WindowKind::StrictSun && w.session_date == date);
        let title = if strict {
            "SPF 30+ (mineral filters preferred) and strict sun care today"
        } else {
            "SPF 30+ this morning"
        };
        let body = if session_today {
            format!("{body} Session today: cleanse it off before; no sunscreen on the needled skin afterwards, stay out of the sun instead.")
        } else {
            body
        };
        b.push(NewOccurrence {
            kind: ReminderKind::Spf,
            date,
            wall_time: state.settings.times.spf,
            slot: "daily".into(),
            title: title.into(),
            body,
            session: None,
        });
    }
    let outdoors = state.outdoor_days.contains(&date);
    let Some(p) = sun.as_ref().and_then(|s| s.protection.as_ref()) else {
        return;
    };
    if !(strict || outdoors) {
        return;
    }
    let end = clock::local_time(p.end.to_utc(), b.tz);
    let mut at = clock::local_time(p.start.to_utc(), b.tz);
    while at < end {
        if at.date() == date {
            b.push(NewOccurrence {
                kind: ReminderKind::ReapplySpf,
                date,
                wall_time: at.time(),
                slot: at.format("%H%M").to_string(),
                title: "Reapply sunscreen".into(),
                body: format!(
                    "Inside sun-protection hours until {}: reapply every 2 hours outdoors.",
                    end.format("%H:%M")
                ),
                session: None,
            });
        }
        match at.checked_add_signed(REAPPLY_EVERY.duration()) {
            Some(next) => at = next,
            None => break,
        }
    }
}

/// Whether the action a reminder asks for is still open at `now`.
pub fn still_pending(state: &RoutineState, occ: &Occurrence, now: DateTime<Utc>, tz: Tz) -> bool {
    let session_open = || match &occ.session {
        Some(r) => match r.id {
            Some(id) => state
                .sessions
                .iter()
                .any(|s| s.id == id && s.status == SessionStatus::Planned),
            // Projected: open unless a stored session of that kind now sits on that date.
            None => !state.sessions.iter().any(|s| {
                s.kind == r.kind && s.date == r.date && s.status != SessionStatus::Planned
            }),
        },
        None => true,
    };
    match occ.kind {
        ReminderKind::BookConsultation => {
            matches!(state.profile.consultation, Consultation::NotYet { .. })
        }
        ReminderKind::SessionSoon => {
            let starts = occ.session.as_ref().and_then(|r| {
                state
                    .sessions
                    .iter()
                    .find(|s| Some(s.id) == r.id)
                    .map(|s| clock::at(s.date, s.time, tz))
            });
            session_open() && starts.is_none_or(|t| now < t)
        }
        ReminderKind::PrePause | ReminderKind::SessionPrep | ReminderKind::SessionToday => {
            session_open()
        }
        ReminderKind::CheckIn => {
            let (Some(r), Some(day)) = (&occ.session, occ.checkin_day) else {
                return true;
            };
            match r.id {
                Some(id) => !schedule::checkins_of(state, id)
                    .iter()
                    .any(|c| c.day.get() == day),
                None => true,
            }
        }
        ReminderKind::BookNext => {
            let Some(r) = &occ.session else { return true };
            !state
                .sessions
                .iter()
                .any(|s| s.kind == SessionKind::Professional && s.date > r.date)
        }
        ReminderKind::Spf => now < spf_useful_until(state, occ.date, tz),
        ReminderKind::PostCare
        | ReminderKind::ReapplySpf
        | ReminderKind::ReplaceHead
        | ReminderKind::Snoozed => true,
    }
}

/// The morning SPF reminder is worth sending late only while the sun still matters: until
/// noon, or until the day's sun-protection hours end when they run later.
fn spf_useful_until(state: &RoutineState, date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let noon = clock::at(
        date,
        NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
        tz,
    );
    let protection_end = state
        .profile
        .location
        .as_ref()
        .and_then(|l| sun::sun_day(date, l, tz).protection)
        .map(|p| p.end.with_timezone(&Utc));
    protection_end.map_or(noon, |end| end.max(noon))
}

/// How long "Snooze" puts a reminder off.
pub const SNOOZE: Duration = Duration::hours(1);

/// A reminder put off by the person: it fires once more at `fire_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snooze {
    /// Its own occurrence key (`snooze:<date>:<original>@<HHMM>`), so it is sent once.
    pub key: String,
    /// The first key of what was snoozed.
    pub original: String,
    pub date: NaiveDate,
    pub title: String,
    pub body: String,
    pub fire_at: DateTime<Utc>,
}

/// Snooze a notification that was shown: the same text, an hour from `now`.
pub fn snooze(n: &Notification, now: DateTime<Utc>, tz: Tz) -> Snooze {
    // Saturates at the end of the calendar, where no clock will ever be.
    let fire_at = now.checked_add_signed(SNOOZE).unwrap_or(now);
    let local = clock::local_time(fire_at, tz);
    let original = n.keys.first().cloned().unwrap_or_default();
    Snooze {
        key: format!(
            "{}:{}:{original}@{}",
            ReminderKind::Snoozed.code(),
            local.date(),
            local.format("%H%M")
        ),
        original,
        date: local.date(),
        title: n.title.clone(),
        body: format!("{} (snoozed)", n.body),
        fire_at,
    }
}

impl Snooze {
    /// As an occurrence; quiet hours still apply.
    pub fn occurrence(&self, state: &RoutineState, tz: Tz) -> Occurrence {
        let wall_time = clock::local_time(self.fire_at, tz).time();
        Occurrence {
            key: self.key.clone(),
            kind: ReminderKind::Snoozed,
            date: self.date,
            wall_time,
            fire_at: fire_time(state, self.date, wall_time, tz).max(self.fire_at),
            title: self.title.clone(),
            body: self.body.clone(),
            session: None,
            checkin_day: None,
        }
    }
}

/// What to do with the occurrences that are due and not yet in the ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Triage {
    /// Still useful: send now (merged into one notification when several).
    pub send: Vec<Occurrence>,
    /// Too late to help: record as missed and show in the app.
    pub missed: Vec<Occurrence>,
}

/// GUIDANCE §6 catch-up: a due reminder fires once if it is still useful (same local day as
/// it was meant to fire, action still pending, not overtaken by a later one of its kind);
/// otherwise it is missed. Inside quiet hours nothing is sent; it waits for their end.
pub fn triage(
    state: &RoutineState,
    due: Vec<Occurrence>,
    now: DateTime<Utc>,
    tz: Tz,
    recorded: impl Fn(&str) -> bool,
) -> Triage {
    let local_now = clock::local_time(now, tz);
    let quiet = state.settings.quiet_hours.contains(local_now.time());
    let today = local_now.date();
    let mut due: Vec<Occurrence> = due
        .into_iter()
        .filter(|o| o.fire_at <= now && !recorded(&o.key))
        .collect();
    due.sort_by(|a, b| (a.fire_at, &a.key).cmp(&(b.fire_at, &b.key)));
    let mut t = Triage::default();
    for (i, o) in due.iter().enumerate() {
        let overtaken = due[i + 1..].iter().any(|later| {
            later.kind == o.kind && later.date == o.date && o.kind == ReminderKind::ReapplySpf
        });
        let same_day = clock::local_date(o.fire_at, tz) == today;
        let useful = same_day && !overtaken && still_pending(state, o, now, tz);
        if useful {
            if !quiet {
                t.send.push(o.clone());
            }
        } else {
            t.missed.push(o.clone());
        }
    }
    t
}

/// One notification for everything sent at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub keys: Vec<String>,
    pub title: String,
    pub body: String,
    /// The session "Done" acts on, when the notification is about exactly one.
    pub session: Option<SessionRef>,
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
            session: one.session.clone(),
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
                session: single,
            })
        }
    }
}

/// The next moment something fires after `now`, so the loop can sleep until then.
pub fn next_fire_after(occurrences: &[Occurrence], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    occurrences
        .iter()
        .map(|o| o.fire_at)
        .filter(|t| *t > now)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
    use crate::profile::{Gate, Mode, QuietHours};
    use crate::schedule::tests::{both_state, d, home_state, session};
    use crate::session::SessionStatus::{Done, Planned};
    use chrono::TimeZone;
    use chrono_tz::{America::New_York, Europe::Berlin};

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn keys(list: &[Occurrence], kind: ReminderKind) -> Vec<String> {
        list.iter()
            .filter(|o| o.kind == kind)
            .map(|o| o.key.clone())
            .collect()
    }

    fn local(o: &Occurrence, tz: Tz) -> chrono::NaiveDateTime {
        clock::local_time(o.fire_at, tz)
    }

    fn home_with_session() -> RoutineState {
        let mut st = home_state(0.25);
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 12, 1), Planned));
        st
    }

    // GUIDANCE §6 rows: pre-session pause, prep, session today, post-care, check-ins, SPF.
    #[test]
    fn at_home_session_reminders_fall_on_their_days_and_times() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 11, 28), d(2026, 12, 5), Berlin);
        let at = |kind| -> Vec<chrono::NaiveDateTime> {
            occ.iter()
                .filter(|o| o.kind == kind)
                .map(|o| local(o, Berlin))
                .collect()
        };
        assert_eq!(
            at(ReminderKind::PrePause),
            vec![d(2026, 11, 29).and_time(t(9, 0))]
        );
        assert_eq!(
            at(ReminderKind::SessionPrep),
            vec![d(2026, 11, 30).and_time(t(20, 0))]
        );
        assert_eq!(
            at(ReminderKind::SessionToday),
            vec![d(2026, 12, 1).and_time(t(19, 0))]
        );
        assert_eq!(
            at(ReminderKind::PostCare),
            (2..=4)
                .map(|day| d(2026, 12, day).and_time(t(9, 0)))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            at(ReminderKind::CheckIn),
            (1..=4)
                .map(|day| d(2026, 12, day).and_time(t(20, 0)))
                .collect::<Vec<_>>()
        );
        assert_eq!(at(ReminderKind::Spf).len(), 8);
        assert!(at(ReminderKind::Spf).iter().all(|x| x.time() == t(8, 0)));
        let today = occ
            .iter()
            .find(|o| o.kind == ReminderKind::SessionToday)
            .unwrap();
        assert_eq!(today.key, "session:2026-12-01:home-2026-12-01");
        assert!(
            today.body.contains("disinfect your roller"),
            "{}",
            today.body
        );
        let post = occ
            .iter()
            .find(|o| o.kind == ReminderKind::PostCare)
            .unwrap();
        assert!(
            post.body.contains("retinoids") && post.title.contains("day 1"),
            "{}",
            post.body
        );
    }

    // GUIDANCE §6 rows: professional 09:00 and 2 h before; book the next one 7 days after.
    #[test]
    fn professional_reminders() {
        let mut st = both_state();
        let mut s = session(1, SessionKind::Professional, d(2026, 12, 1), Planned);
        s.time = t(15, 30);
        st.sessions.push(s);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 8), Berlin);
        let today: Vec<_> = occ
            .iter()
            .filter(|o| {
                o.date == d(2026, 12, 1)
                    && matches!(
                        o.kind,
                        ReminderKind::SessionToday | ReminderKind::SessionSoon
                    )
            })
            .map(|o| local(o, Berlin).time())
            .collect();
        assert_eq!(today, vec![t(9, 0), t(13, 30)]);
        let book: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::BookNext)
            .map(|o| o.date)
            .collect();
        assert_eq!(book, vec![d(2026, 12, 8)]);
        // Once the next appointment is booked, no booking reminder.
        st.sessions.push(session(
            2,
            SessionKind::Professional,
            d(2026, 12, 30),
            Planned,
        ));
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 8), Berlin);
        assert!(keys(&occ, ReminderKind::BookNext).is_empty());
    }

    // GUIDANCE §6 row: book a consultation the day after setup at 10:00, if asked.
    #[test]
    fn consultation_reminder_only_when_asked() {
        let mut st = home_with_session();
        st.profile.consultation = Consultation::NotYet { remind: true };
        let created = st.profile.created_on;
        let occ = occurrences(&st, created, created + Duration::days(3), Berlin);
        let c: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::BookConsultation)
            .collect();
        assert_eq!(c.len(), 1);
        assert_eq!(
            local(c[0], Berlin),
            (created + Duration::days(1)).and_time(t(10, 0))
        );
        st.profile.consultation = Consultation::NotYet { remind: false };
        assert!(keys(
            &occurrences(&st, created, created + Duration::days(3), Berlin),
            ReminderKind::BookConsultation
        )
        .is_empty());
    }

    #[test]
    fn held_schedule_sends_no_session_reminders() {
        let mut st = home_with_session();
        st.profile
            .safety
            .gates
            .insert(Gate::PregnancyOrBreastfeeding);
        let occ = occurrences(&st, d(2026, 11, 28), d(2026, 12, 5), Berlin);
        assert!(keys(&occ, ReminderKind::SessionToday).is_empty());
        assert!(keys(&occ, ReminderKind::PrePause).is_empty());
        assert!(!keys(&occ, ReminderKind::Spf).is_empty());
    }

    // GUIDANCE §6: quiet hours — nothing fires inside them; it fires at their end.
    #[test]
    fn quiet_hours_defer_to_their_end_keeping_the_key() {
        let mut st = home_with_session();
        st.profile.session_time = t(23, 15);
        st.sessions[0].time = t(23, 15);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let s = occ
            .iter()
            .find(|o| o.kind == ReminderKind::SessionToday)
            .unwrap();
        assert_eq!(local(s, Berlin), d(2026, 12, 2).and_time(t(7, 0)));
        assert_eq!(s.date, d(2026, 12, 1));
        assert_eq!(s.wall_time, t(23, 15));
        st.settings.quiet_hours = QuietHours::parse("12:00", "14:00").unwrap();
        st.settings.times.spf = t(12, 30);
        let occ = occurrences(&st, d(2026, 12, 3), d(2026, 12, 3), Berlin);
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert_eq!(local(spf, Berlin), d(2026, 12, 3).and_time(t(14, 0)));
    }

    // GUIDANCE §6: 08:00 stays 08:00 across DST, once per day.
    #[test]
    fn spf_at_eight_once_on_berlin_spring_forward_and_new_york_fall_back() {
        let st = home_state(0.25);
        for (tz, day, utc_hour) in [(Berlin, d(2026, 3, 29), 6), (New_York, d(2026, 11, 1), 13)] {
            let occ = occurrences(&st, day, day, tz);
            let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
            assert_eq!(spf.len(), 1);
            assert_eq!(
                spf[0].fire_at,
                Utc.from_utc_datetime(&day.and_time(t(utc_hour, 0)))
            );
        }
    }

    #[test]
    fn nonexistent_and_repeated_wall_times_fire_once() {
        let mut st = home_state(0.25);
        st.settings.quiet_hours = QuietHours::parse("12:00", "13:00").unwrap();
        st.settings.times.spf = t(2, 30);
        let occ = occurrences(&st, d(2026, 3, 29), d(2026, 3, 29), Berlin);
        let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
        assert_eq!(spf.len(), 1);
        assert_eq!(local(spf[0], Berlin), d(2026, 3, 29).and_time(t(3, 0)));
        st.settings.times.spf = t(1, 30);
        let occ = occurrences(&st, d(2026, 11, 1), d(2026, 11, 1), New_York);
        let spf: Vec<_> = occ.iter().filter(|o| o.kind == ReminderKind::Spf).collect();
        assert_eq!(spf.len(), 1);
        assert_eq!(
            spf[0].fire_at,
            Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap()
        );
    }

    // Travel: the next day's reminders follow the new zone; keys never collide.
    #[test]
    fn zone_change_between_two_days() {
        let st = home_state(0.25);
        let day1 = occurrences(&st, d(2026, 6, 10), d(2026, 6, 10), Berlin);
        let day2 = occurrences(&st, d(2026, 6, 11), d(2026, 6, 11), New_York);
        let s1 = day1.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        let s2 = day2.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert_eq!(local(s1, Berlin).time(), t(8, 0));
        assert_eq!(local(s2, New_York).time(), t(8, 0));
        assert_ne!(s1.key, s2.key);
        // The same local date seen from the new zone keeps the same key, so it is not resent.
        let again = occurrences(&st, d(2026, 6, 10), d(2026, 6, 10), New_York);
        assert!(again.iter().any(|o| o.key == s1.key));
    }

    fn at_berlin(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
        clock::at(day, t(h, m), Berlin)
    }

    // Catch-up branches.
    #[test]
    fn triage_sends_same_day_pending_and_misses_the_rest() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 11, 30), d(2026, 12, 1), Berlin);
        // Woken at 19:30 on the session day: yesterday's prep is missed, today's fire.
        let now = at_berlin(d(2026, 12, 1), 19, 30);
        let tr = triage(&st, occ.clone(), now, Berlin, |_| false);
        let sent: Vec<_> = tr.send.iter().map(|o| o.kind).collect();
        // The morning SPF is no longer useful at 19:30 (issue 9): recorded missed.
        assert_eq!(sent, vec![ReminderKind::SessionToday]);
        assert!(tr.missed.iter().any(|o| o.kind == ReminderKind::Spf));
        assert!(tr
            .missed
            .iter()
            .any(|o| o.kind == ReminderKind::SessionPrep));
        // Only yesterday's are missed, and today's morning SPF (past its use at 19:30).
        assert!(tr
            .missed
            .iter()
            .all(|o| o.date == d(2026, 11, 30) || o.kind == ReminderKind::Spf));
        // Nothing not yet due is touched.
        assert!(!tr
            .send
            .iter()
            .chain(&tr.missed)
            .any(|o| o.kind == ReminderKind::CheckIn));
        // Already recorded keys are left out.
        let tr = triage(&st, occ, now, Berlin, |k| k.starts_with("spf:"));
        assert!(tr.send.iter().all(|o| o.kind != ReminderKind::Spf));
        assert!(tr.missed.iter().all(|o| o.kind != ReminderKind::Spf));
    }

    // Issue 9: an evening catch-up must not say "SPF 30+ this morning": the morning SPF
    // reminder is useful until noon (or the end of the day's sun-protection hours).
    #[test]
    fn the_morning_spf_is_not_caught_up_in_the_evening() {
        let mut st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 3), d(2026, 12, 3), Berlin);
        let spf = |now| {
            let tr = triage(&st, occ.clone(), now, Berlin, |_| false);
            tr.send.iter().any(|o| o.kind == ReminderKind::Spf)
        };
        assert!(spf(at_berlin(d(2026, 12, 3), 9, 30)), "at 09:30");
        assert!(!spf(at_berlin(d(2026, 12, 3), 18, 59)), "at 18:59");
        // In June in Berlin the sun-protection hours run into the afternoon.
        st.profile.location = Some(crate::profile::Location {
            name: None,
            latitude: 52.52,
            longitude: 13.405,
        });
        let occ = occurrences(&st, d(2027, 6, 21), d(2027, 6, 21), Berlin);
        let tr = triage(&st, occ, at_berlin(d(2027, 6, 21), 14, 0), Berlin, |_| {
            false
        });
        assert!(
            tr.send.iter().any(|o| o.kind == ReminderKind::Spf),
            "June 14:00"
        );
    }

    #[test]
    fn triage_misses_reminders_whose_action_is_done() {
        let mut st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        st.sessions[0].status = Done;
        st.checkins.push(CheckIn {
            id: CheckInId(1),
            session_id: SessionId(1),
            day: DayAfter::new(0).unwrap(),
            redness: Severity::Mild,
            irritation: Severity::None,
            flags: Flags::default(),
            note: String::new(),
        });
        let now = at_berlin(d(2026, 12, 1), 21, 0);
        let tr = triage(&st, occ, now, Berlin, |_| false);
        let missed: Vec<_> = tr.missed.iter().map(|o| o.kind).collect();
        assert!(
            missed.contains(&ReminderKind::SessionToday) && missed.contains(&ReminderKind::CheckIn)
        );
        // At 21:00 the morning SPF is past its use too (issue 9).
        assert_eq!(tr.send.iter().map(|o| o.kind).collect::<Vec<_>>(), vec![]);
    }

    #[test]
    fn triage_waits_inside_quiet_hours() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let now = at_berlin(d(2026, 12, 1), 22, 30);
        let tr = triage(&st, occ, now, Berlin, |_| false);
        assert!(tr.send.is_empty());
        // The morning SPF is past its use at 22:30 (issue 9); the rest wait.
        assert!(
            tr.missed.iter().all(|o| o.kind == ReminderKind::Spf),
            "same-day reminders wait, they are not missed yet"
        );
    }

    #[test]
    fn triage_missed_appointment_warning_after_it_started() {
        let mut st = both_state();
        let mut s = session(1, SessionKind::Professional, d(2026, 12, 1), Planned);
        s.time = t(15, 0);
        st.sessions.push(s);
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 1), Berlin);
        let tr = triage(&st, occ, at_berlin(d(2026, 12, 1), 15, 30), Berlin, |_| {
            false
        });
        assert!(tr
            .missed
            .iter()
            .any(|o| o.kind == ReminderKind::SessionSoon));
        assert!(tr.send.iter().any(|o| o.kind == ReminderKind::SessionToday));
    }

    #[test]
    fn triage_only_latest_reapply_slot_is_sent() {
        let st = home_with_session();
        let mk = |hh: u32| Occurrence {
            key: format!("reapply:2026-12-02:{hh:02}00"),
            kind: ReminderKind::ReapplySpf,
            date: d(2026, 12, 2),
            wall_time: t(hh, 0),
            fire_at: at_berlin(d(2026, 12, 2), hh, 0),
            title: "Reapply sunscreen".into(),
            body: String::new(),
            session: None,
            checkin_day: None,
        };
        let tr = triage(
            &st,
            vec![mk(10), mk(12), mk(14)],
            at_berlin(d(2026, 12, 2), 14, 5),
            Berlin,
            |_| false,
        );
        assert_eq!(tr.send.len(), 1);
        assert_eq!(tr.send[0].wall_time, t(14, 0));
        assert_eq!(tr.missed.len(), 2);
    }

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
        assert_eq!(n.session.as_ref().map(|s| s.date), Some(d(2026, 12, 1)));
        let on_time = merge(&tr.send[..1], at_berlin(d(2026, 12, 1), 19, 0), Berlin).unwrap();
        assert!(!on_time.body.contains("set for"));
        assert_eq!(on_time.title, "Session tonight at 19:00");
    }

    #[test]
    fn next_fire_after_skips_the_past() {
        let st = home_with_session();
        let occ = occurrences(&st, d(2026, 12, 1), d(2026, 12, 2), Berlin);
        let next = next_fire_after(&occ, at_berlin(d(2026, 12, 1), 19, 0)).unwrap();
        assert_eq!(next, at_berlin(d(2026, 12, 1), 20, 0));
    }

    #[test]
    fn mode_both_has_reminders_for_both_kinds() {
        let mut st = both_state();
        assert_eq!(st.profile.mode, Mode::Both);
        st.sessions
            .push(session(1, SessionKind::Professional, d(2026, 12, 1), Done));
        st.sessions
            .push(session(2, SessionKind::AtHome, d(2026, 12, 15), Planned));
        let occ = occurrences(&st, d(2026, 12, 14), d(2026, 12, 15), Berlin);
        assert_eq!(
            keys(&occ, ReminderKind::SessionToday),
            vec!["session:2026-12-15:home-2026-12-15".to_string()]
        );
    }

    fn berlin() -> crate::profile::Location {
        crate::profile::Location {
            name: Some("Berlin".into()),
            latitude: 52.52,
            longitude: 13.405,
        }
    }

    // GUIDANCE §5/§6 rows: reapply every 2 h inside sun-protection hours under strict sun care.
    #[test]
    fn reapply_every_two_hours_inside_protection_hours_during_strict_sun_care() {
        let mut st = home_state(0.25);
        st.profile.location = Some(berlin());
        st.sessions
            .push(session(1, SessionKind::AtHome, d(2026, 6, 10), Done));
        let day = d(2026, 6, 11);
        let occ = occurrences(&st, day, day, Berlin);
        let reapply: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::ReapplySpf)
            .collect();
        let sun = sun::sun_day(day, &berlin(), Berlin);
        let p = sun.protection.expect("Berlin in June has UV 3+ hours");
        assert!(reapply.len() >= 3, "{}", reapply.len());
        for (i, o) in reapply.iter().enumerate() {
            let at = o.fire_at.with_timezone(&Berlin);
            assert!(
                at >= p.start - Duration::minutes(1) && at < p.end,
                "{at} outside {}–{}",
                p.start,
                p.end
            );
            if i > 0 {
                assert_eq!(o.fire_at - reapply[i - 1].fire_at, Duration::hours(2));
            }
        }
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert!(
            spf.title.contains("strict sun care") && spf.body.contains("Sun-protection hours"),
            "{}",
            spf.body
        );
        // After strict sun care ends and on an ordinary day: no reapply reminders.
        let later = occurrences(&st, d(2026, 6, 15), d(2026, 6, 16), Berlin);
        assert!(keys(&later, ReminderKind::ReapplySpf).is_empty());
    }

    // GUIDANCE §5: "outdoors" days also get reapply reminders; low-UV days only the daily SPF.
    #[test]
    fn outdoor_days_reapply_and_low_uv_days_say_so() {
        let mut st = home_state(0.25);
        st.profile.location = Some(berlin());
        st.outdoor_days.insert(d(2026, 7, 4));
        let occ = occurrences(&st, d(2026, 7, 4), d(2026, 7, 4), Berlin);
        assert!(!keys(&occ, ReminderKind::ReapplySpf).is_empty());
        st.outdoor_days.insert(d(2026, 12, 20));
        let occ = occurrences(&st, d(2026, 12, 20), d(2026, 12, 20), Berlin);
        assert!(keys(&occ, ReminderKind::ReapplySpf).is_empty());
        let spf = occ.iter().find(|o| o.kind == ReminderKind::Spf).unwrap();
        assert!(spf.body.contains("UV is low today"), "{}", spf.body);
    }

    // GUIDANCE §6 row: replace the device head at 09:00 on the day it is due, once.
    #[test]
    fn head_replacement_reminder_on_the_due_day_only() {
        let mut st = home_state(0.25);
        st.profile.at_home.as_mut().unwrap().head_since = Some(d(2026, 1, 1));
        let occ = occurrences(&st, d(2026, 3, 25), d(2026, 4, 5), Berlin);
        let head: Vec<_> = occ
            .iter()
            .filter(|o| o.kind == ReminderKind::ReplaceHead)
            .collect();
        assert_eq!(head.len(), 1);
        assert_eq!(local(head[0], Berlin), d(2026, 4, 1).and_time(t(9, 0)));
    }
}
