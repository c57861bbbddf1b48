//! Editable defaults: every number of GUIDANCE that a person may change.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::guidance::{CareWindows, SessionKind};
use crate::profile::QuietHours;
use crate::units::{Days, Hours};

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => panic!("invalid time"),
    }
}

/// GUIDANCE §6: when each reminder fires, in local wall-clock time.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderTimes {
    pub book_consultation: NaiveTime,
    pub pre_pause_start: NaiveTime,
    pub session_prep: NaiveTime,
    pub professional_morning: NaiveTime,
    pub professional_lead: Hours,
    pub book_next_after: Days,
    pub post_care: NaiveTime,
    pub checkin: NaiveTime,
    pub spf: NaiveTime,
    pub replace_head: NaiveTime,
    /// Added after the first release: settings stored before it take the default.
    #[serde(default = "ReminderTimes::default_photo")]
    pub photo: NaiveTime,
}

impl ReminderTimes {
    const fn default_photo() -> NaiveTime {
        hm(10, 0)
    }
}

impl Default for ReminderTimes {
    fn default() -> Self {
        ReminderTimes {
            book_consultation: hm(10, 0),
            pre_pause_start: hm(9, 0),
            session_prep: hm(20, 0),
            professional_morning: hm(9, 0),
            professional_lead: Hours(2),
            book_next_after: Days(7),
            post_care: hm(9, 0),
            checkin: hm(20, 0),
            spf: hm(8, 0),
            replace_head: hm(9, 0),
            photo: ReminderTimes::default_photo(),
        }
    }
}

/// Issue 14, item 5: optional reminders of the morning and evening routine, off by default.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoutineReminders {
    pub enabled: bool,
    pub morning: NaiveTime,
    pub evening: NaiveTime,
}

impl Default for RoutineReminders {
    fn default() -> Self {
        RoutineReminders {
            enabled: false,
            // The SPF reminder's time: by default the two arrive as one.
            morning: hm(8, 0),
            evening: hm(21, 0),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub at_home: CareWindows,
    pub professional: CareWindows,
    pub times: ReminderTimes,
    pub quiet_hours: QuietHours,
    pub daily_spf: bool,
    pub reminders_enabled: bool,
    /// Launch (minimised) when the person logs in.
    #[serde(default)]
    pub start_at_login: bool,
    /// GUIDANCE §6: notifications say only "Needlewise reminder" and the time, since a
    /// locked screen or someone nearby can read them.
    #[serde(default)]
    pub discreet: bool,
    /// Reminders due before this instant (setup time) are neither sent nor counted missed.
    #[serde(default)]
    pub reminders_from: Option<chrono::DateTime<chrono::Utc>>,
    /// "Pause reminders" from the tray: nothing is sent before this instant.
    #[serde(default)]
    pub paused_until: Option<chrono::DateTime<chrono::Utc>>,
    /// GUIDANCE §6–7: a progress-photo reminder this many weeks after the last photo;
    /// `None` turns it off.
    #[serde(default = "PhotoEvery::default_some")]
    pub photo_every: Option<PhotoEvery>,
    /// Absent from settings stored before issue 14: off.
    #[serde(default)]
    pub routine_reminders: RoutineReminders,
}

/// Weeks between progress-photo reminders: 2 to 4 (GUIDANCE §7, clinic patient guides).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PhotoEvery(u8);

impl PhotoEvery {
    pub const MIN: u8 = 2;
    pub const MAX: u8 = 4;
    pub const DEFAULT: PhotoEvery = PhotoEvery(4);

    pub fn weeks(self) -> u8 {
        self.0
    }

    pub fn days(self) -> Days {
        Days(u16::from(self.0) * 7)
    }

    fn default_some() -> Option<PhotoEvery> {
        Some(PhotoEvery::DEFAULT)
    }
}

impl TryFrom<u8> for PhotoEvery {
    type Error = CoreError;
    fn try_from(weeks: u8) -> Result<Self, CoreError> {
        if (Self::MIN..=Self::MAX).contains(&weeks) {
            Ok(PhotoEvery(weeks))
        } else {
            Err(CoreError::invalid(
                "photoEvery",
                format!(
                    "a progress photo is asked for every {} to {} weeks (GUIDANCE: photos a few weeks apart show change; more often shows none)",
                    Self::MIN,
                    Self::MAX
                ),
            ))
        }
    }
}

impl From<PhotoEvery> for u8 {
    fn from(p: PhotoEvery) -> u8 {
        p.0
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            at_home: CareWindows::AT_HOME,
            professional: CareWindows::PROFESSIONAL,
            times: ReminderTimes::default(),
            quiet_hours: QuietHours::DEFAULT,
            daily_spf: true,
            reminders_enabled: true,
            start_at_login: false,
            discreet: false,
            reminders_from: None,
            paused_until: None,
            photo_every: Some(PhotoEvery::DEFAULT),
            routine_reminders: RoutineReminders::default(),
        }
    }
}

impl Settings {
    pub fn care(&self, kind: SessionKind) -> &CareWindows {
        match kind {
            SessionKind::AtHome => &self.at_home,
            SessionKind::Professional => &self.professional,
        }
    }

    pub fn validate(&self) -> Result<(), CoreError> {
        CareWindows::validate_pair(&self.at_home, &self.professional)?;
        if self.times.professional_lead.0 == 0 || self.times.professional_lead.0 > 12 {
            return Err(CoreError::invalid(
                "professionalLead",
                "the reminder before an appointment must be 1 to 12 hours ahead",
            ));
        }
        let r = &self.routine_reminders;
        if r.morning >= r.evening {
            return Err(CoreError::invalid(
                "routineEvening",
                "the evening routine reminder must come later in the day than the morning one",
            ));
        }
        if self.times.book_next_after.0 == 0 || self.times.book_next_after.0 > 28 {
            return Err(CoreError::invalid(
                "bookNextAfter",
                "the booking reminder must come 1 to 28 days after a session",
            ));
        }
        Ok(())
    }
}
