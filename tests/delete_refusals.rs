//! Stores that must not be written: a running browser (injected, and a real fcntl lock on
//! `.parentlock` once running-browser detection lands), an unwritable backup folder, and a
//! second crumbs holding the lock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::io::BufRead;
use std::process::{Command, Stdio};

use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, StoreOutcome, execute};
use crumbs::store::running::Running;
use crumbs::store::undo::{UndoOutcome, undo};
use delete_common::*;

fn running() -> Option<Running> {
    Some(Running {
        pid: Some(4242),
        how: "fcntl lock on .parentlock held by pid 4242".into(),
    })
}

#[test]
fn running_browser_is_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let ch = chromium_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all: Vec<_> = cookies(&ff).into_iter().chain(cookies(&ch)).collect();
    let ff_before = tree(&ff.profile_dir);
    let ch_before = select_all(&ch.path);
    let mut plan = DeletePlan::build(all.iter(), "all".into());
    plan.stores[0].running = running();

    let report = execute(plan, &root).unwrap();
    assert!(report.any_refused());
    match &report.outcomes[0] {
        StoreOutcome::Skipped { store, reason } => {
            assert_eq!(store.path, ff.path);
            assert!(
                reason.contains("Firefox is running on profile \"default\"; close it"),
                "{reason}"
            );
            assert!(reason.contains("pid 4242"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(tree(&ff.profile_dir), ff_before);
    // The other store still went ahead, with its own backup.
    assert!(
        matches!(report.outcomes[1], StoreOutcome::Deleted { count, .. } if count == ch_before.len())
    );
    assert!(select_all(&ch.path).is_empty());
    let m = root.latest().unwrap().unwrap();
    assert_eq!(m.stores.len(), 1);
    assert_eq!(m.stores[0].path, ch.path);
}

#[test]
fn only_refused_stores_means_no_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all = cookies(&ff);
    let before = tree(&ff.profile_dir);
    let mut plan = DeletePlan::build(all.iter(), "all".into());
    plan.stores[0].running = running();
    let report = execute(plan, &root).unwrap();
    assert_eq!(report.backup_id, None);
    assert!(report.any_refused());
    assert_eq!(tree(&ff.profile_dir), before);
    assert!(root.list().unwrap().is_empty());
}

#[test]
fn unwritable_backup_folder_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let ch = chromium_store(tmp.path());
    // We run as root, so permissions do not stop us: a file where a folder must be does.
    let blocker = tmp.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let root = BackupRoot::new(blocker.join("backups"));
    let all: Vec<_> = cookies(&ff).into_iter().chain(cookies(&ch)).collect();
    let before = (tree(&ff.profile_dir), tree(&ch.profile_dir));
    let err = execute(DeletePlan::build(all.iter(), "all".into()), &root).unwrap_err();
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert_eq!((tree(&ff.profile_dir), tree(&ch.profile_dir)), before);
}

#[test]
fn backup_root_that_is_a_file_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ch = chromium_store(tmp.path());
    let root_path = tmp.path().join("backups");
    std::fs::write(&root_path, b"").unwrap();
    let root = BackupRoot::new(&root_path);
    let before = tree(&ch.profile_dir);
    let all = cookies(&ch);
    assert!(execute(DeletePlan::build(all.iter(), "all".into()), &root).is_err());
    assert_eq!(tree(&ch.profile_dir), before);
}

#[test]
fn second_crumbs_waits_then_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let ch = chromium_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let held = root.lock().unwrap();
    let before = tree(&ch.profile_dir);
    let all = cookies(&ch);
    let t = std::time::Instant::now();
    let err = execute(DeletePlan::build(all.iter(), "all".into()), &root).unwrap_err();
    assert!(
        t.elapsed() >= std::time::Duration::from_secs(2),
        "did not wait"
    );
    assert!(err.to_string().contains("another crumbs"), "{err}");
    assert!(err.to_string().contains("crumbs.lock"), "{err}");
    assert_eq!(tree(&ch.profile_dir), before);
    drop(held);
    assert_eq!(
        execute(DeletePlan::build(all.iter(), "all".into()), &root)
            .unwrap()
            .deleted(),
        all.len()
    );
}

/// A real profile lock as Firefox takes it: `fcntl` write lock on `.parentlock`, held by
/// another process. Both delete and undo must refuse.
#[test]
fn real_parentlock_held_by_another_process_is_refused() {
    let python = std::path::Path::new("/usr/bin/python3");
    if !python.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI: /usr/bin/python3 is required"
        );
        eprintln!("skipped: /usr/bin/python3 not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    let all = cookies(&ff);
    // A backup to undo while the browser runs.
    let first = execute(DeletePlan::build(all.iter().take(2), "two".into()), &root).unwrap();
    assert_eq!(first.deleted(), 2);

    let lock = ff.profile_dir.join(".parentlock");
    std::fs::write(&lock, b"").unwrap();
    let mut child = KillOnDrop(
        Command::new(python)
            .arg("-c")
            .arg(
                "import fcntl, sys, time\nf = open(sys.argv[1], 'r+')\n\
                 fcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)",
            )
            .arg(&lock)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    std::io::BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");

    let before = tree(&ff.profile_dir);
    let plan = DeletePlan::build(all.iter().skip(2), "rest".into());
    assert!(
        plan.stores[0].running.is_some(),
        "the fcntl lock on .parentlock must count as a running browser"
    );
    let report = execute(plan, &root).unwrap();
    assert!(report.any_refused());
    assert!(
        matches!(&report.outcomes[0], StoreOutcome::Skipped { reason, .. }
        if reason.contains("close it"))
    );
    let u = undo(&root, None).unwrap();
    assert!(u.any_refused(), "{u:?}");
    assert!(
        matches!(&u.stores[0].outcome, UndoOutcome::Refused { reason }
        if reason.contains("close it"))
    );
    assert_eq!(tree(&ff.profile_dir), before);
    assert_eq!(root.list().unwrap().len(), 1);
}

/// Ends the lock holder even when an assertion fails.
struct KillOnDrop(std::process::Child);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Clears the immutable flag again even when the test fails, so the temp dir can go.
struct Immutable(std::path::PathBuf);
impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// The backup folder refuses new entries after the write transactions are open (an
/// immutable folder stops even root): every transaction rolls back, nothing is deleted.
#[test]
fn backup_failing_after_the_transactions_opened_rolls_back() {
    let tmp = tempfile::tempdir().unwrap();
    let ff = firefox_store(tmp.path());
    let ch = chromium_store(tmp.path());
    let root = BackupRoot::new(tmp.path().join("backups"));
    drop(root.lock().unwrap());
    let ok = Command::new("chattr")
        .arg("+i")
        .arg(&root.dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let _guard = Immutable(root.dir.clone());
    if !ok {
        eprintln!("skipped: chattr +i not supported on this filesystem");
        return;
    }
    let all: Vec<_> = cookies(&ff).into_iter().chain(cookies(&ch)).collect();
    let before = (select_all(&ff.path), dump(&ff.path), dump(&ch.path));
    let err = execute(DeletePlan::build(all.iter(), "all".into()), &root).unwrap_err();
    assert!(err.to_string().contains("backups"), "{err}");
    assert_eq!(
        (select_all(&ff.path), dump(&ff.path), dump(&ch.path)),
        before
    );
    assert_eq!(quick_check(&ff.path), "ok");
    assert_eq!(journal_mode(&ff.path), "wal");
}
