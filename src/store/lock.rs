//! Is a browser running on this profile? Firefox's `fcntl` lock on `.parentlock`,
//! Chromium's `SingletonLock` symlink. Only looks: `.parentlock` is opened read-only and
//! never locked, truncated or removed; stale lock files are reported as not running and
//! left where they are.

use std::fs;
use std::path::Path;

use rustix::process::{FlockType, Pid};

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

/// Firefox family. `.parentlock` and `lock` both stay behind after exit, so only a held
/// POSIX lock counts; the `lock` symlink is a fallback for when the lock cannot be tested.
pub fn firefox(profile_dir: &Path, browser: &str) -> Option<Running> {
    match parentlock_holder(&profile_dir.join(".parentlock")) {
        Ok(Some(pid)) => Some(Running {
            pid: Some(pid),
            how: format!("{browser} holds the lock on .parentlock (pid {pid})"),
        }),
        Ok(None) => None,
        Err(()) => {
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

/// `Ok(Some(pid))` when another process holds a conflicting fcntl lock, `Ok(None)` when
/// nobody does, `Err` when the file cannot be opened or tested.
fn parentlock_holder(path: &Path) -> Result<Option<i32>, ()> {
    // Read-only: opening for writing (or with truncation) would modify the profile.
    let file = fs::File::open(path).map_err(|_| ())?;
    let probe = rustix::process::Flock::from(FlockType::WriteLock);
    match rustix::process::fcntl_getlk(&file, &probe) {
        Ok(Some(lock)) if lock.typ != FlockType::Unlocked => Ok(Some(Pid::as_raw(lock.pid))),
        Ok(_) => Ok(None),
        Err(_) => Err(()),
    }
}

/// Chromium family: `SingletonLock` → `<hostname>-<pid>`. Chromium leaves it behind
/// after a crash or SIGTERM, so it counts only when it names this host, the pid is alive
/// and that process is a Chromium-family browser (pids get reused).
pub fn chromium(user_data_dir: &Path, browser: &str) -> Option<Running> {
    let target = fs::read_link(user_data_dir.join("SingletonLock")).ok()?;
    let target = target.to_str()?;
    let (host, pid) = target.rsplit_once('-')?;
    let pid: i32 = pid.parse().ok()?;
    if host != this_host() || !pid_alive(pid) || !looks_like_chromium(pid) {
        return None;
    }
    Some(Running {
        pid: Some(pid),
        how: format!("{browser} holds SingletonLock -> {target} (pid {pid} alive)"),
    })
}

fn this_host() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

/// `kill(pid, 0)`: EPERM still means the process exists (another user's browser).
pub fn pid_alive(pid: i32) -> bool {
    let Some(p) = Pid::from_raw(pid) else {
        return false;
    };
    match rustix::process::test_kill_process(p) {
        Ok(()) => true,
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

const CHROMIUM_NAMES: [&str; 6] = ["chrome", "chromium", "brave", "msedge", "vivaldi", "opera"];

/// Process name or executable contains a Chromium-family name. Without `/proc` (macOS)
/// there is nothing to check, so a live pid on this host is taken as the browser.
fn looks_like_chromium(pid: i32) -> bool {
    let proc_dir = Path::new("/proc").join(pid.to_string());
    if !Path::new("/proc/self").exists() {
        return true;
    }
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
