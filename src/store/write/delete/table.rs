//! What a deleter and undo need to know about one family's cookie table: its name, how a
//! row is addressed, its unique key, and how to read the table's identity (CREATE sql and
//! schema version). Reads only; never changes a schema.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};

use crate::model::{Cookie, Family, RawKey, RowKey};
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

    /// `SELECT 1 FROM t WHERE id = ? AND <every key column> = ?`: the planned row is
    /// still exactly there.
    pub fn match_sql(&self, keys: &[&str]) -> String {
        let mut sql = format!("SELECT 1 FROM {} WHERE {} = ?", self.table, self.id_col);
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

    /// The row id and the values of `keys` (parameters for [`Self::match_sql`] and
    /// [`Self::key_exists_sql`]), taken from the cookie exactly as stored, borrowed from
    /// it. `None` for rows this table cannot hold.
    pub fn reselect_params<'c>(
        &self,
        c: &'c Cookie,
        keys: &[&str],
    ) -> Option<(i64, Vec<Param<'c>>)> {
        let (id, key) = self.row_key(c)?;
        let mut params = Vec::with_capacity(keys.len());
        for k in keys {
            let (_, v) = key.iter().find(|(name, _)| name == k)?;
            params.push(*v);
        }
        Some((id, params))
    }

    /// The row id and every key column's value, as stored.
    fn row_key<'c>(&self, c: &'c Cookie) -> Option<(i64, [(&'static str, Param<'c>); 7])> {
        // The stored bytes where the listed text replaced some (see `RawKey`).
        let raw = c.key.raw();
        let pick = |part: fn(&RawKey) -> &Option<Vec<u8>>, listed: &'c str| {
            Param::Text(
                raw.and_then(|r| part(r).as_deref())
                    .unwrap_or(listed.as_bytes()),
            )
        };
        let host = pick(|r| &r.host, &c.host);
        let name = pick(|r| &r.name, &c.name);
        let path = pick(|r| &r.path, &c.path);
        let none = ("", Param::Int(0));
        match (&c.key, self.table) {
            (
                RowKey::FirefoxDb {
                    id,
                    origin_attributes,
                    ..
                },
                "moz_cookies",
            ) => Some((
                *id,
                [
                    ("name", name),
                    ("host", host),
                    ("path", path),
                    ("originAttributes", pick(|r| &r.scope, origin_attributes)),
                    none,
                    none,
                    none,
                ],
            )),
            (
                RowKey::Chromium {
                    rowid,
                    top_frame_site_key,
                    has_cross_site_ancestor,
                    source_scheme,
                    source_port,
                    ..
                },
                "cookies",
            ) => Some((
                *rowid,
                [
                    ("host_key", host),
                    ("top_frame_site_key", pick(|r| &r.scope, top_frame_site_key)),
                    (
                        "has_cross_site_ancestor",
                        Param::Int(*has_cross_site_ancestor),
                    ),
                    ("name", name),
                    ("path", path),
                    ("source_scheme", Param::Int(*source_scheme)),
                    ("source_port", Param::Int(*source_port)),
                ],
            )),
            _ => None,
        }
    }
}

/// One key value to match a stored row with: an integer, or text as its stored bytes
/// (bound as TEXT even when the bytes are not valid UTF-8, so it equals the stored value).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'c> {
    Int(i64),
    Text(&'c [u8]),
}

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Int(i) => ValueRef::Integer(i),
            Param::Text(b) => ValueRef::Text(b),
        }))
    }
}

/// The column names `SELECT <spec.select>` yields, in order.
pub(crate) fn columns(conn: &Connection, spec: &TableSpec) -> rusqlite::Result<Vec<String>> {
    let stmt = conn.prepare(&format!(
        "SELECT {} FROM {} LIMIT 0",
        spec.select, spec.table
    ))?;
    Ok(stmt.column_names().map(String::from).collect())
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
