//! Is a browser using this store? "Running" means someone has the store open: any live
//! process (whatever its PID namespace, hostname or container) holding the database, its
//! `-wal` or its `-journal` open. On Linux every process's open files are listed under
//! `/proc/*/fd`; where a process's list cannot be read (another user, a non-dumpable
//! sandboxed process), the browser's own signals decide: Firefox's `fcntl` lock on
//! `.parentlock`, Chromium's `SingletonSocket` answering and its `SingletonLock` (Windows:
//! the files each browser holds open without sharing). When a lock says "in use" and an
//! unreadable browser-like process could be its owner, the answer is "running": unknown
//! never means "safe to write". Paths are resolved (symlinks followed) before each check.
//!
//! The one process-liveness rule ([`pid_alive`]) and the one "browser is running" message
//! ([`refusal`]) live here. Only looks: nothing is locked, written, truncated or removed.

#[cfg(target_os = "linux")]
mod procfs;
mod signals;

use std::path::{Path, PathBuf};

use crate::Error;
use crate::model::{Family, StoreRef};

/// A browser that holds a profile open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub pid: Option<i32>,
    /// Who and how, for messages ("chromium (pid 123) has Cookies open").
    pub how: String,
}

/// `Some` when a process uses `store` now (or may, and it cannot be ruled out); stale
/// lock files left by a browser that is gone are `None`.
pub fn running(store: &StoreRef) -> Option<Running> {
    if store.family() == Family::Safari || store.is_demo {
        // Safari's store belongs to the system networking stack, not to a profile lock.
        return None;
    }
    let files = StoreFiles::of(store);
    let scan = open_files_scan(&files);
    if let Some(holder) = scan.holder {
        return Some(holder);
    }
    let browser = store.browser.display_name();
    let lock = match store.family() {
        Family::Firefox => signals::firefox(&files.profile_dir, browser),
        _ => signals::chromium(&files.lock_dir, browser),
    };
    match lock {
        signals::Verdict::Running(r) => Some(r),
        signals::Verdict::Free => None,
        signals::Verdict::Unsure(why) => unsure(store.family(), &scan.unreadable, &why),
    }
}

/// The refusal every writer (delete, undo) gives for a store whose browser runs.
pub fn refusal(store: &StoreRef, running: &Running) -> String {
    let msg = Error::BrowserRunning {
        browser: store.browser.display_name().into(),
        profile: store.profile.clone(),
    };
    format!("{msg} ({}); nothing was changed", running.how)
}

/// Whether process `pid` may still be running. Unknown counts as alive: a lock or folder
/// kept too long is harmless, one taken from a live process is not.
pub fn pid_alive(pid: i32) -> bool {
    signals::pid_alive(pid)
}

/// The real files to look for, symlinks resolved: `--store` given as a link is judged
/// by the file it points to.
struct StoreFiles {
    /// The database, then its `-wal` and `-journal`.
    paths: Vec<PathBuf>,
    profile_dir: PathBuf,
    /// Where Chromium keeps `SingletonLock` (the user data dir).
    lock_dir: PathBuf,
}

impl StoreFiles {
    fn of(store: &StoreRef) -> StoreFiles {
        let db = resolve(&store.path);
        let side = |s: &str| crate::store::files::with_suffix(&db, s);
        let paths = vec![side("-wal"), side("-journal"), db.clone()];
        let lock_dir = store
            .user_data_dir
            .clone()
            .or_else(|| store.profile_dir.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| store.profile_dir.clone());
        StoreFiles {
            paths,
            profile_dir: resolve(&store.profile_dir),
            lock_dir: resolve(&lock_dir),
        }
    }
}

fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What the open-file scan found.
#[derive(Default)]
struct Scan {
    holder: Option<Running>,
    /// Processes whose open files could not be read: (pid, name).
    unreadable: Vec<(i32, String)>,
}

#[cfg(target_os = "linux")]
fn open_files_scan(files: &StoreFiles) -> Scan {
    let Some(found) = procfs::scan(&files.paths) else {
        return Scan::default();
    };
    Scan {
        holder: found.holder.map(|h| Running {
            pid: Some(h.pid),
            how: format!("{} (pid {}) has {} open", h.name, h.pid, file_name(&h.file)),
        }),
        unreadable: found.unreadable,
    }
}

#[cfg(not(target_os = "linux"))]
fn open_files_scan(_files: &StoreFiles) -> Scan {
    Scan::default()
}

/// A lock says "in use" but its owner could not be confirmed. If a browser-like process
/// hides its open files from us, it may be that owner: running. Otherwise every process
/// was seen and none has the store open, so the lock is stale. (Without `/proc` nothing
/// hides, and a lock whose owner is not confirmed is stale, as the browsers judge it.)
fn unsure(family: Family, unreadable: &[(i32, String)], why: &str) -> Option<Running> {
    let (pid, name) = unreadable
        .iter()
        .find(|(_, name)| signals::is_browser_name(family, name))?;
    Some(Running {
        pid: Some(*pid),
        how: format!(
            "{why}, and {name} (pid {pid}) hides its open files, so crumbs cannot rule it out"
        ),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(all(test, target_os = "linux"))]
mod tests;
