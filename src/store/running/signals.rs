//! The browsers' own "in use" signals, for when open files cannot be seen: Firefox's
//! `fcntl` lock on `.parentlock` and its `lock` symlink, Chromium's `SingletonSocket`
//! and `SingletonLock` (Windows: the file each browser holds open without sharing).
//! Lock files are opened read-only through `files` (a FIFO in their place cannot block)
//! and are never locked, truncated or removed.

use std::fs;
use std::path::Path;

use super::Running;
use crate::model::Family;

/// What a browser's lock files say.
pub(super) enum Verdict {
    Running(Running),
    /// No lock, or a lock its browser left behind and that is provably stale.
    Free,
    /// A lock that says "in use" whose owner cannot be confirmed from here (a pid from
    /// another PID namespace or host, a lock that cannot be tested): why, for messages.
    Unsure(String),
}

/// What testing a held-open lock file showed.
enum Lock {
    Held(Option<i32>),
    Free,
    Untestable,
}

/// Firefox family. `.parentlock` and `lock` both stay behind after exit, so only a held
/// lock counts; the `lock` symlink is a fallback for when the lock cannot be tested.
pub(super) fn firefox(profile_dir: &Path, browser: &str) -> Verdict {
    match sys::firefox_lock(profile_dir) {
        // F_GETLK reports pid 0 for a holder in a PID namespace we cannot see.
        Lock::Held(Some(pid)) if pid > 0 => Verdict::Running(Running {
            pid: Some(pid),
            how: format!(
                "{} (pid {pid}) holds the lock on .parentlock",
                name_or(pid, browser)
            ),
        }),
        Lock::Held(_) => Verdict::Running(Running {
            pid: None,
            how: format!("{browser} holds the lock on .parentlock"),
        }),
        Lock::Free => Verdict::Free,
        Lock::Untestable => firefox_symlink(profile_dir, browser),
    }
}

fn firefox_symlink(profile_dir: &Path, browser: &str) -> Verdict {
    let Ok(target) = fs::read_link(profile_dir.join("lock")) else {
        return Verdict::Free;
    };
    let target = target.to_string_lossy().into_owned();
    // `<IPv4>:+<pid>`; the `+` says the fcntl lock is held as well.
    let pid = target
        .rsplit_once(":+")
        .and_then(|(_, p)| p.parse::<i32>().ok());
    match pid {
        Some(pid) if pid_alive(pid) => Verdict::Running(Running {
            pid: Some(pid),
            how: format!(
                "{} (pid {pid}) holds the profile lock -> {target}",
                name_or(pid, browser)
            ),
        }),
        _ => Verdict::Unsure(format!(
            "{browser}'s profile lock -> {target} is untestable"
        )),
    }
}

/// Chromium family: an answering `SingletonSocket` is a live browser; `SingletonLock` →
/// `<hostname>-<pid>` counts when it names this host, a live pid and a Chromium-family
/// process. A lock whose pid means nothing here (a browser in its own PID namespace, as
/// Flatpak starts it) is left for the caller to weigh.
pub(super) fn chromium(user_data_dir: &Path, browser: &str) -> Verdict {
    if let Lock::Held(pid) = sys::chromium_lockfile(user_data_dir) {
        return Verdict::Running(Running {
            pid,
            how: format!("{browser} holds lockfile open"),
        });
    }
    if sys::socket_answers(&user_data_dir.join("SingletonSocket")) {
        return Verdict::Running(Running {
            pid: None,
            how: format!("{browser} answers on SingletonSocket"),
        });
    }
    let Ok(target) = fs::read_link(user_data_dir.join("SingletonLock")) else {
        return Verdict::Free;
    };
    let target = target.to_string_lossy().into_owned();
    let Some((host, pid)) = target.rsplit_once('-') else {
        return Verdict::Unsure(format!("{browser} left SingletonLock -> {target}"));
    };
    let pid = pid.parse::<i32>().unwrap_or(0);
    if host == sys::this_host() && pid_alive(pid) && is_chromium_process(pid) {
        return Verdict::Running(Running {
            pid: Some(pid),
            how: format!(
                "{} (pid {pid}) holds SingletonLock -> {target}",
                name_or(pid, browser)
            ),
        });
    }
    Verdict::Unsure(format!(
        "SingletonLock -> {target} names no {browser} process visible here"
    ))
}

/// Whether process `pid` may still be running; unknown counts as alive. With `/proc`
/// mounted the pid's folder decides; otherwise `kill(pid, 0)` (EPERM: someone else's).
pub(super) fn pid_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        if fs::symlink_metadata("/proc/self").is_ok() {
            return fs::symlink_metadata(format!("/proc/{pid}")).is_ok();
        }
    }
    sys::signal_says_alive(pid)
}

const CHROMIUM_NAMES: [&str; 6] = ["chrome", "chromium", "brave", "msedge", "vivaldi", "opera"];
const FIREFOX_NAMES: [&str; 5] = ["firefox", "librewolf", "zen", "waterfox", "floorp"];

/// A process name (`comm`, at most 15 bytes) or file name of a browser of `family`.
pub(super) fn is_browser_name(family: Family, name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let names: &[&str] = match family {
        Family::Firefox => &FIREFOX_NAMES,
        Family::Chromium => &CHROMIUM_NAMES,
        Family::Safari => &[],
    };
    names.iter().any(|n| name.contains(n))
}

/// Process name or executable is a Chromium-family name (pids get reused). Without
/// `/proc` (macOS) there is nothing to check, so a live pid on this host is the browser.
fn is_chromium_process(pid: i32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    let proc_dir = Path::new("/proc").join(pid.to_string());
    let comm = fs::read_to_string(proc_dir.join("comm")).unwrap_or_default();
    let exe = fs::read_link(proc_dir.join("exe"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    [comm.trim(), exe.as_str()]
        .iter()
        .any(|s| is_browser_name(Family::Chromium, s))
}

/// The process's name when it can be read, else the browser's.
fn name_or(pid: i32, browser: &str) -> String {
    #[cfg(target_os = "linux")]
    {
        let name = super::procfs::process_name(pid);
        if name != "a process" {
            return name;
        }
    }
    let _ = pid;
    browser.to_owned()
}

#[cfg(unix)]
mod sys {
    use std::path::Path;

    use rustix::process::{Flock, FlockType, Pid};

    use super::Lock;
    use crate::store::files::{self, Links};

    /// POSIX lock test on `.parentlock`, opened read-only and without blocking (a FIFO
    /// or device there is refused): opening for writing would modify the profile.
    pub(super) fn firefox_lock(profile_dir: &Path) -> Lock {
        let Ok(file) = files::open_regular(&profile_dir.join(".parentlock"), Links::Refuse) else {
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

    /// Someone listens on the socket (a connect that is accepted). Chromium drops a
    /// connection that sends nothing, so this asks it nothing.
    pub(super) fn socket_answers(path: &Path) -> bool {
        let is_socket = std::fs::metadata(path).is_ok_and(|m| {
            use std::os::unix::fs::FileTypeExt;
            m.file_type().is_socket()
        });
        is_socket && std::os::unix::net::UnixStream::connect(path).is_ok()
    }

    pub(super) fn this_host() -> String {
        rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned()
    }

    /// `kill(pid, 0)`: EPERM still means the process exists.
    pub(super) fn signal_says_alive(pid: i32) -> bool {
        let Some(p) = Pid::from_raw(pid) else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(p),
            Err(rustix::io::Errno::SRCH)
        )
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

    pub(super) fn socket_answers(_path: &Path) -> bool {
        false
    }

    pub(super) fn this_host() -> String {
        std::env::var("COMPUTERNAME").unwrap_or_default()
    }

    pub(super) fn signal_says_alive(_pid: i32) -> bool {
        true
    }
}
