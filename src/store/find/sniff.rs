//! `--store PATH`: tell a store's kind from its content, not its name. A file or a
//! profile folder is accepted; SQLite files are inspected through a private snapshot
//! (never opened in place), Safari files by their `cook` magic and a full parse. The
//! browser is only guessed from the path, and the content wins when the two disagree.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::model::{Browser, Family, StoreRef};
use crate::store::find::discover::Os;
use crate::store::snapshot::Snapshot;
use crate::{Error, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// An SQLite file is at least its 100-byte header.
const SQLITE_HEADER: u64 = 100;

/// A [`StoreRef`] for `path`, which is a cookie file or a folder holding one.
pub fn open_path(path: &Path) -> Result<StoreRef> {
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let file = if meta.is_dir() {
        file_in_folder(path)?
    } else {
        path.to_path_buf()
    };
    let family = family_of(&file)?;
    Ok(store_ref(&file, family))
}

/// Cookie files a profile folder (or a Chromium user data dir) may hold, best first.
fn file_in_folder(dir: &Path) -> Result<PathBuf> {
    let network = Path::new("Network").join("Cookies");
    let plain = PathBuf::from("Cookies");
    // Windows Chromium moved the live file to `Network\Cookies`; elsewhere it is `Cookies`.
    let (first, second) = if Os::current() == Os::Windows {
        (network, plain)
    } else {
        (plain, network)
    };
    let default = Path::new("Default");
    let names = [
        PathBuf::from("cookies.sqlite"),
        PathBuf::from("Cookies.binarycookies"),
        first.clone(),
        second.clone(),
        default.join(first),
        default.join(second),
    ];
    names
        .into_iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
        .ok_or_else(|| Error::NotAStore {
            path: dir.to_path_buf(),
            reason: "folder holds no cookies.sqlite, Cookies or Cookies.binarycookies".into(),
        })
}

fn head(path: &Path) -> Result<(Vec<u8>, u64)> {
    let mut f = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = f.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut buf = Vec::with_capacity(SQLITE_HEADER as usize);
    (&mut f)
        .take(SQLITE_HEADER)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    Ok((buf, len))
}

/// The store family from the file's bytes.
pub fn family_of(path: &Path) -> Result<Family> {
    let not_store = |reason: &str| Error::NotAStore {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    // Opening a FIFO blocks until a writer appears and a device never ends: look at
    // regular files only.
    if !fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .is_file()
    {
        return Err(not_store("not a regular file"));
    }
    let (head, len) = head(path)?;
    if head.is_empty() {
        return Err(not_store("the file is empty"));
    }
    if head.starts_with(b"cook") {
        let bytes = crate::store::read::safari::read_bytes(path)?;
        crate::store::read::safari::parse::parse(&bytes)
            .map_err(|e| crate::store::read::safari::to_error(path, e))?;
        return Ok(Family::Safari);
    }
    if !head.starts_with(SQLITE_MAGIC) {
        return Err(not_store(
            "neither an SQLite database nor a Safari binarycookies file",
        ));
    }
    check_sqlite_length(path, &head, len)?;
    let tables = table_names(path)?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    if has("moz_cookies") {
        Ok(Family::Firefox)
    } else if has("cookies") && has("meta") {
        Ok(Family::Chromium)
    } else {
        let mut shown: Vec<&str> = tables.iter().map(String::as_str).take(5).collect();
        if shown.is_empty() {
            shown.push("no tables");
        }
        Err(Error::UnknownSchema {
            path: path.to_path_buf(),
            reason: format!(
                "no moz_cookies or cookies+meta table; found {}",
                shown.join(", ")
            ),
        })
    }
}

/// A file cut short is not a whole number of pages; say so instead of SQLite's vaguer
/// "file is not a database".
fn check_sqlite_length(path: &Path, head: &[u8], len: u64) -> Result<()> {
    let page = match head.get(16..18) {
        Some([1, 0]) => 65_536,
        Some([a, b]) => u64::from(u16::from_be_bytes([*a, *b])),
        _ => 0,
    };
    if len < SQLITE_HEADER || page < 512 || !len.is_multiple_of(page) {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!("truncated SQLite database ({len} bytes)"),
        });
    }
    Ok(())
}

/// How much of a file the quick schema look copies: page 1 (where the schema table
/// starts) and, for small pages, the next few.
const HEAD_BYTES: u64 = 64 * 1024;

/// The file's table names. Tried first on a private copy of the file's head only, since
/// copying a 100 MB store twice (here and again by the reader) is most of the work of a
/// small listing; any doubt falls back to a full snapshot.
fn table_names(path: &Path) -> Result<Vec<String>> {
    if let Ok(Some(head)) = Snapshot::take_head(path, HEAD_BYTES)
        && let Ok(names) = head_table_names(&head)
    {
        return Ok(names);
    }
    let snap = Snapshot::take(path)?;
    let conn = snap.open()?;
    names_in(&conn).map_err(|e| Error::sqlite(path, &e))
}

/// Reads the schema of a head-only copy. The schema's rows name index and table root
/// pages past the copied part; `writable_schema` stops SQLite refusing them as corrupt,
/// and the copy is opened read-only, so nothing can be written through it. A schema
/// that itself spills past the copy fails to read, and the caller falls back.
fn head_table_names(head: &Snapshot) -> rusqlite::Result<Vec<String>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(head.path(), flags)?;
    conn.pragma_update(None, "writable_schema", true)?;
    names_in(&conn)
}

fn names_in(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

fn store_ref(file: &Path, family: Family) -> StoreRef {
    let parent = file.parent().unwrap_or(Path::new("")).to_path_buf();
    // Chromium on Windows keeps the file in `<profile>\Network\`.
    let profile_dir =
        if family == Family::Chromium && parent.file_name() == Some("Network".as_ref()) {
            parent.parent().map(Path::to_path_buf).unwrap_or(parent)
        } else {
            parent
        };
    let user_data_dir = if family != Family::Chromium {
        None
    } else if profile_dir.join("Local State").is_file() {
        // Opera: the user data dir is the profile.
        Some(profile_dir.clone())
    } else {
        profile_dir
            .parent()
            .filter(|p| p.join("Local State").is_file())
            .map(Path::to_path_buf)
    };
    let profile = profile_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    StoreRef {
        browser: guess_browser(file, family),
        profile,
        profile_dir,
        path: file.to_path_buf(),
        user_data_dir,
        is_default: false,
        is_demo: false,
    }
}

/// The browser a path most likely belongs to, within `family`; the family's generic
/// browser when nothing in the path says more.
pub fn guess_browser(path: &Path, family: Family) -> Browser {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect();
    match family {
        Family::Safari => Browser::Safari,
        Family::Firefox => guess_firefox(&parts),
        Family::Chromium => guess_chromium(&parts),
    }
}

fn any(parts: &[String], rule: Rule) -> bool {
    parts.iter().any(|p| rule(p))
}

fn guess_firefox(parts: &[String]) -> Browser {
    if any(parts, |p| p.contains("librewolf")) {
        Browser::LibreWolf
    } else if any(parts, |p| p.contains("waterfox")) {
        Browser::Waterfox
    } else if any(parts, |p| {
        p == ".zen" || p == "zen" || p.contains("zen_browser")
    }) {
        Browser::Zen
    } else {
        Browser::Firefox
    }
}

type Rule = fn(&str) -> bool;

/// Folder names per browser (reference §1.2). First match wins and the generic Chromium
/// comes last, so a branded folder beats a user or backup folder named "chromium".
const CHROMIUM_RULES: [(Browser, Rule); 6] = [
    (Browser::Brave, |p| {
        p.contains("bravesoftware") || p.starts_with("brave")
    }),
    (Browser::Edge, |p| {
        p.contains("microsoft-edge")
            || p.starts_with("microsoft edge")
            || p == "edge"
            || p.starts_with("edge ")
    }),
    (Browser::Vivaldi, |p| p.contains("vivaldi")),
    (Browser::Opera, |p| {
        p.starts_with("opera") || p.contains("operasoftware")
    }),
    (Browser::Chrome, |p| {
        p.contains("google-chrome")
            || p.contains("google.chrome")
            || p == "chrome"
            || p.starts_with("chrome ")
    }),
    (Browser::Chromium, |p| p.contains("chromium")),
];

fn guess_chromium(parts: &[String]) -> Browser {
    CHROMIUM_RULES
        .into_iter()
        .find(|(_, rule)| any(parts, *rule))
        .map(|(b, _)| b)
        .unwrap_or(Browser::Chromium)
}
