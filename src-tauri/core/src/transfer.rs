//! Export of all data as JSON, and import of such a file. An import is validated in full
//! before anything is written, and then replaces the data in one transaction: a bad file
//! changes nothing and says what is wrong.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::checkin::NewCheckIn;
use crate::chosen_file;
use crate::error::{CoreError, Result};
use crate::photo::Photo;
use crate::product::NewProduct;
use crate::profile::Profile;
use crate::routine::{Placement, RoutineStep, Tick, Usage};
use crate::session::{NewSession, Session, SessionId};
use crate::settings::Settings;
use crate::store::Store;
use crate::units::check_date;

/// Names the file type, so a random JSON file is recognised as not ours.
pub const FORMAT: &str = "needlewise-export";
/// The export format's version; files from a newer version are refused. Version 2 added
/// the routine (placements and ticks); a version 1 file imports with neither. Version 3
/// added photos (their pictures travel beside the JSON in an archive, see
/// [`crate::archive`]) and the days photos were said to be taken.
pub const VERSION: u32 = 3;
/// An export is a few hundred kilobytes at most; anything far larger is not one of ours.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Counts far above any real routine (a session a week for two centuries, every check-in
/// of those, daily outdoor days for a century): more is a damaged or crafted file, and
/// would slow every later reminder pass.
pub const MAX_SESSIONS: usize = 10_000;
pub const MAX_PRODUCTS: usize = 1_000;
pub const MAX_CHECKINS: usize = 40_000;
pub const MAX_OUTDOOR_DAYS: usize = 40_000;
/// Every step of both routines ticked daily for thirty years.
pub const MAX_TICKS: usize = 200_000;
/// A photo every day for twenty-seven years.
pub const MAX_PHOTOS: usize = 10_000;
/// The longest note or name an import keeps, in characters.
pub const MAX_TEXT: usize = 10_000;

/// A session as exported: the stored session itself. Its id is the one in the exporting
/// database (check-ins refer to it); an import gives each session a new one.
pub type ExportedSession = Session;

/// A check-in as exported: its session is named by the exporting database's id.
pub type ExportedCheckIn = NewCheckIn;

/// A product's place in the routine; `product` is its index in the export's products,
/// which have no ids of their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportedPlacement {
    pub product: usize,
    pub step: RoutineStep,
    pub usage: Usage,
    #[serde(default)]
    pub position: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub profile: Profile,
    pub settings: Settings,
    pub sessions: Vec<ExportedSession>,
    pub products: Vec<NewProduct>,
    pub checkins: Vec<ExportedCheckIn>,
    #[serde(default)]
    pub outdoor_days: BTreeSet<NaiveDate>,
    /// Absent from version 1 files.
    #[serde(default)]
    pub placements: Vec<ExportedPlacement>,
    #[serde(default)]
    pub ticks: Vec<Tick>,
    /// Absent before version 3. Ids are the exporting database's: they name the pictures
    /// in the archive.
    #[serde(default)]
    pub photos: Vec<Photo>,
    #[serde(default)]
    pub photos_taken: BTreeSet<NaiveDate>,
}

/// The first export version that carries photos.
const PHOTOS_FROM: u32 = 3;

impl Export {
    /// Whether it carries photos: importing it replaces them; an export from before photos
    /// leaves the stored photos be.
    pub fn carries_photos(&self) -> bool {
        self.version >= PHOTOS_FROM
    }
}

/// Everything in the store, ready to be written as JSON.
pub fn export(store: &Store, now: DateTime<Utc>) -> Result<Export> {
    let state = store
        .load_state()?
        .ok_or_else(|| CoreError::Conflict("there is nothing to export before setup".into()))?;
    Ok(Export {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: now,
        sessions: state.sessions.clone(),
        products: state
            .products
            .iter()
            .map(|p| NewProduct {
                name: p.product.name.clone(),
                inci: p.product.inci.clone(),
            })
            .collect(),
        checkins: state.checkins.iter().map(|c| c.entry()).collect(),
        placements: state
            .placements
            .iter()
            .filter_map(|pl| {
                let index = state
                    .products
                    .iter()
                    .position(|p| p.product.id == pl.product_id)?;
                Some(ExportedPlacement {
                    product: index,
                    step: pl.step,
                    usage: pl.usage,
                    position: pl.position,
                })
            })
            .collect(),
        ticks: store.routine().all_ticks()?,
        photos: store.photos().list()?,
        photos_taken: store.photos().taken_days()?.into_iter().collect(),
        outdoor_days: state.outdoor_days,
        profile: state.profile,
        settings: state.settings,
    })
}

fn bad(message: impl Into<String>) -> CoreError {
    CoreError::invalid("import", message)
}

/// Read and fully validate an export file. Its size and type are looked at before a byte is
/// read: a file far too large (or a pipe, a device, a folder) is refused unread, so choosing
/// the wrong file cannot stall the app or fill its memory.
pub fn read(path: &Path) -> Result<Export> {
    let bytes = chosen_file::read(
        path,
        chosen_file::Expected {
            field: "import",
            noun: "a Needlewise export",
            max: MAX_BYTES as u64,
        },
    )?;
    let text = String::from_utf8(bytes)
        .map_err(|_| bad("this is not a text file, so not a Needlewise export"))?;
    parse(&text)
}

/// Parse and fully validate an export file's text.
pub fn parse(text: &str) -> Result<Export> {
    if text.len() > MAX_BYTES {
        return Err(bad("this file is far too large to be a Needlewise export"));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Eof => {
                bad("this file is incomplete: it ends before the export does (was it copied or downloaded in full?)")
            }
            _ => bad(format!(
                "this is not a JSON file, so not a Needlewise export (the problem starts at line {}, column {})",
                e.line(),
                e.column()
            )),
        })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad("this JSON file is not a Needlewise export"));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(VERSION) => {
            return Err(bad(format!(
            "this export is from a newer Needlewise (format {v}); update Needlewise to import it"
        )))
        }
        Some(_) => {}
        None => return Err(bad("the export has no format version")),
    }
    let export: Export =
        serde_json::from_value(value).map_err(|e| bad(format!("the export is damaged: {e}")))?;
    validate(&export)?;
    Ok(export)
}

/// Everything [`parse`] checks once the file is read: counts first (cheap, and they bound
/// the rest), then the profile and settings, dates, texts and references.
pub fn validate(export: &Export) -> Result<()> {
    check_counts(export)?;
    export
        .profile
        .validate()
        .map_err(|e| bad(format!("the profile in the export is not valid: {e}")))?;
    export
        .settings
        .validate()
        .map_err(|e| bad(format!("the settings in the export are not valid: {e}")))?;
    check_dates(export)?;
    check_texts(export)?;
    check_references(export)?;
    check_routine(export)?;
    check_photos(export)
}

/// Photo entries: valid details, a positive size within the limit, ids unique and
/// positive (they name the pictures in the archive).
fn check_photos(export: &Export) -> Result<()> {
    let mut ids = BTreeSet::new();
    for p in &export.photos {
        if p.id.0 <= 0 || !ids.insert(p.id) {
            return Err(bad(format!(
                "photo {} is listed twice or has no valid number",
                p.id.0
            )));
        }
        p.info
            .validate()
            .map_err(|e| bad(format!("photo {} is not valid: {e}", p.id.0)))?;
        let pixels = u64::from(p.width) * u64::from(p.height);
        if p.width == 0 || p.height == 0 || pixels > crate::photo::MAX_PIXELS {
            return Err(bad(format!(
                "photo {} has an impossible size ({} × {})",
                p.id.0, p.width, p.height
            )));
        }
    }
    Ok(())
}

fn check_count(what: &str, n: usize, max: usize) -> Result<()> {
    if n > max {
        return Err(bad(format!(
            "the file has {n} {what}; an export holds at most {max}, so this one is damaged or not from Needlewise"
        )));
    }
    Ok(())
}

fn check_counts(export: &Export) -> Result<()> {
    check_count("sessions", export.sessions.len(), MAX_SESSIONS)?;
    check_count("products", export.products.len(), MAX_PRODUCTS)?;
    check_count("check-ins", export.checkins.len(), MAX_CHECKINS)?;
    check_count("outdoor days", export.outdoor_days.len(), MAX_OUTDOOR_DAYS)?;
    check_count("placed products", export.placements.len(), MAX_PRODUCTS)?;
    check_count("ticked steps", export.ticks.len(), MAX_TICKS)?;
    check_count("photos", export.photos.len(), MAX_PHOTOS)?;
    check_count("photo days", export.photos_taken.len(), MAX_OUTDOOR_DAYS)
}

/// Every stored date within years 1900–2200 (see [`check_date`]): later date arithmetic
/// relies on it. The profile's created-on day and holds are checked by its own validation.
fn check_dates(export: &Export) -> Result<()> {
    let dated = |what: &str, field, date| {
        check_date(field, date).map_err(|e| bad(format!("{what} is out of range: {e}")))
    };
    for s in &export.sessions {
        dated(&format!("session {}'s date", s.id), "sessions.date", s.date)?;
    }
    for d in &export.outdoor_days {
        dated("an outdoor day", "outdoorDays", *d)?;
    }
    for t in &export.ticks {
        dated("a ticked step's date", "ticks.date", t.date)?;
    }
    for d in &export.photos_taken {
        dated("a photo's day", "photosTaken", *d)?;
    }
    let p = &export.profile;
    if let Some(since) = p.at_home.as_ref().and_then(|h| h.head_since) {
        dated("the device head's date", "atHome.headSince", since)?;
    }
    if let Some(on) = p.safety.acknowledged_on {
        dated("the day of acknowledgement", "safety.acknowledgedOn", on)?;
    }
    let s = &export.settings;
    for (what, field, at) in [
        ("the start of reminders", "remindersFrom", s.reminders_from),
        ("the reminder pause", "pausedUntil", s.paused_until),
    ] {
        if let Some(at) = at {
            dated(what, field, at.date_naive())?;
        }
    }
    Ok(())
}

fn check_text(what: &str, text: &str) -> Result<()> {
    // Bytes bound characters from above: count only when it could matter.
    if text.len() > MAX_TEXT && text.chars().count() > MAX_TEXT {
        return Err(bad(format!("{what} is longer than {MAX_TEXT} characters")));
    }
    Ok(())
}

fn check_texts(export: &Export) -> Result<()> {
    for s in &export.sessions {
        check_text("a session's note", &s.note)?;
    }
    for c in &export.checkins {
        check_text("a check-in's note", &c.note)?;
    }
    if let Some(pro) = &export.profile.professional {
        check_text("the clinic's name", &pro.clinic)?;
    }
    if let Some(name) = export
        .profile
        .location
        .as_ref()
        .and_then(|l| l.name.as_ref())
    {
        check_text("the place's name", name)?;
    }
    for p in &export.products {
        p.clone()
            .validated()
            .map_err(|e| bad(format!("a product is not valid: {e}")))?;
    }
    Ok(())
}

/// Each placement names one of `products` (by index), each product placed once. Also
/// what the wizard's placements are checked by, with their own `field`.
pub fn check_placements(
    field: &'static str,
    placements: &[ExportedPlacement],
    products: &[NewProduct],
) -> Result<()> {
    let mut placed = BTreeSet::new();
    for pl in placements {
        let Some(product) = products.get(pl.product) else {
            return Err(CoreError::invalid(
                field,
                format!(
                    "a routine placement refers to product {}, which is not among the products",
                    pl.product
                ),
            ));
        };
        if !placed.insert(pl.product) {
            return Err(CoreError::invalid(
                field,
                format!(
                    "product {} ({}) is placed twice in the routine",
                    pl.product, product.name
                ),
            ));
        }
    }
    Ok(())
}

/// Placements as [`check_placements`] checks them; each tick once.
fn check_routine(export: &Export) -> Result<()> {
    check_placements("import", &export.placements, &export.products)?;
    let mut ticks = BTreeSet::new();
    for t in &export.ticks {
        if !ticks.insert(t) {
            return Err(bad(format!(
                "{} in the {} routine on {} is ticked twice",
                t.step,
                t.part.label(),
                t.date
            )));
        }
    }
    Ok(())
}

/// Session ids unique and fitting the mode; check-ins pointing at them, one per day.
fn check_references(export: &Export) -> Result<()> {
    let mut ids = BTreeSet::new();
    for s in &export.sessions {
        if !ids.insert(s.id) {
            return Err(bad(format!("session {} appears twice", s.id)));
        }
        if !export.profile.mode.includes(s.kind) {
            return Err(bad(format!(
                "a {} session on {} does not fit the profile's mode",
                s.kind.label(),
                s.date
            )));
        }
    }
    let mut seen = BTreeSet::new();
    for c in &export.checkins {
        if !ids.contains(&c.session_id) {
            return Err(bad(format!(
                "a check-in refers to session {}, which is not in the file",
                c.session_id
            )));
        }
        if !seen.insert((c.session_id, c.day)) {
            return Err(bad(format!(
                "two check-ins for session {} on day {}",
                c.session_id,
                c.day.get()
            )));
        }
    }
    Ok(())
}

/// Adds `products` and places them as `placements` (already checked by
/// [`check_placements`]) say: the import's and the wizard's way in.
pub fn add_products(
    store: &Store,
    products: &[NewProduct],
    placements: &[ExportedPlacement],
) -> Result<()> {
    let mut ids = Vec::with_capacity(products.len());
    for p in products {
        ids.push(store.products().add(p.clone())?.id);
    }
    for pl in placements {
        store.routine().place(&Placement {
            product_id: ids[pl.product],
            step: pl.step,
            usage: pl.usage,
            position: pl.position,
        })?;
    }
    Ok(())
}

/// Replace everything in the store with the export, in one transaction. The export is
/// validated again first, so no caller can write an unchecked one.
pub fn import(store: &Store, export: &Export) -> Result<()> {
    validate(export)?;
    store.transaction(|tx| {
        tx.clear_routine_data()?;
        tx.profile().save(&export.profile)?;
        tx.settings().save(&export.settings)?;
        let mut new_ids: HashMap<SessionId, SessionId> = HashMap::new();
        for s in &export.sessions {
            let stored = tx.sessions().insert(NewSession {
                kind: s.kind,
                date: s.date,
                time: s.time,
            })?;
            tx.sessions().update(&Session {
                id: stored.id,
                ..s.clone()
            })?;
            new_ids.insert(s.id, stored.id);
        }
        for c in &export.checkins {
            tx.checkins().add(NewCheckIn {
                session_id: new_ids[&c.session_id],
                ..c.clone()
            })?;
        }
        add_products(tx, &export.products, &export.placements)?;
        for t in &export.ticks {
            tx.routine().tick(t)?;
        }
        for d in &export.outdoor_days {
            tx.outdoor_days().add(*d)?;
        }
        // An export from before photos leaves them be.
        if export.carries_photos() {
            tx.photos().clear()?;
            for p in &export.photos {
                tx.photos().insert_as(p)?;
            }
            for d in &export.photos_taken {
                tx.photos().mark_taken(*d)?;
            }
        }
        Ok(())
    })
}
