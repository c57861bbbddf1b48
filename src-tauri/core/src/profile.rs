//! The wizard's answers, as validated types.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::guidance::{self, IntervalRule, SessionKind};
use crate::units::{Days, Millimetres};

/// Which kinds of sessions the person does.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    AtHome,
    Professional,
    /// A professional series with at-home maintenance in between.
    Both,
}

impl Mode {
    pub fn includes(self, kind: SessionKind) -> bool {
        matches!(
            (self, kind),
            (Mode::Both, _)
                | (Mode::AtHome, SessionKind::AtHome)
                | (Mode::Professional, SessionKind::Professional)
        )
    }

    pub fn kinds(self) -> &'static [SessionKind] {
        match self {
            Mode::AtHome => &[SessionKind::AtHome],
            Mode::Professional => &[SessionKind::Professional],
            Mode::Both => &[SessionKind::Professional, SessionKind::AtHome],
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeviceKind {
    Roller,
    Stamp,
    Pen,
}

impl DeviceKind {
    pub fn label(self) -> &'static str {
        match self {
            DeviceKind::Roller => "roller",
            DeviceKind::Stamp => "stamp",
            DeviceKind::Pen => "pen",
        }
    }
}

/// The at-home device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtHomeSetup {
    pub device: DeviceKind,
    pub needle: Millimetres,
    /// When the current head (or roller) went into use; replacement is due from here.
    pub head_since: Option<NaiveDate>,
    /// A chosen interval inside the allowed range; `None` means the guidance default.
    #[serde(default)]
    pub interval: Option<Days>,
}

/// The clinic side. The needle depth is the clinic's; unknown means "up to 1.0 mm".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfessionalSetup {
    #[serde(default)]
    pub clinic: String,
    pub needle: Option<Millimetres>,
    #[serde(default)]
    pub interval: Option<Days>,
}

impl ProfessionalSetup {
    pub fn effective_needle(&self) -> Millimetres {
        self.needle.unwrap_or(Millimetres::from_hundredths(100))
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Concern {
    AcneScars,
    FineLines,
    Texture,
    Pigmentation,
    EnlargedPores,
    StretchMarks,
    GeneralGlow,
}

impl Concern {
    /// Concerns for which GUIDANCE §2 says a consultation is strongly advised.
    pub fn needs_consultation(self) -> bool {
        matches!(self, Concern::AcneScars | Concern::Pigmentation)
    }
}

#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Sensitivity {
    #[default]
    Normal,
    Sensitive,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "status")]
pub enum Consultation {
    Done,
    Booked,
    NotYet { remind: bool },
}

/// GUIDANCE §2: conditions that postpone a session while present.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PostponeCondition {
    ActiveBreakoutOrInfection,
    ColdSore,
    SkinFlare,
    RecentSunburn,
    OpenWound,
}

impl PostponeCondition {
    pub const ALL: [PostponeCondition; 5] = [
        PostponeCondition::ActiveBreakoutOrInfection,
        PostponeCondition::ColdSore,
        PostponeCondition::SkinFlare,
        PostponeCondition::RecentSunburn,
        PostponeCondition::OpenWound,
    ];

    pub fn explain(self) -> &'static str {
        match self {
            PostponeCondition::ActiveBreakoutOrInfection => {
                "an active breakout or infection in the area can be spread by the needles"
            }
            PostponeCondition::ColdSore => "needling near a cold sore can spread the virus",
            PostponeCondition::SkinFlare => {
                "needling during an eczema, psoriasis or rosacea flare worsens it"
            }
            PostponeCondition::RecentSunburn => {
                "sunburned skin (in the last 14 days) must heal first"
            }
            PostponeCondition::OpenWound => "open wounds must close before needling",
        }
    }
}

/// GUIDANCE §2: answers that need a professional's word before any session is scheduled.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Gate {
    Isotretinoin,
    PregnancyOrBreastfeeding,
    BloodThinnersOrBleeding,
    KeloidTendency,
    Immunosuppression,
    UncontrolledDiabetes,
}

impl Gate {
    pub const ALL: [Gate; 6] = [
        Gate::Isotretinoin,
        Gate::PregnancyOrBreastfeeding,
        Gate::BloodThinnersOrBleeding,
        Gate::KeloidTendency,
        Gate::Immunosuppression,
        Gate::UncontrolledDiabetes,
    ];

    pub fn explain(self) -> &'static str {
        match self {
            Gate::Isotretinoin => "isotretinoin now or in the last 6 months: sources disagree on how long to wait, so a professional should decide",
            Gate::PregnancyOrBreastfeeding => "pregnancy or breastfeeding: ask a professional before needling or using actives",
            Gate::BloodThinnersOrBleeding => "blood thinners or a bleeding disorder raise the risk of bleeding and bruising",
            Gate::KeloidTendency => "a tendency to keloid scars: needling can trigger them",
            Gate::Immunosuppression => "immunosuppression raises the risk of infection",
            Gate::UncontrolledDiabetes => "uncontrolled diabetes slows healing and raises the risk of infection",
        }
    }
}

/// The safety answers: which gates apply, and which the person has acknowledged after
/// talking to a professional. No session is scheduled while one is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Safety {
    #[serde(default)]
    pub gates: BTreeSet<Gate>,
    #[serde(default)]
    pub acknowledged: BTreeSet<Gate>,
    /// Conditions present right now; the next session is postponed while any is.
    #[serde(default)]
    pub current_conditions: BTreeSet<PostponeCondition>,
}

impl Safety {
    pub fn open_gates(&self) -> impl Iterator<Item = Gate> + '_ {
        self.gates.difference(&self.acknowledged).copied()
    }

    pub fn is_clear(&self) -> bool {
        self.open_gates().next().is_none()
    }
}

/// A place for sun-protection hours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    #[serde(default)]
    pub name: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
}

impl Location {
    pub fn new(name: Option<String>, latitude: f64, longitude: f64) -> Result<Self, CoreError> {
        let loc = Location {
            name,
            latitude,
            longitude,
        };
        loc.validate()?;
        Ok(loc)
    }

    pub fn validate(&self) -> Result<(), CoreError> {
        if !self.latitude.is_finite() || !(-90.0..=90.0).contains(&self.latitude) {
            return Err(CoreError::invalid(
                "latitude",
                format!(
                    "{} is not a latitude: it must be between -90 and 90",
                    self.latitude
                ),
            ));
        }
        if !self.longitude.is_finite() || !(-180.0..=180.0).contains(&self.longitude) {
            return Err(CoreError::invalid(
                "longitude",
                format!(
                    "{} is not a longitude: it must be between -180 and 180",
                    self.longitude
                ),
            ));
        }
        Ok(())
    }
}

/// Everything the wizard asks. Construct through [`Profile::validate`] after deserialising.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub mode: Mode,
    pub at_home: Option<AtHomeSetup>,
    pub professional: Option<ProfessionalSetup>,
    #[serde(default)]
    pub concerns: BTreeSet<Concern>,
    #[serde(default)]
    pub sensitivity: Sensitivity,
    pub consultation: Consultation,
    #[serde(default)]
    pub safety: Safety,
    /// When at-home sessions happen (GUIDANCE §6 default 19:00).
    pub session_time: NaiveTime,
    pub location: Option<Location>,
    /// The day setup finished, for the "book a consultation" reminder.
    pub created_on: NaiveDate,
}

impl Profile {
    /// Cross-field checks that serde cannot express. Returns the first problem found.
    pub fn validate(&self) -> Result<(), CoreError> {
        match (self.mode.includes(SessionKind::AtHome), &self.at_home) {
            (true, None) => {
                return Err(CoreError::invalid(
                    "atHome",
                    "describe your at-home device and needle length",
                ))
            }
            (true, Some(setup)) => {
                let rule = guidance::interval_rule(SessionKind::AtHome, setup.needle)?;
                check_interval("atHome.interval", setup.interval, &rule)?;
            }
            (false, _) => {}
        }
        match (
            self.mode.includes(SessionKind::Professional),
            &self.professional,
        ) {
            (true, None) => {
                return Err(CoreError::invalid(
                    "professional",
                    "add your clinic's details for professional sessions",
                ))
            }
            (true, Some(setup)) => {
                let rule =
                    guidance::interval_rule(SessionKind::Professional, setup.effective_needle())?;
                check_interval("professional.interval", setup.interval, &rule)?;
            }
            (false, _) => {}
        }
        if let Some(loc) = &self.location {
            loc.validate()?;
        }
        for g in &self.safety.acknowledged {
            if !self.safety.gates.contains(g) {
                return Err(CoreError::invalid(
                    "safety",
                    "an acknowledgement was given for a question answered 'no'",
                ));
            }
        }
        Ok(())
    }

    /// Parse and validate JSON from the UI or an import.
    pub fn from_json(json: &str) -> Result<Profile, CoreError> {
        let p: Profile =
            serde_json::from_str(json).map_err(|e| CoreError::invalid("profile", e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    pub fn needle(&self, kind: SessionKind) -> Option<Millimetres> {
        match kind {
            SessionKind::AtHome => self.at_home.as_ref().map(|a| a.needle),
            SessionKind::Professional => self.professional.as_ref().map(|p| p.effective_needle()),
        }
    }

    /// The guidance band for a kind this profile does.
    pub fn interval_rule(&self, kind: SessionKind) -> Option<IntervalRule> {
        self.needle(kind)
            .and_then(|n| guidance::interval_rule(kind, n).ok())
    }

    /// The interval before any check-in adjustment: the person's choice, or the
    /// default (upper bound for sensitive skin).
    pub fn base_interval(&self, kind: SessionKind) -> Option<Days> {
        let rule = self.interval_rule(kind)?;
        let chosen = match kind {
            SessionKind::AtHome => self.at_home.as_ref().and_then(|a| a.interval),
            SessionKind::Professional => self.professional.as_ref().and_then(|p| p.interval),
        };
        Some(chosen.unwrap_or_else(|| rule.starting(self.sensitivity == Sensitivity::Sensitive)))
    }

    /// GUIDANCE §2: a consultation is strongly advised for professional mode or specific concerns.
    pub fn consultation_strongly_advised(&self) -> bool {
        self.mode != Mode::AtHome || self.concerns.iter().any(|c| c.needs_consultation())
    }
}

fn check_interval(
    field: &'static str,
    chosen: Option<Days>,
    rule: &IntervalRule,
) -> Result<(), CoreError> {
    match chosen {
        Some(d) if !rule.contains(d) => Err(CoreError::invalid(
            field,
            format!(
                "{d} is outside the allowed range of {} to {}",
                rule.min, rule.max
            ),
        )),
        _ => Ok(()),
    }
}

/// Quiet hours: nothing fires from `start` up to `end` (which may be past midnight).
/// Serialised as "HH:MM", the form it is parsed from, so stored settings read back.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    try_from = "QuietHoursRaw",
    into = "QuietHoursRaw"
)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Serialize, Deserialize)]
struct QuietHoursRaw {
    start: String,
    end: String,
}

impl From<QuietHours> for QuietHoursRaw {
    fn from(q: QuietHours) -> Self {
        QuietHoursRaw {
            start: q.start.format("%H:%M").to_string(),
            end: q.end.format("%H:%M").to_string(),
        }
    }
}

impl TryFrom<QuietHoursRaw> for QuietHours {
    type Error = CoreError;
    fn try_from(raw: QuietHoursRaw) -> Result<Self, CoreError> {
        QuietHours::parse(&raw.start, &raw.end)
    }
}

impl QuietHours {
    pub const DEFAULT: QuietHours = QuietHours {
        start: match NaiveTime::from_hms_opt(22, 0, 0) {
            Some(t) => t,
            None => unreachable!(),
        },
        end: match NaiveTime::from_hms_opt(7, 0, 0) {
            Some(t) => t,
            None => unreachable!(),
        },
    };

    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, CoreError> {
        if start == end {
            return Err(CoreError::invalid(
                "quietHours",
                "quiet hours must start and end at different times",
            ));
        }
        Ok(QuietHours { start, end })
    }

    /// Parse "HH:MM" strings as the UI sends them.
    pub fn parse(start: &str, end: &str) -> Result<Self, CoreError> {
        let s = parse_hhmm("quietHours.start", start)?;
        let e = parse_hhmm("quietHours.end", end)?;
        QuietHours::new(s, e)
    }

    /// Whether a wall-clock time falls inside quiet hours (start inclusive, end exclusive).
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }
}

/// Parse a wall-clock "HH:MM" with a specific error for the named field.
pub fn parse_hhmm(field: &'static str, s: &str) -> Result<NaiveTime, CoreError> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| {
        CoreError::invalid(
            field,
            format!("'{s}' is not a time of day (use HH:MM, e.g. 07:30)"),
        )
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn at_home_profile(needle: f64) -> Profile {
        Profile {
            mode: Mode::AtHome,
            at_home: Some(AtHomeSetup {
                device: DeviceKind::Roller,
                needle: Millimetres::new(needle).unwrap(),
                head_since: None,
                interval: None,
            }),
            professional: None,
            concerns: BTreeSet::new(),
            sensitivity: Sensitivity::Normal,
            consultation: Consultation::Done,
            safety: Safety::default(),
            session_time: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            location: None,
            created_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        }
    }

    #[test]
    fn valid_at_home_profile_passes() {
        assert!(at_home_profile(0.25).validate().is_ok());
    }

    #[test]
    fn at_home_over_half_millimetre_is_refused_with_professional_alternative() {
        let err = at_home_profile(1.0).validate().unwrap_err();
        assert_eq!(err.kind(), "professionalOnly");
        assert!(err.to_string().contains("professional sessions"));
    }

    #[test]
    fn needle_length_zero_or_five_mm_rejected_from_json() {
        let mut v = serde_json::to_value(at_home_profile(0.25)).unwrap();
        v["atHome"]["needle"] = serde_json::json!(0.0);
        let err = Profile::from_json(&v.to_string()).unwrap_err();
        assert!(err.to_string().contains("more than 0 mm"), "{err}");
        v["atHome"]["needle"] = serde_json::json!(5.0);
        let err = Profile::from_json(&v.to_string()).unwrap_err();
        assert!(err.to_string().contains("3.0 mm"), "{err}");
    }

    #[test]
    fn latitude_95_rejected() {
        let mut p = at_home_profile(0.25);
        p.location = Some(Location {
            name: None,
            latitude: 95.0,
            longitude: 10.0,
        });
        let err = p.validate().unwrap_err();
        assert!(
            matches!(
                err,
                CoreError::Invalid {
                    field: "latitude",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn missing_setup_for_mode_rejected() {
        let mut p = at_home_profile(0.25);
        p.mode = Mode::Both;
        assert!(matches!(
            p.validate(),
            Err(CoreError::Invalid {
                field: "professional",
                ..
            })
        ));
    }

    #[test]
    fn chosen_interval_must_be_inside_range() {
        let mut p = at_home_profile(0.25);
        p.at_home.as_mut().unwrap().interval = Some(Days(5));
        assert!(p.validate().is_err());
        p.at_home.as_mut().unwrap().interval = Some(Days(12));
        assert!(p.validate().is_ok());
        assert_eq!(p.base_interval(SessionKind::AtHome), Some(Days(12)));
    }

    #[test]
    fn quiet_hours_reject_non_times_and_wrap_midnight() {
        assert!(QuietHours::parse("25:00", "07:00").is_err());
        assert!(QuietHours::parse("ten", "07:00").is_err());
        assert!(QuietHours::parse("07:00", "07:00").is_err());
        let q = QuietHours::parse("22:00", "07:00").unwrap();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(q.contains(t(23, 0)) && q.contains(t(3, 0)) && q.contains(t(22, 0)));
        assert!(!q.contains(t(7, 0)) && !q.contains(t(12, 0)));
        assert!(serde_json::from_str::<QuietHours>(r#"{"start":"xx","end":"07:00"}"#).is_err());
    }

    #[test]
    fn acknowledging_unasked_gate_is_invalid() {
        let mut p = at_home_profile(0.25);
        p.safety.acknowledged.insert(Gate::KeloidTendency);
        assert!(p.validate().is_err());
    }
}
