//! Snapshot folders left by a killed crumbs (`SIGKILL`, OOM) hold plaintext values: the
//! next crumbs removes those of dead processes from TMPDIR before its first snapshot, and
//! leaves everything else alone (live owners, other names, symlinks and their targets).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Sandbox, firefox_copy, sql};

/// The pid of a process that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn folder_with_file(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir(&p).unwrap();
    std::fs::write(p.join("cookies.sqlite"), b"plaintextVALUE").unwrap();
    p
}

fn crumbs_folders(sb: &Sandbox) -> Vec<String> {
    let mut v: Vec<_> = sb
        .leftover_tmp()
        .into_iter()
        .filter(|n| n.starts_with("crumbs-"))
        .collect();
    v.sort();
    v
}

#[test]
fn stale_folder_of_a_dead_crumbs_goes_and_nothing_else() {
    let sb = Sandbox::new();
    let store = firefox_copy(sb.work.path());
    let tmp = sb.tmp.path();
    let dead = dead_pid();
    let stale = folder_with_file(tmp, &format!("crumbs-{dead}-Stale1"));
    let live = folder_with_file(tmp, &format!("crumbs-{}-Live01", std::process::id()));
    let demo = folder_with_file(tmp, "crumbs-demo-Demo01");
    let plain = folder_with_file(tmp, "crumbs-Abc123");
    let other = folder_with_file(tmp, &format!("other-{dead}-Abc123"));
    let target = folder_with_file(sb.work.path(), "target");
    let link = tmp.join(format!("crumbs-{dead}-Link01"));
    std::os::unix::fs::symlink(&target, &link).unwrap();

    let run = sb.run(&["list", "--store", store.to_str().unwrap()]);
    run.assert_ok();
    assert!(run.stdout_text().lines().count() >= 10, "{run:?}");

    assert!(!stale.exists(), "stale folder of pid {dead} kept");
    for kept in [&live, &demo, &plain, &other, &target] {
        assert!(kept.join("cookies.sqlite").exists(), "{}", kept.display());
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let mut want = vec![
        format!("crumbs-{dead}-Link01"),
        format!("crumbs-{}-Live01", std::process::id()),
        "crumbs-Abc123".to_string(),
        "crumbs-demo-Demo01".to_string(),
    ];
    want.sort();
    // Also: the run's own folder went when it finished.
    assert_eq!(crumbs_folders(&sb), want);
}

/// A Firefox store of 200,000 cookies, so that a `list` is still reading after 50 ms.
fn big_store(dir: &Path) -> PathBuf {
    let db = firefox_copy(dir);
    sql(
        &db,
        "PRAGMA journal_mode = DELETE;
         WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000)
         INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry,
             lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap, updateTime)
         SELECT '', 'c' || x, printf('%.40d', x), '.site' || (x % 5000) || '.example.com', '/',
             1830482789244, 1795922789245951, 1795922789245951, 1, 0, 0, 2, 1795922789245951
         FROM n;",
    );
    db
}

fn crumbs_in(sb: &Sandbox) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crumbs"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sb.home.path())
        .env("TMPDIR", sb.tmp.path())
        .env("XDG_CONFIG_HOME", sb.home.path().join(".config"))
        .env("XDG_DATA_HOME", sb.home.path().join(".local/share"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn killed_mid_read_then_run_again_leaves_no_snapshot() {
    let sb = Sandbox::new();
    let store = big_store(sb.work.path());
    let s = store.to_str().unwrap();

    let started = Instant::now();
    let mut first = crumbs_in(&sb).args(["list", "--store", s]).spawn().unwrap();
    // Kill 50 ms after the snapshot folder appears, so the copy exists when it dies.
    while crumbs_folders(&sb).is_empty() && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(Duration::from_millis(50));
    let finished_first = first.try_wait().unwrap().is_some();
    first.kill().unwrap(); // SIGKILL on Unix
    first.wait().unwrap();
    let left = crumbs_folders(&sb);
    println!(
        "killed at {:?} (already finished: {finished_first}); left behind: {left:?}",
        started.elapsed()
    );
    if !finished_first {
        let pid = first.id();
        assert!(
            left.iter()
                .all(|n| n.starts_with(&format!("crumbs-{pid}-"))),
            "{left:?}"
        );
    }

    let again = Instant::now();
    let run = sb.run(&["list", "--store", s]);
    run.assert_ok();
    println!("second run took {:?}", again.elapsed());
    assert!(run.stdout_text().lines().count() > 200_000);
    assert_eq!(crumbs_folders(&sb), Vec::<String>::new(), "snapshot left");
}
