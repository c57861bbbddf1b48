//! The person's products. Only the name and the pasted ingredient list are stored; the
//! classification is recomputed on reading, so better ingredient rules apply to old entries.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{CoreError, Result};
use crate::product::{ClassifiedProduct, NewProduct, Product, ProductId};

#[derive(Copy, Clone, Debug)]
pub struct ProductRepo<'c> {
    pub(super) conn: &'c Connection,
}

impl ProductRepo<'_> {
    /// Validates (trims, checks lengths) and stores a product.
    pub fn add(&self, new: NewProduct) -> Result<Product> {
        let new = new.validated()?;
        self.conn.execute(
            "INSERT INTO products (name, inci) VALUES (?1, ?2)",
            (&new.name, &new.inci),
        )?;
        Ok(Product {
            id: ProductId(self.conn.last_insert_rowid()),
            name: new.name,
            inci: new.inci,
        })
    }

    pub fn get(&self, id: ProductId) -> Result<Product> {
        self.conn
            .query_row(
                "SELECT id, name, inci FROM products WHERE id = ?1",
                [id.0],
                read,
            )
            .optional()?
            .ok_or(not_found(id))
    }

    /// Replaces the name and ingredient list, validated like [`ProductRepo::add`].
    pub fn update(&self, id: ProductId, new: NewProduct) -> Result<Product> {
        let new = new.validated()?;
        let n = self.conn.execute(
            "UPDATE products SET name = ?2, inci = ?3 WHERE id = ?1",
            (id.0, &new.name, &new.inci),
        )?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(Product {
            id,
            name: new.name,
            inci: new.inci,
        })
    }

    pub fn delete(&self, id: ProductId) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM products WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// In the order they were added.
    pub fn list(&self) -> Result<Vec<Product>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, inci FROM products ORDER BY id")?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// [`ProductRepo::list`] with each ingredient list classified, for the plan and reminders.
    pub fn classified(&self) -> Result<Vec<ClassifiedProduct>> {
        Ok(self
            .list()?
            .into_iter()
            .map(ClassifiedProduct::new)
            .collect())
    }
}

fn not_found(id: ProductId) -> CoreError {
    CoreError::NotFound {
        what: "product",
        id: id.0,
    }
}

fn read(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: ProductId(r.get(0)?),
        name: r.get(1)?,
        inci: r.get(2)?,
    })
}
