//! Helpers the reminder tests share: times, keys and a planned at-home session.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::{Europe::Berlin, Tz};

use super::{Occurrence, ReminderKind};
use crate::clock;
use crate::guidance::SessionKind;
use crate::schedule::tests::{d, home_state, session};
use crate::session::SessionStatus::Planned;
use crate::state::RoutineState;

pub(crate) fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

pub(crate) fn keys(list: &[Occurrence], kind: ReminderKind) -> Vec<String> {
    list.iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.key.clone())
        .collect()
}

pub(crate) fn local(o: &Occurrence, tz: Tz) -> chrono::NaiveDateTime {
    clock::local_time(o.fire_at, tz)
}

pub(crate) fn home_with_session() -> RoutineState {
    let mut st = home_state(0.25);
    st.sessions
        .push(session(1, SessionKind::AtHome, d(2026, 12, 1), Planned));
    st
}

pub(crate) fn at_berlin(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    clock::at(day, t(h, m), Berlin)
}
