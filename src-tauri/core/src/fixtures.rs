//! Ready-made values for tests and benchmarks (the core's and the app's), so that each
//! test restates only what it varies. Not used by the app itself.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use crate::guidance::SessionKind;
use crate::profile::{
    AtHomeSetup, Consultation, DeviceKind, Mode, ProfessionalSetup, Profile, Safety, Sensitivity,
};
use crate::session::{Session, SessionId, SessionStatus};
use crate::units::Millimetres;

/// A calendar date; panics on an impossible one (a typo in a test).
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// The default session time (GUIDANCE §6: at-home sessions at 19:00).
pub fn evening() -> NaiveTime {
    NaiveTime::from_hms_opt(19, 0, 0).expect("19:00")
}

/// A roller of the given length in hundredths of a millimetre, head age unknown.
pub fn roller(hundredths: u16) -> AtHomeSetup {
    AtHomeSetup {
        device: DeviceKind::Roller,
        needle: Millimetres::from_hundredths(hundredths),
        head_since: None,
        interval: None,
    }
}

/// A clinic working at the given length in hundredths of a millimetre.
pub fn clinic(hundredths: u16) -> ProfessionalSetup {
    ProfessionalSetup {
        clinic: "Clinic".into(),
        needle: Some(Millimetres::from_hundredths(hundredths)),
        interval: None,
    }
}

/// A valid profile for `mode`: a 0.25 mm roller and/or a 1 mm clinic as the mode needs,
/// consultation done, no concerns, conditions or location, sessions at 19:00.
pub fn profile(mode: Mode, created_on: NaiveDate) -> Profile {
    Profile {
        mode,
        at_home: mode.includes(SessionKind::AtHome).then(|| roller(25)),
        professional: mode
            .includes(SessionKind::Professional)
            .then(|| clinic(100)),
        concerns: BTreeSet::new(),
        sensitivity: Sensitivity::Normal,
        consultation: Consultation::Done,
        safety: Safety::default(),
        session_time: evening(),
        location: None,
        created_on,
    }
}

/// A stored session at 19:00 without a note.
pub fn session(id: i64, kind: SessionKind, date: NaiveDate, status: SessionStatus) -> Session {
    Session {
        id: SessionId(id),
        kind,
        date,
        time: evening(),
        status,
        consult_cleared: false,
        note: String::new(),
    }
}
