//! Building one backup under a temporary folder name; `commit` writes the manifest and
//! renames the folder to its id, which is the moment the backup exists.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, params_from_iter};

use super::{BackupRoot, Manifest, ManifestStore, Source, TMP_PREFIX, write_manifest};
use crate::model::{StoreRef, UnixMicros};
use crate::store::files::{self, create_private, sync_dir, write_private};
use crate::{Error, Result};

/// A backup being written; dropping it without `commit` removes the temporary folder.
#[derive(Debug)]
pub(crate) struct PendingBackup {
    root: PathBuf,
    tmp: PathBuf,
    manifest: Manifest,
    done: bool,
}

/// What describes the saved rows of one table; the rows themselves come from a
/// [`RowSource`].
pub(crate) struct TableRows<'a> {
    pub table: &'a str,
    pub create_sql: &'a str,
    pub schema_version: &'a str,
    pub columns: &'a [String],
    /// The rows' ids, ascending: the source yields the rows in this order.
    pub ids: Vec<i64>,
}

/// Hands each row's raw values (in `columns` order) to the sink it is given, one row at a
/// time, so the rows are written and hashed as they are read and never all held at once.
pub(crate) type RowSource<'s> =
    &'s mut dyn FnMut(&mut dyn FnMut(&[ValueRef<'_>]) -> Result<()>) -> Result<()>;

impl PendingBackup {
    pub fn begin(root: &BackupRoot, filter: &str) -> Result<PendingBackup> {
        root.ensure()?;
        let now = UnixMicros::now();
        let id = new_id(now);
        let tmp = root.dir.join(format!("{TMP_PREFIX}{id}"));
        fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        files::ensure_private_dir(&tmp)?;
        Ok(PendingBackup {
            root: root.dir.clone(),
            tmp,
            manifest: Manifest {
                id,
                created: crate::timefmt::rfc3339(now),
                created_micros: now.0,
                crumbs_version: env!("CARGO_PKG_VERSION").to_owned(),
                filter: filter.to_owned(),
                restored: None,
                stores: Vec::new(),
            },
            done: false,
        })
    }

    /// Saves table rows byte-exact: a copy of the table's CREATE statement and one INSERT
    /// of the raw values per row. Returns the index of the store entry. Fails when the
    /// source yields another number of rows than `t.ids` names.
    pub fn add_table(
        &mut self,
        store: &StoreRef,
        t: TableRows<'_>,
        rows: RowSource<'_>,
    ) -> Result<usize> {
        let n = self.manifest.stores.len();
        let file = format!("store-{n}.sqlite");
        let path = self.tmp.join(&file);
        let backup_err = |message: String| Error::Backup {
            id: self.manifest.id.clone(),
            message,
        };
        let (count, digest) = write_rows(&path, &t, rows).map_err(|e| match e {
            Error::Sqlite { reason, .. } => backup_err(format!("{}: {reason}", path.display())),
            other => other,
        })?;
        if count != t.ids.len() {
            return Err(backup_err(format!(
                "{} rows planned, {count} saved",
                t.ids.len()
            )));
        }
        self.push(
            store,
            (count, digest),
            Source::Table {
                table: t.table.to_owned(),
                create_sql: t.create_sql.to_owned(),
                schema_version: t.schema_version.to_owned(),
                ids: t.ids,
                rows_file: file,
            },
        );
        Ok(n)
    }

    /// Saves removed session-file entries as JSON.
    pub fn add_session(
        &mut self,
        store: &StoreRef,
        session_file: &Path,
        entries: &[serde_json::Value],
    ) -> Result<usize> {
        let n = self.manifest.stores.len();
        let file = format!("session-{n}.json");
        let bytes = serde_json::to_vec_pretty(entries).map_err(|e| Error::Backup {
            id: self.manifest.id.clone(),
            message: e.to_string(),
        })?;
        write_private(&self.tmp.join(&file), &bytes)?;
        self.push(
            store,
            (entries.len(), super::bytes_digest(&bytes)),
            Source::Session {
                file: session_file.to_path_buf(),
                entries_file: file,
            },
        );
        Ok(n)
    }

    /// Records one saved part: how many rows or entries, and their content hash.
    fn push(&mut self, store: &StoreRef, (count, digest): (usize, String), source: Source) {
        self.manifest.stores.push(ManifestStore {
            browser: store.browser,
            profile: store.profile.clone(),
            profile_dir: store.profile_dir.clone(),
            user_data_dir: store.user_data_dir.clone(),
            path: store.path.clone(),
            family: store.family(),
            source,
            count,
            content_sha256: Some(digest),
            outcome: None,
        });
    }

    /// Writes the manifest and renames the folder into place: from here on the backup is
    /// listed and undo can use it.
    pub fn commit(mut self) -> Result<Manifest> {
        write_manifest(&self.tmp, &self.manifest)?;
        sync_dir(&self.tmp)?;
        let dst = self.root.join(&self.manifest.id);
        files::rename_durably(&self.tmp, &dst)?;
        self.done = true;
        Ok(self.manifest.clone())
    }
}

impl Drop for PendingBackup {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes the rows as they come; returns how many and their [`super::RowsDigest`].
fn write_rows(path: &Path, t: &TableRows<'_>, rows: RowSource<'_>) -> Result<(usize, String)> {
    // Created 0600 before SQLite opens it: the rows include plaintext values.
    drop(create_private(path)?);
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    let mut conn = Connection::open(path).map_err(sqlerr)?;
    // No side file at all: a rollback journal would be created with the process umask.
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = FULL;")
        .map_err(sqlerr)?;
    let tx = conn.transaction().map_err(sqlerr)?;
    tx.execute_batch(t.create_sql).map_err(sqlerr)?;
    let mut digest = super::RowsDigest::new();
    let mut count = 0;
    {
        let cols: Vec<String> = t.columns.iter().map(|c| format!("\"{c}\"")).collect();
        let marks = vec!["?"; cols.len()].join(", ");
        let sql = format!(
            "INSERT INTO \"{}\" ({}) VALUES ({marks})",
            t.table,
            cols.join(", ")
        );
        let mut stmt = tx.prepare(&sql).map_err(sqlerr)?;
        rows(&mut |row| {
            // Bound as the raw values: text that is not valid UTF-8 stays those bytes.
            let params = row.iter().map(|v| ToSqlOutput::Borrowed(*v));
            stmt.execute(params_from_iter(params)).map_err(sqlerr)?;
            digest.add(row);
            count += 1;
            Ok(())
        })?;
    }
    tx.commit().map_err(sqlerr)?;
    conn.close().map_err(|(_, e)| sqlerr(e))?;
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))?;
    Ok((count, digest.finish()))
}

/// `20261129T031500.123456Z-3f9a`: sorts by time; the suffix keeps two crumbs started in
/// the same microsecond apart.
fn new_id(now: UnixMicros) -> String {
    let stamp = crate::timefmt::rfc3339(now).replace(['-', ':'], "");
    let stamp = stamp.trim_end_matches('Z');
    let micros = now.0.rem_euclid(1_000_000);
    format!("{stamp}.{micros:06}Z-{:04x}", random16())
}

fn random16() -> u16 {
    use std::io::Read;
    let mut b = [0u8; 2];
    if fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut b))
        .is_ok()
    {
        return u16::from_le_bytes(b);
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    (nanos ^ std::process::id().rotate_left(16)) as u16
}
