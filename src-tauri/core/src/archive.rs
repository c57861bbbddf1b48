//! Exports with their photos (issue 13, item 6): one tar archive holding the JSON export
//! first, then each photo's picture and thumbnail. On import, the archive is read and
//! checked in full before anything is replaced: the JSON as [`transfer::parse`] checks it,
//! each picture as [`photo::check_stored`] does, written to a private staging folder. Only
//! when the person confirms are the pictures moved in (under ids no stored photo uses) and
//! the rows replaced in one transaction; files without rows, whichever side a crash left,
//! are removed by [`photo::tidy`]. Pictures keep their bytes: an export and import give the
//! same files.
//!
//! A plain JSON export (from before photos, or with none) is still read as before.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::{CoreError, Result};
use crate::photo::{self, PhotoFolder, PhotoId, Variant};
use crate::store::Store;
use crate::transfer::{self, Export};

/// The JSON's name inside the archive; it comes first.
pub const JSON_NAME: &str = "needlewise-export.json";
/// The folder of pictures inside the archive.
const PHOTOS_DIR: &str = "photos";
/// The largest archive read: the JSON and [`transfer::MAX_PHOTOS`] photos' worth of
/// pictures at their usual size is far below this.
pub const MAX_ARCHIVE_BYTES: u64 = 64 * 1024 * 1024 * 1024;

fn bad(message: impl Into<String>) -> CoreError {
    CoreError::invalid("import", message)
}

fn io_err(what: &str, e: io::Error) -> CoreError {
    CoreError::Io(io::Error::new(e.kind(), format!("{what}: {e}")))
}

/// Writes everything in the store, with the photos' files, to `out` as a tar archive.
pub fn write(
    store: &Store,
    folder: &PhotoFolder,
    now: DateTime<Utc>,
    out: impl Write,
) -> Result<()> {
    let mut export = transfer::export(store, now)?;
    // A photo whose file another program removed cannot travel: it is left out (the
    // window shows it as missing), rather than the whole export failing.
    export.photos.retain(|p| {
        Variant::BOTH
            .iter()
            .all(|v| folder.path(p.id, *v).is_file())
    });
    let json = serde_json::to_vec_pretty(&export)?;
    let mut tar = tar::Builder::new(out);
    let mtime = u64::try_from(now.timestamp()).unwrap_or(0);
    let mut append = |name: &str, bytes: &[u8]| -> io::Result<()> {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, name, bytes)
    };
    append(JSON_NAME, &json).map_err(|e| io_err("the export could not be written", e))?;
    for p in &export.photos {
        for variant in Variant::BOTH {
            let path = folder.path(p.id, variant);
            let bytes = fs::read(&path).map_err(|e| {
                io_err(
                    &format!(
                        "the picture of the photo of {} could not be read ({})",
                        p.info.taken_on,
                        path.display()
                    ),
                    e,
                )
            })?;
            append(&format!("{PHOTOS_DIR}/{}", variant.file_name(p.id)), &bytes)
                .map_err(|e| io_err("the export could not be written", e))?;
        }
    }
    tar.into_inner()
        .and_then(|mut w| w.flush())
        .map_err(|e| io_err("the export could not be written", e))?;
    Ok(())
}

/// What a chosen file held, checked: the export, and its pictures waiting in a staging
/// folder (removed when this is dropped, unless moved in by [`apply`]).
#[derive(Debug)]
pub struct Chosen {
    pub export: Export,
    staged: Option<Staging>,
    /// Its pictures were moved in (or could not all be put back): it cannot be applied again.
    spent: bool,
}

impl Chosen {
    /// How many pictures wait to be moved in.
    pub fn photos(&self) -> usize {
        self.export.photos.len()
    }
}

/// A private folder of pictures read from an archive, named by the archive's ids.
#[derive(Debug)]
struct Staging {
    dir: PathBuf,
}

impl Staging {
    fn path(&self, id: PhotoId, variant: Variant) -> PathBuf {
        self.dir.join(variant.file_name(id))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The staging folder for `folder`'s imports: beside it, so moving in is a rename.
fn staging_dir(folder: &PhotoFolder) -> PathBuf {
    let parent = folder.dir().parent().unwrap_or_else(|| Path::new("."));
    parent.join(".photos-import")
}

/// Removes what an import chosen before a crash or an exit left staged (private photos
/// the person may have deleted since): called when the window process starts.
pub fn clear_staging(folder: &PhotoFolder) {
    let _ = fs::remove_dir_all(staging_dir(folder));
}

/// Reads and checks `path`: an archive, or a plain JSON export.
pub fn read(path: &Path, folder: &PhotoFolder) -> Result<Chosen> {
    let meta = fs::metadata(path)
        .map_err(|e| io_err(&format!("{} could not be read", path.display()), e))?;
    if !meta.is_file() {
        return Err(bad(
            "this is not an ordinary file, so not a Needlewise export",
        ));
    }
    let mut file = fs::File::open(path)
        .map_err(|e| io_err(&format!("{} could not be read", path.display()), e))?;
    let mut head = [0u8; 512];
    let n = read_up_to(&mut file, &mut head)
        .map_err(|e| io_err(&format!("{} could not be read", path.display()), e))?;
    if n == 512 && &head[257..262] == b"ustar" {
        if meta.len() > MAX_ARCHIVE_BYTES {
            return Err(bad("this file is far too large to be a Needlewise export"));
        }
        drop(file);
        return read_archive(path, folder);
    }
    let export = transfer::read(path)?;
    if !export.photos.is_empty() {
        return Err(bad(
            "this export lists photos, but their pictures are not in it: import the whole archive (.tar) it came from",
        ));
    }
    Ok(Chosen {
        export,
        staged: None,
        spent: false,
    })
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn read_archive(path: &Path, folder: &PhotoFolder) -> Result<Chosen> {
    let damaged = |e: io::Error| bad(format!("the archive is damaged: {e}"));
    let file = fs::File::open(path)
        .map_err(|e| io_err(&format!("{} could not be read", path.display()), e))?;
    let mut archive = tar::Archive::new(io::BufReader::new(file.take(MAX_ARCHIVE_BYTES)));
    // Raw: extension headers (long names, pax) come as entries of their own, refused
    // below, instead of being read into memory whatever their size.
    let mut entries = archive.entries().map_err(damaged)?.raw(true);

    let first = entries
        .next()
        .ok_or_else(|| bad("the archive is empty"))?
        .map_err(damaged)?;
    if first.path().map_err(damaged)?.as_ref() != Path::new(JSON_NAME) {
        return Err(bad(format!(
            "this archive does not start with {JSON_NAME}, so it is not a Needlewise export"
        )));
    }
    if first.header().entry_type() != tar::EntryType::Regular
        || first.size() > transfer::MAX_BYTES as u64
    {
        return Err(bad("the export in this archive is far too large"));
    }
    let mut text = String::new();
    first
        .take(transfer::MAX_BYTES as u64)
        .read_to_string(&mut text)
        .map_err(|_| bad("the export in this archive is not text"))?;
    let export = transfer::parse(&text)?;
    let sizes: BTreeMap<PhotoId, (u32, u32)> = export
        .photos
        .iter()
        .map(|p| (p.id, (p.width, p.height)))
        .collect();

    let staging = Staging {
        dir: staging_dir(folder),
    };
    let _ = fs::remove_dir_all(&staging.dir); // an earlier choice's, or a crash's
    photo::private_dir(&staging.dir).map_err(|e| io_err("the photos could not be unpacked", e))?;
    let mut seen = BTreeSet::new();
    for entry in entries {
        let mut entry = entry.map_err(damaged)?;
        let name = entry
            .path()
            .map_err(damaged)?
            .to_string_lossy()
            .into_owned();
        if entry.header().entry_type() == tar::EntryType::Directory
            && name.trim_end_matches('/') == PHOTOS_DIR
        {
            continue; // an archive packed again by hand names the folder too
        }
        let Some((id, variant)) = parse_entry(&name) else {
            return Err(bad(format!(
                "the archive holds “{name}”, which is not part of a Needlewise export"
            )));
        };
        let Some(&size) = sizes.get(&id) else {
            return Err(bad(format!(
                "the archive holds a picture for photo {}, which its export does not list",
                id.0
            )));
        };
        if entry.header().entry_type() != tar::EntryType::Regular
            || entry.size() > photo::MAX_FILE_BYTES
        {
            return Err(bad(format!("“{name}” in the archive is not a picture")));
        }
        if !seen.insert((id, variant)) {
            return Err(bad(format!("“{name}” is in the archive twice")));
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry
            .by_ref()
            .take(photo::MAX_FILE_BYTES)
            .read_to_end(&mut bytes)
            .map_err(damaged)?;
        match variant {
            Variant::Full => photo::check_stored(&name, &bytes, size)?,
            // A thumbnail's size follows from the picture's; it must still be a clean JPEG.
            Variant::Thumb => {
                let (w, h) = image_size(&name, &bytes)?;
                if w.max(h) > photo::THUMB_EDGE {
                    return Err(bad(format!("“{name}” is too large for a thumbnail")));
                }
                photo::check_stored(&name, &bytes, (w, h))?;
            }
        }
        write_private(&staging.path(id, variant), &bytes)
            .map_err(|e| io_err("the photos could not be unpacked", e))?;
    }
    for p in &export.photos {
        for variant in Variant::BOTH {
            if !seen.contains(&(p.id, variant)) {
                return Err(bad(format!(
                    "the archive is missing the {} of the photo of {} (was it copied in full?)",
                    match variant {
                        Variant::Full => "picture",
                        Variant::Thumb => "thumbnail",
                    },
                    p.info.taken_on
                )));
            }
        }
    }
    Ok(Chosen {
        export,
        staged: Some(staging),
        spent: false,
    })
}

fn image_size(name: &str, bytes: &[u8]) -> Result<(u32, u32)> {
    image::ImageReader::with_format(io::Cursor::new(bytes), image::ImageFormat::Jpeg)
        .into_dimensions()
        .map_err(|_| {
            CoreError::invalid(
                "import",
                format!("“{name}” in the archive is not a picture"),
            )
        })
}

/// `photos/12.jpg` → (12, Full), `photos/12-thumb.jpg` → (12, Thumb).
fn parse_entry(name: &str) -> Option<(PhotoId, Variant)> {
    Variant::parse_file_name(name.strip_prefix(PHOTOS_DIR)?.strip_prefix('/')?)
}

/// Replaces everything in the store with `chosen`. Its pictures are moved into the photos
/// folder first, under ids above any in use (so no stored photo's file is touched), then
/// the rows are replaced in one transaction; afterwards, files without rows (the old
/// photos', or the new ones' if the transaction failed) are removed.
/// The photos the import replaces, and their files, are moved into `set_aside` (beside
/// the database's backup), so that backup keeps what its rows refer to.
pub fn apply(
    store: &Store,
    folder: &PhotoFolder,
    chosen: &mut Chosen,
    set_aside: &Path,
) -> Result<()> {
    if chosen.spent {
        return Err(CoreError::Conflict(
            "this file was imported already, or only partly read back; choose it again".into(),
        ));
    }
    let replaces_photos = chosen.export.carries_photos();
    let old: Vec<PhotoId> = store.photos().list()?.iter().map(|p| p.id).collect();
    let Some(staging) = &chosen.staged else {
        transfer::import(store, &chosen.export)?;
        if replaces_photos {
            after_import(store, folder, &old, set_aside);
        }
        return Ok(());
    };
    let (on_disk, _) = folder.scan()?;
    let base = on_disk
        .iter()
        .map(|id| id.0)
        .chain([store.photos().max_id()?])
        .max()
        .unwrap_or(0);
    // Ids stay far below i64::MAX (file names take 15 digits at most), so this holds.
    i64::try_from(chosen.export.photos.len())
        .ok()
        .and_then(|n| base.checked_add(n))
        .ok_or_else(|| bad("the photos cannot be numbered; tidy the photos folder first"))?;
    let mut export = chosen.export.clone();
    // (archive id, new id, variant) of each file moved so far.
    let mut moved = Vec::new();
    let moved_in = (|| -> io::Result<()> {
        folder.ensure()?;
        for (k, p) in export.photos.iter_mut().enumerate() {
            let new = PhotoId(base + 1 + k as i64);
            for v in Variant::BOTH {
                fs::rename(staging.path(p.id, v), folder.path(new, v))?;
                moved.push((p.id, new, v));
            }
            p.id = new;
        }
        photo::sync_dir(folder.dir())
    })();
    let imported = moved_in
        .map_err(|e| io_err("the photos could not be moved into place", e))
        .and_then(|()| transfer::import(store, &export));
    if imported.is_err() {
        // Back to staging, so the person can try again (after freeing space, say).
        let mut all_back = true;
        for (old, new, v) in moved {
            if fs::rename(folder.path(new, v), staging.path(old, v)).is_err() {
                all_back = false;
                let _ = fs::remove_file(folder.path(new, v));
            }
        }
        if !all_back {
            chosen.spent = true;
        }
        return imported;
    }
    chosen.spent = true;
    chosen.staged = None;
    after_import(store, folder, &old, set_aside);
    Ok(())
}

/// Once the rows are replaced: the old photos' files go beside the backup, and anything
/// else without a row is removed. The import has happened whatever this manages; a file
/// it could not move stays for [`photo::tidy`].
fn after_import(store: &Store, folder: &PhotoFolder, old: &[PhotoId], set_aside: &Path) {
    if !old.is_empty() {
        if let Err(e) = folder.set_aside(old, set_aside) {
            eprintln!("needlewise: the replaced photos could not be kept beside the backup: {e}");
        }
    }
    let _ = photo::tidy(store, folder);
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = crate::store::create_private(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_picture_names_are_entries() {
        assert_eq!(
            parse_entry("photos/12.jpg"),
            Some((PhotoId(12), Variant::Full))
        );
        assert_eq!(
            parse_entry("photos/3-thumb.jpg"),
            Some((PhotoId(3), Variant::Thumb))
        );
        for bad in [
            "photos/../x.jpg",
            "photos/.jpg",
            "photos/1.png",
            "x/1.jpg",
            "photos/1/2.jpg",
            "photos/-1.jpg",
            "photos/99999999999999999999.jpg",
            "/photos/1.jpg",
        ] {
            assert_eq!(parse_entry(bad), None, "{bad}");
        }
    }
}
