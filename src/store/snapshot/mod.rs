//! Private snapshots: a copy of a database and its side files in an owner-only temp folder.
//!
//! Why copy at all: a running Firefox holds `cookies.sqlite` exclusively, and even a
//! read-only open of a closed profile's file creates `-shm` or checkpoints the WAL, which
//! are writes to the user's profile. The copy carries `-wal` and `-journal` so SQLite
//! replays them on the copy and sees what the browser sees. The folder (and every
//! plaintext value in it) is removed when the [`Snapshot`] drops, or by the next crumbs
//! when this one was killed first (see `stale`).

mod stale;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::{Connection, OpenFlags};

use crate::store::files::with_suffix;
use crate::{Error, Result};

/// Side files SQLite needs to see the latest committed state. `-shm` is rebuilt by SQLite.
const SIDE_SUFFIXES: [&str; 2] = ["-wal", "-journal"];
/// A browser may commit while we copy; try again this many times before giving up.
const ATTEMPTS: usize = 4;

/// A private copy of one database file (and its side files).
#[derive(Debug)]
pub struct Snapshot {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Snapshot {
    /// Copies `live` and its side files into a new owner-only folder. Retries when the
    /// source changes during the copy, so the copy is one consistent state.
    pub fn take(live: &Path) -> Result<Snapshot> {
        let meta = fs::metadata(live).map_err(|e| Error::io(live, e))?;
        if meta.is_dir() {
            return Err(Error::NotAStore {
                path: live.to_path_buf(),
                reason: "is a folder, not a file".into(),
            });
        }
        // Opening a FIFO blocks until a writer appears, and a device never ends: copy
        // regular files only.
        if !meta.is_file() {
            return Err(Error::NotAStore {
                path: live.to_path_buf(),
                reason: "not a regular file".into(),
            });
        }
        let dir = private_tempdir()?;
        let name = live
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "store".into());
        let db = dir.path().join(&name);
        let mut last_err = None;
        for _ in 0..ATTEMPTS {
            let before = fingerprint(live);
            match copy_set(live, &db) {
                Ok(()) if fingerprint(live) == before => {
                    return Ok(Snapshot { dir, db });
                }
                Ok(()) => last_err = None,
                Err(e) => last_err = Some(e),
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Err(last_err.unwrap_or_else(|| Error::Locked {
            path: live.to_path_buf(),
        }))
    }

    /// A private copy of only the first `bytes` of `live`, for a look at its schema
    /// (which starts on page 1). `None` when a side file holds changes the head of the
    /// main file may not show yet: then only a full snapshot tells the truth.
    pub fn take_head(live: &Path, bytes: u64) -> Result<Option<Snapshot>> {
        let pending = SIDE_SUFFIXES
            .iter()
            .any(|s| fs::metadata(with_suffix(live, s)).is_ok_and(|m| m.len() > 0));
        if pending {
            return Ok(None);
        }
        let dir = private_tempdir()?;
        let db = dir.path().join("head");
        copy_private_head(live, &db, bytes)?;
        Ok(Some(Snapshot { dir, db }))
    }

    /// Path of the copied database.
    pub fn path(&self) -> &Path {
        &self.db
    }

    /// The private folder holding the copy.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Opens the copy read-write (so SQLite can replay a WAL or hot journal into the copy,
    /// never into the live file), refusing to create a database that is not there.
    pub fn open(&self) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&self.db, flags)
            .map_err(|e| Error::sqlite(&self.db, &e))?;
        conn.busy_timeout(std::time::Duration::from_millis(200))
            .map_err(|e| Error::sqlite(&self.db, &e))?;
        // Only a memory hint: on a file that is not a database it fails, and the caller's
        // first read then reports that, naming the live file rather than this copy.
        let _ = conn.pragma_update(None, "cache_size", CACHE_KIB);
        Ok(conn)
    }
}

/// SQLite's page cache per snapshot connection, in KiB (negative, as the pragma takes it).
/// A snapshot is read once, start to end, so cached leaf pages are never read again:
/// SQLite's default of 2 MiB per connection only adds to peak memory (measured: 3 MiB of
/// the UI's peak on a 100,000-cookie store read by two threads), and a quarter MiB still
/// holds every interior page of a big cookie table.
const CACHE_KIB: i64 = -256;

/// An owner-only (0700) temporary folder, removed when dropped, named `crumbs-<pid>-…`
/// so that a later crumbs can remove it if this process is killed before the drop.
pub fn private_tempdir() -> Result<tempfile::TempDir> {
    stale::sweep_once();
    let dir = tempfile::Builder::new()
        .prefix(&stale::own_prefix())
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(dir.path(), e))?;
    }
    Ok(dir)
}

fn copy_set(live: &Path, db: &Path) -> Result<()> {
    copy_private(live, db)?;
    for suffix in SIDE_SUFFIXES {
        let src = with_suffix(live, suffix);
        let dst = with_suffix(db, suffix);
        match fs::metadata(&src) {
            Ok(m) if m.is_file() => copy_private(&src, &dst)?,
            _ => {
                let _ = fs::remove_file(&dst);
            }
        }
    }
    Ok(())
}

/// Copies into a file created 0600 (values in Firefox stores are plaintext).
fn copy_private(src: &Path, dst: &Path) -> Result<()> {
    copy_private_head(src, dst, u64::MAX)
}

/// As [`copy_private`], stopping after `limit` bytes.
fn copy_private_head(src: &Path, dst: &Path, limit: u64) -> Result<()> {
    use std::io::{Read, copy};
    let input = fs::File::open(src).map_err(|e| open_error(src, e))?;
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut out = opts.open(dst).map_err(|e| Error::io(dst, e))?;
    copy(&mut input.take(limit), &mut out).map_err(|e| Error::io(src, e))?;
    Ok(())
}

/// Chrome, Edge and other Chromium browsers on Windows open `Network\Cookies` with no
/// sharing while they run, so even a copy fails with a sharing violation. That is the
/// browser holding the file, not damage: say so, and never work around it.
fn open_error(src: &Path, e: std::io::Error) -> Error {
    if is_sharing_violation(&e) {
        return Error::HeldOpen {
            path: src.to_path_buf(),
        };
    }
    Error::io(src, e)
}

/// `ERROR_SHARING_VIOLATION` (32) or `ERROR_LOCK_VIOLATION` (33); those numbers mean other
/// things on Unix, hence the platform check.
fn is_sharing_violation(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

type Fingerprint = Vec<Option<(u64, Option<SystemTime>)>>;

/// Size and mtime of the database and each side file: equal before and after a copy means
/// nothing was written meanwhile.
fn fingerprint(live: &Path) -> Fingerprint {
    std::iter::once(live.to_path_buf())
        .chain(SIDE_SUFFIXES.iter().map(|s| with_suffix(live, s)))
        .map(|p| fs::metadata(p).ok().map(|m| (m.len(), m.modified().ok())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_sees_wal_contents_and_leaves_source_alone() {
        let src = tempfile::tempdir().unwrap();
        let db = src.path().join("cookies.sqlite");
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
             CREATE TABLE t(x); INSERT INTO t VALUES (1),(2),(3);",
        )
        .unwrap();
        // Keep the connection open so the rows stay in the WAL, as with a running Firefox.
        assert!(with_suffix(&db, "-wal").exists());
        let before: Vec<_> = fs::read_dir(src.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();

        let snap = Snapshot::take(&db).unwrap();
        let n: i64 = snap
            .open()
            .unwrap()
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);

        let after: Vec<_> = fs::read_dir(src.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(before, after);
        let dir = snap.dir().to_path_buf();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700);
        }
        drop(snap);
        assert!(!dir.exists());
        drop(conn);
    }

    #[test]
    fn only_windows_sharing_violations_mean_the_browser_holds_the_file() {
        let e = open_error(Path::new("Cookies"), std::io::Error::from_raw_os_error(32));
        if cfg!(windows) {
            assert!(e.to_string().contains("close the browser"), "{e}");
        } else {
            assert!(!e.to_string().contains("close the browser"), "{e}");
        }
    }

    #[test]
    fn a_folder_is_not_a_store() {
        let d = tempfile::tempdir().unwrap();
        let err = Snapshot::take(d.path()).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }
}
