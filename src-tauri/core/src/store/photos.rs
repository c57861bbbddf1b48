//! Photo rows: date, area, note and size. The pictures themselves are files (see
//! [`crate::photo`]), named by the row's id.

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use super::codec::{date_text, from_name, name_of, parse_date};
use crate::error::Result;
use crate::photo::{Photo, PhotoId, PhotoInfo};

#[derive(Copy, Clone, Debug)]
pub struct PhotoRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl PhotoRepo<'_> {
    pub fn insert(&self, info: &PhotoInfo, width: u32, height: u32) -> Result<Photo> {
        let id = self.write(None, info, width, height)?;
        Ok(Photo {
            id,
            info: info.clone(),
            width,
            height,
        })
    }

    /// One row; SQLite numbers it when `id` is `None`.
    fn write(
        &self,
        id: Option<PhotoId>,
        info: &PhotoInfo,
        width: u32,
        height: u32,
    ) -> Result<PhotoId> {
        info.validate()?;
        self.conn.execute(
            "INSERT INTO photos (id, taken_on, area, note, width, height) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (
                id.map(|id| id.0),
                date_text(info.taken_on),
                name_of(&info.area)?,
                &info.note,
                width,
                height,
            ),
        )?;
        Ok(PhotoId(self.conn.last_insert_rowid()))
    }

    /// Every photo, oldest first (by date, then by when it was added).
    pub fn list(&self) -> Result<Vec<Photo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, taken_on, area, note, width, height FROM photos ORDER BY taken_on, id",
        )?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores `photo` under its own id (an import, into a store cleared of photos).
    pub fn insert_as(&self, photo: &Photo) -> Result<()> {
        self.write(Some(photo.id), &photo.info, photo.width, photo.height)
            .map(drop)
    }

    /// Removes every photo row and every day said to be taken (an import replaces them).
    pub fn clear(&self) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM photos; DELETE FROM photos_taken;")?;
        Ok(())
    }

    /// The largest photo id in use, or 0.
    pub fn max_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM photos", [], |r| r.get(0))?)
    }

    /// "Done" on the photo reminder: a photo was taken on `day` (not necessarily added).
    pub fn mark_taken(&self, day: NaiveDate) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO photos_taken (taken_on) VALUES (?1)",
            [date_text(day)],
        )?;
        Ok(())
    }

    /// Forgets a day marked by [`Self::mark_taken`]; whether it was marked.
    pub fn forget_taken(&self, day: NaiveDate) -> Result<bool> {
        Ok(self.conn.execute(
            "DELETE FROM photos_taken WHERE taken_on = ?1",
            [date_text(day)],
        )? == 1)
    }

    /// The days marked by [`Self::mark_taken`], oldest first.
    pub fn taken_days(&self) -> Result<Vec<NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT taken_on FROM photos_taken ORDER BY taken_on")?;
        let rows = stmt.query_map([], |r| parse_date(0, &r.get::<_, String>(0)?))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Returns whether there was such a photo.
    pub fn delete(&self, id: PhotoId) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM photos WHERE id = ?1", [id.0])?
            == 1)
    }
}

fn read(r: &Row<'_>) -> rusqlite::Result<Photo> {
    Ok(Photo {
        id: PhotoId(r.get(0)?),
        info: PhotoInfo {
            taken_on: parse_date(1, &r.get::<_, String>(1)?)?,
            area: from_name(2, r.get(2)?)?,
            note: r.get(3)?,
        },
        width: r.get(4)?,
        height: r.get(5)?,
    })
}
