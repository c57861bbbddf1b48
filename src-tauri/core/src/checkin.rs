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
    /// The worse of redness and irritation.
    pub fn worst(&self) -> Severity {
        self.redness.max(self.irritation)
    }
}

/// A check-in about to be stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
