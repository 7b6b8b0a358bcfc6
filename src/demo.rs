//! The demo store: a Firefox-schema (v17) `cookies.sqlite` built in a private temporary
//! folder from `assets/demo/cookies.toml`, so crumbs can be tried with no browser data.
//! Times are set relative to "now" so the demo never goes stale. It writes only inside
//! its own temporary folder and never touches a real profile.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use tempfile::TempDir;

use crate::model::{Browser, Cookie, CookieValue, RowKey, SameSite, Secret, StoreRef, UnixMicros};
use crate::{Error, Result};

const SOURCE: &str = include_str!("../assets/demo/cookies.toml");
const SOURCE_NAME: &str = "assets/demo/cookies.toml";

/// Firefox's own table definition at schema 17 (`CookiePersistentStorage.cpp`).
const SCHEMA: &str = "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, \
originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, \
expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, \
isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, \
schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, \
updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))";

/// One cookie of the demo file.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoCookie {
    pub host: String,
    pub name: String,
    pub value: String,
    #[serde(default = "root")]
    pub path: String,
    pub expires_days: f64,
    #[serde(default)]
    pub last_used_hours: f64,
    #[serde(default)]
    pub created_days: f64,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub http_only: bool,
    #[serde(default)]
    pub same_site: Option<String>,
}

fn root() -> String {
    "/".into()
}

#[derive(Deserialize)]
struct DemoFile {
    cookie: Vec<DemoCookie>,
}

impl DemoCookie {
    fn same_site(&self) -> SameSite {
        match self.same_site.as_deref() {
            Some("none") => SameSite::None,
            Some("lax") => SameSite::Lax,
            Some("strict") => SameSite::Strict,
            _ => SameSite::Unspecified,
        }
    }
    fn times(&self, now: UnixMicros) -> (UnixMicros, UnixMicros, UnixMicros) {
        let at = |secs: f64| UnixMicros(now.0 + (secs * 1e6) as i64);
        (
            at(self.expires_days * 86_400.0),
            at(-self.last_used_hours * 3_600.0),
            at(-self.created_days * 86_400.0),
        )
    }
}

/// The demo cookies as written in the shipped file.
pub fn specs() -> Result<Vec<DemoCookie>> {
    toml::from_str::<DemoFile>(SOURCE)
        .map(|f| f.cookie)
        .map_err(|e| Error::Parse {
            path: SOURCE_NAME.into(),
            message: e.message().to_string(),
        })
}

/// [`build`] as of now: the demo store the command line and the UI open.
pub fn create() -> Result<(TempDir, StoreRef)> {
    build(UnixMicros::now())
}

/// The private backup folder of a demo store: inside the demo's own temporary folder, so
/// trying delete and undo on the demo never writes into the person's real backups.
/// `None` for a store that is not a demo.
pub fn backups_dir(store: &StoreRef) -> Option<std::path::PathBuf> {
    store
        .is_demo
        .then(|| store.profile_dir.parent().map(|d| d.join("backups")))
        .flatten()
}

/// Builds the demo store in a new private temporary folder. Keep the `TempDir` alive for
/// as long as the store is used: dropping it removes the folder.
pub fn build(now: UnixMicros) -> Result<(TempDir, StoreRef)> {
    let dir = tempfile::Builder::new()
        .prefix("crumbs-demo-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let profile_dir = dir.path().join("demo.default");
    std::fs::create_dir(&profile_dir).map_err(|e| Error::io(&profile_dir, e))?;
    let path = profile_dir.join("cookies.sqlite");
    write_db(&path, &specs()?, now)?;
    let store = StoreRef {
        browser: Browser::Firefox,
        profile: "demo".into(),
        profile_dir,
        path,
        user_data_dir: None,
        is_default: true,
        is_demo: true,
    };
    Ok((dir, store))
}

fn write_db(path: &Path, cookies: &[DemoCookie], now: UnixMicros) -> Result<()> {
    let err = |e: rusqlite::Error| Error::sqlite(path, &e);
    let mut db = rusqlite::Connection::open(path).map_err(err)?;
    // Same settings Firefox uses, so the demo exercises the real reader paths (WAL).
    db.execute_batch(
        "PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA user_version = 17;",
    )
    .map_err(err)?;
    db.execute_batch(SCHEMA).map_err(err)?;
    let tx = db.transaction().map_err(err)?;
    {
        let mut ins = tx
            .prepare(
                "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, \
                 lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap, \
                 updateTime) VALUES ('', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .map_err(err)?;
        for c in cookies {
            let (expires, used, created) = c.times(now);
            let same_site = match c.same_site() {
                SameSite::None => 0,
                SameSite::Lax => 1,
                SameSite::Strict => 2,
                SameSite::Unspecified => 256,
            };
            // Schema 16+: expiry in milliseconds; the other times in microseconds.
            ins.execute(rusqlite::params![
                c.name,
                c.value,
                c.host,
                c.path,
                expires.0 / 1000,
                used.0,
                created.0,
                c.secure,
                c.http_only,
                same_site,
                if c.secure { 2 } else { 1 },
                used.0,
            ])
            .map_err(err)?;
        }
    }
    tx.commit().map_err(err)
}

/// The demo cookies as a reader would return them, without a database: for tests and
/// benchmarks that must not depend on the readers.
pub fn cookies(store: &Arc<StoreRef>, now: UnixMicros) -> Result<Vec<Cookie>> {
    Ok(specs()?
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let (expires, used, created) = c.times(now);
            Cookie {
                store: store.clone(),
                key: RowKey::FirefoxDb {
                    id: i as i64 + 1,
                    origin_attributes: String::new(),
                    raw: None,
                },
                site: Arc::from(crate::site::registrable_domain(&c.host)),
                same_site: c.same_site(),
                host: c.host,
                name: c.name,
                path: crate::model::cookie_path(&c.path),
                value: CookieValue::Known(Secret::new(c.value.into_bytes())),
                expires: Some(UnixMicros(expires.0 / 1000 * 1000)),
                created: Some(created),
                last_accessed: Some(used),
                secure: c.secure,
                http_only: c.http_only,
                partition: None,
                container: None,
                in_session_file: false,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_store_is_a_v17_firefox_database() {
        let now = UnixMicros::from_secs(1_795_914_454);
        let (dir, store) = build(now).unwrap();
        assert!(store.is_demo && store.path.starts_with(dir.path()));
        let db = rusqlite::Connection::open(&store.path).unwrap();
        let v: i64 = db
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 17);
        let n: i64 = db
            .query_row("SELECT count(*) FROM moz_cookies", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n as usize, specs().unwrap().len());
        assert!(n >= 40);
        let seed: Vec<String> = db
            .prepare("SELECT name FROM moz_cookies WHERE host = 'www.fabriquenumeriquedupasse.fr' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            seed,
            [
                "cookies_preferences",
                "csrftoken",
                "django_language",
                "sessionid"
            ]
        );
        let exp: i64 = db
            .query_row(
                "SELECT expiry FROM moz_cookies WHERE name = 'sessionid'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(exp, (now.0 + 14 * 86_400_000_000) / 1000, "expiry in ms");
    }
}
