//! Delete step for one SQLite cookie table: the write transaction is opened (`BEGIN
//! IMMEDIATE`) before the rows are re-selected, so what is backed up is exactly what gets
//! deleted; the transaction commits only after the checks pass.

use std::path::PathBuf;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::table::{self, TableIdentity, TableSpec};
use crate::model::{Cookie, StoreRef};
use crate::store::write::backup::{PendingBackup, TableRows};
use crate::{Error, Result};

/// One table's prepared delete. Holds the row ids and a reference to each planned
/// cookie, never the rows: they are streamed into the backup straight from the table.
pub(super) struct DbWork<'a> {
    conn: Connection,
    path: PathBuf,
    spec: TableSpec,
    ident: TableIdentity,
    columns: Vec<String>,
    /// The rows found, by id ascending, each once, with the cookie that planned it.
    found: Vec<(i64, &'a Cookie)>,
    /// The key columns this file's table has (see [`TableSpec::keys_in`]).
    keys: Vec<&'static str>,
}

impl<'a> DbWork<'a> {
    /// Opens the live file, starts the write transaction and re-selects every planned row
    /// by id AND unique key. Returns the work and how many rows were no longer there. A
    /// planned row not found by id while a row with its unique key is still in the table
    /// is an error: the cookie is there, so "already gone" would be a false success.
    pub(super) fn prepare(store: &StoreRef, cookies: &[&'a Cookie]) -> Result<(DbWork<'a>, usize)> {
        let path = store.path.clone();
        let spec = TableSpec::for_family(store.family())
            .ok_or_else(|| Error::Other(format!("{}: this store is read-only", path.display())))?;
        let conn = table::open_live(&path)?;
        let sqlerr = |e: rusqlite::Error| Error::sqlite(&path, &e);
        conn.execute_batch("BEGIN IMMEDIATE").map_err(sqlerr)?;
        // From here, dropping `conn` without COMMIT rolls back.
        let ident = table::identity(&conn, &spec, &path)?;
        let keys = spec.keys_in(&conn).map_err(sqlerr)?;
        let columns = table::columns(&conn, &spec).map_err(sqlerr)?;
        let mut found = Vec::with_capacity(cookies.len());
        let mut missing = 0;
        {
            let mut matches = conn.prepare(&spec.match_sql(&keys)).map_err(sqlerr)?;
            for &c in cookies {
                let Some((id, params)) = spec.reselect_params(c, &keys) else {
                    missing += 1;
                    continue;
                };
                let mut all = vec![table::Param::Int(id)];
                all.extend(params.iter().cloned());
                if matches
                    .exists(rusqlite::params_from_iter(all.iter()))
                    .map_err(sqlerr)?
                {
                    found.push((id, c));
                } else if key_still_there(&conn, &spec, &keys, &params).map_err(sqlerr)? {
                    return Err(still_there(&path, c));
                } else {
                    missing += 1;
                }
            }
        }
        // The same cookie listed twice is one row.
        found.sort_unstable_by_key(|(id, _)| *id);
        found.dedup_by_key(|(id, _)| *id);
        Ok((
            DbWork {
                conn,
                path,
                spec,
                ident,
                columns,
                found,
                keys,
            },
            missing,
        ))
    }

    pub(super) fn len(&self) -> usize {
        self.found.len()
    }

    fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.found.iter().map(|(id, _)| *id)
    }

    /// Streams the found rows from the table (inside the open transaction, so exactly
    /// what will be deleted) into the pending backup, one at a time in id order.
    pub(super) fn save(&self, store: &StoreRef, pending: &mut PendingBackup) -> Result<usize> {
        let sqlerr = |e: rusqlite::Error| Error::sqlite(&self.path, &e);
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = ?1",
            self.spec.select, self.spec.table, self.spec.id_col
        );
        let mut stmt = self.conn.prepare(&sql).map_err(sqlerr)?;
        let n = self.columns.len();
        let mut source = |put: &mut dyn FnMut(&[ValueRef<'_>]) -> Result<()>| -> Result<()> {
            for id in self.ids() {
                let mut rows = stmt.query([id]).map_err(sqlerr)?;
                let row = rows.next().map_err(sqlerr)?.ok_or_else(|| {
                    self.refuse(format!("row {id} vanished inside the transaction"))
                })?;
                let values = (0..n)
                    .map(|i| row.get_ref(i))
                    .collect::<rusqlite::Result<Vec<ValueRef<'_>>>>()
                    .map_err(sqlerr)?;
                put(&values)?;
            }
            Ok(())
        };
        pending.add_table(
            store,
            TableRows {
                table: self.spec.table,
                create_sql: &self.ident.create_sql,
                schema_version: &self.ident.version,
                columns: &self.columns,
                ids: self.ids().collect(),
            },
            &mut source,
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
            for id in self.ids() {
                del.execute([id]).map_err(sqlerr)?;
                changed += self.conn.changes();
            }
            let mut still = self
                .conn
                .prepare(&format!("SELECT count(*) FROM {table} WHERE {id_col} = ?1"))
                .map_err(sqlerr)?;
            for id in self.ids() {
                let n: i64 = still.query_row([id], |r| r.get(0)).map_err(sqlerr)?;
                if n != 0 {
                    return Err(self.refuse(format!("row {id} is still there after DELETE")));
                }
            }
            self.verify_keys_gone()?;
        }
        let want = self.len() as u64;
        let delta = self.conn.total_changes() - before;
        if changed != want || delta != want {
            return Err(self.refuse(format!(
                "expected {want} deleted rows, SQLite reports {changed} ({delta} in total)"
            )));
        }
        table::quick_check(&self.conn, &self.path)?;
        Ok(self.len())
    }

    /// No deleted row's unique key is in the table any more: a row put back under another
    /// id (by a trigger, or a writer racing the lock) is the same cookie, still there.
    /// Each found row matched its cookie's key exactly, so the cookie names the key.
    fn verify_keys_gone(&self) -> Result<()> {
        for (_, c) in &self.found {
            let Some((_, key)) = self.spec.reselect_params(c, &self.keys) else {
                return Err(self.refuse("a deleted cookie has no key".into()));
            };
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
    key: &[table::Param<'_>],
) -> rusqlite::Result<bool> {
    if keys.is_empty() {
        return Ok(false);
    }
    let mut stmt = conn.prepare_cached(&spec.key_exists_sql(keys))?;
    stmt.exists(rusqlite::params_from_iter(key.iter()))
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
