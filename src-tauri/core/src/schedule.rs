//! Session dates: intervals, projection of upcoming sessions, manual moves, holds.
//!
//! Stored sessions are facts and commitments (done, skipped, postponed, booked or moved);
//! everything after the last stored one is projected at the current interval, so the
//! schedule can always be rebuilt from the database.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::checkin::{self, CheckIn, Response};
use crate::error::CoreError;
use crate::guidance::{IntervalRule, SessionKind, AT_HOME_GAP_AFTER_PRO, AT_HOME_GAP_BEFORE_PRO};
use crate::profile::{Gate, HoldCause, HoldPeriod, Mode, PostponeCondition};
use crate::session::{Session, SessionId, SessionStatus};
use crate::state::RoutineState;
use crate::units::Days;

/// One change of the interval, with the reason the UI shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntervalChange {
    pub session_id: SessionId,
    pub session_date: NaiveDate,
    pub from: Days,
    pub to: Days,
    pub reason: String,
}

/// The interval in force for a kind, and how it got there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntervalState {
    pub kind: SessionKind,
    pub rule: IntervalRule,
    pub base: Days,
    pub current: Days,
    pub changes: Vec<IntervalChange>,
}

/// Why nothing is being scheduled right now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Hold {
    /// Talk-to-a-professional questions answered "yes" and not yet acknowledged.
    Gates { gates: Vec<Gate> },
    /// A reaction that needs a professional's look before the next session.
    Consult {
        session_id: SessionId,
        session_date: NaiveDate,
        reason: String,
    },
    /// Conditions present now (GUIDANCE §2): held until the person says they cleared.
    Conditions {
        conditions: Vec<PostponeCondition>,
        since: NaiveDate,
    },
    /// A procedure on the area, or a cleared condition's wait: held until a date.
    Until {
        cause: HoldCause,
        since: NaiveDate,
        until: NaiveDate,
    },
}

impl Hold {
    pub fn message(&self) -> String {
        match self {
            Hold::Gates { gates } => {
                let why: Vec<&str> = gates.iter().map(|g| g.explain()).collect();
                format!(
                    "talk to a dermatologist or skincare professional first ({}). Once they have said it is fine, acknowledge it to start scheduling.",
                    why.join("; ")
                )
            }
            Hold::Consult {
                session_date,
                reason,
                ..
            } => format!(
                "after your session on {} you reported {reason}. See a professional before your next session; once they have cleared you, confirm it to resume.",
                session_date.format("%a %-d %b")
            ),
            Hold::Conditions { conditions, .. } => {
                let why: Vec<&str> = conditions.iter().map(|c| c.explain()).collect();
                format!(
                    "no session while {} present ({}). When it has cleared, say so and the next session is proposed from that day.",
                    if conditions.len() == 1 { "this is" } else { "these are" },
                    why.join("; ")
                )
            }
            Hold::Until { cause, until, .. } => format!(
                "no session before {} ({}).",
                until.format("%a %-d %b %Y"),
                cause.explain()
            ),
        }
    }
}

/// A session on the calendar: stored (with id) or projected (id `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedSession {
    pub id: Option<SessionId>,
    pub kind: SessionKind,
    pub date: NaiveDate,
    pub time: NaiveTime,
    #[serde(flatten)]
    pub status: SessionStatus,
}

impl PlannedSession {
    fn from_stored(s: &Session) -> Self {
        PlannedSession {
            id: Some(s.id),
            kind: s.kind,
            date: s.date,
            time: s.time,
            status: s.status.clone(),
        }
    }

    pub fn is_projected(&self) -> bool {
        self.id.is_none()
    }
}

/// GUIDANCE §2: how long a postponement waits before the next proposal.
pub fn postpone_wait(because: PostponeCondition) -> Days {
    match because {
        PostponeCondition::RecentSunburn => Days(14),
        _ => Days(7),
    }
}

/// One session's check-ins; relies on [`RoutineState::sort`] ordering them by session.
pub(crate) fn checkins_of(state: &RoutineState, id: SessionId) -> Vec<&CheckIn> {
    let all = &state.checkins;
    let start = all.partition_point(|c| c.session_id < id);
    all[start..]
        .iter()
        .take_while(|c| c.session_id == id)
        .collect()
}

/// GUIDANCE §4: walk the done sessions in order and apply each response to the interval.
pub fn interval_state(state: &RoutineState, kind: SessionKind) -> Option<IntervalState> {
    let rule = state.profile.interval_rule(kind)?;
    let base = state.profile.base_interval(kind)?;
    let mut current = base;
    let mut calm_streak = 0;
    let mut changes = Vec::new();
    for s in state
        .sessions
        .iter()
        .filter(|s| s.kind == kind && s.status == SessionStatus::Done)
    {
        let before = current;
        let reason = match checkin::response(&checkins_of(state, s.id)) {
            Response::Adjust | Response::Consult => {
                calm_streak = 0;
                current = (current + rule.step).min(rule.max);
                format!(
                    "your skin was still moderately red or irritated 3 days after the session on {}, so the next interval grows by {} (at most {})",
                    s.date.format("%a %-d %b"),
                    rule.step,
                    rule.max
                )
            }
            Response::Calm => {
                calm_streak += 1;
                if calm_streak < 2 {
                    continue;
                }
                calm_streak = 0;
                current = current.saturating_sub(rule.step).max(base);
                format!(
                    "two sessions in a row settled to mild or less by day 2, so the interval steps back toward {base}"
                )
            }
            Response::Expected | Response::Unknown => {
                calm_streak = 0;
                continue;
            }
        };
        if current != before {
            changes.push(IntervalChange {
                session_id: s.id,
                session_date: s.date,
                from: before,
                to: current,
                reason,
            });
        }
    }
    Some(IntervalState {
        kind,
        rule,
        base,
        current,
        changes,
    })
}

/// What stops all scheduling, if anything: open gates first, then an uncleared consult,
/// then conditions present now. Holds with an end date are in [`hold_on`].
pub fn hold(state: &RoutineState) -> Option<Hold> {
    let gates: Vec<Gate> = state.profile.safety.open_gates().collect();
    if !gates.is_empty() {
        return Some(Hold::Gates { gates });
    }
    let consult = state
        .sessions
        .iter()
        .rev()
        .filter(|s| s.status == SessionStatus::Done && !s.consult_cleared)
        .find_map(|s| {
            let cs = checkins_of(state, s.id);
            (checkin::response(&cs) == Response::Consult).then(|| Hold::Consult {
                session_id: s.id,
                session_date: s.date,
                reason: checkin::consult_reason(&cs),
            })
        });
    if consult.is_some() {
        return consult;
    }
    let open: Vec<&HoldPeriod> = state
        .profile
        .safety
        .holds
        .iter()
        .filter(|h| h.is_open())
        .collect();
    let since = open.iter().map(|h| h.since).min()?;
    Some(Hold::Conditions {
        conditions: state.profile.safety.present_conditions().collect(),
        since,
    })
}

/// What holds sessions on `date`: [`hold`], else a dated hold covering that day.
pub fn hold_on(state: &RoutineState, date: NaiveDate) -> Option<Hold> {
    hold(state).or_else(|| {
        state
            .profile
            .safety
            .holds
            .iter()
            .filter(|h| h.covers(date))
            .filter_map(|h| {
                h.until.map(|until| Hold::Until {
                    cause: h.cause,
                    since: h.since,
                    until,
                })
            })
            .max_by_key(|h| match h {
                Hold::Until { until, .. } => *until,
                _ => date,
            })
    })
}

/// The hold period covering `date`, if any (open or closed).
fn held_on(state: &RoutineState, date: NaiveDate) -> Option<&HoldPeriod> {
    state.profile.safety.holds.iter().find(|h| h.covers(date))
}

/// The hold recorded for a session postponed on `date` because of `condition`.
fn condition_hold(
    state: &RoutineState,
    condition: PostponeCondition,
    date: NaiveDate,
) -> Option<&HoldPeriod> {
    state
        .profile
        .safety
        .holds
        .iter()
        .filter(|h| h.cause == HoldCause::Condition(condition) && h.since <= date)
        .max_by_key(|h| h.since)
}

/// A stored session that was planned for a day a hold covers: it does not happen, is not
/// reminded, and the schedule proposes the next date after the hold instead.
fn is_held(state: &RoutineState, s: &Session) -> bool {
    s.status == SessionStatus::Planned && held_on(state, s.date).is_some()
}

/// Stored sessions that stand: everything but planned ones inside a hold.
fn standing(state: &RoutineState) -> impl DoubleEndedIterator<Item = &Session> + '_ {
    state.sessions.iter().filter(move |s| !is_held(state, s))
}

/// Move `date` past every closed hold that covers it.
fn past_holds(state: &RoutineState, mut date: NaiveDate) -> NaiveDate {
    while let Some(until) = held_on(state, date).and_then(|h| h.until) {
        date = until;
    }
    date
}

/// GUIDANCE §2: the first session of a plan leaves room for the pre-session pause when
/// the person's products contain a class it covers.
pub fn first_session_date(state: &RoutineState, kind: SessionKind, from: NaiveDate) -> NaiveDate {
    if pre_pause_needed(state) {
        state.settings.care(kind).pre_session_actives.after(from)
    } else {
        from
    }
}

/// Whether any of the person's products contains a class the pre-session pause covers.
pub fn pre_pause_needed(state: &RoutineState) -> bool {
    state
        .products
        .iter()
        .any(|p| crate::care::WindowKind::PreSession.pauses_any_of(&p.classification))
}

fn conflicts_with_pro(at_home: NaiveDate, pro: NaiveDate) -> bool {
    // GUIDANCE §1: no at-home session within 14 days after, or 7 days before, a professional one.
    at_home > AT_HOME_GAP_BEFORE_PRO.before(pro) && at_home < AT_HOME_GAP_AFTER_PRO.after(pro)
}

fn default_time(state: &RoutineState, kind: SessionKind) -> NaiveTime {
    match kind {
        SessionKind::AtHome => state.profile.session_time,
        SessionKind::Professional => state
            .sessions
            .iter()
            .rev()
            .find(|s| s.kind == kind)
            .map(|s| s.time)
            .unwrap_or(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN)),
    }
}

/// Where projection starts for a kind with no standing stored session: a planned one a
/// hold displaced, else the day the last gate was acknowledged (GUIDANCE §2).
fn first_projected(state: &RoutineState, kind: SessionKind) -> Option<NaiveDate> {
    let displaced = state
        .sessions
        .iter()
        .find(|s| s.kind == kind && is_held(state, s))
        .map(|s| s.date);
    displaced.or_else(|| {
        let from = state.profile.safety.acknowledged_on?;
        Some(first_session_date(state, kind, from))
    })
}

/// Projected dates for one kind after its last standing stored session, up to `until`.
fn project(
    state: &RoutineState,
    kind: SessionKind,
    until: NaiveDate,
    pro_dates: &[NaiveDate],
) -> Vec<PlannedSession> {
    let Some(interval) = interval_state(state, kind) else {
        return Vec::new();
    };
    let last = standing(state).rev().find(|s| s.kind == kind);
    let next = match last {
        // A postponement recorded with its hold resumes when the hold ends; an older
        // one (no hold on record) waits the fixed time.
        Some(last) => match last.status {
            SessionStatus::Postponed { because } => match condition_hold(state, because, last.date)
            {
                // Still present: nothing is projected (see `hold`); cleared: the day
                // after the postponed date at the earliest, and not inside the hold.
                Some(h) => h
                    .until
                    .map(|u| u.max(Days(1).after(last.date)))
                    .or(Some(Days(1).after(last.date))),
                None => postpone_wait(because).checked_after(last.date),
            },
            _ => interval.current.checked_after(last.date),
        },
        None => first_projected(state, kind),
    };
    let Some(mut next) = next else {
        return Vec::new();
    };
    if let Some(last_needled) = standing(state)
        .rev()
        .find(|s| s.kind == kind && s.status.needles())
    {
        if let Some(min) = interval.rule.min.checked_after(last_needled.date) {
            next = next.max(min);
        }
    }
    let time = default_time(state, kind);
    let avoid_pro = kind == SessionKind::AtHome && state.profile.mode == Mode::Both;
    let mut out = Vec::new();
    loop {
        next = past_holds(state, next);
        if next > until {
            break;
        }
        if avoid_pro {
            if let Some(p) = pro_dates.iter().find(|p| conflicts_with_pro(next, **p)) {
                match AT_HOME_GAP_AFTER_PRO.checked_after(*p) {
                    Some(d) => next = d,
                    None => break,
                }
                continue;
            }
        }
        out.push(PlannedSession {
            id: None,
            kind,
            date: next,
            time,
            status: SessionStatus::Planned,
        });
        match interval.current.checked_after(next) {
            Some(d) => next = d,
            None => break,
        }
    }
    out
}

/// Sessions dated `from..=until`: stored ones and projected ones, sorted by date and time.
/// Planned sessions inside a hold are left out; while scheduling is held (gates, a consult,
/// a condition present), nothing is projected.
pub fn sessions_between(
    state: &RoutineState,
    from: NaiveDate,
    until: NaiveDate,
) -> Vec<PlannedSession> {
    let mut out: Vec<PlannedSession> = standing(state)
        .filter(|s| s.date >= from && s.date <= until)
        .map(PlannedSession::from_stored)
        .collect();
    if hold(state).is_none() {
        let mut pro_dates: Vec<NaiveDate> = standing(state)
            .filter(|s| s.kind == SessionKind::Professional && s.status.needles())
            .map(|s| s.date)
            .collect();
        let mut projected = Vec::new();
        for &kind in state.profile.mode.kinds() {
            let p = project(state, kind, until, &pro_dates);
            if kind == SessionKind::Professional {
                pro_dates.extend(p.iter().map(|s| s.date));
            }
            projected.extend(p);
        }
        out.extend(projected.into_iter().filter(|s| s.date >= from));
    }
    out.sort_by_key(|s| (s.date, s.time, s.kind));
    out
}

/// The next session that will needle the skin, on or after `from`.
pub fn next_session(state: &RoutineState, from: NaiveDate) -> Option<PlannedSession> {
    // Two years covers the longest interval many times over.
    sessions_between(state, from, Days(730).after(from))
        .into_iter()
        .find(|s| s.status == SessionStatus::Planned)
}

/// The next `count` planned dates from `from`, for the wizard's preview; none while held.
pub fn preview(state: &RoutineState, from: NaiveDate, count: usize) -> Vec<PlannedSession> {
    if hold(state).is_some() {
        return Vec::new();
    }
    sessions_between(state, from, Days(730).after(from))
        .into_iter()
        .filter(|s| s.status == SessionStatus::Planned)
        .take(count)
        .collect()
}

/// Whether a session of `kind` may be placed on `date` (moving `exclude`, if given).
/// Refuses dates before `today` and any date closer than the minimum to a neighbour.
pub fn check_date(
    state: &RoutineState,
    kind: SessionKind,
    date: NaiveDate,
    exclude: Option<SessionId>,
    today: NaiveDate,
) -> Result<(), CoreError> {
    if !state.profile.mode.includes(kind) {
        return Err(CoreError::invalid(
            "kind",
            format!("your plan has no {} sessions", kind.label()),
        ));
    }
    if date < today {
        return Err(CoreError::invalid(
            "date",
            format!("{date} is in the past; pick today or a later date"),
        ));
    }
    if let Some(h) = hold_on(state, date) {
        return Err(CoreError::Held(h.message()));
    }
    let rule = state
        .profile
        .interval_rule(kind)
        .ok_or_else(|| CoreError::invalid("kind", "no needle length for this kind"))?;
    let others = standing(state).filter(|s| Some(s.id) != exclude && s.status.needles());
    for s in others {
        let (min_before, min_after) = match (kind, s.kind) {
            (a, b) if a == b => (rule.min, rule.min),
            // Placing at-home near a professional one: 14 days after it, 7 before it.
            (SessionKind::AtHome, SessionKind::Professional) => {
                (AT_HOME_GAP_AFTER_PRO, AT_HOME_GAP_BEFORE_PRO)
            }
            // Placing a professional one near an at-home one: the mirror image.
            _ => (AT_HOME_GAP_BEFORE_PRO, AT_HOME_GAP_AFTER_PRO),
        };
        if state.profile.mode != Mode::Both && s.kind != kind {
            continue;
        }
        let (gap, min, earliest) = if s.date <= date {
            (
                Days::between(s.date, date),
                min_before,
                min_before.after(s.date),
            )
        } else {
            (
                Days::between(date, s.date),
                min_after,
                min_before.after(s.date),
            )
        };
        if gap < min {
            return Err(CoreError::TooSoon {
                date,
                neighbour: s.date,
                gap,
                min,
                earliest,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checkin::{CheckInId, DayAfter, Flags, Severity};
    use crate::guidance::SessionKind::{AtHome, Professional};
    use crate::profile::tests::at_home_profile;
    use crate::profile::{ProfessionalSetup, Sensitivity};
    use crate::session::SessionStatus::{Done, Planned};
    use crate::settings::Settings;
    use crate::units::Millimetres;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub use crate::fixtures::session;

    /// Adds a session at 19:00 to a test state: one line per session in each test.
    pub fn add(
        st: &mut RoutineState,
        id: i64,
        kind: SessionKind,
        date: NaiveDate,
        status: SessionStatus,
    ) {
        st.sessions.push(session(id, kind, date, status));
    }

    pub fn home_state(needle: f64) -> RoutineState {
        RoutineState::new(at_home_profile(needle), Settings::default())
    }

    pub fn both_state() -> RoutineState {
        let mut p = at_home_profile(0.25);
        p.mode = Mode::Both;
        p.professional = Some(ProfessionalSetup {
            clinic: "Clinic".into(),
            needle: Some(Millimetres::new(1.0).unwrap()),
            interval: None,
        });
        RoutineState::new(p, Settings::default())
    }

    fn checkin(id: i64, session: i64, day: u16, red: Severity) -> CheckIn {
        CheckIn {
            id: CheckInId(id),
            session_id: SessionId(session),
            day: DayAfter::new(day).unwrap(),
            redness: red,
            irritation: Severity::None,
            flags: Flags::default(),
            note: String::new(),
        }
    }

    #[test]
    fn projects_at_interval_from_first_session() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Planned);
        let dates: Vec<_> = preview(&st, d(2026, 11, 25), 4)
            .iter()
            .map(|s| s.date)
            .collect();
        assert_eq!(
            dates,
            vec![
                d(2026, 12, 1),
                d(2026, 12, 8),
                d(2026, 12, 15),
                d(2026, 12, 22)
            ]
        );
    }

    #[test]
    fn sensitive_skin_projects_at_upper_bound() {
        let mut st = home_state(0.4);
        st.profile.sensitivity = Sensitivity::Sensitive;
        add(&mut st, 1, AtHome, d(2026, 12, 1), Done);
        assert_eq!(
            next_session(&st, d(2026, 12, 2)).unwrap().date,
            d(2026, 12, 15)
        );
    }

    #[test]
    fn moving_below_minimum_is_refused_with_reason() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Done);
        add(&mut st, 2, AtHome, d(2026, 12, 8), Planned);
        let err = check_date(
            &st,
            SessionKind::AtHome,
            d(2026, 12, 5),
            Some(SessionId(2)),
            d(2026, 12, 2),
        )
        .unwrap_err();
        match &err {
            CoreError::TooSoon {
                gap, min, earliest, ..
            } => {
                assert_eq!((*gap, *min, *earliest), (Days(4), Days(7), d(2026, 12, 8)));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("at least 7 days"));
        assert!(check_date(
            &st,
            SessionKind::AtHome,
            d(2026, 12, 9),
            Some(SessionId(2)),
            d(2026, 12, 2)
        )
        .is_ok());
    }

    #[test]
    fn moving_into_the_past_is_refused() {
        let mut st = home_state(0.25);
        add(&mut st, 2, AtHome, d(2026, 12, 8), Planned);
        let err = check_date(
            &st,
            SessionKind::AtHome,
            d(2026, 11, 1),
            Some(SessionId(2)),
            d(2026, 11, 25),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "invalid");
    }

    #[test]
    fn both_modes_keep_at_home_away_from_professional() {
        let mut st = both_state();
        add(&mut st, 1, Professional, d(2026, 12, 1), Planned);
        add(&mut st, 2, AtHome, d(2026, 11, 20), Done);
        let list = sessions_between(&st, d(2026, 11, 21), d(2027, 2, 1));
        let pros: Vec<_> = list
            .iter()
            .filter(|s| s.kind == SessionKind::Professional)
            .map(|s| s.date)
            .collect();
        assert_eq!(pros, vec![d(2026, 12, 1), d(2026, 12, 29), d(2027, 1, 26)]);
        for h in list.iter().filter(|s| s.kind == SessionKind::AtHome) {
            for p in &pros {
                assert!(
                    !conflicts_with_pro(h.date, *p),
                    "{} too close to {}",
                    h.date,
                    p
                );
            }
        }
        // The first at-home one after the professional session waits 14 days.
        let first_home = list.iter().find(|s| s.kind == SessionKind::AtHome).unwrap();
        assert_eq!(first_home.date, d(2026, 12, 15));
        // Placing one by hand 3 days before the professional session is refused.
        let err = check_date(
            &st,
            SessionKind::AtHome,
            d(2026, 11, 28),
            None,
            d(2026, 11, 25),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "tooSoon");
    }

    #[test]
    fn open_gate_holds_everything_until_acknowledged() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Planned);
        st.profile.safety.gates.insert(Gate::Isotretinoin);
        assert!(matches!(hold(&st), Some(Hold::Gates { .. })));
        assert_eq!(sessions_between(&st, d(2026, 12, 2), d(2027, 1, 1)), vec![]);
        assert_eq!(
            check_date(
                &st,
                SessionKind::AtHome,
                d(2026, 12, 20),
                None,
                d(2026, 12, 1)
            )
            .unwrap_err()
            .kind(),
            "held"
        );
        st.profile.safety.acknowledged.insert(Gate::Isotretinoin);
        assert!(hold(&st).is_none());
        assert!(!sessions_between(&st, d(2026, 12, 2), d(2027, 1, 1)).is_empty());
    }

    // GUIDANCE §4 "Adjust": +3 days at home, capped at the maximum, with a reason.
    #[test]
    fn moderate_day_three_lengthens_next_interval_with_reason() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Done);
        st.checkins.push(checkin(1, 1, 3, Severity::Moderate));
        let iv = interval_state(&st, SessionKind::AtHome).unwrap();
        assert_eq!((iv.base, iv.current), (Days(7), Days(10)));
        assert!(iv.changes[0].reason.contains("3 days after"));
        assert_eq!(
            next_session(&st, d(2026, 12, 2)).unwrap().date,
            d(2026, 12, 11)
        );
        // Three more adjusting sessions never pass the 14-day maximum.
        for (i, day) in [(2, 11), (3, 22), (4, 30)] {
            add(&mut st, i, AtHome, d(2026, 12, day), Done);
            st.checkins.push(checkin(i, i, 3, Severity::Moderate));
        }
        assert_eq!(
            interval_state(&st, SessionKind::AtHome).unwrap().current,
            Days(14)
        );
    }

    // GUIDANCE §4 "Step back": two calm sessions move one step back, never below the base.
    #[test]
    fn two_calm_sessions_step_back_not_below_base() {
        let mut st = home_state(0.25);
        let dates = [
            d(2026, 1, 1),
            d(2026, 1, 11),
            d(2026, 1, 21),
            d(2026, 1, 31),
            d(2026, 2, 10),
        ];
        for (i, date) in dates.iter().enumerate() {
            let id = i as i64 + 1;
            st.sessions
                .push(session(id, SessionKind::AtHome, *date, SessionStatus::Done));
            let red = if i == 0 {
                Severity::Moderate
            } else {
                Severity::None
            };
            st.checkins.push(checkin(id, id, 3, red));
        }
        let iv = interval_state(&st, SessionKind::AtHome).unwrap();
        // 7 → 10 after the first; back to 7 after sessions 2 and 3; stays 7 after 4 and 5.
        assert_eq!(iv.current, Days(7));
        assert_eq!(iv.changes.len(), 2);
        assert!(iv.changes[1].reason.contains("steps back"));
    }

    // GUIDANCE §4 "Consult": the schedule pauses until the person confirms a professional saw them.
    #[test]
    fn severe_reaction_pauses_schedule_until_cleared() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Done);
        st.checkins.push(checkin(1, 1, 1, Severity::Severe));
        let h = hold(&st).unwrap();
        assert!(h.message().contains("See a professional"));
        assert!(next_session(&st, d(2026, 12, 2)).is_none());
        st.sessions[0].consult_cleared = true;
        assert!(next_session(&st, d(2026, 12, 2)).is_some());
    }

    #[test]
    fn postponed_session_proposes_after_the_wait() {
        let mut st = home_state(0.25);
        add(&mut st, 1, AtHome, d(2026, 12, 1), Done);
        st.sessions.push(session(
            2,
            SessionKind::AtHome,
            d(2026, 12, 8),
            SessionStatus::Postponed {
                because: PostponeCondition::RecentSunburn,
            },
        ));
        assert_eq!(
            next_session(&st, d(2026, 12, 8)).unwrap().date,
            d(2026, 12, 22)
        );
    }
}
