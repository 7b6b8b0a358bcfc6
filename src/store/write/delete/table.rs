//! What a deleter and undo need to know about one family's cookie table: its name, how a
//! row is addressed, its unique key, and how to read the table's identity (CREATE sql and
//! schema version). Reads only; never changes a schema.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use crate::model::{Cookie, Family, RowKey};
use crate::{Error, Result};

/// One family's cookie table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TableSpec {
    pub table: &'static str,
    /// Column addressing one row: Firefox's `id` (an alias of rowid), Chromium's rowid.
    pub id_col: &'static str,
    /// `SELECT` list that yields every stored byte, including the rowid when the table has
    /// no alias for it (Chromium), so a row can be put back under the same rowid.
    pub select: &'static str,
    /// The browser's own unique key: partitioned and container twins differ here.
    pub key_cols: &'static [&'static str],
}

pub(crate) const FIREFOX: TableSpec = TableSpec {
    table: "moz_cookies",
    id_col: "id",
    select: "*",
    key_cols: &["name", "host", "path", "originAttributes"],
};

pub(crate) const CHROMIUM: TableSpec = TableSpec {
    table: "cookies",
    id_col: "rowid",
    select: "rowid, *",
    key_cols: &[
        "host_key",
        "top_frame_site_key",
        "has_cross_site_ancestor",
        "name",
        "path",
        "source_scheme",
        "source_port",
    ],
};

impl TableSpec {
    pub fn for_family(family: Family) -> Option<TableSpec> {
        match family {
            Family::Firefox => Some(FIREFOX),
            Family::Chromium => Some(CHROMIUM),
            Family::Safari => None,
        }
    }

    /// The key columns this file's table really has. Older tables lack some (Chromium
    /// meta 22 has no `has_cross_site_ancestor`; the reader fills in a default), and
    /// SQLite reads a double-quoted name that is no column as a string, so a condition on
    /// a missing column would silently match no row.
    pub fn keys_in(&self, conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let present = stmt
            .query_map([self.table], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(self
            .key_cols
            .iter()
            .copied()
            .filter(|k| present.iter().any(|p| p.eq_ignore_ascii_case(k)))
            .collect())
    }

    /// `SELECT <all> FROM t WHERE id = ? AND <every key column> = ?`.
    pub fn reselect_sql(&self, keys: &[&str]) -> String {
        let mut sql = format!(
            "SELECT {} FROM {} WHERE {} = ?",
            self.select, self.table, self.id_col
        );
        for c in keys {
            sql.push_str(&format!(" AND \"{c}\" = ?"));
        }
        sql
    }

    /// `SELECT 1 FROM t WHERE <every key column> = ?`.
    pub fn key_exists_sql(&self, keys: &[&str]) -> String {
        let conds: Vec<String> = keys.iter().map(|c| format!("\"{c}\" = ?")).collect();
        format!("SELECT 1 FROM {} WHERE {}", self.table, conds.join(" AND "))
    }

    /// Parameters for [`Self::reselect_sql`]: the row id then the values of `keys`, taken
    /// from the cookie exactly as the reader saw it. `None` for rows this table cannot
    /// hold.
    pub fn reselect_params(&self, c: &Cookie, keys: &[&str]) -> Option<Vec<Value>> {
        let (id, key) = self.row_key(c)?;
        let mut params = vec![Value::Integer(id)];
        for k in keys {
            let (_, v) = key.iter().find(|(name, _)| name == k)?;
            params.push(v.clone());
        }
        Some(params)
    }

    /// The row id and every key column's value, as the reader saw the cookie.
    fn row_key(&self, c: &Cookie) -> Option<(i64, Vec<(&'static str, Value)>)> {
        let text = |s: &str| Value::Text(s.to_owned());
        match (&c.key, self.table) {
            (
                RowKey::FirefoxDb {
                    id,
                    origin_attributes,
                },
                "moz_cookies",
            ) => Some((
                *id,
                vec![
                    ("name", text(&c.name)),
                    ("host", text(&c.host)),
                    ("path", text(&c.path)),
                    ("originAttributes", text(origin_attributes)),
                ],
            )),
            (
                RowKey::Chromium {
                    rowid,
                    top_frame_site_key,
                    has_cross_site_ancestor,
                    source_scheme,
                    source_port,
                },
                "cookies",
            ) => Some((
                *rowid,
                vec![
                    ("host_key", text(&c.host)),
                    ("top_frame_site_key", text(top_frame_site_key)),
                    (
                        "has_cross_site_ancestor",
                        Value::Integer(*has_cross_site_ancestor),
                    ),
                    ("name", text(&c.name)),
                    ("path", text(&c.path)),
                    ("source_scheme", Value::Integer(*source_scheme)),
                    ("source_port", Value::Integer(*source_port)),
                ],
            )),
            _ => None,
        }
    }
}

/// Identity of a live table: undo refuses when either part changed since the backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableIdentity {
    pub create_sql: String,
    /// Firefox `PRAGMA user_version`, Chromium `meta.version`.
    pub version: String,
}

pub(crate) fn identity(conn: &Connection, spec: &TableSpec, path: &Path) -> Result<TableIdentity> {
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    let create_sql: Option<String> = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [spec.table],
            |r| r.get(0),
        )
        .optional()
        .map_err(sqlerr)?;
    let create_sql = create_sql.ok_or_else(|| Error::UnknownSchema {
        path: path.to_path_buf(),
        reason: format!("no {} table", spec.table),
    })?;
    let version = if spec.table == FIREFOX.table {
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sqlerr)?;
        v.to_string()
    } else {
        crate::store::read::chromium::meta_version_text(conn)
            .map_err(sqlerr)?
            .unwrap_or_default()
    };
    Ok(TableIdentity {
        create_sql,
        version,
    })
}

/// Rows of `sql` with every column as a raw SQLite value (no conversion, byte-exact).
pub(crate) fn query_values(
    conn: &Connection,
    sql: &str,
    params: &[Value],
) -> rusqlite::Result<(Vec<String>, Vec<Vec<Value>>)> {
    let mut stmt = conn.prepare_cached(sql)?;
    let cols: Vec<String> = stmt.column_names().map(String::from).collect();
    let n = cols.len();
    let rows = stmt
        .query_map(params_from_iter(params.iter()), |r| {
            (0..n).map(|i| r.get::<_, Value>(i)).collect()
        })?
        .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
    Ok((cols, rows))
}

/// `PRAGMA quick_check` is exactly "ok".
pub(crate) fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let res: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| Error::sqlite(path, &e))?;
    if res == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!("quick_check: {res}"),
        })
    }
}

/// Opens a live store read-write without ever creating it, waiting a little for a writer.
pub(crate) fn open_live(path: &Path) -> Result<Connection> {
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::sqlite(path, &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(3))
        .map_err(|e| Error::sqlite(path, &e))?;
    keep_rollback_journal_style(&conn, path)?;
    Ok(conn)
}

/// Only WAL is recorded in the file; a rollback journal's style is per connection.
/// Chromium truncates its `-journal` to 0 bytes and leaves it in place: when that file is
/// there, do the same instead of SQLite's default (delete it), so the profile looks as the
/// browser left it.
fn keep_rollback_journal_style(conn: &Connection, path: &Path) -> Result<()> {
    let journal = crate::store::files::with_suffix(path, "-journal");
    if !journal.is_file() {
        return Ok(());
    }
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(sqlerr)?;
    if mode.eq_ignore_ascii_case("delete") {
        conn.query_row("PRAGMA journal_mode = TRUNCATE", [], |r| {
            r.get::<_, String>(0)
        })
        .map_err(sqlerr)?;
    }
    Ok(())
}
