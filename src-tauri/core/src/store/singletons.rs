//! The single-row records: the profile, the settings and the wizard's progress.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::codec::from_json;
use crate::error::{CoreError, Result};
use crate::profile::Profile;
use crate::settings::Settings;

/// The wizard's answers, once setup is finished.
#[derive(Copy, Clone, Debug)]
pub struct ProfileRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl ProfileRepo<'_> {
    /// `None` until the wizard has been completed once.
    pub fn get(&self) -> Result<Option<Profile>> {
        get_json(self.conn, "profile")
    }

    /// Validates first: whatever the entry point, an invalid profile is never stored.
    pub fn save(&self, profile: &Profile) -> Result<()> {
        profile.validate()?;
        put_json(self.conn, "profile", &serde_json::to_string(profile)?)
    }
}

/// The editable defaults.
#[derive(Copy, Clone, Debug)]
pub struct SettingsRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl SettingsRepo<'_> {
    /// The stored settings, or the defaults if the person never changed any.
    pub fn get(&self) -> Result<Settings> {
        Ok(get_json(self.conn, "settings")?.unwrap_or_default())
    }

    /// Validates first, so a bad value from any entry point never reaches the reminders.
    pub fn save(&self, settings: &Settings) -> Result<()> {
        settings.validate()?;
        put_json(self.conn, "settings", &serde_json::to_string(settings)?)
    }
}

/// Where the person left the setup wizard, so it can resume after the app is closed.
/// The draft is the UI's partial answers: incomplete by definition, so it is kept as JSON
/// and only validated when it becomes a [`Profile`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WizardProgress {
    pub step: u32,
    pub draft: serde_json::Value,
}

#[derive(Copy, Clone, Debug)]
pub struct WizardRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl WizardRepo<'_> {
    pub fn get(&self) -> Result<Option<WizardProgress>> {
        let row = self
            .conn
            .query_row(
                "SELECT step, draft FROM wizard_progress WHERE id = 1",
                [],
                |r| {
                    let step: u32 = r.get(0)?;
                    let draft: String = r.get(1)?;
                    Ok(WizardProgress {
                        step,
                        draft: from_json(1, &draft)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    pub fn save(&self, progress: &WizardProgress) -> Result<()> {
        self.conn.execute(
            "INSERT INTO wizard_progress (id, step, draft) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET step = excluded.step, draft = excluded.draft",
            (progress.step, serde_json::to_string(&progress.draft)?),
        )?;
        Ok(())
    }

    /// Forget the draft (setup finished or abandoned). Clearing nothing is not an error.
    pub fn clear(&self) -> Result<()> {
        self.conn.execute("DELETE FROM wizard_progress", [])?;
        Ok(())
    }
}

/// `table` is one of this module's constants, never input.
fn get_json<T: serde::de::DeserializeOwned>(conn: &Connection, table: &str) -> Result<Option<T>> {
    let json: Option<String> = conn
        .query_row(&format!("SELECT json FROM {table} WHERE id = 1"), [], |r| {
            r.get(0)
        })
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(CoreError::from))
        .transpose()
}

fn put_json(conn: &Connection, table: &str, json: &str) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO {table} (id, json) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET json = excluded.json"
        ),
        [json],
    )?;
    Ok(())
}
