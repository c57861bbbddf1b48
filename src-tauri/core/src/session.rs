//! Session records: what was planned, done, skipped or postponed.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::guidance::SessionKind;
use crate::profile::PostponeCondition;

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub i64);

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum SessionStatus {
    Planned,
    Done,
    Skipped,
    /// Did not happen on this date because of a condition (GUIDANCE §2).
    Postponed {
        because: PostponeCondition,
    },
}

impl SessionStatus {
    /// Whether the skin was (or will be) needled on this date; only these count for gaps.
    pub fn needles(&self) -> bool {
        matches!(self, SessionStatus::Planned | SessionStatus::Done)
    }

    pub fn label(&self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Done => "done",
            SessionStatus::Skipped => "skipped",
            SessionStatus::Postponed { .. } => "postponed",
        }
    }
}

/// A session the store knows about. Future sessions beyond the stored ones are projected
/// by [`crate::schedule`] and have no id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: SessionId,
    pub kind: SessionKind,
    pub date: NaiveDate,
    /// The appointment time (professional) or the planned time (at-home).
    pub time: NaiveTime,
    #[serde(flatten)]
    pub status: SessionStatus,
    /// Set when the person confirmed they saw a professional after a "consult" reaction.
    #[serde(default)]
    pub consult_cleared: bool,
    #[serde(default)]
    pub note: String,
}

impl Session {
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.time)
    }
}

/// A session about to be stored (no id yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSession {
    pub kind: SessionKind,
    pub date: NaiveDate,
    pub time: NaiveTime,
}
