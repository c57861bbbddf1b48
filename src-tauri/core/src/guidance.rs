//! The numbers of `GUIDANCE.md`, in one place, each with the source the UI shows.
//!
//! Defaults that a user may edit live in [`crate::settings::Settings`], which starts from these.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::units::{Days, Hours, Millimetres};

/// Which kind of session: the two have different intervals, pauses and checklists.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SessionKind {
    AtHome,
    Professional,
}

impl SessionKind {
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::AtHome => "at-home",
            SessionKind::Professional => "professional",
        }
    }
}

/// Where a rule comes from; `short()` is what the UI prints next to it, and what a rule's
/// `source` says in JSON, so the window shows what it receives. Sent, never read back: a
/// source is the code's, not data, so it has no `Deserialize`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Source {
    /// The seed article, "The Role of Microneedling in Skincare".
    Seed,
    /// American Academy of Dermatology, 2018, on at-home microneedling.
    Aad2018,
    /// Merati 2020 randomised controlled trial: sessions a month apart.
    Merati2020,
    /// Harris 2015 review of acne-scar studies.
    Harris2015,
    /// Clinic or vendor aftercare sheets (one practice's policy).
    ClinicSheets,
    /// Device manufacturers' instructions.
    Manufacturers,
    /// Journal of Drugs in Dermatology contraindication review.
    JddContraindications,
    /// Facial granulomas after microneedling with a vitamin C serum (JAMA Dermatol 2014).
    JamaDerm2014,
    /// Dermatologic Surgery 2024 review.
    DermatolSurg2024,
    /// JAAD Case Reports 2021: expected reactions clear within 72 h.
    JaadCaseReports2021,
    /// Package insert vs JAMA Dermatol 2017 consensus on isotretinoin.
    Isotretinoin2017,
    /// WHO Global Solar UV Index guide, 2002.
    Who2002,
    /// Madronich 2007 clear-sky UV index.
    Madronich2007,
    /// NOAA Solar Calculator equations (after Meeus, Astronomical Algorithms).
    Noaa,
    /// AAD guidance and sunscreen labels: reapply every 2 hours.
    AadSunscreen,
    /// AAD public guidance on the order in which to apply skin care products.
    AadProductOrder,
    /// Tretinoin labels: apply at bedtime; benzoyl peroxide can oxidise tretinoin.
    TretinoinLabels,
    /// Topical retinoid product labels: not during pregnancy or breastfeeding.
    RetinoidLabels,
    /// A Needlewise default where sources are vague.
    ProductDefault,
}

impl Source {
    pub fn short(self) -> &'static str {
        match self {
            Source::Seed => "Seed article",
            Source::Aad2018 => "AAD 2018",
            Source::Merati2020 => "Merati 2020 RCT",
            Source::Harris2015 => "Harris 2015 review",
            Source::ClinicSheets => "Clinic aftercare sheets",
            Source::Manufacturers => "Manufacturers' instructions",
            Source::JddContraindications => "J Drugs Dermatol contraindications",
            Source::JamaDerm2014 => "JAMA Dermatol 2014",
            Source::DermatolSurg2024 => "Dermatol Surg 2024",
            Source::JaadCaseReports2021 => "JAAD Case Reports 2021",
            Source::Isotretinoin2017 => "JAMA Dermatol 2017 consensus",
            Source::Who2002 => "WHO UV Index guide 2002",
            Source::Madronich2007 => "Madronich 2007",
            Source::Noaa => "NOAA Solar Calculator",
            Source::AadSunscreen => "AAD; sunscreen labels",
            Source::AadProductOrder => "AAD: order of skin care products",
            Source::TretinoinLabels => "Tretinoin labels",
            Source::RetinoidLabels => "Retinoid product labels",
            Source::ProductDefault => "Needlewise default",
        }
    }
}

impl From<Source> for &'static str {
    fn from(source: Source) -> Self {
        source.short()
    }
}

/// The interval band for one row of GUIDANCE §1.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntervalRule {
    pub default: Days,
    pub min: Days,
    pub max: Days,
    /// How much one check-in adjustment moves the interval (GUIDANCE §4).
    pub step: Days,
    pub source: Source,
}

impl IntervalRule {
    /// The starting interval: sensitive skin starts at the upper half of the range.
    pub fn starting(&self, sensitive: bool) -> Days {
        if sensitive {
            self.max
        } else {
            self.default
        }
    }

    pub fn contains(&self, d: Days) -> bool {
        self.min <= d && d <= self.max
    }
}

/// At-home needles up to this length are scheduled at home.
pub const AT_HOME_MAX: Millimetres = Millimetres::from_hundredths(50);

/// GUIDANCE §1: the interval band for a session kind and needle length.
pub fn interval_rule(kind: SessionKind, needle: Millimetres) -> Result<IntervalRule, CoreError> {
    let h = needle.hundredths();
    let rule = match kind {
        SessionKind::AtHome if h <= 30 => IntervalRule {
            default: Days(7),
            min: Days(7),
            max: Days(14),
            step: Days(3),
            source: Source::Seed,
        },
        SessionKind::AtHome if h <= 50 => IntervalRule {
            default: Days(10),
            min: Days(7),
            max: Days(14),
            step: Days(3),
            source: Source::Seed,
        },
        SessionKind::AtHome => return Err(CoreError::ProfessionalOnlyDepth(needle)),
        SessionKind::Professional if h <= 100 => IntervalRule {
            default: Days(28),
            min: Days(28),
            max: Days(42),
            step: Days(7),
            source: Source::Merati2020,
        },
        SessionKind::Professional if h <= 150 => IntervalRule {
            default: Days(35),
            min: Days(28),
            max: Days(42),
            step: Days(7),
            source: Source::Harris2015,
        },
        SessionKind::Professional => IntervalRule {
            default: Days(42),
            min: Days(28),
            max: Days(42),
            step: Days(7),
            source: Source::Seed,
        },
    };
    Ok(rule)
}

/// GUIDANCE §1, both modes: no at-home session this close after a professional one.
pub const AT_HOME_GAP_AFTER_PRO: Days = Days(14);
/// GUIDANCE §1, both modes: no at-home session this close before a professional one.
pub const AT_HOME_GAP_BEFORE_PRO: Days = Days(7);

/// GUIDANCE §2: sessions wait this long after a sunburn (from the day of the burn).
pub const SUNBURN_WAIT: Days = Days(14);
/// GUIDANCE §2: a chemical peel, laser or IPL, or dermabrasion holds sessions this long.
pub const PEEL_OR_LASER_WAIT: Days = Days(28);
/// GUIDANCE §2: fillers or toxin injections hold sessions this long.
pub const INJECTIONS_WAIT: Days = Days(14);

/// GUIDANCE §2: no waxing, depilatory creams or electrolysis this long before a session.
pub const HAIR_REMOVAL_BEFORE: Days = Days(5);

/// GUIDANCE §2: replace an at-home device head after this many uses or days, whichever first.
pub const HEAD_MAX_USES: u16 = 10;
pub const HEAD_MAX_AGE: Days = Days(90);

/// GUIDANCE §4: check-ins on the session evening (day 0) and days 1–3 after.
pub const CHECKIN_DAYS: [u16; 4] = [0, 1, 2, 3];
/// GUIDANCE §4: still present on this day means "see a professional".
pub const CONSULT_DAY: u16 = 7;

/// GUIDANCE §5: sun-protection hours are when the clear-sky UV index is at least this.
pub const SUN_PROTECTION_UVI: f64 = 3.0;
/// GUIDANCE §5: reapply sunscreen this often outdoors.
pub const REAPPLY_EVERY: Hours = Hours(2);
/// GUIDANCE §7: no progress photo on a session day or the days after it (redness would
/// mislead); clinic patient guides.
pub const PHOTO_SETTLE: Days = Days(2);

/// GUIDANCE §2–3: the pause and care windows for one session kind. Editable in Settings.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CareWindows {
    /// Stop retinoids and exfoliating acids this many days before a session.
    pub pre_session_actives: Days,
    pub post_retinoid: Days,
    /// Exfoliating acids, benzoyl peroxide and scrubs.
    pub post_exfoliant: Days,
    pub post_vitamin_c: Days,
    pub post_fragrance: Days,
    pub no_makeup: Hours,
    pub strict_sun: Days,
    pub no_sweating: Hours,
}

impl CareWindows {
    pub const AT_HOME: CareWindows = CareWindows {
        pre_session_actives: Days(2),
        post_retinoid: Days(3),
        post_exfoliant: Days(3),
        post_vitamin_c: Days(2),
        post_fragrance: Days(3),
        no_makeup: Hours(24),
        strict_sun: Days(3),
        no_sweating: Hours(24),
    };

    pub const PROFESSIONAL: CareWindows = CareWindows {
        pre_session_actives: Days(5),
        post_retinoid: Days(7),
        post_exfoliant: Days(7),
        post_vitamin_c: Days(5),
        post_fragrance: Days(7),
        no_makeup: Hours(24),
        strict_sun: Days(7),
        no_sweating: Hours(48),
    };

    pub fn defaults(kind: SessionKind) -> CareWindows {
        match kind {
            SessionKind::AtHome => Self::AT_HOME,
            SessionKind::Professional => Self::PROFESSIONAL,
        }
    }

    /// One window's value, by field.
    pub fn get(&self, field: CareField) -> u16 {
        match field {
            CareField::PreSessionActives => self.pre_session_actives.0,
            CareField::PostRetinoid => self.post_retinoid.0,
            CareField::PostExfoliant => self.post_exfoliant.0,
            CareField::PostVitaminC => self.post_vitamin_c.0,
            CareField::PostFragrance => self.post_fragrance.0,
            CareField::NoMakeup => self.no_makeup.0,
            CareField::StrictSun => self.strict_sun.0,
            CareField::NoSweating => self.no_sweating.0,
        }
    }

    /// GUIDANCE §3 "Settings floors": each window within its limits (lengthened freely up
    /// to a sane maximum, shortened only to the floor its source gives).
    pub fn validate(&self) -> Result<(), CoreError> {
        for limit in &CARE_LIMITS {
            let value = self.get(limit.field);
            if value < limit.floor || value > limit.max {
                return Err(CoreError::invalid(limit.key, limit.out_of_range(value)));
            }
        }
        Ok(())
    }

    /// GUIDANCE §3: a professional window is never shorter than the at-home one.
    pub fn validate_pair(
        at_home: &CareWindows,
        professional: &CareWindows,
    ) -> Result<(), CoreError> {
        at_home.validate()?;
        professional.validate()?;
        for limit in &CARE_LIMITS {
            let (a, p) = (at_home.get(limit.field), professional.get(limit.field));
            if p < a {
                return Err(CoreError::invalid(
                    limit.key,
                    format!(
                        "{}: the professional window ({p} {unit}) may not be shorter than the at-home one ({a} {unit})",
                        limit.label,
                        unit = limit.unit.label()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The editable care windows, by name (GUIDANCE §2–3).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CareField {
    PreSessionActives,
    PostRetinoid,
    PostExfoliant,
    PostVitaminC,
    PostFragrance,
    NoMakeup,
    StrictSun,
    NoSweating,
}

/// Whether a window counts days or hours.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CareUnit {
    Days,
    Hours,
}

impl CareUnit {
    pub fn label(self) -> &'static str {
        match self {
            CareUnit::Days => "days",
            CareUnit::Hours => "hours",
        }
    }
}

/// One editable window: its label, unit, defaults, and the floor below which Settings
/// and imports refuse it, with the source of that floor.
#[derive(Copy, Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareLimit {
    pub field: CareField,
    /// The window's key in [`CareWindows`]' JSON, which the UI and errors use.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: CareUnit,
    pub floor: u16,
    pub max: u16,
    /// Where the default comes from.
    pub source: Source,
    /// Where the floor comes from, in words the UI shows next to the field.
    pub floor_note: &'static str,
}

impl CareLimit {
    fn out_of_range(&self, value: u16) -> String {
        let unit = self.unit.label();
        if value < self.floor {
            format!(
                "{}: at least {} {unit} ({}); {value} is shorter than that",
                self.label, self.floor, self.floor_note
            )
        } else {
            format!("{}: at most {} {unit}", self.label, self.max)
        }
    }
}

const fn limit(
    field: CareField,
    key: &'static str,
    label: &'static str,
    unit: CareUnit,
    floor: u16,
    source: Source,
    floor_note: &'static str,
) -> CareLimit {
    let max = match unit {
        CareUnit::Days => 14,
        CareUnit::Hours => 72,
    };
    CareLimit {
        field,
        key,
        label,
        unit,
        floor,
        max,
        source,
        floor_note,
    }
}

/// GUIDANCE §3 "Settings floors", one row per window, in the order Settings shows them.
pub const CARE_LIMITS: [CareLimit; 8] = [
    limit(
        CareField::PreSessionActives,
        "preSessionActives",
        "Stop retinoids, acids, benzoyl peroxide, scrubs and hydroquinone before a session",
        CareUnit::Days,
        2,
        Source::ClinicSheets,
        "clinic sheets: 48 h to 2 weeks",
    ),
    limit(
        CareField::PostRetinoid,
        "postRetinoid",
        "Pause retinoids after",
        CareUnit::Days,
        2,
        Source::Seed,
        "clinic sheets: 48 h to 2 weeks",
    ),
    limit(
        CareField::PostExfoliant,
        "postExfoliant",
        "Pause exfoliating acids, benzoyl peroxide, scrubs after",
        CareUnit::Days,
        3,
        Source::Seed,
        "clinic sheets: 3 to 7 days",
    ),
    limit(
        CareField::PostVitaminC,
        "postVitaminC",
        "Pause vitamin C after",
        CareUnit::Days,
        2,
        Source::Seed,
        "clinic sheets: 48 h to 1 week",
    ),
    limit(
        CareField::PostFragrance,
        "postFragrance",
        "Pause fragranced products after",
        CareUnit::Days,
        3,
        Source::Seed,
        "the seed article gives no range, so the at-home default is the floor",
    ),
    limit(
        CareField::NoMakeup,
        "noMakeup",
        "No makeup after",
        CareUnit::Hours,
        12,
        Source::ClinicSheets,
        "clinic sheets: 12 to 24 h",
    ),
    limit(
        CareField::StrictSun,
        "strictSun",
        "Strict sun care after",
        CareUnit::Days,
        1,
        Source::Seed,
        "clinic sheets: 12 h to 2 weeks",
    ),
    limit(
        CareField::NoSweating,
        "noSweating",
        "No sweating, sauna, swimming after",
        CareUnit::Hours,
        24,
        Source::ClinicSheets,
        "clinic sheets: 24 to 72 h",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn mm(x: f64) -> Millimetres {
        Millimetres::new(x).unwrap()
    }

    // GUIDANCE §1 row: at-home up to 0.3 mm, 7 days, 7–14.
    #[test]
    fn row_at_home_up_to_0_3mm() {
        let r = interval_rule(SessionKind::AtHome, mm(0.25)).unwrap();
        assert_eq!((r.default, r.min, r.max), (Days(7), Days(7), Days(14)));
        let r = interval_rule(SessionKind::AtHome, mm(0.3)).unwrap();
        assert_eq!(r.default, Days(7));
    }

    // GUIDANCE §1 row: at-home 0.3–0.5 mm, 10 days, 7–14.
    #[test]
    fn row_at_home_0_3_to_0_5mm() {
        let r = interval_rule(SessionKind::AtHome, mm(0.5)).unwrap();
        assert_eq!((r.default, r.min, r.max), (Days(10), Days(7), Days(14)));
    }

    // GUIDANCE §1 row: at-home over 0.5 mm is not scheduled.
    #[test]
    fn row_at_home_over_0_5mm_is_professional_only() {
        let err = interval_rule(SessionKind::AtHome, mm(0.75)).unwrap_err();
        assert_eq!(err.kind(), "professionalOnly");
        assert!(err.to_string().contains("professional"));
    }

    // GUIDANCE §1 rows: professional ≤1.0 → 28, 1.0–1.5 → 35, >1.5 → 42; range 28–42.
    #[test]
    fn rows_professional() {
        for (len, want) in [(0.5, 28), (1.0, 28), (1.25, 35), (1.5, 35), (2.0, 42)] {
            let r = interval_rule(SessionKind::Professional, mm(len)).unwrap();
            assert_eq!(r.default, Days(want), "{len} mm");
            assert_eq!((r.min, r.max), (Days(28), Days(42)));
        }
    }

    // GUIDANCE §1: sensitive skin starts at the upper half: at-home 14, professional 42.
    #[test]
    fn sensitive_skin_starts_at_upper_bound() {
        let r = interval_rule(SessionKind::AtHome, mm(0.2)).unwrap();
        assert_eq!(r.starting(true), Days(14));
        let r = interval_rule(SessionKind::Professional, mm(1.0)).unwrap();
        assert_eq!(r.starting(true), Days(42));
    }

    // GUIDANCE §3: at-home vs professional care windows.
    #[test]
    fn care_window_defaults_match_guidance() {
        let a = CareWindows::AT_HOME;
        assert_eq!(
            (
                a.post_retinoid,
                a.post_exfoliant,
                a.post_vitamin_c,
                a.post_fragrance
            ),
            (Days(3), Days(3), Days(2), Days(3))
        );
        assert_eq!(
            (a.no_makeup, a.no_sweating, a.strict_sun),
            (Hours(24), Hours(24), Days(3))
        );
        assert_eq!(a.pre_session_actives, Days(2));
        let p = CareWindows::PROFESSIONAL;
        assert_eq!(
            (
                p.post_retinoid,
                p.post_exfoliant,
                p.post_vitamin_c,
                p.post_fragrance
            ),
            (Days(7), Days(7), Days(5), Days(7))
        );
        assert_eq!(
            (p.no_makeup, p.no_sweating, p.strict_sun),
            (Hours(24), Hours(48), Days(7))
        );
        assert_eq!(p.pre_session_actives, Days(5));
        assert!(a.validate().is_ok() && p.validate().is_ok());
    }

    #[test]
    fn care_windows_reject_zero_and_excess() {
        let mut w = CareWindows::AT_HOME;
        w.post_retinoid = Days(0);
        assert!(w.validate().is_err());
        let mut w = CareWindows::AT_HOME;
        w.no_makeup = Hours(100);
        assert!(w.validate().is_err());
    }

    // GUIDANCE §3 "Settings floors": each window down to its floor and not below.
    #[test]
    fn every_window_stops_at_its_floor() {
        let floors = [
            (CareField::PreSessionActives, 2),
            (CareField::PostRetinoid, 2),
            (CareField::PostExfoliant, 3),
            (CareField::PostVitaminC, 2),
            (CareField::PostFragrance, 3),
            (CareField::NoMakeup, 12),
            (CareField::StrictSun, 1),
            (CareField::NoSweating, 24),
        ];
        for (field, floor) in floors {
            let limit = CARE_LIMITS.iter().find(|l| l.field == field).unwrap();
            assert_eq!(limit.floor, floor, "{field:?}");
            let mut at_floor = serde_json::to_value(CareWindows::AT_HOME).unwrap();
            at_floor[limit.key] = floor.into();
            let w: CareWindows = serde_json::from_value(at_floor.clone()).unwrap();
            assert!(w.validate().is_ok(), "{field:?} at its floor");
            at_floor[limit.key] = (floor - 1).into();
            let w: CareWindows = serde_json::from_value(at_floor).unwrap();
            let err = w.validate().unwrap_err().to_string();
            assert!(err.contains(&format!("at least {floor}")), "{err}");
        }
    }

    // GUIDANCE §3: a professional window is never shorter than the at-home one.
    #[test]
    fn professional_window_not_shorter_than_at_home() {
        let mut a = CareWindows::AT_HOME;
        let mut p = CareWindows::PROFESSIONAL;
        assert!(CareWindows::validate_pair(&a, &p).is_ok());
        a.strict_sun = Days(10);
        p.strict_sun = Days(8);
        let err = CareWindows::validate_pair(&a, &p).unwrap_err();
        assert!(err.to_string().contains("may not be shorter"), "{err}");
    }

    // The window prints a rule's source as it receives it.
    #[test]
    fn a_source_reaches_json_as_its_name() {
        let rule = interval_rule(SessionKind::Professional, mm(1.0)).unwrap();
        assert_eq!(
            serde_json::to_value(rule).unwrap()["source"],
            "Merati 2020 RCT"
        );
    }
}
