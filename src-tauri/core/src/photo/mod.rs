//! Progress photos (GUIDANCE §7): stored privately beside the database, stripped of
//! every piece of metadata, each with its date, face area and note.
//!
//! A photo is a row and two files (full size and thumbnail). They are kept in step: the
//! row is inserted in a transaction that commits only after both files are on disk, a
//! failure removes what was written, and [`tidy`] removes files whose row never committed
//! (a crash in between).

mod folder;
mod prepare;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use folder::{private_dir, sync_dir};
pub use folder::{PhotoFolder, Variant};
pub use prepare::{check_stored, prepare, Prepared, MAX_PIXELS, THUMB_EDGE};

use crate::chosen_file;
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::units;

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhotoId(pub i64);

/// The part of the face a photo shows: photos of one area are compared with each other.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Area {
    WholeFace,
    Forehead,
    Cheeks,
    Chin,
    Neck,
    Other,
}

impl Area {
    /// Every area, in the order the window lists them.
    pub const ALL: [Area; 6] = [
        Area::WholeFace,
        Area::Forehead,
        Area::Cheeks,
        Area::Chin,
        Area::Neck,
        Area::Other,
    ];
}

/// The longest note kept with a photo, in characters.
pub const MAX_NOTE: usize = 2_000;

/// What the person says about a photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhotoInfo {
    pub taken_on: NaiveDate,
    pub area: Area,
    #[serde(default)]
    pub note: String,
}

impl PhotoInfo {
    pub fn validate(&self) -> Result<()> {
        units::check_date("takenOn", self.taken_on)?;
        if self.note.chars().count() > MAX_NOTE {
            return Err(CoreError::invalid(
                "note",
                format!("a photo's note is at most {MAX_NOTE} characters"),
            ));
        }
        Ok(())
    }
}

/// A stored photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Photo {
    pub id: PhotoId,
    #[serde(flatten)]
    pub info: PhotoInfo,
    pub width: u32,
    pub height: u32,
}

/// Prepares `bytes` and stores them as a new photo: row and files together or not at all.
pub fn add(
    store: &Store,
    folder: &PhotoFolder,
    name: &str,
    bytes: &[u8],
    info: PhotoInfo,
) -> Result<Photo> {
    info.validate()?;
    let prepared = prepare(name, bytes)?;
    store_prepared(store, folder, &prepared, info)
}

/// The largest picture file accepted, before decoding (a 50 MP PNG can be this large).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Reads a picture file the person chose (checked like any chosen file) and adds it,
/// named in messages by its file name.
pub fn add_file(
    store: &Store,
    folder: &PhotoFolder,
    path: &Path,
    info: PhotoInfo,
) -> Result<Photo> {
    info.validate()?;
    let bytes = chosen_file::read(
        path,
        chosen_file::Expected {
            field: "photo",
            noun: "a photo Needlewise can add",
            max: MAX_FILE_BYTES,
        },
    )?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    add(store, folder, &name, &bytes, info)
}

/// Stores an already prepared picture (imports bring their own bytes through [`add`]).
pub fn store_prepared(
    store: &Store,
    folder: &PhotoFolder,
    prepared: &Prepared,
    info: PhotoInfo,
) -> Result<Photo> {
    let mut written = None;
    let result = store.transaction(|tx| {
        let photo = tx.photos().insert(&info, prepared.width, prepared.height)?;
        folder.write(photo.id, &prepared.full, &prepared.thumb)?;
        written = Some(photo.id);
        Ok(photo)
    });
    if let (Err(_), Some(id)) = (&result, written) {
        folder.remove(id); // the commit failed after the files were written
    }
    result
}

/// Deletes a photo: its row, then its files.
pub fn delete(store: &Store, folder: &PhotoFolder, id: PhotoId) -> Result<()> {
    if !store.photos().delete(id)? {
        return Err(CoreError::NotFound {
            what: "photo",
            id: id.0,
        });
    }
    folder.remove(id);
    Ok(())
}

/// Removes files that have no row (a crash between writing and committing) and stray
/// temporary files; returns how many photos' files were removed. Rows are never removed:
/// a row whose file is missing is reported by [`missing`], so the person can see it.
pub fn tidy(store: &Store, folder: &PhotoFolder) -> Result<usize> {
    let (ids, strays) = folder.scan()?;
    for stray in strays {
        let _ = std::fs::remove_file(stray);
    }
    let known: std::collections::HashSet<PhotoId> =
        store.photos().list()?.into_iter().map(|p| p.id).collect();
    let mut removed = 0;
    for id in ids {
        if !known.contains(&id) {
            folder.remove(id);
            removed += 1;
        }
    }
    Ok(removed)
}

/// Of `photos` (as listed from the store), those whose full-size file is gone (deleted by
/// another program).
pub fn missing(folder: &PhotoFolder, photos: &[Photo]) -> Vec<PhotoId> {
    photos
        .iter()
        .map(|p| p.id)
        .filter(|id| !folder.path(*id, Variant::Full).is_file())
        .collect()
}

/// The session whose redness may still show today (GUIDANCE §7: not on the session day
/// or the [`crate::guidance::PHOTO_SETTLE`] days after it), if any. Photos are still
/// allowed then; the window says why they may mislead.
pub fn unsettled_by(sessions: &[crate::session::Session], today: NaiveDate) -> Option<NaiveDate> {
    let settle = i64::from(crate::guidance::PHOTO_SETTLE.0);
    sessions
        .iter()
        .filter(|s| s.status == crate::session::SessionStatus::Done)
        .map(|s| s.date)
        .filter(|d| (0..=settle).contains(&(today - *d).num_days()))
        .max()
}
