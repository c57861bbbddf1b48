//! Skin check-ins after a session, and what they mean for the next interval (GUIDANCE §4).

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::session::SessionId;

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CheckInId(pub i64);

/// Redness and irritation, as the person rates them.
#[derive(
    Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    #[default]
    None,
    Mild,
    Moderate,
    Severe,
}

/// Signs the person ticks on a check-in.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Flags {
    pub swelling: bool,
    pub bleeding: bool,
    /// New bumps; firm ones are a reason to see a professional.
    pub bumps: bool,
    pub spreading_redness: bool,
    pub warmth_or_pus: bool,
    pub fever: bool,
}

impl Flags {
    /// GUIDANCE §4: signs of infection or granuloma, each a reason to consult.
    pub fn infection_signs(&self) -> bool {
        self.warmth_or_pus || self.fever || self.spreading_redness
    }

    pub fn any(&self) -> bool {
        self.swelling
            || self.bleeding
            || self.bumps
            || self.spreading_redness
            || self.warmth_or_pus
            || self.fever
    }
}

/// Day after the session a check-in is for: 0 is the session evening.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct DayAfter(u16);

impl DayAfter {
    pub const MAX: u16 = 14;

    pub fn new(d: u16) -> Result<Self, CoreError> {
        if d > Self::MAX {
            return Err(CoreError::invalid(
                "day",
                format!(
                    "check-ins are for the session day (0) up to day {} after",
                    Self::MAX
                ),
            ));
        }
        Ok(DayAfter(d))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for DayAfter {
    type Error = CoreError;
    fn try_from(d: u16) -> Result<Self, CoreError> {
        DayAfter::new(d)
    }
}

impl From<DayAfter> for u16 {
    fn from(d: DayAfter) -> u16 {
        d.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    pub id: CheckInId,
    pub session_id: SessionId,
    pub day: DayAfter,
    pub redness: Severity,
    pub irritation: Severity,
    #[serde(default)]
    pub flags: Flags,
    #[serde(default)]
    pub note: String,
}

impl CheckIn {
    /// What was entered, without the stored id (as exported).
    pub fn entry(&self) -> NewCheckIn {
        NewCheckIn {
            session_id: self.session_id,
            day: self.day,
            redness: self.redness,
            irritation: self.irritation,
            flags: self.flags,
            note: self.note.clone(),
        }
    }

    /// The worse of redness and irritation.
    pub fn worst(&self) -> Severity {
        self.redness.max(self.irritation)
    }
}

/// A check-in about to be stored (and as exported: unknown fields in a file are refused).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCheckIn {
    pub session_id: SessionId,
    pub day: DayAfter,
    pub redness: Severity,
    pub irritation: Severity,
    #[serde(default)]
    pub flags: Flags,
    #[serde(default)]
    pub note: String,
}

/// What one session's check-ins say, in GUIDANCE §4's terms.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Response {
    /// No check-ins yet, or not enough to say.
    Unknown,
    /// Mild redness, swelling or flaking that clears within 72 hours.
    Expected,
    /// Nothing past mild by day 2: counts toward stepping the interval back.
    Calm,
    /// Moderate or worse still present after 72 hours: lengthen the next interval.
    Adjust,
    /// Severe reaction, symptoms on day 7, infection signs or new firm bumps: see a professional.
    Consult,
}

/// Read one session's check-ins (any order).
pub fn response(checkins: &[&CheckIn]) -> Response {
    if checkins.is_empty() {
        return Response::Unknown;
    }
    let consult = checkins.iter().any(|c| {
        c.worst() == Severity::Severe
            || c.flags.infection_signs()
            || c.flags.bumps
            || (c.day.get() >= crate::guidance::CONSULT_DAY
                && (c.worst() > Severity::None || c.flags.any()))
    });
    if consult {
        return Response::Consult;
    }
    if checkins
        .iter()
        .any(|c| c.day.get() >= 3 && c.worst() >= Severity::Moderate)
    {
        return Response::Adjust;
    }
    let late: Vec<_> = checkins.iter().filter(|c| c.day.get() >= 2).collect();
    if !late.is_empty() && late.iter().all(|c| c.worst() <= Severity::Mild) {
        return Response::Calm;
    }
    Response::Expected
}

/// Why a consult is advised, for the message shown with the hold.
pub fn consult_reason(checkins: &[&CheckIn]) -> String {
    let mut reasons = Vec::new();
    if checkins.iter().any(|c| c.worst() == Severity::Severe) {
        reasons.push("a severe reaction");
    }
    if checkins
        .iter()
        .any(|c| c.flags.warmth_or_pus || c.flags.fever)
    {
        reasons.push("signs of infection (warmth, pus or fever)");
    }
    if checkins.iter().any(|c| c.flags.spreading_redness) {
        reasons.push("spreading redness");
    }
    if checkins.iter().any(|c| c.flags.bumps) {
        reasons.push("new firm bumps");
    }
    if checkins.iter().any(|c| {
        c.day.get() >= crate::guidance::CONSULT_DAY && (c.worst() > Severity::None || c.flags.any())
    }) {
        reasons.push("symptoms still present a week later");
    }
    reasons.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn ci(day: u16, redness: Severity) -> CheckIn {
        CheckIn {
            id: CheckInId(i64::from(day)),
            session_id: SessionId(1),
            day: DayAfter::new(day).unwrap(),
            redness,
            irritation: Severity::None,
            flags: Flags::default(),
            note: String::new(),
        }
    }

    fn resp(list: &[CheckIn]) -> Response {
        response(&list.iter().collect::<Vec<_>>())
    }

    // GUIDANCE §4 "Expected": mild redness that clears within 72 hours.
    #[test]
    fn mild_redness_clearing_is_expected_or_calm() {
        let r = resp(&[ci(0, Severity::Moderate), ci(1, Severity::Mild)]);
        assert_eq!(r, Response::Expected);
        let r = resp(&[
            ci(0, Severity::Moderate),
            ci(2, Severity::Mild),
            ci(3, Severity::None),
        ]);
        assert_eq!(r, Response::Calm);
    }

    // GUIDANCE §4 "Adjust": moderate or worse still present after 72 hours.
    #[test]
    fn moderate_on_day_three_adjusts() {
        assert_eq!(resp(&[ci(3, Severity::Moderate)]), Response::Adjust);
        assert_eq!(resp(&[ci(2, Severity::Moderate)]), Response::Expected);
    }

    // GUIDANCE §4 "Consult": severe, day-7 symptoms, infection signs, firm bumps.
    #[test]
    fn consult_triggers() {
        assert_eq!(resp(&[ci(1, Severity::Severe)]), Response::Consult);
        assert_eq!(resp(&[ci(7, Severity::Mild)]), Response::Consult);
        // A day-7 check-in with nothing left is calm (day ≥ 2, nothing past mild).
        assert_eq!(resp(&[ci(7, Severity::None)]), Response::Calm);
        let mut c = ci(1, Severity::Mild);
        c.flags.warmth_or_pus = true;
        assert_eq!(resp(&[c.clone()]), Response::Consult);
        let mut c = ci(2, Severity::None);
        c.flags.bumps = true;
        assert_eq!(resp(&[c]), Response::Consult);
        let reason = consult_reason(&[&ci(1, Severity::Severe)]);
        assert!(reason.contains("severe"));
    }

    #[test]
    fn day_after_bounds() {
        assert!(DayAfter::new(14).is_ok());
        assert!(DayAfter::new(15).is_err());
        assert!(serde_json::from_str::<DayAfter>("99").is_err());
    }
}
