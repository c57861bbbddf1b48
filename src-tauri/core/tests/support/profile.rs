//! The at-home routine reminder tests start from (a roller at 0.25 mm, consultation done),
//! shared by the core's dispatch tests and the background process's tests.

use chrono::{NaiveDate, NaiveTime};
use needlewise_core::profile::{
    AtHomeSetup, Consultation, DeviceKind, Mode, Profile, Safety, Sensitivity,
};
use needlewise_core::units::Millimetres;

/// Set up on `created_on`, sessions at `session_time`.
pub fn at_home(created_on: NaiveDate, session_time: NaiveTime) -> Profile {
    Profile {
        mode: Mode::AtHome,
        at_home: Some(AtHomeSetup {
            device: DeviceKind::Roller,
            needle: Millimetres::new(0.25).unwrap(),
            head_since: None,
            interval: None,
        }),
        professional: None,
        concerns: Default::default(),
        sensitivity: Sensitivity::Normal,
        consultation: Consultation::Done,
        safety: Safety::default(),
        session_time,
        location: None,
        created_on,
    }
}
