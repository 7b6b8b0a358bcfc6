//! Real cookie stores for the delete, undo and backup tests: Firefox `moz_cookies` v17 (WAL,
//! 32 KiB pages) and Chromium `cookies` v24 (rollback journal), with the exact schemas the
//! browsers write, plus `Cookie` values built from their rows.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crumbs::model::{Browser, Cookie, CookieValue, RowKey, SameSite, StoreRef};
use rusqlite::Connection;
use rusqlite::types::Value;

pub const FIREFOX_CREATE: &str = "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, \
originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, \
expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly \
INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER \
DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT \
moz_uniqueid UNIQUE (name, host, path, originAttributes))";

pub const CHROMIUM_SCHEMA: &str = "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
INSERT INTO meta VALUES('mmap_status','-1'),('version','24'),('last_compatible_version','24');";

pub const PART: &str = "^partitionKey=%28https%2Ctop.test%29";

/// A Firefox profile with `cookies.sqlite` in its folder.
pub fn firefox_store(root: &Path) -> Arc<StoreRef> {
    let profile = root.join("ff.default");
    std::fs::create_dir_all(&profile).unwrap();
    let path = profile.join("cookies.sqlite");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA user_version = 17;",
    )
    .unwrap();
    conn.execute_batch(FIREFOX_CREATE).unwrap();
    let rows: &[(&str, &str, &str, Value)] = &[
        (".example.test", "dom", "", Value::Text("1".into())),
        ("www.example.test", "sec", "", Value::Text("s3cr3t".into())),
        ("emb.test", "part", "", Value::Text("unpartitioned".into())),
        ("emb.test", "part", PART, Value::Text("partitioned".into())),
        (
            ".example.test",
            "dom",
            "^userContextId=2",
            Value::Text("work".into()),
        ),
        // Stored bytes that are not text: must come back as the same BLOB.
        (
            "bin.test",
            "raw",
            "",
            Value::Blob(vec![0, 159, 146, 150, 255]),
        ),
        ("uni.test", "ünï", "", Value::Text("é\u{0}x".into())),
        ("keep.test", "stay", "", Value::Null),
    ];
    for (i, (host, name, oa, value)) in rows.iter().enumerate() {
        conn.execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, \
             lastAccessed, creationTime, isSecure, isHttpOnly, inBrowserElement, sameSite, \
             schemeMap, isPartitionedAttributeSet, updateTime) \
             VALUES (?1, ?2, ?3, ?4, '/', ?5, ?6, ?7, 1, 0, 0, 256, 2, ?8, ?7)",
            rusqlite::params![
                oa,
                name,
                value,
                host,
                1_795_914_454_315i64 + i as i64,
                1_764_300_000_000_000i64 + i as i64,
                1_764_000_000_000_000i64 + i as i64,
                i64::from(!oa.is_empty())
            ],
        )
        .unwrap();
    }
    // An expiry stored as REAL in an INTEGER column stays REAL: byte-exactness check.
    conn.execute(
        "UPDATE moz_cookies SET expiry = 1795914454315.5 WHERE name = 'sec'",
        [],
    )
    .unwrap();
    drop(conn);
    Arc::new(StoreRef {
        browser: Browser::Firefox,
        profile: "default".into(),
        profile_dir: profile,
        path,
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    })
}

/// A Chromium user data dir with `Default/Cookies`.
pub fn chromium_store(root: &Path) -> Arc<StoreRef> {
    let udd = root.join("chromium");
    let profile = udd.join("Default");
    std::fs::create_dir_all(&profile).unwrap();
    let path = profile.join("Cookies");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(CHROMIUM_SCHEMA).unwrap();
    let rows: &[(&str, &str, &str, i64)] = &[
        (".example.test", "", "dom", 1),
        ("www.example.test", "", "sec", 1),
        ("emb.test", "", "part", 1),
        ("emb.test", "https://top.test", "part", 1),
        ("emb.test", "https://top.test", "part", 0),
        ("keep.test", "", "stay", 1),
    ];
    for (i, (host, top, name, hcsa)) in rows.iter().enumerate() {
        let mut enc = b"v10".to_vec();
        enc.extend((0..32u8).map(|b| b.wrapping_mul(37).wrapping_add(i as u8)));
        conn.execute(
            "INSERT INTO cookies VALUES (?1, ?2, ?3, ?4, '', ?5, '/', ?6, 1, 1, ?1, 1, 1, 1, \
             -1, 2, 443, ?1, 1, ?7)",
            rusqlite::params![
                13_400_000_000_000_000i64 + i as i64,
                host,
                top,
                name,
                enc,
                13_430_000_000_000_000i64,
                hcsa
            ],
        )
        .unwrap();
    }
    drop(conn);
    // Chromium truncates its journal to 0 bytes and leaves it there.
    std::fs::write(profile.join("Cookies-journal"), b"").unwrap();
    Arc::new(StoreRef {
        browser: Browser::Chromium,
        profile: "Your Chromium".into(),
        profile_dir: profile,
        path,
        user_data_dir: Some(udd),
        is_default: true,
        is_demo: false,
    })
}

fn base(store: &Arc<StoreRef>, key: RowKey, host: String, name: String, path: String) -> Cookie {
    let site: Arc<str> = host.trim_start_matches('.').into();
    Cookie {
        store: Arc::clone(store),
        key,
        host,
        name,
        path: path.into(),
        value: CookieValue::NotLoaded,
        expires: None,
        created: None,
        last_accessed: None,
        secure: true,
        http_only: false,
        same_site: SameSite::Unspecified,
        partition: None,
        container: None,
        site,
        in_session_file: false,
    }
}

/// Every row of the store as the reader would report it (identity fields only).
pub fn cookies(store: &Arc<StoreRef>) -> Vec<Cookie> {
    let conn = Connection::open_with_flags(&store.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    if store.browser == Browser::Firefox {
        let mut st = conn
            .prepare("SELECT id, originAttributes, host, name, path FROM moz_cookies ORDER BY id")
            .unwrap();
        st.query_map([], |r| {
            let key = RowKey::FirefoxDb {
                id: r.get(0)?,
                origin_attributes: r.get(1)?,
                raw: None,
            };
            Ok(base(store, key, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    } else {
        let mut st = conn
            .prepare(
                "SELECT rowid, top_frame_site_key, has_cross_site_ancestor, source_scheme, \
                 source_port, host_key, name, path FROM cookies ORDER BY rowid",
            )
            .unwrap();
        st.query_map([], |r| {
            let key = RowKey::Chromium {
                rowid: r.get(0)?,
                top_frame_site_key: r.get(1)?,
                has_cross_site_ancestor: r.get(2)?,
                source_scheme: r.get(3)?,
                source_port: r.get(4)?,
                raw: None,
            };
            Ok(base(store, key, r.get(5)?, r.get(6)?, r.get(7)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }
}

/// A session cookie held in a Firefox session file.
pub fn session_cookie(
    store: &Arc<StoreRef>,
    file: &Path,
    host: &str,
    name: &str,
    oa: &str,
) -> Cookie {
    let key = RowKey::FirefoxSession {
        file: file.to_path_buf(),
        origin_attributes: oa.into(),
    };
    base(store, key, host.into(), name.into(), "/".into())
}

/// Every row, every column (and the rowid), raw, ordered by rowid.
pub fn select_all(path: &Path) -> Vec<Vec<Value>> {
    let conn = Connection::open(path).unwrap();
    let table = table_of(&conn);
    let mut st = conn
        .prepare(&format!("SELECT rowid, * FROM {table} ORDER BY rowid"))
        .unwrap();
    let n = st.column_count();
    st.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn table_of(conn: &Connection) -> &'static str {
    let ff: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'moz_cookies'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if ff == 1 { "moz_cookies" } else { "cookies" }
}

/// `sqlite3 .dump`, lines sorted (row order is not part of the comparison).
pub fn dump(path: &Path) -> Vec<String> {
    let out = std::process::Command::new("sqlite3")
        .arg(path)
        .arg(".dump")
        .output()
        .expect("sqlite3 CLI");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

pub fn quick_check(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap()
}

pub fn journal_mode(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// Every file under `dir` with its bytes: equal maps mean not one byte changed.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A test site on loopback: `/set…` sets three persistent cookies; every request's Cookie
/// header is appended to the log file (argv[2]).
pub const COOKIE_SERVER: &str = r#"
import http.server, sys
log = sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log, "a") as f:
            f.write("%s %s\n" % (self.path, self.headers.get("Cookie", "")))
        self.send_response(200)
        if self.path.startswith("/set"):
            for c in ["keep=1", "gone=2", "also=3"]:
                self.send_header("Set-Cookie", c + "; Max-Age=86400; Path=/")
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>ok</body></html>")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"#;

/// True when every tool is installed. Live tests: missing tools fail under `CI`, else skip.
pub fn tools_present(tools: &[&str]) -> bool {
    let missing: Vec<_> = tools.iter().filter(|p| !Path::new(p).exists()).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "CI: missing {missing:?}");
    eprintln!("skipped: {missing:?} not installed");
    false
}

/// The Cookie header the test site got for the last request of `path`.
pub fn cookie_header(dir: &Path, path: &str) -> String {
    let log = std::fs::read_to_string(dir.join("log")).unwrap();
    log.lines()
        .rfind(|l| l.starts_with(&format!("{path} ")))
        .unwrap_or_else(|| panic!("{path} never requested: {log}"))
        .trim_start_matches(path)
        .trim()
        .to_owned()
}

/// Asserts the first store of `report` was deleted from: `count` entries, none missing.
pub fn assert_deleted(report: &crumbs::store::delete::DeleteReport, count: usize) {
    assert!(
        matches!(
            report.outcomes[0],
            crumbs::store::delete::StoreOutcome::Deleted { count: c, missing: 0, .. } if c == count
        ),
        "{report:?}"
    );
}
