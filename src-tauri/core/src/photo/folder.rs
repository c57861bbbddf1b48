//! The photos folder beside the database: private (0700, files 0600), and written so that
//! a photo's file is either whole or absent — never half-written under its real name.

use std::fs::{self, DirBuilder};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::PhotoId;

/// The folder of stored photos, `photos/` beside the database file.
#[derive(Clone, Debug)]
pub struct PhotoFolder {
    dir: PathBuf,
}

/// Which of a photo's two files.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variant {
    Full,
    Thumb,
}

impl Variant {
    /// Both of a photo's files, the picture first.
    pub const BOTH: [Variant; 2] = [Variant::Full, Variant::Thumb];

    /// The file's name: `12.jpg`, `12-thumb.jpg` (in the folder and in export archives).
    pub fn file_name(self, id: PhotoId) -> String {
        let suffix = match self {
            Variant::Full => "",
            Variant::Thumb => "-thumb",
        };
        format!("{}{suffix}.jpg", id.0)
    }

    /// The photo a file name names, and which of its files: the inverse of [`Self::file_name`].
    pub fn parse_file_name(name: &str) -> Option<(PhotoId, Variant)> {
        let stem = name.strip_suffix(".jpg")?;
        let (digits, variant) = match stem.strip_suffix("-thumb") {
            Some(d) => (d, Variant::Thumb),
            None => (stem, Variant::Full),
        };
        if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((PhotoId(digits.parse().ok()?), variant))
    }
}

/// Creates `dir` (and its parents) for the owner alone, and makes it so if it was there.
pub(crate) fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Makes renames into `dir` durable (a file's fsync does not cover its folder entry);
/// Windows has no such call for folders, and needs none.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

impl PhotoFolder {
    /// The folder for the database at `db` (not created until a photo is written).
    pub fn beside(db: &Path) -> PhotoFolder {
        let parent = db.parent().unwrap_or_else(|| Path::new("."));
        PhotoFolder {
            dir: parent.join("photos"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, id: PhotoId, variant: Variant) -> PathBuf {
        self.dir.join(variant.file_name(id))
    }

    /// Writes both files of `id`. On any failure (a full disk, say) neither is left behind.
    pub fn write(&self, id: PhotoId, full: &[u8], thumb: &[u8]) -> io::Result<()> {
        self.ensure()?;
        let result = self
            .write_one(&self.path(id, Variant::Full), full)
            .and_then(|()| self.write_one(&self.path(id, Variant::Thumb), thumb));
        if result.is_err() {
            self.remove(id);
        }
        result
    }

    /// Removes both files of `id`, if they are there.
    pub fn remove(&self, id: PhotoId) {
        for v in Variant::BOTH {
            let _ = fs::remove_file(self.path(id, v));
        }
    }

    /// The ids of the photos that have a full-size file, and stray temporary files.
    pub fn scan(&self) -> io::Result<(Vec<PhotoId>, Vec<PathBuf>)> {
        let mut ids = Vec::new();
        let mut strays = Vec::new();
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((ids, strays)),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".tmp-") {
                strays.push(entry.path());
            } else if let Some((id, Variant::Full)) = Variant::parse_file_name(&name) {
                ids.push(id);
            }
        }
        Ok((ids, strays))
    }

    /// Creates the folder (0700) if need be.
    pub fn ensure(&self) -> io::Result<()> {
        private_dir(&self.dir)
    }

    /// Moves both files of each of `ids` into `dest` (created 0700): kept beside a backup.
    pub fn set_aside(&self, ids: &[PhotoId], dest: &Path) -> io::Result<()> {
        private_dir(dest)?;
        for id in ids {
            for v in Variant::BOTH {
                match fs::rename(self.path(*id, v), dest.join(v.file_name(*id))) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
        }
        sync_dir(dest)?;
        sync_dir(&self.dir)
    }

    /// Written to a private temporary name, flushed to disk, then renamed into place.
    fn write_one(&self, dest: &Path, bytes: &[u8]) -> io::Result<()> {
        let tmp = self.dir.join(format!(
            ".tmp-{}",
            dest.file_name().unwrap_or_default().to_string_lossy()
        ));
        let _ = fs::remove_file(&tmp);
        let written = crate::store::create_private(&tmp).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        match written.and_then(|()| fs::rename(&tmp, dest)) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    }
}
