//! Undo: put back the exact rows (and session entries) a backup saved. One transaction per
//! store; refused while the browser runs or when the live table's CREATE statement or
//! schema version differs from the backup's (a browser upgrade may have changed what the
//! columns mean). Idempotent: a row whose unique key is already present is skipped. The
//! backup data is kept; the manifest only records that it was restored.

use std::path::{Path, PathBuf};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::backup::{self, BackupRoot, Manifest, ManifestStore, Source};
use super::delete::table::{self, TableSpec};
use super::session_edit;
use crate::model::UnixMicros;
use crate::store::files::{self, Links};
use crate::store::read::firefox::session;
use crate::store::running;
use crate::{Error, Result};

/// What undo did.
#[derive(Debug, Clone)]
pub struct UndoReport {
    pub backup_id: String,
    pub stores: Vec<UndoStore>,
}

/// One part of the backup (a table or a session file) and what happened to it.
#[derive(Debug, Clone)]
pub struct UndoStore {
    pub entry: ManifestStore,
    pub outcome: UndoOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoOutcome {
    /// `added` rows put back; `already_there` were present (same unique key) and skipped.
    Restored { added: usize, already_there: usize },
    /// Not touched, and why (browser running, schema changed).
    Refused { reason: String },
    /// Tried and rolled back.
    Failed { error: String },
}

impl UndoReport {
    pub fn added(&self) -> usize {
        self.sum(|a, _| a)
    }
    pub fn already_there(&self) -> usize {
        self.sum(|_, b| b)
    }
    fn sum(&self, pick: fn(usize, usize) -> usize) -> usize {
        self.stores
            .iter()
            .map(|s| match s.outcome {
                UndoOutcome::Restored {
                    added,
                    already_there,
                } => pick(added, already_there),
                _ => 0,
            })
            .sum()
    }
    /// True when some part was refused or failed.
    pub fn any_refused(&self) -> bool {
        self.stores
            .iter()
            .any(|s| !matches!(s.outcome, UndoOutcome::Restored { .. }))
    }
}

/// Puts back backup `id` (when `None`, the newest backup not restored yet).
pub fn undo(root: &BackupRoot, id: Option<&str>) -> Result<UndoReport> {
    let _lock = root.lock()?;
    let mut manifest: Manifest = match id {
        Some(id) => root.load(id)?,
        // Like an editor's undo: the newest deletion not yet put back, so two undos in a
        // row undo two deletions. A named backup can always be restored again.
        None => {
            let all = root.list()?;
            if all.is_empty() {
                return Err(Error::Other(format!(
                    "{}: no backups yet",
                    root.dir.display()
                )));
            }
            all.into_iter()
                .find(|m| m.restored.is_none())
                .ok_or_else(|| {
                    Error::Other(
                        "nothing to undo: every backup was already restored \
                     (`crumbs undo ID` puts one back again)"
                            .into(),
                    )
                })?
        }
    };
    let folder = root.folder(&manifest.id);
    let stores: Vec<UndoStore> = manifest
        .stores
        .iter()
        .map(|entry| UndoStore {
            entry: entry.clone(),
            outcome: restore_one(entry, &folder),
        })
        .collect();
    let report = UndoReport {
        backup_id: manifest.id.clone(),
        stores,
    };
    if !report.any_refused() {
        manifest.restored = Some(crate::timefmt::rfc3339(UnixMicros::now()));
        root.save_manifest(&manifest)?;
    }
    Ok(report)
}

fn restore_one(entry: &ManifestStore, folder: &Path) -> UndoOutcome {
    let store = entry.store_ref();
    if let Some(holder) = running::running(&store) {
        return UndoOutcome::Refused {
            reason: running::refusal(&store, &holder),
        };
    }
    let res = match &entry.source {
        Source::Table {
            table,
            create_sql,
            schema_version,
            rows_file,
            ids,
        } => restore_table(
            entry,
            Saved {
                table,
                create_sql,
                version: schema_version,
                ids,
                file: &folder.join(rows_file),
            },
        ),
        Source::Session { file, entries_file } => {
            restore_session(entry, file, &folder.join(entries_file))
        }
    };
    res.unwrap_or_else(|e| UndoOutcome::Failed {
        error: e.to_string(),
    })
}

/// The session file to put entries back into: the one Firefox would restore from now
/// (the reader's rule; undo never runs while the browser does). Firefox may have rotated
/// the file the entries came from away since.
fn current_session_file(entry: &ManifestStore) -> Result<PathBuf> {
    session::current_session_file(&entry.profile_dir, false).ok_or_else(|| {
        Error::Other(format!(
            "{}: no session file to put the session cookies back into",
            entry.profile_dir.display()
        ))
    })
}

fn restore_session(entry: &ManifestStore, from: &Path, saved: &Path) -> Result<UndoOutcome> {
    // An older copy ("Restore Previous Session", a crash backup) gets its entries back in
    // place while it is still there; the current session's go wherever it lives now.
    let file = if session::is_older_copy(&entry.profile_dir, from) && from.is_file() {
        from.to_path_buf()
    } else {
        current_session_file(entry)?
    };
    let file = file.as_path();
    let text = files::read_capped(saved, files::SESSION_FILE_CAP, Links::Refuse)?;
    if let Some(reason) = digest_mismatch(entry, &backup::bytes_digest(&text)) {
        return Ok(UndoOutcome::Refused { reason });
    }
    let entries: Vec<serde_json::Value> =
        serde_json::from_slice(&text).map_err(|e| Error::Parse {
            path: saved.to_path_buf(),
            message: e.to_string(),
        })?;
    if entries.len() != entry.count {
        return Ok(UndoOutcome::Refused {
            reason: tampered(
                entry,
                &format!(
                    "{} entries saved, {} in the file",
                    entry.count,
                    entries.len()
                ),
            ),
        });
    }
    let (added, already_there) = session_edit::add_back(file, &entries)?;
    Ok(UndoOutcome::Restored {
        added,
        already_there,
    })
}

/// A saved table part, as its manifest describes it.
struct Saved<'a> {
    table: &'a str,
    create_sql: &'a str,
    version: &'a str,
    ids: &'a [i64],
    file: &'a Path,
}

fn restore_table(entry: &ManifestStore, saved: Saved<'_>) -> Result<UndoOutcome> {
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

fn digest_mismatch(entry: &ManifestStore, digest: &str) -> Option<String> {
    match &entry.content_sha256 {
        Some(want) if want != digest => Some(tampered(entry, "its content hash differs")),
        _ => None,
    }
}

fn tampered(entry: &ManifestStore, why: &str) -> String {
    format!(
        "{}: the backup does not match its manifest ({why}); it was changed after it was \
         made, so nothing was restored",
        entry.path.display()
    )
}
