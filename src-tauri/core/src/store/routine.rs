//! The everyday routine's storage: where each product is placed, and the steps ticked as
//! done each day (GUIDANCE §8, issue 14).

use chrono::NaiveDate;
use rusqlite::{Connection, ErrorCode, Row};

use super::codec::{date_text, from_name, name_of, parse_date};
use crate::error::{CoreError, Result};
use crate::product::ProductId;
use crate::routine::{Placement, Tick, Usage, WeekdaySet};

#[derive(Copy, Clone, Debug)]
pub struct RoutineRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl RoutineRepo<'_> {
    /// Places a product (or moves it): its step, usage and order within the step.
    pub fn place(&self, p: &Placement) -> Result<()> {
        let result = self.conn.execute(
            "INSERT INTO product_placements (product_id, step, used, weekdays, position)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (product_id) DO UPDATE SET step = excluded.step, used = excluded.used,
                 weekdays = excluded.weekdays, position = excluded.position",
            (
                p.product_id.0,
                name_of(&p.step)?,
                name_of(&p.usage.when)?,
                p.usage.weekdays.bits(),
                p.position,
            ),
        );
        match result {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == ErrorCode::ConstraintViolation =>
            {
                Err(CoreError::NotFound {
                    what: "product",
                    id: p.product_id.0,
                })
            }
            other => other.map(|_| ()).map_err(Into::into),
        }
    }

    /// Takes a product out of the routine: it goes back to "unsorted".
    pub fn unplace(&self, product: ProductId) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM product_placements WHERE product_id = ?1",
            [product.0],
        )?;
        if n == 0 {
            return Err(CoreError::NotFound {
                what: "placed product",
                id: product.0,
            });
        }
        Ok(())
    }

    /// In layering order, then the person's order.
    pub fn placements(&self) -> Result<Vec<Placement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT product_id, step, used, weekdays, position FROM product_placements",
        )?;
        let rows = stmt.query_map([], read_placement)?;
        let mut out: Vec<Placement> = rows.collect::<rusqlite::Result<_>>()?;
        out.sort_by_key(Placement::order);
        Ok(out)
    }

    /// Records a step as done; ticking it twice is [`CoreError::AlreadyTicked`] and
    /// changes nothing.
    pub fn tick(&self, t: &Tick) -> Result<()> {
        let n = self.conn.execute(
            "INSERT INTO routine_ticks (date, part, step) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            (date_text(t.date), t.part.key(), name_of(&t.step)?),
        )?;
        if n == 0 {
            return Err(CoreError::AlreadyTicked(describe(t)));
        }
        Ok(())
    }

    /// Takes a tick back; one that was never made is a conflict and changes nothing.
    pub fn untick(&self, t: &Tick) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM routine_ticks WHERE date = ?1 AND part = ?2 AND step = ?3",
            (date_text(t.date), t.part.key(), name_of(&t.step)?),
        )?;
        if n == 0 {
            return Err(CoreError::Conflict(format!(
                "{} was not ticked",
                describe(t)
            )));
        }
        Ok(())
    }

    /// Ticks dated `from..=until`, by date.
    pub fn ticks_between(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<Tick>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, part, step FROM routine_ticks WHERE date BETWEEN ?1 AND ?2
             ORDER BY date, part, step",
        )?;
        let rows = stmt.query_map((date_text(from), date_text(until)), read_tick)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every tick, for export.
    pub fn all_ticks(&self) -> Result<Vec<Tick>> {
        self.ticks_between(crate::units::MIN_DATE, crate::units::MAX_DATE)
    }
}

fn describe(t: &Tick) -> String {
    format!(
        "{} in your {} routine on {}",
        t.step,
        t.part.label(),
        t.date
    )
}

fn read_placement(r: &Row<'_>) -> rusqlite::Result<Placement> {
    let bits: u8 = r.get(3)?;
    Ok(Placement {
        product_id: ProductId(r.get(0)?),
        step: from_name(1, r.get(1)?)?,
        usage: Usage {
            when: from_name(2, r.get(2)?)?,
            weekdays: WeekdaySet::from_bits(bits).map_err(super::codec::bad(3))?,
        },
        position: r.get(4)?,
    })
}

fn read_tick(r: &Row<'_>) -> rusqlite::Result<Tick> {
    Ok(Tick {
        date: parse_date(0, &r.get::<_, String>(0)?)?,
        part: from_name(1, r.get(1)?)?,
        step: from_name(2, r.get(2)?)?,
    })
}
