//! Turning a picture a person hands us into what we store: decoded within limits, turned
//! upright, and encoded afresh, so nothing but pixels survives (no EXIF, XMP or GPS: the
//! new file is written from the pixels alone), plus a small thumbnail for the timeline.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::error::{CoreError, Result};

/// The largest picture accepted, in pixels (GUIDANCE §7 photos are face shots; a phone's
/// 48 MP sensor fits, a panorama or a crafted file does not).
pub const MAX_PIXELS: u64 = 50_000_000;
/// The longest edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 320;
/// JPEG quality of the stored photo: visually lossless for skin texture.
const QUALITY: u8 = 90;

/// A picture ready to store.
#[derive(Debug)]
pub struct Prepared {
    pub width: u32,
    pub height: u32,
    /// The stored photo: a JPEG written from the pixels alone.
    pub full: Vec<u8>,
    /// The thumbnail, a JPEG.
    pub thumb: Vec<u8>,
}

fn refused(message: impl Into<String>) -> CoreError {
    CoreError::invalid("photo", message)
}

/// Decodes, checks and re-encodes `bytes`. `name` only words the error messages.
pub fn prepare(name: &str, bytes: &[u8]) -> Result<Prepared> {
    let format = recognise(name, bytes)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        // The decoder would fill the missing part with grey and call it a picture.
        return Err(refused(format!(
            "“{name}” is damaged or incomplete (it ends before the picture does). Copy it again from where it came from."
        )));
    }
    let reader = || ImageReader::with_format(Cursor::new(bytes), format);
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|e| unreadable(name, &e))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(refused(format!(
            "“{name}” is {:.0} megapixels ({width} × {height}); Needlewise takes photos of up to {} megapixels. Save a smaller copy and add that.",
            pixels as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        )));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    let mut reader = reader();
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(name, &e))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(name, &e))?;
    img.apply_orientation(orientation);
    let img = DynamicImage::ImageRgb8(img.into_rgb8());
    let full = jpeg(&img)?;
    let thumb = jpeg(&img.thumbnail(THUMB_EDGE, THUMB_EDGE))?;
    Ok(Prepared {
        width: img.width(),
        height: img.height(),
        full,
        thumb,
    })
}

/// Checks a picture Needlewise stored, coming back from an export archive: a whole JPEG
/// with nothing after its end and no metadata anywhere (so an archive cannot bring in
/// what [`prepare`] removes), of the size its entry says, within the limits, that decodes.
/// It is kept byte for byte, so an export and import give the same files.
pub fn check_stored(name: &str, bytes: &[u8], size: (u32, u32)) -> Result<()> {
    match stored_structure(bytes) {
        Ok(()) => {}
        Err(Structure::Metadata) => {
            return Err(refused(format!(
                "“{name}” carries metadata (EXIF, XMP, a comment or a thumbnail), which Needlewise never stores"
            )))
        }
        Err(Structure::NotWhole) => {
            return Err(refused(format!(
                "“{name}” is not a whole JPEG picture as Needlewise stores them (it is cut short, or has data after its end)"
            )))
        }
    }
    let (width, height) = size;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(refused(format!(
            "“{name}” is larger than any photo Needlewise stores"
        )));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| unreadable(name, &e))?;
    if (img.width(), img.height()) != size {
        return Err(refused(format!(
            "“{name}” is {} × {}, not the {width} × {height} its entry says",
            img.width(),
            img.height()
        )));
    }
    Ok(())
}

/// What is wrong with a stored picture's structure.
#[derive(Debug, PartialEq, Eq)]
enum Structure {
    NotWhole,
    Metadata,
}

/// Walks every segment of a JPEG, scans' coded data included (progressive files have
/// tables between scans): it must start with the start marker and end with the end marker,
/// and carry no application segment but a plain JFIF header (APP0 of 16 bytes: no
/// thumbnail), and no comment. EXIF and XMP are APP1, ICC APP2, IPTC APP13.
fn stored_structure(b: &[u8]) -> std::result::Result<(), Structure> {
    use Structure::*;
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(NotWhole);
    }
    let mut i = 2;
    loop {
        if i + 2 > b.len() || b[i] != 0xFF {
            return Err(NotWhole);
        }
        let marker = b[i + 1];
        match marker {
            0xFF => {
                i += 1; // fill byte
                continue;
            }
            0xD9 => {
                return if i + 2 == b.len() {
                    Ok(())
                } else {
                    Err(NotWhole)
                }
            }
            0x01 | 0xD0..=0xD7 => {
                i += 2; // no length
                continue;
            }
            _ => {}
        }
        if i + 4 > b.len() {
            return Err(NotWhole);
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let end = i + 2 + len;
        if len < 2 || end > b.len() {
            return Err(NotWhole);
        }
        let plain_jfif = marker == 0xE0 && len == 16 && &b[i + 4..i + 9] == b"JFIF\0";
        if (0xE0..=0xEF).contains(&marker) && !plain_jfif || marker == 0xFE {
            return Err(Metadata);
        }
        i = end;
        if marker == 0xDA {
            // Coded data: 0xFF is followed by a zero byte or a restart marker within it.
            while i + 1 < b.len()
                && !(b[i] == 0xFF && b[i + 1] != 0x00 && !(0xD0..=0xD7).contains(&b[i + 1]))
            {
                i += 1;
            }
        }
    }
}

fn jpeg(img: &DynamicImage) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(img.as_bytes().len() / 8);
    img.write_with_encoder(JpegEncoder::new_with_quality(&mut out, QUALITY))
        .map_err(|e| refused(format!("the photo could not be encoded: {e}")))?;
    Ok(out)
}

/// The format from the first bytes (never the file name, which may lie), with a specific
/// answer for the formats a phone produces that we cannot read.
fn recognise(name: &str, bytes: &[u8]) -> Result<ImageFormat> {
    if is_heif(bytes) {
        return Err(refused(format!(
            "“{name}” is a HEIC/HEIF photo, which Needlewise cannot read. Export it from your phone or photo app as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible) and add that."
        )));
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(f),
        Ok(other) => Err(refused(format!(
            "“{name}” is a {} image; Needlewise takes JPEG, PNG or WebP photos.",
            other
                .extensions_str()
                .first()
                .unwrap_or(&"different")
                .to_uppercase()
        ))),
        Err(_) => Err(refused(format!(
            "“{name}” is not a picture Needlewise can read (JPEG, PNG or WebP)."
        ))),
    }
}

/// Whether a JPEG's image data reaches its end marker. The segments before the image data
/// are stepped over by their lengths, so an end marker inside embedded metadata (an EXIF
/// thumbnail has its own) does not count.
fn jpeg_is_complete(b: &[u8]) -> bool {
    let mut i = 2; // after the start marker
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if marker == 0xDA {
            // Start of scan: entropy-coded data, in which 0xFF is always escaped, so the
            // next 0xFF 0xD9 is the end of the image.
            return b
                .get(i + 2 + len..)
                .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        i += 2 + len;
    }
    false
}

/// An ISO base media file whose brand is one of HEIF's.
fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif"
        )
}

fn unreadable(name: &str, e: &image::ImageError) -> CoreError {
    use image::ImageError as E;
    match e {
        E::Limits(_) => refused(format!(
            "“{name}” is too large to open safely; save a smaller copy and add that."
        )),
        _ => refused(format!(
            "“{name}” is damaged or incomplete and cannot be read ({e}). Copy it again from where it came from."
        )),
    }
}
