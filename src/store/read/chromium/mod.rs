//! Chromium family reader: the `cookies` table of a private snapshot of `Cookies`, columns
//! chosen by name, times moved from the 1601 epoch to Unix, values decrypted with keys
//! derived once per store.
//!
//! Must not: open the live file (only [`Snapshot`] copies), write anything, fail a read on
//! bytes that are not UTF-8, or put a cookie value into an error or note.

mod columns;
pub mod decrypt;
pub mod keys;
mod rows;
mod tag_keys;

pub use rows::to_unix;

use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;

use super::scan;
use super::{Keep, Mapper, ReadOptions, ReadSummary, StoreRead};
use crate::model::StoreRef;
use crate::site::SiteCache;
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};
use decrypt::{Tag, ValueKeys};

/// Oldest `meta.version` current Chromium still migrates (older files are recreated).
pub const OLDEST_META: i64 = 18;
/// Newest `meta.version` whose meaning crumbs knows (Chromium 130+; verified on 156).
pub const NEWEST_META: i64 = 24;

/// Reads every cookie of `store` from a snapshot; values only when `opts.decrypt`.
pub fn read(store: &Arc<StoreRef>, opts: &ReadOptions) -> Result<StoreRead> {
    read_with_keys(store, opts, |tags| ValueKeys::for_store(store, tags))
}

/// As [`read`], with the key source supplied by the caller. `keys` is called only when
/// `opts.decrypt` is set, once for each tag a value carries, with that one tag, when a
/// reading thread first meets it.
pub fn read_with_keys(
    store: &Arc<StoreRef>,
    opts: &ReadOptions,
    keys: impl Fn(&[Tag]) -> ValueKeys + Sync,
) -> Result<StoreRead> {
    super::collect(|keep| read_into_with_keys(store, opts, keys, &|c| c, keep))
}

/// As [`read`], batch by batch (see [`super::read_store_into`]).
pub fn read_into<T: Send>(
    store: &Arc<StoreRef>,
    opts: &ReadOptions,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<ReadSummary> {
    let keys = |tags: &[Tag]| ValueKeys::for_store(store, tags);
    read_into_with_keys(store, opts, keys, map, keep)
}

fn read_into_with_keys<T: Send>(
    store: &Arc<StoreRef>,
    opts: &ReadOptions,
    keys: impl Fn(&[Tag]) -> ValueKeys + Sync,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<ReadSummary> {
    let snap = Snapshot::take(&store.path)?;
    let open = || -> Result<Connection> {
        let conn = snap
            .open()
            .map_err(|e| rename(e, snap.path(), &store.path))?;
        Ok(conn)
    };
    let conn = open()?;
    let live = store.path.as_path();
    let version = meta_version(&conn, live)?;
    let mut notes = Vec::new();
    if version < OLDEST_META {
        return Err(Error::UnknownSchema {
            path: store.path.clone(),
            reason: format!("chromium meta {version}; crumbs reads {OLDEST_META} and later"),
        });
    }
    if version > NEWEST_META {
        notes.push(format!(
            "chromium meta {version} is newer than crumbs knows ({NEWEST_META}); read by column names"
        ));
    }
    let cols = columns::select(&conn, live)?;
    let keys = opts.decrypt.then(|| tag_keys::StoreKeys::new(&keys));
    let shared = rows::Shared {
        cols: &cols,
        store,
        keys: keys.as_ref(),
        meta: version,
    };
    let plan = scan::plan(&conn, "cookies", scan::workers());
    let mut done = scan::run(
        &plan,
        rows::Worker::new(conn),
        || open().map(rows::Worker::new),
        |w, span| w.read(&shared, span),
        map,
        keep,
    )?;
    notes.extend(rows::failure_note(&done.workers));
    SiteCache::drop_elsewhere(
        done.workers
            .iter_mut()
            .map(rows::Worker::take_sites)
            .collect(),
    );
    Ok(ReadSummary {
        cookies: done.cookies,
        schema: format!("chromium meta {version}"),
        notes,
    })
}

/// Errors from the snapshot name the temp copy; people know the live file.
fn rename(e: Error, copy: &Path, live: &Path) -> Error {
    match e {
        Error::Sqlite { reason, .. } => Error::Sqlite {
            path: live.to_path_buf(),
            reason: reason.replace(&copy.display().to_string(), &live.display().to_string()),
        },
        Error::NotAStore { reason, .. } => Error::NotAStore {
            path: live.to_path_buf(),
            reason,
        },
        Error::Corrupt { reason, .. } => Error::Corrupt {
            path: live.to_path_buf(),
            reason,
        },
        Error::Locked { .. } => Error::Locked {
            path: live.to_path_buf(),
        },
        other => other,
    }
}

/// `meta.version` exactly as stored (text or integer), `None` when absent: the one query
/// for it, used by the reader (which needs a number) and by the writer's table identity
/// (which compares the stored text before and after).
pub(crate) fn meta_version_text(conn: &Connection) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    use rusqlite::types::Value;
    let v: Option<Option<Value>> = conn
        .query_row("SELECT value FROM meta WHERE key = 'version'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match v.flatten() {
        Some(Value::Integer(i)) => Some(i.to_string()),
        Some(Value::Text(t)) => Some(t),
        _ => None,
    })
}

fn meta_version(conn: &Connection, live: &Path) -> Result<i64> {
    let has_meta: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('meta','cookies')",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| Error::sqlite(live, &e))?
        == 2;
    if !has_meta {
        return Err(Error::NotAStore {
            path: live.to_path_buf(),
            reason: "no Chromium `meta` and `cookies` tables".into(),
        });
    }
    let raw = meta_version_text(conn).map_err(|e| Error::sqlite(live, &e))?;
    raw.as_deref()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| Error::UnknownSchema {
            path: live.to_path_buf(),
            reason: "chromium meta table has no numeric version".into(),
        })
}
