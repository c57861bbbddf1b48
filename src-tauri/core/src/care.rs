//! The pause and care windows GUIDANCE §2–3 open around a session: before it (the
//! pre-session pause, no hair removal) and after it (actives paused, no makeup or
//! sweating, strict sun care). The day's plan and the reminders both read them from here,
//! so a window is computed one way only.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::guidance::{self, SessionKind, Source};
use crate::ingredients::IngredientClass;
use crate::schedule::PlannedSession;
use crate::state::RoutineState;
use crate::units::Days;

/// The kinds of windows GUIDANCE §2–3 open around a session.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WindowKind {
    PreSession,
    /// No waxing, depilatory creams or electrolysis on the area before a session.
    HairRemoval,
    Retinoid,
    Exfoliant,
    VitaminC,
    Fragrance,
    Makeup,
    Sweating,
    StrictSun,
}

impl WindowKind {
    pub const ALL: [WindowKind; 9] = [
        WindowKind::PreSession,
        WindowKind::HairRemoval,
        WindowKind::Retinoid,
        WindowKind::Exfoliant,
        WindowKind::VitaminC,
        WindowKind::Fragrance,
        WindowKind::Makeup,
        WindowKind::Sweating,
        WindowKind::StrictSun,
    ];

    /// Whether this window pauses a product with these classes.
    pub fn pauses_any_of(self, c: &crate::ingredients::Classification) -> bool {
        self.paused_classes().iter().any(|class| c.has(*class))
    }

    /// The ingredient classes this window pauses.
    pub fn paused_classes(self) -> &'static [IngredientClass] {
        use IngredientClass::*;
        match self {
            // Hydroquinone and bakuchiol are classed with the retinoids (GUIDANCE §3).
            WindowKind::PreSession => &[Retinoid, ExfoliatingAcid, BenzoylPeroxide, Scrub],
            WindowKind::Retinoid => &[Retinoid],
            WindowKind::Exfoliant => &[ExfoliatingAcid, BenzoylPeroxide, Scrub],
            WindowKind::VitaminC => &[VitaminC],
            WindowKind::Fragrance => &[Fragrance],
            WindowKind::HairRemoval
            | WindowKind::Makeup
            | WindowKind::Sweating
            | WindowKind::StrictSun => &[],
        }
    }

    fn describe(self) -> &'static str {
        match self {
            WindowKind::PreSession => {
                "retinoids, exfoliating acids, benzoyl peroxide, scrubs and hydroquinone"
            }
            WindowKind::HairRemoval => "waxing, depilatory creams and electrolysis on the area",
            WindowKind::Retinoid => "retinoids",
            WindowKind::Exfoliant => "exfoliating acids, benzoyl peroxide and scrubs",
            WindowKind::VitaminC => "vitamin C",
            WindowKind::Fragrance => "fragranced products",
            WindowKind::Makeup => "no makeup",
            WindowKind::Sweating => "no sweating, sauna or swimming",
            WindowKind::StrictSun => {
                "strict sun care: avoid direct sun, SPF 30+ from the next day, reapply every 2 h outdoors"
            }
        }
    }

    /// Whether the window runs up to a session rather than after it.
    pub fn is_before(self) -> bool {
        matches!(self, WindowKind::PreSession | WindowKind::HairRemoval)
    }

    fn source(self) -> Source {
        match self {
            WindowKind::PreSession
            | WindowKind::HairRemoval
            | WindowKind::Makeup
            | WindowKind::Sweating => Source::ClinicSheets,
            _ => Source::Seed,
        }
    }
}

/// A pause or care window touching the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Window {
    pub kind: WindowKind,
    pub session_kind: SessionKind,
    pub session_date: NaiveDate,
    pub starts: NaiveDateTime,
    /// Exclusive end, local wall-clock time.
    pub ends: NaiveDateTime,
    /// The last calendar day the window covers.
    pub last_day: NaiveDate,
    /// Day number within the window (1-based after a session; before it, counting down).
    pub day: u16,
    pub of: u16,
    pub reason: String,
    pub source: Source,
}

/// Sessions whose windows can reach `date`: the longest window is 14 days either side.
pub(crate) const WINDOW_REACH: u16 = 15;

fn window_for(
    kind: WindowKind,
    session: &PlannedSession,
    date: NaiveDate,
    days: Option<Days>,
    hours: Option<crate::units::Hours>,
) -> Option<Window> {
    let at = session.date.and_time(session.time);
    let (starts, ends, of) = match (kind, days, hours) {
        (k, Some(n), _) if k.is_before() => {
            (n.before(session.date).and_time(NaiveTime::MIN), at, n.get())
        }
        (_, Some(n), _) => (
            at,
            (n + Days(1)).after(session.date).and_time(NaiveTime::MIN),
            n.get(),
        ),
        (_, None, Some(h)) => (at, later(at, h.duration()), h.0.div_ceil(24)),
        _ => return None,
    };
    let day_start = date.and_time(NaiveTime::MIN);
    let day_end = later(day_start, Duration::days(1));
    if !(starts < day_end && ends > day_start) {
        return None;
    }
    let last_day = ends
        .checked_sub_signed(Duration::minutes(1))
        .unwrap_or(ends)
        .date();
    let (day, reason) = if kind.is_before() {
        let day = Days::between(starts.date(), date).get() + 1;
        (
            day,
            format!(
                "your {} session on {}: stop {} {} before (day {day} of {of})",
                session.kind.label(),
                session.date.format("%a %-d %b"),
                kind.describe(),
                Days(of)
            ),
        )
    } else {
        let day = Days::between(session.date, date).get();
        let when = if day == 0 {
            "session day".to_string()
        } else {
            format!("day {day} of {of} after your session")
        };
        (day, format!("{}, {when}", kind.describe()))
    };
    Some(Window {
        kind,
        session_kind: session.kind,
        session_date: session.date,
        starts,
        ends,
        last_day,
        day,
        of,
        reason,
        source: kind.source(),
    })
}

/// `t + d`, saturating at the end of the calendar: a stored date there must not panic.
fn later(t: NaiveDateTime, d: Duration) -> NaiveDateTime {
    t.checked_add_signed(d).unwrap_or(NaiveDateTime::MAX)
}

/// The windows of the needling sessions in `sessions` that touch `date`, by kind, then
/// session date.
pub(crate) fn windows_on(
    state: &RoutineState,
    date: NaiveDate,
    sessions: &[PlannedSession],
) -> Vec<Window> {
    let mut out = Vec::new();
    for s in sessions.iter().filter(|s| s.status.needles()) {
        let c = state.settings.care(s.kind);
        let specs = [
            (WindowKind::PreSession, Some(c.pre_session_actives), None),
            (
                WindowKind::HairRemoval,
                Some(guidance::HAIR_REMOVAL_BEFORE),
                None,
            ),
            (WindowKind::Retinoid, Some(c.post_retinoid), None),
            (WindowKind::Exfoliant, Some(c.post_exfoliant), None),
            (WindowKind::VitaminC, Some(c.post_vitamin_c), None),
            (WindowKind::Fragrance, Some(c.post_fragrance), None),
            (WindowKind::Makeup, None, Some(c.no_makeup)),
            (WindowKind::Sweating, None, Some(c.no_sweating)),
            (WindowKind::StrictSun, Some(c.strict_sun), None),
        ];
        for (kind, days, hours) in specs {
            if let Some(w) = window_for(kind, s, date, days, hours) {
                out.push(w);
            }
        }
    }
    out.sort_by_key(|w| (w.kind, w.session_date));
    out
}
