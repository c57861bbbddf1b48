//! The notes GUIDANCE §8 attaches to a routine: combinations, a missing sunscreen, and
//! what a session day changes. Each names its source; none blocks the person.

use serde::Serialize;

use crate::guidance::Source;

/// Which note; its key is what the window and tests find it by.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NoteKind {
    /// §8: retinoids in the evening.
    RetinoidInMorning,
    /// §8: benzoyl peroxide and a retinoid in the same routine.
    BenzoylPeroxideWithRetinoid,
    /// §8: exfoliating acids and a retinoid the same evening.
    AcidsWithRetinoid,
    /// §8: vitamin C suggested in the morning, under sunscreen.
    VitaminCInMorning,
    /// §8: sunscreen in the morning routine, every day.
    NoSunscreen,
    /// §8 and §2: just before a session, cleanse only.
    CleanseOnly,
    /// §8: the morning routine of an evening session keeps its sunscreen.
    SunscreenBeforeEveningSession,
    /// §8 and §3: after a session, only what §3 allows.
    AfterSession,
}

impl NoteKind {
    pub fn text(self) -> &'static str {
        match self {
            NoteKind::RetinoidInMorning => {
                "A retinoid is in your morning routine: retinoids are meant for the evening, as light degrades them"
            }
            NoteKind::BenzoylPeroxideWithRetinoid => {
                "Benzoyl peroxide and a retinoid are in the same routine: use them at different times of day, or ask a professional"
            }
            NoteKind::AcidsWithRetinoid => {
                "Exfoliating acids and a retinoid the same evening: alternate nights unless a professional advised otherwise"
            }
            NoteKind::VitaminCInMorning => {
                "Vitamin C is suggested in the morning, under sunscreen"
            }
            NoteKind::NoSunscreen => {
                "No sunscreen in your morning: SPF 30+ is the last skincare step every morning"
            }
            NoteKind::CleanseOnly => {
                "Before your session: cleanse only — no makeup, oils or sunscreen on the area"
            }
            NoteKind::SunscreenBeforeEveningSession => {
                "Session this evening: keep your sunscreen this morning, and cleanse it off before the session"
            }
            NoteKind::AfterSession => {
                "After your session: only gentle products with every ingredient checked, none with a paused class, and no sunscreen on freshly needled skin — stay out of the sun instead"
            }
        }
    }

    pub fn source(self) -> Source {
        match self {
            NoteKind::RetinoidInMorning | NoteKind::BenzoylPeroxideWithRetinoid => {
                Source::TretinoinLabels
            }
            NoteKind::AcidsWithRetinoid | NoteKind::VitaminCInMorning => Source::ClinicSheets,
            NoteKind::NoSunscreen
            | NoteKind::CleanseOnly
            | NoteKind::SunscreenBeforeEveningSession
            | NoteKind::AfterSession => Source::Seed,
        }
    }
}

/// A note as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutineNote {
    pub key: NoteKind,
    pub text: &'static str,
    pub source: Source,
}

impl From<NoteKind> for RoutineNote {
    fn from(key: NoteKind) -> Self {
        RoutineNote {
            key,
            text: key.text(),
            source: key.source(),
        }
    }
}
