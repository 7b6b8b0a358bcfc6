//! Undo of a table part: the saved rows are checked against the manifest in one streaming
//! pass, then inserted where their unique key is absent, in one transaction.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::{UndoOutcome, digest_mismatch, tampered};
use crate::store::write::backup::{self, ManifestStore};
use crate::store::write::delete::table::{self, TableSpec};
use crate::{Error, Result};

/// A saved table part, as its manifest describes it.
pub(super) struct Saved<'a> {
    pub(super) table: &'a str,
    pub(super) create_sql: &'a str,
    pub(super) version: &'a str,
    pub(super) ids: &'a [i64],
    pub(super) file: &'a Path,
}

pub(super) fn restore_table(entry: &ManifestStore, saved: Saved<'_>) -> Result<UndoOutcome> {
    let Saved {
        table: table_name,
        create_sql,
        version,
        ids,
        file: saved,
    } = saved;
    let path = &entry.path;
    let spec = match TableSpec::for_family(entry.family) {
        Some(s) if s.table == table_name => s,
        _ => {
            return Ok(UndoOutcome::Refused {
                reason: format!("{}: unknown table {table_name}", path.display()),
            });
        }
    };
    let backup_conn = open_saved(saved)?;
    // The rows are checked in one pass and restored in a second: one read transaction
    // over both, so the file cannot change between the check and the restore.
    backup_conn
        .execute_batch("BEGIN")
        .map_err(|e| Error::sqlite(saved, &e))?;
    if let Some(reason) = saved_mismatch(entry, &spec, &backup_conn, ids, saved)? {
        return Ok(UndoOutcome::Refused { reason });
    }
    let conn = table::open_live(path)?;
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    conn.execute_batch("BEGIN IMMEDIATE").map_err(sqlerr)?;
    let live = table::identity(&conn, &spec, path)?;
    if live.create_sql != create_sql || live.version != version {
        let _ = conn.execute_batch("ROLLBACK");
        return Ok(UndoOutcome::Refused {
            reason: format!(
                "{}: the cookie table changed since the backup (schema version {} then, {} \
                 now); not restoring",
                path.display(),
                version,
                live.version
            ),
        });
    }
    match insert_rows(&conn, &spec, &backup_conn, saved, path) {
        Ok(outcome) => {
            conn.execute_batch("COMMIT").map_err(sqlerr)?;
            Ok(outcome)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn open_saved(saved: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(saved, flags).map_err(|e| Error::sqlite(saved, &e))
}

/// `SELECT <every stored byte> FROM t ORDER BY id`: the saved rows in the order their
/// content hash was taken, read one at a time.
fn saved_rows_sql(spec: &TableSpec) -> String {
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        spec.select, spec.table, spec.id_col
    )
}

/// Where the unique key and the id sit in a saved row.
struct Layout {
    key_at: Vec<usize>,
    id_at: usize,
}

/// `keys`: the key columns the live table has (see [`TableSpec::keys_in`]).
fn layout(spec: &TableSpec, keys: &[&str], columns: &[String], path: &Path) -> Result<Layout> {
    let col_at = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let key_at: Vec<usize> = keys.iter().filter_map(|k| col_at(k)).collect();
    match col_at(spec.id_col) {
        Some(id_at) if key_at.len() == keys.len() => Ok(Layout { key_at, id_at }),
        _ => Err(Error::Other(format!(
            "{}: the backup lacks the table's key columns",
            path.display()
        ))),
    }
}

/// `INSERT INTO t (<columns except skip>) VALUES (?, …)`.
fn insert_sql(spec: &TableSpec, columns: &[String], skip: Option<usize>) -> String {
    let cols: Vec<String> = (0..columns.len())
        .filter(|i| Some(*i) != skip)
        .map(|i| format!("\"{}\"", columns[i]))
        .collect();
    let marks = vec!["?"; cols.len()].join(", ");
    format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        spec.table,
        cols.join(", ")
    )
}

/// Inserts each saved row whose unique key is absent, under its old id when that is free
/// (a new one otherwise: the browser may have reused it). The rows are streamed from the
/// backup file, never all held at once.
fn insert_rows(
    conn: &Connection,
    spec: &TableSpec,
    backup: &Connection,
    saved: &Path,
    path: &Path,
) -> Result<UndoOutcome> {
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    let savederr = |e: rusqlite::Error| Error::sqlite(saved, &e);
    let keys = spec.keys_in(conn).map_err(sqlerr)?;
    let mut read = backup.prepare(&saved_rows_sql(spec)).map_err(savederr)?;
    let columns: Vec<String> = read.column_names().map(String::from).collect();
    let lay = layout(spec, &keys, &columns, path)?;
    let before = conn.total_changes();
    let mut exists = conn.prepare(&spec.key_exists_sql(&keys)).map_err(sqlerr)?;
    let id_sql = format!("SELECT 1 FROM {} WHERE {} = ?1", spec.table, spec.id_col);
    let mut id_taken = conn.prepare(&id_sql).map_err(sqlerr)?;
    let mut same_id = conn
        .prepare(&insert_sql(spec, &columns, None))
        .map_err(sqlerr)?;
    let mut new_id = conn
        .prepare(&insert_sql(spec, &columns, Some(lay.id_at)))
        .map_err(sqlerr)?;
    let (mut added, mut already_there) = (0, 0);
    let mut rows = read.query([]).map_err(savederr)?;
    while let Some(r) = rows.next().map_err(savederr)? {
        // Raw values: text that is not valid UTF-8 goes back as the same bytes.
        let row = (0..columns.len())
            .map(|i| r.get_ref(i).map(ToSqlOutput::Borrowed))
            .collect::<rusqlite::Result<Vec<ToSqlOutput<'_>>>>()
            .map_err(savederr)?;
        let key = lay.key_at.iter().map(|i| &row[*i]);
        if exists.exists(params_from_iter(key)).map_err(sqlerr)? {
            already_there += 1;
            continue;
        }
        if id_taken.exists([&row[lay.id_at]]).map_err(sqlerr)? {
            let rest = row.iter().enumerate().filter(|(i, _)| *i != lay.id_at);
            new_id
                .execute(params_from_iter(rest.map(|(_, v)| v)))
                .map_err(sqlerr)?;
        } else {
            same_id
                .execute(params_from_iter(row.iter()))
                .map_err(sqlerr)?;
        }
        added += 1;
    }
    if conn.total_changes() - before != added as u64 {
        return Err(Error::Sqlite {
            path: path.to_path_buf(),
            reason: "unexpected number of changes while restoring; rolled back".into(),
        });
    }
    table::quick_check(conn, path)?;
    Ok(UndoOutcome::Restored {
        added,
        already_there,
    })
}

/// Why the saved rows are not the ones the manifest bound, if they are not: another
/// count, other ids, or other content. Read in one streaming pass (ids kept, rows hashed
/// as they go), before anything is written.
fn saved_mismatch(
    entry: &ManifestStore,
    spec: &TableSpec,
    backup: &Connection,
    ids: &[i64],
    saved: &Path,
) -> Result<Option<String>> {
    let savederr = |e: rusqlite::Error| Error::sqlite(saved, &e);
    let mut read = backup.prepare(&saved_rows_sql(spec)).map_err(savederr)?;
    let n = read.column_count();
    let Some(id_at) = read
        .column_names()
        .position(|c| c.eq_ignore_ascii_case(spec.id_col))
    else {
        return Ok(Some(tampered(entry, "the file lacks the id column")));
    };
    let mut digest = backup::RowsDigest::new();
    let mut found = Vec::with_capacity(ids.len());
    let mut rows = read.query([]).map_err(savederr)?;
    while let Some(r) = rows.next().map_err(savederr)? {
        let values = (0..n)
            .map(|i| r.get_ref(i))
            .collect::<rusqlite::Result<Vec<ValueRef<'_>>>>()
            .map_err(savederr)?;
        found.push(match values[id_at] {
            ValueRef::Integer(i) => i,
            _ => i64::MIN,
        });
        digest.add(&values);
    }
    if found.len() != entry.count || found.len() != ids.len() {
        return Ok(Some(tampered(
            entry,
            &format!("{} rows saved, {} in the file", entry.count, found.len()),
        )));
    }
    let mut want = ids.to_vec();
    want.sort_unstable();
    // `found` is in id order already (the query sorts).
    if found != want {
        return Ok(Some(tampered(
            entry,
            "the file holds other rows than the ones saved",
        )));
    }
    Ok(digest_mismatch(entry, &digest.finish()))
}
