//! Is a browser running on this profile? Firefox's `fcntl` lock on `.parentlock`,
//! Chromium's `SingletonLock` symlink (Windows: the files each browser holds open without
//! sharing). Only looks: lock files are opened read-only and never locked, truncated or
//! removed; stale lock files are reported as not running and left where they are.

use std::fs;
use std::path::Path;

use crate::model::{Family, StoreRef};

/// A browser that holds a profile open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub pid: Option<i32>,
    /// How it was detected, for messages ("fcntl lock on .parentlock held by pid 123").
    pub how: String,
}

/// `Some` when the browser of `store` runs on that profile now; stale locks are `None`.
pub fn running(store: &StoreRef) -> Option<Running> {
    match store.family() {
        Family::Firefox => firefox(&store.profile_dir, store.browser.display_name()),
        Family::Chromium => {
            let dir = store
                .user_data_dir
                .as_deref()
                .or_else(|| store.profile_dir.parent())?;
            chromium(dir, store.browser.display_name())
        }
        // Safari's store is owned by the system networking stack, not a profile lock.
        Family::Safari => None,
    }
}

/// What testing a lock file showed.
enum Lock {
    Held(Option<i32>),
    Free,
    Untestable,
}

/// Firefox family. `.parentlock` and `lock` both stay behind after exit, so only a held
/// lock counts; the `lock` symlink is a fallback for when the lock cannot be tested.
pub fn firefox(profile_dir: &Path, browser: &str) -> Option<Running> {
    match sys::firefox_lock(profile_dir) {
        Lock::Held(pid) => Some(Running {
            pid,
            how: match pid {
                Some(pid) => format!("{browser} holds the lock on .parentlock (pid {pid})"),
                None => format!("{browser} holds parent.lock open"),
            },
        }),
        Lock::Free => None,
        Lock::Untestable => {
            let target = fs::read_link(profile_dir.join("lock")).ok()?;
            let target = target.to_str()?;
            // `<IPv4>:+<pid>`; the `+` says the fcntl lock is held as well.
            let pid: i32 = target.rsplit_once(":+")?.1.parse().ok()?;
            pid_alive(pid).then(|| Running {
                pid: Some(pid),
                how: format!("{browser} profile symlink lock -> {target} (pid {pid} alive)"),
            })
        }
    }
}

/// Chromium family: `SingletonLock` → `<hostname>-<pid>`. Chromium leaves it behind
/// after a crash or SIGTERM, so it counts only when it names this host, the pid is alive
/// and that process is a Chromium-family browser (pids get reused).
pub fn chromium(user_data_dir: &Path, browser: &str) -> Option<Running> {
    if let Lock::Held(pid) = sys::chromium_lockfile(user_data_dir) {
        return Some(Running {
            pid,
            how: format!("{browser} holds lockfile open"),
        });
    }
    let target = fs::read_link(user_data_dir.join("SingletonLock")).ok()?;
    let target = target.to_str()?;
    let (host, pid) = target.rsplit_once('-')?;
    let pid: i32 = pid.parse().ok()?;
    if host != sys::this_host() || !pid_alive(pid) || !looks_like_chromium(pid) {
        return None;
    }
    Some(Running {
        pid: Some(pid),
        how: format!("{browser} holds SingletonLock -> {target} (pid {pid} alive)"),
    })
}

/// Whether process `pid` exists (another user's process counts).
pub fn pid_alive(pid: i32) -> bool {
    sys::pid_alive(pid)
}

const CHROMIUM_NAMES: [&str; 6] = ["chrome", "chromium", "brave", "msedge", "vivaldi", "opera"];

/// Process name or executable contains a Chromium-family name. Without `/proc` (macOS)
/// there is nothing to check, so a live pid on this host is taken as the browser.
fn looks_like_chromium(pid: i32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    let proc_dir = Path::new("/proc").join(pid.to_string());
    let comm = fs::read_to_string(proc_dir.join("comm")).unwrap_or_default();
    let exe = fs::read_link(proc_dir.join("exe"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    [comm.trim(), exe.as_str()].iter().any(|s| {
        let s = s.to_ascii_lowercase();
        CHROMIUM_NAMES.iter().any(|n| s.contains(n))
    })
}

#[cfg(unix)]
mod sys {
    use std::path::Path;

    use rustix::process::{Flock, FlockType, Pid};

    use super::Lock;

    /// POSIX lock test on `.parentlock`, opened read-only: opening for writing (or with
    /// truncation) would modify the profile. F_GETLK reports the holder's pid.
    pub(super) fn firefox_lock(profile_dir: &Path) -> Lock {
        let Ok(file) = std::fs::File::open(profile_dir.join(".parentlock")) else {
            return Lock::Untestable;
        };
        match rustix::process::fcntl_getlk(&file, &Flock::from(FlockType::WriteLock)) {
            Ok(Some(l)) if l.typ != FlockType::Unlocked => Lock::Held(Some(Pid::as_raw(l.pid))),
            Ok(_) => Lock::Free,
            Err(_) => Lock::Untestable,
        }
    }

    /// `lockfile` is the Windows mechanism; on Unix `SingletonLock` decides.
    pub(super) fn chromium_lockfile(_user_data_dir: &Path) -> Lock {
        Lock::Untestable
    }

    pub(super) fn this_host() -> String {
        rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned()
    }

    /// `kill(pid, 0)`: EPERM still means the process exists.
    pub(super) fn pid_alive(pid: i32) -> bool {
        let Some(p) = Pid::from_raw(pid) else {
            return false;
        };
        match rustix::process::test_kill_process(p) {
            Ok(()) => true,
            Err(e) => e == rustix::io::Errno::PERM,
        }
    }
}

#[cfg(not(unix))]
mod sys {
    use std::path::Path;

    use super::Lock;

    /// Windows: the browser holds the file open without sharing; our open then fails
    /// with a sharing violation (error 32). Not exercised by the Linux test suite.
    fn held_open(path: &Path) -> Lock {
        match std::fs::File::open(path) {
            Ok(_) => Lock::Free,
            Err(e) if e.raw_os_error() == Some(32) => Lock::Held(None),
            Err(_) => Lock::Untestable,
        }
    }

    pub(super) fn firefox_lock(profile_dir: &Path) -> Lock {
        held_open(&profile_dir.join("parent.lock"))
    }

    pub(super) fn chromium_lockfile(user_data_dir: &Path) -> Lock {
        held_open(&user_data_dir.join("lockfile"))
    }

    pub(super) fn this_host() -> String {
        std::env::var("COMPUTERNAME").unwrap_or_default()
    }

    pub(super) fn pid_alive(_pid: i32) -> bool {
        false
    }
}
