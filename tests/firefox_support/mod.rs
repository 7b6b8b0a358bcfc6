//! Shared builders for the Firefox tests: profiles with the exact `moz_cookies` schemas
//! Firefox wrote (v17 copied from Firefox 153 ESR; v15 and v10 from the migration history),
//! session files, and a whole-folder fingerprint to prove reads change nothing.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crumbs::model::{Browser, StoreRef};
use rusqlite::Connection;

/// `.schema` of `cookies.sqlite` written by Firefox 153 ESR (`user_version` 17).
pub const V17: &str = "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));";

/// v15: no `updateTime` yet, `rawSameSite` already dropped, expiry in seconds.
pub const V15: &str = "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));";

/// v10: `baseDomain` and `rawSameSite` present, no `schemeMap`, expiry in seconds.
pub const V10: &str = "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, baseDomain TEXT, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, rawSameSite INTEGER DEFAULT 0, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes)); CREATE INDEX moz_basedomain ON moz_cookies (baseDomain, originAttributes);";

/// Now, in seconds since the Unix epoch.
pub fn now_s() -> i64 {
    crumbs::model::UnixMicros::now().secs()
}

/// Creates `<dir>/cookies.sqlite` with `schema`, WAL journal like Firefox, and `version`.
pub fn make_db(dir: &Path, schema: &str, version: i64) -> Connection {
    let conn = Connection::open(dir.join("cookies.sqlite")).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA journal_mode=WAL; {schema} PRAGMA user_version={version};"
    ))
    .unwrap();
    conn
}

/// One v17 row; `expiry` is in whatever unit the caller's schema uses.
#[allow(clippy::too_many_arguments)]
pub fn insert17(
    conn: &Connection,
    host: &str,
    name: &str,
    value: &str,
    oa: &str,
    expiry: i64,
    same_site: i64,
    secure: bool,
) {
    let t = now_s() * 1_000_000;
    conn.execute(
        "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
           lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap,
           isPartitionedAttributeSet, updateTime)
         VALUES (?1, ?2, ?3, ?4, '/', ?5, ?6, ?6, ?7, 1, ?8, 2, 0, ?6)",
        rusqlite::params![oa, name, value, host, expiry, t, secure, same_site],
    )
    .unwrap();
}

pub fn store(profile: &Path) -> Arc<StoreRef> {
    Arc::new(StoreRef {
        browser: Browser::Firefox,
        profile: "test".into(),
        profile_dir: profile.to_path_buf(),
        path: profile.join("cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    })
}

/// Writes `json` as a mozLz4 session file at `profile/rel`, creating folders.
pub fn write_session(profile: &Path, rel: &str, json: &str) -> PathBuf {
    let path = profile.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        crumbs::store::read::firefox::mozlz4::encode(json.as_bytes()).unwrap(),
    )
    .unwrap();
    path
}

/// Every entry under `dir` with a hash of its bytes (or symlink target), size and mtime.
pub fn fingerprint(dir: &Path) -> BTreeMap<PathBuf, (u64, u64, Option<std::time::SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            if meta.is_dir() {
                stack.push(p.clone());
            } else if meta.file_type().is_symlink() {
                std::fs::read_link(&p).unwrap().hash(&mut h);
            } else {
                std::fs::read(&p).unwrap().hash(&mut h);
            }
            out.insert(p, (h.finish(), meta.len(), meta.modified().ok()));
        }
    }
    out
}
