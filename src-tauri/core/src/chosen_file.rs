//! Reading a file the person chose (an export to import, a photo to add). Its metadata is
//! looked at before a byte is read: a file far too large, a pipe, a device or a folder is
//! refused unread, so choosing the wrong file cannot stall the app or fill its memory.

use std::io::Read;
use std::path::Path;

use crate::error::{CoreError, Result};

/// What a chosen file must be, for the refusals' wording.
#[derive(Copy, Clone, Debug)]
pub struct Expected {
    /// The field the refusal is reported on.
    pub field: &'static str,
    /// What the file should be, with its article ("a Needlewise export").
    pub noun: &'static str,
    /// The largest such file, in bytes.
    pub max: u64,
}

const MIB: f64 = 1024.0 * 1024.0;

/// The file's bytes, at most `expected.max` of them.
pub fn read(path: &Path, expected: Expected) -> Result<Vec<u8>> {
    let unreadable = |e: std::io::Error| {
        CoreError::Io(std::io::Error::new(
            e.kind(),
            format!("{} could not be read: {e}", path.display()),
        ))
    };
    let refused = |message: String| CoreError::invalid(expected.field, message);
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(refused(format!(
            "this is not an ordinary file, so not {}",
            expected.noun
        )));
    }
    let too_large = |len: u64| {
        refused(format!(
            "this file is {:.1} MB; {} is at most {} MB, so this is not one",
            len as f64 / MIB,
            expected.noun,
            expected.max / (1024 * 1024),
        ))
    };
    if meta.len() > expected.max {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow after the size was looked at: never read more than the bound + 1.
    std::fs::File::open(path)
        .and_then(|f| f.take(expected.max + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > expected.max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
