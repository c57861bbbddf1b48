//! Progress photos on real files (issue 13): what is stored carries no metadata, bad
//! pictures are refused with a reason and change nothing, and rows and files agree after
//! any failure.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use image::{ImageFormat, Rgb, RgbImage};
use needlewise_core::fixtures::date;
use needlewise_core::photo::{self, Area, Photo, PhotoFolder, PhotoId, PhotoInfo, Variant};
use needlewise_core::store::Store;
use needlewise_core::Result;

struct Place {
    _dir: tempfile::TempDir,
    store: Store,
    folder: PhotoFolder,
}

fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    Place {
        store: Store::open(&db).unwrap(),
        folder: PhotoFolder::beside(&db),
        _dir: dir,
    }
}

impl Place {
    /// Adds a PNG of `width` × `height` taken on `day`.
    fn add_png(&self, name: &str, width: u32, height: u32, day: NaiveDate) -> Result<Photo> {
        let bytes = picture(width, height, ImageFormat::Png);
        photo::add(&self.store, &self.folder, name, &bytes, info(day))
    }
}

fn info(taken_on: NaiveDate) -> PhotoInfo {
    PhotoInfo {
        taken_on,
        area: Area::WholeFace,
        note: "after session 3".into(),
    }
}

/// A small picture with a gradient, so an encoder has something to keep.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// What exiftool reads from a file, as `Group:Tag` → value.
fn exif_tags(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    let out = Command::new("exiftool")
        .args(["-j", "-G", "-n"])
        .arg(path)
        .output()
        .expect("exiftool (Debian: libimage-exiftool-perl; tests/run.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut all: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&out.stdout).unwrap();
    all.remove(0)
}

/// Tags that say where, with what, or by whom a picture was taken.
fn revealing(tags: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    tags.keys()
        .filter(|k| {
            k.starts_with("EXIF:")
                || k.starts_with("XMP")
                || k.starts_with("IPTC:")
                || k.starts_with("MakerNotes:")
                || k.contains("GPS")
        })
        .cloned()
        .collect()
}

fn files_in(folder: &PhotoFolder) -> Vec<String> {
    let mut names: Vec<String> = match fs::read_dir(folder.dir()) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn location_camera_and_xmp_metadata_are_gone_from_the_stored_photo() {
    let p = place();
    let dir = tempfile::tempdir().unwrap();
    let phone: PathBuf = dir.path().join("IMG_0042.jpg");
    fs::write(&phone, picture(64, 48, ImageFormat::Jpeg)).unwrap();
    let tagged = Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-n",
            "-GPSLatitude=52.5200",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=13.4050",
            "-GPSLongitudeRef=E",
            "-Make=PhoneMaker",
            "-Model=Phone 15",
            "-SerialNumber=SN123456",
            "-XMP-dc:Creator=Jane Doe",
            "-Orientation=6",
        ])
        .arg(&phone)
        .status()
        .unwrap();
    assert!(tagged.success());
    let before = exif_tags(&phone);
    assert!(
        before.contains_key("EXIF:GPSLatitude") && before.contains_key("XMP:Creator"),
        "the test picture carries location and XMP: {before:?}"
    );

    let bytes = fs::read(&phone).unwrap();
    let stored = photo::add(
        &p.store,
        &p.folder,
        "IMG_0042.jpg",
        &bytes,
        info(date(2026, 11, 29)),
    )
    .unwrap();

    for variant in Variant::BOTH {
        let path = p.folder.path(stored.id, variant);
        let after = exif_tags(&path);
        assert_eq!(revealing(&after), Vec::<String>::new(), "{after:?}");
        let raw = fs::read(&path).unwrap();
        for needle in [&b"Phone 15"[..], b"PhoneMaker", b"SN123456", b"Jane Doe"] {
            assert!(
                !raw.windows(needle.len()).any(|w| w == needle),
                "{} still holds {:?}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
    // Orientation 6 (rotate 90°) was applied to the pixels, not kept as a tag.
    assert_eq!((stored.width, stored.height), (48, 64));
    let decoded = image::open(p.folder.path(stored.id, Variant::Full)).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (48, 64));
    let thumb = image::open(p.folder.path(stored.id, Variant::Thumb)).unwrap();
    assert!(thumb.width().max(thumb.height()) <= photo::THUMB_EDGE);
    assert_eq!(p.store.photos().list().unwrap(), vec![stored]);
}

#[cfg(unix)]
#[test]
fn photos_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let p = place();
    let stored = p.add_png("a.png", 40, 30, date(2026, 11, 29)).unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(p.folder.dir()), 0o700);
    assert_eq!(mode(&p.folder.path(stored.id, Variant::Full)), 0o600);
    assert_eq!(mode(&p.folder.path(stored.id, Variant::Thumb)), 0o600);
}

/// A PNG claiming `width` × `height` pixels, with no picture behind its header.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], &ihdr[..]),
        (b"IDAT", &[0u8; 8]),
        (b"IEND", &[]),
    ] {
        let mut chunk = kind.to_vec();
        chunk.extend(data);
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(&chunk);
        out.extend(crc32(&chunk).to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn bad_pictures_are_refused_with_a_reason_and_change_nothing() {
    let p = place();
    let kept = p.add_png("kept.png", 20, 20, date(2026, 11, 1)).unwrap();
    let before_rows = p.store.photos().list().unwrap();
    let before_files = files_in(&p.folder);

    let jpeg = picture(200, 150, ImageFormat::Jpeg);
    let mut heic = vec![0, 0, 0, 24];
    heic.extend(b"ftypheic\0\0\0\0mif1heic");
    heic.extend([0u8; 64]);
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "notes.txt",
            b"this is not a picture".to_vec(),
            "not a picture",
        ),
        (
            "half.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            "damaged or incomplete",
        ),
        ("IMG_1.HEIC", heic, "HEIC"),
        ("huge.png", png_header(10_000, 6_000), "60 megapixels"),
        ("anim.gif", gif, "JPEG, PNG or WebP"),
        ("empty.jpg", Vec::new(), "not a picture"),
    ];
    for (name, bytes, says) in cases {
        let err = photo::add(&p.store, &p.folder, name, &bytes, info(date(2026, 11, 29)))
            .expect_err(name);
        assert_eq!(err.kind(), "invalid", "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.contains(says) && message.contains(name),
            "{name}: {message}"
        );
        assert_eq!(p.store.photos().list().unwrap(), before_rows, "{name}");
        assert_eq!(files_in(&p.folder), before_files, "{name}");
    }
    // Bad details are refused before the picture is even decoded.
    let far = photo::add(&p.store, &p.folder, "a.jpg", &jpeg, info(date(2300, 1, 1))).unwrap_err();
    assert!(far.to_string().contains("1900 to 2200"), "{far}");
    let long = PhotoInfo {
        note: "x".repeat(photo::MAX_NOTE + 1),
        ..info(date(2026, 11, 29))
    };
    assert!(photo::add(&p.store, &p.folder, "a.jpg", &jpeg, long).is_err());
    assert_eq!(p.store.photos().list().unwrap(), vec![kept]);
}

#[test]
fn a_failed_write_leaves_neither_row_nor_file() {
    let p = place();
    let first = p.add_png("a.png", 20, 20, date(2026, 11, 1)).unwrap();
    // The next photo's thumbnail cannot be written: a folder stands where it would go, so
    // the full-size file is already on disk when the failure comes.
    let next = PhotoId(first.id.0 + 1);
    fs::create_dir(p.folder.path(next, Variant::Thumb)).unwrap();
    let err = p.add_png("b.png", 30, 20, date(2026, 11, 2)).unwrap_err();
    assert_eq!(err.kind(), "io", "{err}");
    assert_eq!(p.store.photos().list().unwrap(), vec![first.clone()]);
    assert!(
        !p.folder.path(next, Variant::Full).exists(),
        "no full-size file without its row"
    );
    let names = files_in(&p.folder);
    assert!(!names.iter().any(|n| n.starts_with(".tmp-")), "{names:?}");

    // Once the obstacle is gone the same photo goes in.
    fs::remove_dir(p.folder.path(next, Variant::Thumb)).unwrap();
    let second = p.add_png("b.png", 30, 20, date(2026, 11, 2)).unwrap();
    assert_eq!(p.store.photos().list().unwrap(), vec![first, second]);
}

#[test]
fn tidying_removes_files_without_a_row_and_reports_rows_without_a_file() {
    let p = place();
    let a = p.add_png("a.png", 20, 20, date(2026, 11, 1)).unwrap();
    let b = p.add_png("b.png", 20, 20, date(2026, 11, 2)).unwrap();
    // A crash between writing files and committing their row leaves files like these.
    p.folder.write(PhotoId(99), b"full", b"thumb").unwrap();
    fs::write(p.folder.dir().join(".tmp-100.jpg"), b"half").unwrap();
    // Another program deleted one photo's file.
    fs::remove_file(p.folder.path(b.id, Variant::Full)).unwrap();

    assert_eq!(photo::tidy(&p.store, &p.folder).unwrap(), 1);
    assert_eq!(
        files_in(&p.folder),
        vec![
            format!("{}-thumb.jpg", a.id.0),
            format!("{}.jpg", a.id.0),
            format!("{}-thumb.jpg", b.id.0)
        ]
    );
    assert_eq!(
        p.store.photos().list().unwrap().len(),
        2,
        "rows are never removed by tidying"
    );
    assert_eq!(
        photo::missing(&p.folder, &p.store.photos().list().unwrap()),
        vec![b.id]
    );

    photo::delete(&p.store, &p.folder, b.id).unwrap();
    assert_eq!(p.store.photos().list().unwrap(), vec![a]);
    assert_eq!(
        photo::delete(&p.store, &p.folder, b.id).unwrap_err().kind(),
        "notFound"
    );
}

/// GUIDANCE §7: a photo on a session day or the two days after may show its redness.
#[test]
fn the_session_day_and_two_days_after_are_unsettled() {
    use needlewise_core::fixtures::session;
    use needlewise_core::guidance::SessionKind::AtHome;
    use needlewise_core::session::SessionStatus::{Done, Planned};
    let sessions = [
        session(1, AtHome, date(2026, 11, 1), Done),
        session(2, AtHome, date(2026, 11, 8), Planned),
    ];
    let on = |d| photo::unsettled_by(&sessions, date(2026, 11, d));
    assert_eq!(on(1), Some(date(2026, 11, 1)));
    assert_eq!(on(3), Some(date(2026, 11, 1)));
    assert_eq!(on(4), None);
    assert_eq!(on(8), None, "a planned session has left no redness");
    assert_eq!(photo::unsettled_by(&sessions, date(2026, 10, 31)), None);
}
