//! Deterministic synthetic cookie stores with the real browser schemas, for benchmarks.
//! The same seed gives the same bytes, so runs compare like with like.

use std::path::Path;

use aes::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

pub const CHROMIUM_SCHEMA: &str = "
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
INSERT INTO meta VALUES('mmap_status','-1'),('version','24'),('last_compatible_version','24');
";

pub const FIREFOX_SCHEMA: &str = "
PRAGMA page_size = 32768;
PRAGMA journal_mode = WAL;
CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
PRAGMA user_version = 17;
";

const NAMES: [&str; 16] = [
    "_ga",
    "_gid",
    "sessionid",
    "csrftoken",
    "IDE",
    "fr",
    "_fbp",
    "PHPSESSID",
    "lang",
    "theme",
    "__cf_bm",
    "uid",
    "cart",
    "consent",
    "_hjSessionUser_1",
    "x_track",
];
const SUFFIXES: [&str; 6] = ["com", "org", "net", "fr", "co.uk", "io"];
/// 1601 → 1970 in microseconds.
const WIN_EPOCH_OFFSET: i64 = 11_644_473_600_000_000;
const NOW_US: i64 = 1_795_000_000_000_000;

/// Small deterministic generator (xorshift64*), enough for varied rows.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub struct Row {
    pub host: String,
    pub name: String,
    pub value: String,
    pub expires_us: i64,
    pub partition: String,
}

/// Rows shaped like a real jar: most names are well-known ones repeated across many
/// sites, one in ten is a site-specific name nobody lists (the heuristics' long tail), and
/// every (host, name) pair is unique as the browsers' unique keys require.
fn rows(n: usize) -> impl Iterator<Item = Row> {
    let mut rng = Rng(0x00c0_ffee_1234_5678);
    let sites = n.div_ceil(5).max(1);
    (0..n).map(move |i| {
        let (site_no, round) = (i % sites, i / sites);
        let site = format!("site{site_no}.{}", SUFFIXES[site_no % 6]);
        let host = if round % 2 == 0 {
            format!(".{site}")
        } else {
            format!("www.{site}")
        };
        let name = if rng.below(10) == 0 {
            format!("pref{}_{:x}", round, rng.below(1 << 24))
        } else {
            NAMES[(round * 3 + rng.below(3) as usize) % NAMES.len()].to_string()
        };
        let value = format!("{:016x}{:08x}", rng.next(), rng.below(1 << 32));
        let expires_us = NOW_US + (rng.below(400 * 86_400) as i64 - 30 * 86_400) * 1_000_000;
        let partition = if rng.below(10) == 0 {
            format!("https://top{}.com", rng.below(50))
        } else {
            String::new()
        };
        Row {
            host,
            name,
            value,
            expires_us,
            partition,
        }
    })
}

/// Chromium meta 24: every value `v10`-encrypted with the fixed Linux key, plaintext
/// prefixed with SHA-256(host_key) as Chromium does from version 24.
pub fn chromium_db(path: &Path, n: usize) {
    let mut key = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(b"peanuts", b"saltysalt", 1, &mut key);
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch(CHROMIUM_SCHEMA).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut st = tx.prepare("INSERT INTO cookies VALUES (?1,?2,?3,?4,'',?5,'/',?6,1,?7,?1,1,1,1,?8,2,443,?1,1,1)").unwrap();
        for (i, r) in rows(n).enumerate() {
            let mut pt = Sha256::digest(r.host.as_bytes()).to_vec();
            pt.extend_from_slice(r.value.as_bytes());
            let mut buf = vec![0u8; pt.len() + 16];
            let len = pt.len();
            buf[..len].copy_from_slice(&pt);
            let ct = cbc::Encryptor::<aes::Aes128>::new(&key.into(), &[b' '; 16].into())
                .encrypt_padded_mut::<Pkcs7>(&mut buf, len)
                .unwrap();
            let mut blob = b"v10".to_vec();
            blob.extend_from_slice(ct);
            let created = NOW_US - 86_400_000_000 + WIN_EPOCH_OFFSET - i as i64;
            st.execute(params![
                created,
                r.host,
                r.partition,
                r.name,
                blob,
                r.expires_us + WIN_EPOCH_OFFSET,
                (i % 2) as i64,
                (i % 4) as i64 - 1,
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Firefox v17 in WAL mode, expiry in milliseconds, times in microseconds.
pub fn firefox_db(path: &Path, n: usize) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch(FIREFOX_SCHEMA).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut st = tx.prepare("INSERT INTO moz_cookies (originAttributes,name,value,host,path,expiry,lastAccessed,creationTime,isSecure,isHttpOnly,sameSite,schemeMap,isPartitionedAttributeSet,updateTime) VALUES (?1,?2,?3,?4,'/',?5,?6,?6,?7,?8,?9,2,0,?6)").unwrap();
        for (i, r) in rows(n).enumerate() {
            let oa = if r.partition.is_empty() {
                String::new()
            } else {
                format!(
                    "^partitionKey=%28https%2C{}%29",
                    r.partition.trim_start_matches("https://")
                )
            };
            st.execute(params![
                oa,
                r.name,
                r.value,
                r.host,
                r.expires_us / 1000,
                NOW_US - i as i64,
                (i % 2) as i64,
                (i % 3 == 0) as i64,
                [0i64, 1, 2, 256][i % 4],
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}
