//! The wizard's answers, as validated types.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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

/// GUIDANCE §2: conditions that hold every session while present.
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
                "sunburned skin must heal first: sessions wait 14 days after the burn"
            }
            PostponeCondition::OpenWound => "open wounds must close before needling",
        }
    }

    /// GUIDANCE §2: when the condition clears on `cleared`, the first day a session may be
    /// proposed (sunburn: 14 days after the burn, which is when the hold began).
    pub fn resume_on(self, since: NaiveDate, cleared: NaiveDate) -> NaiveDate {
        match self {
            PostponeCondition::RecentSunburn => cleared.max(guidance::SUNBURN_WAIT.after(since)),
            _ => cleared,
        }
    }
}

/// GUIDANCE §2: treatments of the area that hold sessions for a fixed time after them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Procedure {
    /// A chemical peel, laser or IPL, or dermabrasion on the area.
    PeelOrLaser,
    /// Fillers or neuromodulator (botulinum toxin) injections in the area.
    Injections,
}

impl Procedure {
    pub const ALL: [Procedure; 2] = [Procedure::PeelOrLaser, Procedure::Injections];

    /// How long sessions wait after it.
    pub fn wait(self) -> Days {
        match self {
            Procedure::PeelOrLaser => guidance::PEEL_OR_LASER_WAIT,
            Procedure::Injections => guidance::INJECTIONS_WAIT,
        }
    }

    pub fn explain(self) -> &'static str {
        match self {
            Procedure::PeelOrLaser => {
                "a chemical peel, laser, IPL or dermabrasion on the area needs 4 weeks to settle"
            }
            Procedure::Injections => {
                "fillers or toxin injections in the area need 2 weeks before needling"
            }
        }
    }
}

/// What a hold is for.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "what")]
pub enum HoldCause {
    Condition(PostponeCondition),
    Procedure(Procedure),
}

impl HoldCause {
    pub fn explain(self) -> &'static str {
        match self {
            HoldCause::Condition(c) => c.explain(),
            HoldCause::Procedure(p) => p.explain(),
        }
    }

    pub fn source(self) -> guidance::Source {
        match self {
            HoldCause::Condition(_) => guidance::Source::JddContraindications,
            HoldCause::Procedure(_) => guidance::Source::ClinicSheets,
        }
    }
}

/// GUIDANCE §2: a time when no session is planned or reminded. `until` is the first day
/// sessions may resume; `None` while a condition is still present.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldPeriod {
    pub cause: HoldCause,
    /// The day it began (for sunburn, the day of the burn; for a procedure, its date).
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl HoldPeriod {
    /// A condition noticed on `since`; it holds until the person says it has cleared.
    pub fn condition(condition: PostponeCondition, since: NaiveDate) -> Self {
        HoldPeriod {
            cause: HoldCause::Condition(condition),
            since,
            until: None,
        }
    }

    /// A procedure on `date`; it holds for its fixed wait.
    pub fn procedure(procedure: Procedure, date: NaiveDate) -> Self {
        HoldPeriod {
            cause: HoldCause::Procedure(procedure),
            since: date,
            until: Some(procedure.wait().after(date)),
        }
    }

    /// Whether sessions on `date` are held.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.since <= date && self.until.is_none_or(|u| date < u)
    }

    pub fn is_open(&self) -> bool {
        self.until.is_none()
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
    CancerTreatment,
    UncontrolledDiabetes,
    SkinCancerOrMoles,
    KeratosesOrWarts,
    DiagnosedSkinCondition,
    AutoimmuneOrVitiligo,
    MetalOrAnaestheticAllergy,
    Photosensitising,
    Under18,
}

impl Gate {
    pub const ALL: [Gate; 14] = [
        Gate::Isotretinoin,
        Gate::PregnancyOrBreastfeeding,
        Gate::BloodThinnersOrBleeding,
        Gate::KeloidTendency,
        Gate::Immunosuppression,
        Gate::CancerTreatment,
        Gate::UncontrolledDiabetes,
        Gate::SkinCancerOrMoles,
        Gate::KeratosesOrWarts,
        Gate::DiagnosedSkinCondition,
        Gate::AutoimmuneOrVitiligo,
        Gate::MetalOrAnaestheticAllergy,
        Gate::Photosensitising,
        Gate::Under18,
    ];

    pub fn explain(self) -> &'static str {
        match self {
            Gate::Isotretinoin => "isotretinoin now or in the last 6 months: sources disagree on how long to wait, so a professional should decide",
            Gate::PregnancyOrBreastfeeding => "pregnancy or breastfeeding: ask a professional before needling or using actives",
            Gate::BloodThinnersOrBleeding => "blood thinners (including daily aspirin, NSAIDs or fish-oil supplements) or a bleeding disorder raise the risk of bleeding and bruising",
            Gate::KeloidTendency => "a tendency to keloid scars: needling can trigger them",
            Gate::Immunosuppression => "immunosuppression raises the risk of infection",
            Gate::CancerTreatment => "chemotherapy or radiotherapy slows healing and raises the risk of infection",
            Gate::UncontrolledDiabetes => "uncontrolled diabetes slows healing and raises the risk of infection",
            Gate::SkinCancerOrMoles => "skin cancer, or changing or raised moles in the area, must be looked at before needling over them",
            Gate::KeratosesOrWarts => "actinic keratoses or warts in the area can be spread or irritated by the needles",
            Gate::DiagnosedSkinCondition => "diagnosed rosacea, eczema or psoriasis (even when calm) can flare after needling",
            Gate::AutoimmuneOrVitiligo => "autoimmune or collagen-vascular disease, or vitiligo, can react to skin injury",
            Gate::MetalOrAnaestheticAllergy => "an allergy to nickel or other metals (needles) or to local anaesthetics (numbing creams)",
            Gate::Photosensitising => "photosensitising medicines make needled skin burn more easily",
            Gate::Under18 => "under 18: skin treatments need a professional's and a parent's agreement",
        }
    }
}

/// The safety answers: which gates apply, and which the person has acknowledged after
/// talking to a professional. No session is scheduled while one is open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "SafetyRaw")]
pub struct Safety {
    pub gates: BTreeSet<Gate>,
    pub acknowledged: BTreeSet<Gate>,
    /// The day the last open gate was acknowledged: scheduling starts from it.
    pub acknowledged_on: Option<NaiveDate>,
    /// Conditions and procedures that hold sessions, present and past.
    pub holds: Vec<HoldPeriod>,
    /// GUIDANCE §2: a history of cold sores is a checklist note, not a hold.
    pub cold_sore_history: bool,
}

/// Safety as stored: earlier versions kept present conditions as a bare set.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SafetyRaw {
    #[serde(default)]
    gates: BTreeSet<Gate>,
    #[serde(default)]
    acknowledged: BTreeSet<Gate>,
    #[serde(default)]
    acknowledged_on: Option<NaiveDate>,
    #[serde(default)]
    holds: Vec<HoldPeriod>,
    #[serde(default)]
    cold_sore_history: bool,
    /// Before holds had dates: conditions present, with no day recorded.
    #[serde(default)]
    current_conditions: BTreeSet<PostponeCondition>,
}

impl From<SafetyRaw> for Safety {
    fn from(raw: SafetyRaw) -> Self {
        let mut holds = raw.holds;
        for c in raw.current_conditions {
            if !holds
                .iter()
                .any(|h| h.is_open() && h.cause == HoldCause::Condition(c))
            {
                // No day was recorded: the hold is open from the earliest date we accept.
                holds.push(HoldPeriod::condition(c, crate::units::MIN_DATE));
            }
        }
        Safety {
            gates: raw.gates,
            acknowledged: raw.acknowledged,
            acknowledged_on: raw.acknowledged_on,
            holds,
            cold_sore_history: raw.cold_sore_history,
        }
    }
}

impl Safety {
    pub fn open_gates(&self) -> impl Iterator<Item = Gate> + '_ {
        self.gates.difference(&self.acknowledged).copied()
    }

    pub fn is_clear(&self) -> bool {
        self.open_gates().next().is_none()
    }

    /// Conditions present right now (holds with no end).
    pub fn present_conditions(&self) -> impl Iterator<Item = PostponeCondition> + '_ {
        self.holds
            .iter()
            .filter(|h| h.is_open())
            .filter_map(|h| match h.cause {
                HoldCause::Condition(c) => Some(c),
                HoldCause::Procedure(_) => None,
            })
    }

    /// Whether the pregnancy/breastfeeding gate applies and was acknowledged: actives are
    /// then shown as "not during pregnancy or breastfeeding" (GUIDANCE §2).
    pub fn pregnancy_acknowledged(&self) -> bool {
        self.acknowledged.contains(&Gate::PregnancyOrBreastfeeding)
    }

    /// Record that `condition` appeared on `since` (a no-op while it is already present).
    pub fn add_condition(&mut self, condition: PostponeCondition, since: NaiveDate) {
        if !self.present_conditions().any(|c| c == condition) {
            self.holds.push(HoldPeriod::condition(condition, since));
        }
    }

    /// Record that `condition` cleared on `today`; returns the day sessions may resume.
    pub fn clear_condition(
        &mut self,
        condition: PostponeCondition,
        today: NaiveDate,
    ) -> Result<NaiveDate, CoreError> {
        let hold = self
            .holds
            .iter_mut()
            .find(|h| h.is_open() && h.cause == HoldCause::Condition(condition))
            .ok_or_else(|| {
                CoreError::invalid("condition", "that condition is not recorded as present")
            })?;
        let resume = condition.resume_on(hold.since, today.max(hold.since));
        hold.until = Some(resume);
        Ok(resume)
    }

    /// Record a procedure on `date`.
    pub fn add_procedure(&mut self, procedure: Procedure, date: NaiveDate) {
        let period = HoldPeriod::procedure(procedure, date);
        if !self.holds.contains(&period) {
            self.holds.push(period);
        }
    }

    /// Holds as a form sends them: conditions are present from `today`, and a
    /// procedure's end is the guidance's wait after it, whatever the form said.
    pub fn normalise_new_holds(&mut self, today: NaiveDate) {
        for h in &mut self.holds {
            match h.cause {
                HoldCause::Condition(_) => {
                    h.since = today;
                    h.until = None;
                }
                HoldCause::Procedure(p) => *h = HoldPeriod::procedure(p, h.since),
            }
        }
    }

    /// Acknowledge the open gates on `today`: scheduling starts from that day.
    pub fn acknowledge_all(&mut self, today: NaiveDate) {
        if !self.is_clear() {
            self.acknowledged = self.gates.clone();
            self.acknowledged_on = Some(today);
        }
    }

    /// Keep the day of acknowledgement when a profile is saved again: it is set when the
    /// last open gate is acknowledged, and kept from `before` otherwise.
    pub fn carry_acknowledgement(&mut self, before: &Safety, today: NaiveDate) {
        let newly = self
            .acknowledged
            .difference(&before.acknowledged)
            .next()
            .is_some();
        self.acknowledged_on = if newly && self.is_clear() {
            Some(today)
        } else {
            before.acknowledged_on.filter(|_| self.is_clear())
        };
    }

    fn validate(&self) -> Result<(), CoreError> {
        for g in &self.acknowledged {
            if !self.gates.contains(g) {
                return Err(CoreError::invalid(
                    "safety",
                    "an acknowledgement was given for a question answered 'no'",
                ));
            }
        }
        if self.holds.len() > MAX_HOLDS {
            return Err(CoreError::invalid(
                "safety.holds",
                "too many holds recorded",
            ));
        }
        for h in &self.holds {
            crate::units::check_date("safety.holds", h.since)?;
            if let Some(u) = h.until {
                crate::units::check_date("safety.holds", u)?;
                if u < h.since {
                    return Err(CoreError::invalid(
                        "safety.holds",
                        "a hold cannot end before it began",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Holds are a few a year; thousands would be a damaged or crafted file.
const MAX_HOLDS: usize = 1000;

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
        // GUIDANCE §1: the at-home ceiling follows the device, whatever the mode. A home
        // device over 0.5 mm never becomes "professional": a practitioner performs those.
        if let Some(setup) = &self.at_home {
            let rule = guidance::interval_rule(SessionKind::AtHome, setup.needle)?;
            check_interval("atHome.interval", setup.interval, &rule)?;
        }
        if self.mode.includes(SessionKind::AtHome) && self.at_home.is_none() {
            return Err(CoreError::invalid(
                "atHome",
                "describe your at-home device and needle length",
            ));
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
        crate::units::check_date("createdOn", self.created_on)?;
        self.safety.validate()
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

    /// The end of the quiet stretch `at` is in: later that day, or the next when the
    /// stretch wraps midnight.
    pub fn end_of_stretch(&self, at: NaiveDateTime) -> NaiveDateTime {
        let date = if at.time() < self.end {
            at.date()
        } else {
            Days(1).after(at.date())
        };
        date.and_time(self.end)
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
        let mut p = crate::fixtures::profile(Mode::AtHome, crate::fixtures::date(2026, 3, 1));
        p.at_home = Some(AtHomeSetup {
            needle: Millimetres::new(needle).unwrap(),
            ..crate::fixtures::roller(25)
        });
        p
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
