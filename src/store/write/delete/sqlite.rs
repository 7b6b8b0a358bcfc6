//! Delete step for one SQLite cookie table: the write transaction is opened (`BEGIN
//! IMMEDIATE`) before the rows are re-selected, so what is backed up is exactly what gets
//! deleted; the transaction commits only after the checks pass.

use std::collections::HashSet;
use std::path::PathBuf;

use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};

use super::table::{self, TableIdentity, TableSpec};
use crate::model::{Cookie, StoreRef};
use crate::store::write::backup::{PendingBackup, TableRows};
use crate::{Error, Result};

pub(super) struct DbWork {
    conn: Connection,
    path: PathBuf,
    spec: TableSpec,
    ident: TableIdentity,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
    ids: Vec<i64>,
    /// The key columns this file's table has (see [`TableSpec::keys_in`]).
    keys: Vec<&'static str>,
}

impl DbWork {
    /// Opens the live file, starts the write transaction and re-selects every planned row
    /// by id AND unique key. Returns the work and how many rows were no longer there. A
    /// planned row not found by id while a row with its unique key is still in the table
    /// is an error: the cookie is there, so "already gone" would be a false success.
    pub(super) fn prepare(store: &StoreRef, cookies: &[&Cookie]) -> Result<(DbWork, usize)> {
        let path = store.path.clone();
        let spec = TableSpec::for_family(store.family())
            .ok_or_else(|| Error::Other(format!("{}: this store is read-only", path.display())))?;
        let conn = table::open_live(&path)?;
        let sqlerr = |e: rusqlite::Error| Error::sqlite(&path, &e);
        conn.execute_batch("BEGIN IMMEDIATE").map_err(sqlerr)?;
        // From here, dropping `conn` without COMMIT rolls back.
        let ident = table::identity(&conn, &spec, &path)?;
        let keys = spec.keys_in(&conn).map_err(sqlerr)?;
        let sql = spec.reselect_sql(&keys);
        let mut columns = Vec::new();
        let mut rows = Vec::new();
        let mut missing = 0;
        for c in cookies {
            let Some(params) = spec.reselect_params(c, &keys) else {
                missing += 1;
                continue;
            };
            let (cols, found) = table::query_values(&conn, &sql, &params).map_err(sqlerr)?;
            if found.is_empty() {
                if key_still_there(&conn, &spec, &keys, &params[1..]).map_err(sqlerr)? {
                    return Err(still_there(&path, c));
                }
                if same_row_as_read(&conn, &spec, &keys, &params).map_err(sqlerr)? {
                    return Err(not_text(&path, c));
                }
                missing += 1;
            }
            columns = cols;
            rows.extend(found);
        }
        let (ids, kept) = dedupe(&columns, rows, spec.id_col);
        Ok((
            DbWork {
                conn,
                path,
                spec,
                ident,
                columns,
                rows: kept,
                ids,
                keys,
            },
            missing,
        ))
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    pub(super) fn save(&self, store: &StoreRef, pending: &mut PendingBackup) -> Result<usize> {
        pending.add_table(
            store,
            TableRows {
                table: self.spec.table,
                create_sql: &self.ident.create_sql,
                schema_version: &self.ident.version,
                columns: &self.columns,
                rows: &self.rows,
                ids: self.ids.clone(),
            },
        )
    }

    /// Deletes, verifies and commits; on any failed check rolls back and says why.
    pub(super) fn apply(self) -> Result<usize> {
        match self.delete_and_verify() {
            Ok(n) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| Error::sqlite(&self.path, &e))?;
                Ok(n)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn delete_and_verify(&self) -> Result<usize> {
        let sqlerr = |e: rusqlite::Error| Error::sqlite(&self.path, &e);
        let (table, id_col) = (self.spec.table, self.spec.id_col);
        let before = self.conn.total_changes();
        let mut changed = 0u64;
        {
            let mut del = self
                .conn
                .prepare(&format!("DELETE FROM {table} WHERE {id_col} = ?1"))
                .map_err(sqlerr)?;
            for id in &self.ids {
                del.execute([id]).map_err(sqlerr)?;
                changed += self.conn.changes();
            }
            let mut still = self
                .conn
                .prepare(&format!("SELECT count(*) FROM {table} WHERE {id_col} = ?1"))
                .map_err(sqlerr)?;
            for id in &self.ids {
                let n: i64 = still.query_row([id], |r| r.get(0)).map_err(sqlerr)?;
                if n != 0 {
                    return Err(self.refuse(format!("row {id} is still there after DELETE")));
                }
            }
            self.verify_keys_gone()?;
        }
        let want = self.ids.len() as u64;
        let delta = self.conn.total_changes() - before;
        if changed != want || delta != want {
            return Err(self.refuse(format!(
                "expected {want} deleted rows, SQLite reports {changed} ({delta} in total)"
            )));
        }
        table::quick_check(&self.conn, &self.path)?;
        Ok(self.ids.len())
    }

    /// No deleted row's unique key is in the table any more: a row put back under another
    /// id (by a trigger, or a writer racing the lock) is the same cookie, still there.
    fn verify_keys_gone(&self) -> Result<()> {
        let at: Vec<usize> = self
            .keys
            .iter()
            .filter_map(|k| self.columns.iter().position(|c| c.eq_ignore_ascii_case(k)))
            .collect();
        if at.len() != self.keys.len() {
            return Err(self.refuse("the re-selected rows lack a key column".into()));
        }
        for row in &self.rows {
            let key: Vec<Value> = at.iter().filter_map(|i| row.get(*i).cloned()).collect();
            let there = key_still_there(&self.conn, &self.spec, &self.keys, &key)
                .map_err(|e| Error::sqlite(&self.path, &e))?;
            if there {
                return Err(self.refuse("a deleted cookie's key is still in the table".into()));
            }
        }
        Ok(())
    }

    fn refuse(&self, reason: String) -> Error {
        Error::Sqlite {
            path: self.path.clone(),
            reason: format!("{reason}; rolled back, nothing deleted"),
        }
    }
}

/// Whether a row with this unique key (values in `keys` order) is in the table.
fn key_still_there(
    conn: &Connection,
    spec: &TableSpec,
    keys: &[&str],
    key: &[Value],
) -> rusqlite::Result<bool> {
    if keys.is_empty() {
        return Ok(false);
    }
    let (_, found) = table::query_values(conn, &spec.key_exists_sql(keys), key)?;
    Ok(!found.is_empty())
}

/// Whether the row with this id still holds a key that reads as `params` once invalid
/// UTF-8 is replaced, as the readers do. Such a key (a name or host that is not valid
/// text) cannot be matched by the text the reader kept, so its row is never "gone".
fn same_row_as_read(
    conn: &Connection,
    spec: &TableSpec,
    keys: &[&str],
    params: &[Value],
) -> rusqlite::Result<bool> {
    let lossy = |v: &Value| matches!(v, Value::Text(t) if t.contains('\u{FFFD}'));
    if !params.iter().skip(1).any(lossy) {
        return Ok(false);
    }
    let cols: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        cols.join(", "),
        spec.table,
        spec.id_col
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter().take(1)))?;
    let Some(row) = rows.next()? else {
        return Ok(false);
    };
    for (i, want) in params.iter().skip(1).enumerate() {
        let same = match (row.get_ref(i)?, want) {
            (ValueRef::Text(b) | ValueRef::Blob(b), Value::Text(t)) => {
                String::from_utf8_lossy(b) == t.as_str()
            }
            (ValueRef::Integer(a), Value::Integer(b)) => a == *b,
            _ => false,
        };
        if !same {
            return Ok(false);
        }
    }
    Ok(true)
}

fn not_text(path: &std::path::Path, c: &Cookie) -> Error {
    Error::Sqlite {
        path: path.to_path_buf(),
        reason: format!(
            "cookie {:?} on {:?} has a name or host that is not valid UTF-8, which crumbs \
             cannot delete yet; rolled back, nothing deleted",
            c.name, c.host
        ),
    }
}

fn still_there(path: &std::path::Path, c: &Cookie) -> Error {
    Error::Sqlite {
        path: path.to_path_buf(),
        reason: format!(
            "cookie {:?} on {:?} is still in the table under another row id; \
             rolled back, nothing deleted (list again, then delete)",
            c.name, c.host
        ),
    }
}

/// The ids of `rows` and the rows, each row once (the same cookie listed twice is one row).
fn dedupe(columns: &[String], rows: Vec<Vec<Value>>, id_col: &str) -> (Vec<i64>, Vec<Vec<Value>>) {
    let id_at = columns
        .iter()
        .position(|c| c.eq_ignore_ascii_case(id_col))
        .unwrap_or(0);
    let mut ids = Vec::with_capacity(rows.len());
    let mut seen = HashSet::with_capacity(rows.len());
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(Value::Integer(id)) = row.get(id_at) else {
            continue;
        };
        if seen.insert(*id) {
            ids.push(*id);
            kept.push(row);
        }
    }
    (ids, kept)
}
