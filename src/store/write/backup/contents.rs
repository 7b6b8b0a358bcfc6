//! Which cookies a backup holds, for `crumbs backups`: browser, profile, host and name of
//! each saved row or session entry, read from the backup's own files. Never a value.

use rusqlite::{Connection, OpenFlags};

use super::{BackupRoot, Manifest, Source};
use crate::model::Family;
use crate::store::files::{self, Links};
use crate::{Error, Result};

/// One cookie a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SavedCookie {
    pub browser: &'static str,
    pub profile: String,
    pub host: String,
    pub name: String,
}

impl BackupRoot {
    /// The cookies backup `m` holds, store by store.
    pub fn cookies_of(&self, m: &Manifest) -> Result<Vec<SavedCookie>> {
        let folder = self.folder(&m.id);
        let mut out = Vec::new();
        for s in &m.stores {
            let pairs = match &s.source {
                Source::Table {
                    table, rows_file, ..
                } => table_keys(&folder.join(rows_file), table, s.family)?,
                Source::Session { entries_file, .. } => session_keys(&folder.join(entries_file))?,
            };
            out.extend(pairs.into_iter().map(|(host, name)| SavedCookie {
                browser: s.browser.display_name(),
                profile: s.profile.clone(),
                host,
                name,
            }));
        }
        Ok(out)
    }
}

fn table_keys(
    path: &std::path::Path,
    table: &str,
    family: Family,
) -> Result<Vec<(String, String)>> {
    let host = if family == Family::Chromium {
        "host_key"
    } else {
        "host"
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let sqlerr = |e: rusqlite::Error| Error::sqlite(path, &e);
    // Fails (and says so) on a file that is not regular before SQLite opens it.
    drop(files::open_regular(path, Links::Refuse)?);
    let conn = Connection::open_with_flags(path, flags).map_err(sqlerr)?;
    let sql = format!(
        "SELECT CAST(\"{host}\" AS BLOB), CAST(name AS BLOB) FROM \"{}\"",
        table.replace('"', "")
    );
    let mut stmt = conn.prepare(&sql).map_err(sqlerr)?;
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    let rows = stmt
        .query_map([], |r| Ok((text(r.get(0)?), text(r.get(1)?))))
        .map_err(sqlerr)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sqlerr)?;
    Ok(rows)
}

fn session_keys(path: &std::path::Path) -> Result<Vec<(String, String)>> {
    let bytes = files::read_capped(path, files::SESSION_FILE_CAP, Links::Refuse)?;
    let entries: Vec<serde_json::Value> =
        serde_json::from_slice(&bytes).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    let field = |e: &serde_json::Value, k: &str| e[k].as_str().unwrap_or_default().to_owned();
    Ok(entries
        .iter()
        .map(|e| (field(e, "host"), field(e, "name")))
        .collect())
}
