//! Builds Chromium `Cookies` databases with the exact schemas Chromium writes (v24 as
//! dumped from Chromium 156, v18 from `sqlite_persistent_cookie_store.cc`), with values
//! encrypted the way Linux Chromium does it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use crumbs::model::{Browser, StoreRef};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

pub const V24_SCHEMA: &str = "
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
INSERT INTO meta VALUES('mmap_status','-1'),('version','24'),('last_compatible_version','24');
";

pub const V18_SCHEMA: &str = "
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB DEFAULT '',path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL DEFAULT 1,is_persistent INTEGER NOT NULL DEFAULT 1,priority INTEGER NOT NULL DEFAULT 1,samesite INTEGER NOT NULL DEFAULT -1,source_scheme INTEGER NOT NULL DEFAULT 0,source_port INTEGER NOT NULL DEFAULT -1,is_same_party INTEGER NOT NULL DEFAULT 0,last_update_utc INTEGER NOT NULL DEFAULT 0,UNIQUE (host_key, top_frame_site_key, name, path));
INSERT INTO meta VALUES('version','18'),('last_compatible_version','18');
";

/// 2025-01-01T00:00:00Z in Chromium's 1601-epoch microseconds.
pub const JAN_2025: i64 = 1_735_689_600_000_000 + 11_644_473_600_000_000;
pub const DAY: i64 = 86_400_000_000;

/// One row; everything a test varies.
#[derive(Clone)]
pub struct Row<'a> {
    pub host: &'a [u8],
    pub top_frame: &'a str,
    pub name: &'a [u8],
    pub value: &'a [u8],
    pub encrypted: Vec<u8>,
    pub path: &'a str,
    pub expires: i64,
    pub persistent: bool,
    pub samesite: i64,
    pub cross_site: i64,
}

impl Default for Row<'_> {
    fn default() -> Self {
        Row {
            host: b".example.test",
            top_frame: "",
            name: b"n",
            value: b"",
            encrypted: Vec::new(),
            path: "/",
            expires: JAN_2025 + 30 * DAY,
            persistent: true,
            samesite: -1,
            cross_site: 1,
        }
    }
}

pub fn v10_key() -> [u8; 16] {
    let mut k = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(b"peanuts", b"saltysalt", 1, &mut k);
    k
}

/// `v10 ‖ AES-128-CBC(peanuts key, [SHA-256(host) ‖] value)` as Linux Chromium writes.
pub fn seal_v10(host: &[u8], value: &[u8], meta: i64) -> Vec<u8> {
    seal(b"v10", v10_key(), host, value, meta)
}

pub fn seal(tag: &[u8], key: [u8; 16], host: &[u8], value: &[u8], meta: i64) -> Vec<u8> {
    let mut plain = Vec::new();
    if meta >= 24 {
        plain.extend_from_slice(&Sha256::digest(host));
    }
    plain.extend_from_slice(value);
    let n = plain.len();
    plain.resize(n + 16 - n % 16, 0);
    let enc = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &[b' '; 16].into());
    let ct = enc
        .encrypt_padded_mut::<Pkcs7>(&mut plain, n)
        .unwrap()
        .to_vec();
    [tag, ct.as_slice()].concat()
}

pub fn create(path: &Path, schema: &str, rows: &[Row<'_>]) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(schema).unwrap();
    let v24 = schema.contains("has_cross_site_ancestor");
    let tx = conn.unchecked_transaction().unwrap();
    {
        let sql = if v24 {
            "INSERT INTO cookies VALUES(?1,CAST(?2 AS TEXT),?3,CAST(?4 AS TEXT),CAST(?5 AS TEXT),?6,?7,?8,1,0,?1,?9,?9,1,?10,2,443,?1,1,?11)"
        } else {
            "INSERT INTO cookies VALUES(?1,CAST(?2 AS TEXT),?3,CAST(?4 AS TEXT),CAST(?5 AS TEXT),?6,?7,?8,1,0,?1,?9,?9,1,?10,2,443,0,?1)"
        };
        let mut stmt = tx.prepare(sql).unwrap();
        for r in rows {
            let expires = if r.persistent { r.expires } else { 0 };
            let mut p: Vec<Box<dyn rusqlite::ToSql>> = vec![
                Box::new(JAN_2025),
                Box::new(r.host.to_vec()),
                Box::new(r.top_frame.to_string()),
                Box::new(r.name.to_vec()),
                Box::new(r.value.to_vec()),
                Box::new(r.encrypted.clone()),
                Box::new(r.path.to_string()),
                Box::new(expires),
                Box::new(i64::from(r.persistent)),
                Box::new(r.samesite),
            ];
            if v24 {
                p.push(Box::new(r.cross_site));
            }
            stmt.execute(rusqlite::params_from_iter(p.iter())).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// A Chromium profile tree `<dir>/chromium/Default/Cookies`, as discovery would find it.
pub fn store_at(root: &Path) -> (PathBuf, Arc<StoreRef>) {
    let ud = root.join("chromium");
    let profile = ud.join("Default");
    std::fs::create_dir_all(&profile).unwrap();
    let path = profile.join("Cookies");
    let store = StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: profile.clone(),
        path: path.clone(),
        user_data_dir: Some(ud),
        is_default: true,
        is_demo: false,
    };
    (path, Arc::new(store))
}
