#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use super::*;
use crate::model::Browser;

fn chromium_store(udd: &Path) -> StoreRef {
    StoreRef {
        browser: Browser::Chromium,
        profile: "Default".into(),
        profile_dir: udd.join("Default"),
        path: udd.join("Default/Cookies"),
        user_data_dir: Some(udd.to_path_buf()),
        is_default: true,
        is_demo: false,
    }
}

/// A process that has `file` open (as its stdin) until killed.
fn hold_open(file: &Path) -> Child {
    Command::new("sleep")
        .arg("30")
        .stdin(Stdio::from(fs::File::open(file).unwrap()))
        .spawn()
        .unwrap()
}

fn stop(mut c: Child) {
    c.kill().unwrap();
    c.wait().unwrap();
}

#[test]
fn a_process_holding_the_store_or_its_journal_is_running() {
    let d = tempfile::tempdir().unwrap();
    let store = chromium_store(d.path());
    fs::create_dir_all(&store.profile_dir).unwrap();
    fs::write(&store.path, b"db").unwrap();
    let journal = d.path().join("Default/Cookies-journal");
    fs::write(&journal, b"").unwrap();
    assert_eq!(running(&store), None);
    for held in [&store.path, &journal] {
        let child = hold_open(held);
        let r = running(&store).expect("holder seen");
        assert_eq!(r.pid, Some(child.id() as i32));
        let name = held.file_name().unwrap().to_string_lossy();
        assert_eq!(r.how, format!("sleep (pid {}) has {name} open", child.id()));
        stop(child);
    }
    assert_eq!(running(&store), None);
}

#[test]
fn a_store_given_as_a_link_is_judged_by_its_real_file() {
    let d = tempfile::tempdir().unwrap();
    let real = chromium_store(&d.path().join("real"));
    fs::create_dir_all(&real.profile_dir).unwrap();
    fs::write(&real.path, b"db").unwrap();
    let link = d.path().join("Cookies-link");
    std::os::unix::fs::symlink(&real.path, &link).unwrap();
    let mut given = chromium_store(&d.path().join("elsewhere"));
    given.path = link;
    let child = hold_open(&real.path);
    let r = running(&given);
    stop(child);
    assert!(r.is_some_and(|r| r.how.contains("has Cookies open")));
}

#[test]
fn an_unconfirmed_lock_counts_only_with_a_hidden_browser_process() {
    let hidden = [(41, "bash".to_owned()), (42, "chromium".to_owned())];
    let r = unsure(
        Family::Chromium,
        &hidden,
        "SingletonLock -> h-2 names no process",
    )
    .expect("a hidden chromium may own the lock");
    assert_eq!(r.pid, Some(42));
    assert!(
        r.how.contains("chromium (pid 42) hides its open files"),
        "{}",
        r.how
    );
    assert_eq!(unsure(Family::Chromium, &hidden[..1], "x"), None);
    assert_eq!(unsure(Family::Firefox, &hidden, "x"), None);
}

#[test]
fn liveness_sees_ours_and_not_a_dead_child() {
    assert!(pid_alive(std::process::id() as i32));
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id() as i32;
    c.wait().unwrap();
    assert!(!pid_alive(pid));
    assert!(!pid_alive(0));
}
