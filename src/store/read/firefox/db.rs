//! `moz_cookies` rows from a private snapshot of `cookies.sqlite`. Columns are chosen by
//! name because every Firefox schema version adds or drops some; the only thing the
//! version decides is the unit of `expiry`. Never touches the live file.

use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::RowContext;
use super::containers::Containers;
use super::session::SessionCookies;
use crate::model::{
    Cookie, CookieValue, RawKey, RowKey, SameSite, Secret, StoreRef, UnixMicros, cookie_path,
};
use crate::site::SiteCache;
use crate::store::read::scan::{self, Span};
use crate::store::read::{Keep, Mapper, ReadSummary};
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};
use rustc_hash::FxHashSet;

/// Newest schema whose units crumbs knows (`COOKIES_SCHEMA_VERSION` in Firefox 153).
const KNOWN_VERSION: i64 = 17;
/// From schema 16 on (Firefox 142) `expiry` is in milliseconds; before, seconds.
const MS_FROM_VERSION: i64 = 16;
/// Schema 15 folded `rawSameSite` into `sameSite`; older files still need it.
const RAW_SAMESITE_UNTIL: i64 = 14;

/// Selected in this order; `true` marks columns every schema has.
const COLUMNS: [(&str, bool); 13] = [
    ("id", true),
    ("host", true),
    ("name", true),
    ("path", true),
    ("value", true),
    ("expiry", true),
    ("creationTime", false),
    ("lastAccessed", false),
    ("isSecure", false),
    ("isHttpOnly", false),
    ("sameSite", false),
    ("rawSameSite", false),
    ("originAttributes", false),
];

#[derive(Clone, Copy)]
enum ExpiryUnit {
    Seconds,
    Millis,
    /// `user_version` 0: nothing says which; decide per value by magnitude.
    Guess,
}

/// Reads every row of `moz_cookies` from a snapshot of `store.path`, batch by batch
/// through `map`, and says which of `session`'s cookies are also database rows.
pub(super) fn read<T: Send>(
    store: &Arc<StoreRef>,
    containers: &Containers,
    session: &SessionCookies,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<(ReadSummary, FxHashSet<usize>)> {
    let live = store.path.as_path();
    if std::fs::metadata(live)
        .map_err(|e| Error::io(live, e))?
        .len()
        == 0
    {
        return Err(not_a_store(live, "empty file"));
    }
    let snap = Snapshot::take(live)?;
    let sql_err = |e: rusqlite::Error| Error::sqlite(live, &e);
    let open = || -> Result<Connection> {
        // Read, not mapped: mapped pages count as the process's own memory, which
        // for a big store would be the whole file again next to the cookies read from it.
        snap.open().map_err(|e| relabel(e, live))
    };
    let conn = open()?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql_err)?;
    let present = table_columns(&conn).map_err(sql_err)?;
    if present.is_empty() {
        return Err(unknown(live, "no moz_cookies table".into()));
    }
    let mut notes = Vec::new();
    let unit = expiry_unit(version, live, &mut notes);
    let shared = Shared {
        sql: select_sql(&present).map_err(|reason| unknown(live, reason))?,
        store,
        unit,
        use_raw: version <= RAW_SAMESITE_UNTIL,
        session,
    };
    let worker = |conn| Worker {
        conn,
        ctx: RowContext::new(containers.clone()),
        dups: FxHashSet::default(),
    };
    let plan = scan::plan(&conn, "moz_cookies", scan::workers());
    let done = scan::run(
        &plan,
        worker(conn),
        || open().map(worker),
        |w, span| w.read(&shared, span).map_err(sql_err),
        map,
        keep,
    )?;
    let mut sites = Vec::with_capacity(done.workers.len());
    let mut dups = FxHashSet::default();
    for w in done.workers {
        sites.push(w.ctx.into_sites());
        dups.extend(w.dups);
    }
    SiteCache::drop_elsewhere(sites);
    let read = ReadSummary {
        cookies: done.cookies,
        schema: format!("moz_cookies v{version}"),
        notes,
    };
    Ok((read, dups))
}

/// What every worker shares.
struct Shared<'a> {
    sql: String,
    store: &'a Arc<StoreRef>,
    unit: ExpiryUnit,
    use_raw: bool,
    session: &'a SessionCookies,
}

/// One reading thread's connection and caches.
struct Worker {
    conn: Connection,
    ctx: RowContext,
    /// Session cookies met again as database rows.
    dups: FxHashSet<usize>,
}

impl Worker {
    fn read(&mut self, sh: &Shared<'_>, span: Span) -> rusqlite::Result<Vec<Cookie>> {
        let sql = format!("{}{}", sh.sql, scan::where_clause(span));
        let Worker { conn, ctx, dups } = self;
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = match span {
            Some((lo, hi)) => stmt.query([lo, hi])?,
            None => stmt.query([])?,
        };
        let mut out = Vec::with_capacity(scan::capacity(span));
        while let Some(row) = rows.next()? {
            let raw = RawKey::of(
                text_bytes(row.get_ref(1)?),
                text_bytes(row.get_ref(2)?),
                text_bytes(row.get_ref(3)?),
                text_bytes(row.get_ref(12)?),
            );
            let host = text(row.get_ref(1)?);
            let origin_attributes = text(row.get_ref(12)?);
            let jar = ctx.jar(&origin_attributes);
            let site = ctx.site(&host);
            let raw_same = sh.use_raw.then(|| int(row.get_ref(11).ok())).flatten();
            let name = text(row.get_ref(2)?);
            let path = text(row.get_ref(3)?);
            let copy = sh
                .session
                .duplicate_of(&host, &name, &path, &origin_attributes);
            if let Some(i) = copy {
                dups.insert(i);
            }
            out.push(Cookie {
                store: sh.store.clone(),
                key: RowKey::FirefoxDb {
                    id: int(row.get_ref(0).ok()).unwrap_or(0),
                    origin_attributes,
                    raw,
                },
                host,
                name,
                path: cookie_path(&path),
                value: CookieValue::Known(Secret::new(bytes(row.get_ref(4)?))),
                expires: int(row.get_ref(5).ok()).map(|e| expiry(e, sh.unit)),
                created: int(row.get_ref(6).ok()).map(UnixMicros),
                last_accessed: int(row.get_ref(7).ok()).map(UnixMicros),
                secure: int(row.get_ref(8).ok()).unwrap_or(0) != 0,
                http_only: int(row.get_ref(9).ok()).unwrap_or(0) != 0,
                same_site: same_site(int(row.get_ref(10).ok()), raw_same),
                partition: jar.partition.map(Into::into),
                container: jar.container.map(Into::into),
                site,
                in_session_file: copy.is_some(),
            });
        }
        Ok(out)
    }
}

/// The unit of `expiry` for a schema version; an unknown version gets a note.
fn expiry_unit(version: i64, live: &Path, notes: &mut Vec<String>) -> ExpiryUnit {
    match version {
        0 => {
            notes.push(format!(
                "{}: schema version missing; expiry units guessed per row",
                live.display()
            ));
            ExpiryUnit::Guess
        }
        v if v > KNOWN_VERSION => {
            notes.push(format!(
                "{}: newer schema (v{v}), units assumed ms",
                live.display()
            ));
            ExpiryUnit::Millis
        }
        v if v >= MS_FROM_VERSION => ExpiryUnit::Millis,
        _ => ExpiryUnit::Seconds,
    }
}

fn table_columns(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA table_info(moz_cookies)")?;
    let names = stmt.query_map([], |r| r.get::<_, String>("name"))?;
    names.collect()
}

/// `SELECT` with every wanted column in [`COLUMNS`] order, `NULL` for optional ones the
/// schema lacks; `Err` names the first required column that is missing.
fn select_sql(present: &[String]) -> Result<String, String> {
    let mut sql = String::from("SELECT ");
    for (i, (name, required)) in COLUMNS.iter().enumerate() {
        if i > 0 {
            sql.push_str(", ");
        }
        if present.iter().any(|p| p == name) {
            sql.push('"');
            sql.push_str(name);
            sql.push('"');
        } else if *required {
            return Err(format!("moz_cookies has no column {name}"));
        } else {
            sql.push_str("NULL");
        }
    }
    sql.push_str(" FROM moz_cookies");
    Ok(sql)
}

/// Text columns may hold any bytes (Firefox stores what sites send); never fail on them.
fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    }
}

/// The bytes of a TEXT value (empty for any other type), for [`RawKey::of`].
fn text_bytes(v: ValueRef<'_>) -> &[u8] {
    match v {
        ValueRef::Text(b) => b,
        _ => &[],
    }
}

/// Values keep their exact bytes, so a later reveal or undo shows what the site set.
fn bytes(v: ValueRef<'_>) -> Vec<u8> {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => b.to_vec(),
        ValueRef::Null => Vec::new(),
        other => text(other).into_bytes(),
    }
}

fn int(v: Option<ValueRef<'_>>) -> Option<i64> {
    match v? {
        ValueRef::Integer(i) => Some(i),
        ValueRef::Real(f) => Some(f as i64),
        ValueRef::Text(t) => std::str::from_utf8(t).ok()?.trim().parse().ok(),
        _ => None,
    }
}

/// 10^11 s is the year 5138 while 10^11 ms is 1973: a safe split when the unit is unknown.
const GUESS_MS_ABOVE: i64 = 100_000_000_000;

fn expiry(raw: i64, unit: ExpiryUnit) -> UnixMicros {
    let ms = match unit {
        ExpiryUnit::Millis => true,
        ExpiryUnit::Seconds => false,
        ExpiryUnit::Guess => raw > GUESS_MS_ABOVE,
    };
    if ms {
        UnixMicros(raw.saturating_mul(1000))
    } else {
        UnixMicros::from_secs(raw)
    }
}

/// 0 None, 1 Lax, 2 Strict, 256 unset. Before schema 15 an unset attribute was stored as
/// `sameSite`=Lax (lax-by-default) with `rawSameSite`=0; Firefox's 14→15 migration turns
/// exactly those rows into unset, and so does crumbs.
pub(crate) fn same_site(v: Option<i64>, raw: Option<i64>) -> SameSite {
    match (v, raw) {
        (Some(1), Some(0)) => SameSite::Unspecified,
        (Some(0), _) => SameSite::None,
        (Some(1), _) => SameSite::Lax,
        (Some(2), _) => SameSite::Strict,
        _ => SameSite::Unspecified,
    }
}

fn not_a_store(path: &Path, reason: &str) -> Error {
    Error::NotAStore {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn unknown(path: &Path, reason: String) -> Error {
    Error::UnknownSchema {
        path: path.to_path_buf(),
        reason,
    }
}

/// Errors from the snapshot name the private copy; users need the file they know.
fn relabel(err: Error, live: &Path) -> Error {
    let path = live.to_path_buf();
    match err {
        Error::NotAStore { reason, .. } => Error::NotAStore { path, reason },
        Error::Corrupt { reason, .. } => Error::Corrupt { path, reason },
        Error::Locked { .. } => Error::Locked { path },
        Error::Sqlite { reason, .. } => Error::Sqlite { path, reason },
        Error::Io { source, .. } => Error::Io { path, source },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_site_follows_firefox_constants_and_the_v15_migration() {
        assert_eq!(same_site(Some(0), None), SameSite::None);
        assert_eq!(same_site(Some(1), None), SameSite::Lax);
        assert_eq!(same_site(Some(2), None), SameSite::Strict);
        assert_eq!(same_site(Some(256), None), SameSite::Unspecified);
        assert_eq!(same_site(None, None), SameSite::Unspecified);
        assert_eq!(same_site(Some(1), Some(0)), SameSite::Unspecified);
        assert_eq!(same_site(Some(1), Some(1)), SameSite::Lax);
        assert_eq!(same_site(Some(0), Some(0)), SameSite::None);
    }

    #[test]
    fn expiry_units() {
        let s = 1_795_914_454;
        assert_eq!(expiry(s, ExpiryUnit::Seconds).secs(), s);
        assert_eq!(expiry(s * 1000 + 315, ExpiryUnit::Millis).secs(), s);
        assert_eq!(expiry(s, ExpiryUnit::Guess).secs(), s);
        assert_eq!(expiry(s * 1000, ExpiryUnit::Guess).secs(), s);
    }
}
