//! Stale snapshot folders: names private folders after the process that owns them
//! (`crumbs-<pid>-…`) and, once per process, removes those whose owner died without
//! cleaning up (`SIGKILL`, OOM, power loss), since Firefox copies hold plaintext values.
//! It must never touch anything else: no other prefix, no symlink target, no folder of
//! another user, none of a live process (ours included). Best effort: it never fails.

use std::ffi::OsStr;
use std::path::Path;
use std::sync::Once;

const PREFIX: &str = "crumbs-";

/// The name prefix of this process's private folders: `crumbs-<pid>-`.
pub(crate) fn own_prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// Sweeps `std::env::temp_dir()` the first time it is called in this process.
pub(crate) fn sweep_once() {
    static SWEEP: Once = Once::new();
    SWEEP.call_once(|| {
        sweep(&std::env::temp_dir());
    });
}

/// Removes the stale private folders directly in `dir`; returns how many went. One
/// `read_dir`, and a `stat` or two only for names that match.
pub(crate) fn sweep(dir: &Path) -> usize {
    #[cfg(unix)]
    {
        unix::sweep(dir)
    }
    // Windows: no cheap, reliable liveness check here; its temp folder is per user.
    #[cfg(not(unix))]
    {
        let _ = dir;
        0
    }
}

/// The pid in a name crumbs itself makes: `crumbs-<pid>-<random alphanumerics>`, pid
/// written without leading zeros. Anything else (`crumbs-demo-…`, `crumbs-007-…`) is
/// not ours to judge.
fn owner_pid(name: &OsStr) -> Option<u32> {
    let rest = name.to_str()?.strip_prefix(PREFIX)?;
    let (pid, tail) = rest.split_once('-')?;
    if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let n: u32 = pid.parse().ok()?;
    (n > 0 && n.to_string() == pid).then_some(n)
}

#[cfg(unix)]
mod unix {
    use std::fs;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    pub(super) fn sweep(dir: &Path) -> usize {
        let Ok(entries) = fs::read_dir(dir) else {
            return 0;
        };
        let me = std::process::id();
        let uid = rustix::process::getuid().as_raw();
        let mut removed = 0;
        for entry in entries.flatten() {
            let Some(pid) = super::owner_pid(&entry.file_name()) else {
                continue;
            };
            if pid == me {
                continue;
            }
            let path = entry.path();
            // symlink_metadata: a link named like a stale folder is never followed.
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if !meta.file_type().is_dir() || meta.uid() != uid || is_alive(pid) {
                continue;
            }
            // remove_dir_all does not follow symlinks found inside the folder either.
            if fs::remove_dir_all(&path).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// Whether `pid` may still be running (the one liveness rule, in `running`).
    pub(super) fn is_alive(pid: u32) -> bool {
        i32::try_from(pid).map_or(true, crate::store::running::pid_alive)
    }
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;
    use std::process::Command;

    fn dead_pid() -> u32 {
        let mut child = Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    fn folder_with_file(dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        fs::create_dir(&p).unwrap();
        fs::write(p.join("cookies.sqlite"), b"plaintext").unwrap();
        p
    }

    #[test]
    fn only_names_crumbs_makes_carry_a_pid() {
        let pid = |s: &str| owner_pid(OsStr::new(s));
        assert_eq!(pid("crumbs-123-aB9xQz"), Some(123));
        assert_eq!(
            pid(&format!("{}Ab12Cd", own_prefix())),
            Some(std::process::id())
        );
        for bad in [
            "crumbs-demo-aB9xQz",
            "crumbs-aB9xQz",
            "crumbs-123-",
            "crumbs-0123-abc",
            "crumbs-0-abc",
            "crumbs--123-abc",
            "crumbs-123-a.b",
            "crumbs-99999999999-abc",
            ".crumbs-123-abc",
            "xcrumbs-123-abc",
            "Crumbs-123-abc",
        ] {
            assert_eq!(pid(bad), None, "{bad}");
        }
    }

    #[test]
    fn liveness_sees_ours_a_child_and_a_dead_pid() {
        assert!(unix::is_alive(std::process::id()));
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        assert!(unix::is_alive(child.id()));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!unix::is_alive(child.id()));
    }

    #[test]
    fn sweep_removes_dead_owners_folders_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let mut live = Command::new("sleep").arg("30").spawn().unwrap();
        let stale = folder_with_file(tmp.path(), &format!("crumbs-{dead}-Stale1"));
        let keep = [
            folder_with_file(tmp.path(), &format!("{}Mine01", own_prefix())),
            folder_with_file(tmp.path(), &format!("crumbs-{}-Live01", live.id())),
            folder_with_file(tmp.path(), "crumbs-demo-Demo01"),
            folder_with_file(tmp.path(), &format!("other-{dead}-Abc123")),
            folder_with_file(tmp.path(), &format!("crumbs-0{dead}-Abc123")),
        ];
        let file_named_stale = tmp.path().join(format!("crumbs-{dead}-File01"));
        fs::write(&file_named_stale, b"x").unwrap();
        let target = folder_with_file(outside.path(), "target");
        let link = tmp.path().join(format!("crumbs-{dead}-Link01"));
        std::os::unix::fs::symlink(&target, &link).unwrap();

        assert_eq!(sweep(tmp.path()), 1);
        live.kill().unwrap();
        live.wait().unwrap();

        assert!(!stale.exists());
        for k in &keep {
            assert!(k.join("cookies.sqlite").exists(), "{}", k.display());
        }
        assert!(file_named_stale.exists());
        assert!(fs::symlink_metadata(&link).is_ok());
        assert!(target.join("cookies.sqlite").exists());
    }

    #[test]
    fn another_users_folder_stays() {
        if !rustix::process::getuid().is_root() {
            println!("skipped: needs root to give a folder to another user");
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        let theirs = folder_with_file(tmp.path(), &format!("crumbs-{}-Other1", dead_pid()));
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
        assert_eq!(sweep(tmp.path()), 0);
        assert!(theirs.join("cookies.sqlite").exists());
    }

    #[test]
    fn a_missing_folder_is_no_error() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(sweep(&tmp.path().join("absent")), 0);
    }
}
