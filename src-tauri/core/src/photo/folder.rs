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
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Variant {
    Full,
    Thumb,
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
        let suffix = match variant {
            Variant::Full => "",
            Variant::Thumb => "-thumb",
        };
        self.dir.join(format!("{}{suffix}.jpg", id.0))
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
        for v in [Variant::Full, Variant::Thumb] {
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
            } else if let Some(id) = name.strip_suffix(".jpg").and_then(|s| s.parse().ok()) {
                ids.push(PhotoId(id));
            }
        }
        Ok((ids, strays))
    }

    fn ensure(&self) -> io::Result<()> {
        let mut builder = DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&self.dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
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
