//! Running-browser detection: real POSIX locks taken by another process, and stale lock
//! files left behind by browsers that are gone.
// Helpers outside #[test] fns unwrap too: a failed setup should fail the test loudly.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crumbs::model::{Browser, StoreRef};
use crumbs::store::running::{self as lock, running};

const PYTHON: &str = "/usr/bin/python3";

/// Live test rule: with `CI` set a missing tool fails the test; otherwise it is skipped.
fn have(tool: &str) -> bool {
    if Path::new(tool).exists() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "{tool} is required in CI");
    println!("skipped: {tool} not installed");
    false
}

fn firefox_store(profile: &Path) -> StoreRef {
    StoreRef {
        browser: Browser::Firefox,
        profile: "p".into(),
        profile_dir: profile.to_path_buf(),
        path: profile.join("cookies.sqlite"),
        user_data_dir: None,
        is_default: true,
        is_demo: false,
    }
}

fn chromium_store(user_data: &Path) -> StoreRef {
    StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: user_data.join("Default"),
        path: user_data.join("Default/Cookies"),
        user_data_dir: Some(user_data.to_path_buf()),
        is_default: true,
        is_demo: false,
    }
}

/// A process that holds an fcntl write lock on `file` (as Firefox does) until its stdin
/// closes. Returns once the lock is taken.
fn hold_fcntl_lock(file: &Path) -> Child {
    let mut child = Command::new(PYTHON)
        .args([
            "-c",
            "import fcntl,sys\nf=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\nsys.stdin.read()",
        ])
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");
    child
}

fn release(mut child: Child) {
    drop(child.stdin.take());
    child.wait().unwrap();
}

fn dead_pid() -> i32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id() as i32;
    c.wait().unwrap();
    pid
}

fn hostname() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_held_parentlock_means_running_and_release_means_not() {
    if !have(PYTHON) {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let lockfile = d.path().join(".parentlock");
    std::fs::write(&lockfile, b"").unwrap();
    let store = firefox_store(d.path());
    assert_eq!(running(&store), None);

    let child = hold_fcntl_lock(&lockfile);
    let pid = child.id() as i32;
    let r = running(&store).expect("held lock must be seen");
    assert_eq!(r.pid, Some(pid));
    assert_eq!(
        r.how,
        format!("python3 (pid {pid}) holds the lock on .parentlock")
    );
    release(child);
    assert_eq!(running(&store), None);
    // Testing the lock never writes to it.
    assert_eq!(std::fs::metadata(&lockfile).unwrap().len(), 0);
}

#[test]
fn a_stale_lock_symlink_is_not_running() {
    let d = tempfile::tempdir().unwrap();
    let store = firefox_store(d.path());
    let link = d.path().join("lock");
    std::os::unix::fs::symlink(format!("127.0.0.1:+{}", dead_pid()), &link).unwrap();
    assert_eq!(running(&store), None, "dead pid, no .parentlock");

    // With a testable, unlocked .parentlock the symlink is ignored even for a live pid.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(format!("127.0.0.1:+{}", std::process::id()), &link).unwrap();
    std::fs::write(d.path().join(".parentlock"), b"").unwrap();
    assert_eq!(running(&store), None, "unlocked .parentlock wins");

    // Only when .parentlock cannot be tested does a live symlink count.
    std::fs::remove_file(d.path().join(".parentlock")).unwrap();
    let r = running(&store).expect("live pid in symlink");
    assert_eq!(r.pid, Some(std::process::id() as i32));
}

#[test]
fn singleton_lock_needs_this_host_a_live_pid_and_a_browser() {
    let d = tempfile::tempdir().unwrap();
    let ud = d.path();
    let store = chromium_store(ud);
    let link = ud.join("SingletonLock");
    let set = |target: String| {
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link).unwrap();
    };
    assert_eq!(running(&store), None, "no lock");
    let me = std::process::id();
    set(format!("{}-{}", hostname(), dead_pid()));
    assert_eq!(running(&store), None, "dead pid");
    set(format!("some-other-host-{me}"));
    assert_eq!(running(&store), None, "other host");
    set(format!("{}-{me}", hostname()));
    assert_eq!(running(&store), None, "live pid that is not a browser");

    // A live process whose name is a Chromium binary name.
    let bin: PathBuf = ud.join("chromium");
    std::fs::copy("/bin/sleep", &bin).unwrap();
    let mut child = Command::new(&bin).arg("30").spawn().unwrap();
    set(format!("{}-{}", hostname(), child.id()));
    let r = running(&store);
    child.kill().unwrap();
    child.wait().unwrap();
    let r = r.expect("live chromium on this host");
    assert_eq!(r.pid, Some(child.id() as i32));
    assert!(r.how.contains("SingletonLock"), "{}", r.how);
    assert_eq!(running(&store), None, "gone after exit");
}

#[test]
fn safari_is_never_running() {
    let d = tempfile::tempdir().unwrap();
    let mut s = firefox_store(d.path());
    s.browser = Browser::Safari;
    assert_eq!(running(&s), None);
    assert!(lock::pid_alive(std::process::id() as i32));
    assert!(!lock::pid_alive(dead_pid()));
}
