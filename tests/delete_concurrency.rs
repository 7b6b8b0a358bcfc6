//! Deleting under stress: two deleters at once, and a crumbs killed (SIGKILL) at random
//! points of a 200,000-row delete. The store must end with all or none of the rows, pass
//! `quick_check`, and keep its journal mode; when the rows are gone a complete backup has
//! them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod delete_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crumbs::model::{Browser, StoreRef};
use crumbs::store::backup::BackupRoot;
use crumbs::store::delete::{DeletePlan, execute};
use crumbs::store::undo::undo;
use delete_common::*;
use rusqlite::Connection;

const BIG: usize = 200_000;
const CHILD_ENV: &str = "CRUMBS_TEST_BIG_DELETE";

fn store_at(family: &str, dir: &Path) -> Arc<StoreRef> {
    let (browser, path, udd) = if family == "firefox" {
        (Browser::Firefox, dir.join("cookies.sqlite"), None)
    } else {
        (
            Browser::Chromium,
            dir.join("Cookies"),
            Some(dir.to_path_buf()),
        )
    };
    Arc::new(StoreRef {
        browser,
        profile: "big".into(),
        profile_dir: dir.to_path_buf(),
        path,
        user_data_dir: udd,
        is_default: true,
        is_demo: false,
    })
}

/// A store with `BIG` rows named `bulk…` next to the fixture's rows, which are never planned.
fn big_store(family: &str, root: &Path) -> PathBuf {
    let base = if family == "firefox" {
        firefox_store(root)
    } else {
        chromium_store(root)
    };
    let mut conn = Connection::open(&base.path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let sql = if family == "firefox" {
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, \
             lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap, updateTime) \
             VALUES ('', ?1, ?2, ?3, '/', 1795914454315, ?4, ?4, 1, 0, 256, 2, ?4)"
        } else {
            "INSERT INTO cookies VALUES (?4, ?3, '', ?1, '', CAST(?2 AS BLOB), '/', 13430000000000000, \
             1, 1, ?4, 1, 1, 1, -1, 2, 443, ?4, 1, 1)"
        };
        let mut st = tx.prepare(sql).unwrap();
        for i in 0..BIG {
            st.execute(rusqlite::params![
                format!("bulk{i}"),
                format!("v10-value-{i:08}-padding-padding"),
                format!("h{}.bulk.test", i % 5000),
                13_400_000_000_000_000i64 + i as i64
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    let others: i64 = conn
        .query_row(
            if family == "firefox" {
                "SELECT count(*) FROM moz_cookies WHERE name NOT LIKE 'bulk%'"
            } else {
                "SELECT count(*) FROM cookies WHERE name NOT LIKE 'bulk%'"
            },
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(others as usize >= 6);
    base.profile_dir.clone()
}

/// Runs in the child process only: deletes every `bulk…` row.
#[test]
fn child_big_delete() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = spec.splitn(3, '|');
    let (family, dir, backups) = (
        parts.next().unwrap(),
        PathBuf::from(parts.next().unwrap()),
        PathBuf::from(parts.next().unwrap()),
    );
    let store = store_at(family, &dir);
    let all = cookies(&store);
    let bulk = all.iter().filter(|c| c.name.starts_with("bulk"));
    let plan = DeletePlan::build(bulk, "name:bulk*".into());
    assert_eq!(plan.len(), BIG);
    println!("planned");
    let report = execute(plan, &BackupRoot::new(backups)).unwrap();
    assert_eq!(report.deleted(), BIG);
    println!("done");
}

fn count(path: &Path, like: bool) -> usize {
    let conn = Connection::open(path).unwrap();
    let t = if path.ends_with("Cookies") {
        "cookies"
    } else {
        "moz_cookies"
    };
    let op = if like { "LIKE" } else { "NOT LIKE" };
    let n: i64 = conn
        .query_row(
            &format!("SELECT count(*) FROM {t} WHERE name {op} 'bulk%'"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    n as usize
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Spawns this test binary as a crumbs that deletes the bulk rows. Returns whether it
/// finished, when it had its plan (reading done, nothing written yet) and when it ended.
/// With `kill`, sends SIGKILL that long after the plan was ready.
fn run_child(
    family: &str,
    dir: &Path,
    backups: &Path,
    kill: Option<Duration>,
) -> (bool, Duration, Duration) {
    use std::io::BufRead;
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_big_delete",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            CHILD_ENV,
            format!("{family}|{}|{}", dir.display(), backups.display()),
        )
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            if line.ends_with("planned") {
                let _ = tx.send(());
            }
        }
    });
    let planned = rx
        .recv_timeout(Duration::from_secs(600))
        .map(|()| start.elapsed())
        .unwrap_or_default();
    if let Some(after) = kill {
        let t = Instant::now();
        while t.elapsed() < after && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill(); // SIGKILL
    }
    let status = child.wait().unwrap();
    (status.success(), planned, start.elapsed())
}

fn check_intact(family: &str, dir: &Path, backups: &Path, others: usize, journal: &str) -> bool {
    let store = store_at(family, dir);
    assert_eq!(quick_check(&store.path), "ok");
    assert_eq!(journal_mode(&store.path), journal);
    let bulk = count(&store.path, true);
    assert!(
        bulk == 0 || bulk == BIG,
        "{family}: {bulk} of {BIG} rows left"
    );
    assert_eq!(
        count(&store.path, false),
        others,
        "{family}: other rows touched"
    );
    if bulk == 0 {
        let m = BackupRoot::new(backups)
            .latest()
            .unwrap()
            .expect("a complete backup");
        assert_eq!(m.total(), BIG);
    }
    bulk == 0
}

#[test]
fn killed_mid_delete_leaves_the_store_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    for (family, journal) in [("firefox", "wal"), ("chromium", "delete")] {
        let template = big_store(family, &tmp.path().join(format!("t-{family}")));
        let others = count(&store_at(family, &template).path, false);
        // One full run tells how long a delete takes here.
        let full = tmp.path().join(format!("{family}-full"));
        copy_dir(&template, &full);
        let (ok, planned, ended) = run_child(family, &full, &full.join("backups"), None);
        let took = ended.saturating_sub(planned);
        assert!(ok, "{family}: uninterrupted delete failed");
        assert!(check_intact(
            family,
            &full,
            &full.join("backups"),
            others,
            journal
        ));
        let t = Instant::now();
        let u = undo(&BackupRoot::new(full.join("backups")), None).unwrap();
        assert_eq!((u.added(), u.already_there()), (BIG, 0));
        assert_eq!(
            select_all(&store_at(family, &full).path),
            select_all(&store_at(family, &template).path)
        );
        assert_eq!(quick_check(&store_at(family, &full).path), "ok");
        eprintln!("{family}: undo of {BIG} rows took {:?}", t.elapsed());
        eprintln!("{family}: {BIG}-row delete took {took:?} after {planned:?} of reading");
        let mut outcomes = Vec::new();
        for i in 0..3 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = took.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1);
            let dir = tmp.path().join(format!("{family}-{i}"));
            copy_dir(&template, &dir);
            let backups = dir.join("backups");
            run_child(family, &dir, &backups, Some(at));
            let gone = check_intact(family, &dir, &backups, others, journal);
            outcomes.push((at, gone));
            let _ = std::fs::remove_dir_all(&dir);
        }
        eprintln!("{family}: killed at {outcomes:?} (true = rows were deleted)");
    }
}

#[test]
fn two_deleters_at_once_do_no_damage() {
    let tmp = tempfile::tempdir().unwrap();
    for shared_root in [true, false] {
        let dir = tmp.path().join(format!("shared-{shared_root}"));
        let store = chromium_store(&dir);
        let before = select_all(&store.path);
        let all = cookies(&store);
        let roots: Vec<BackupRoot> = (0..2)
            .map(|i| {
                let name = if shared_root {
                    "backups".into()
                } else {
                    format!("backups{i}")
                };
                BackupRoot::new(dir.join(name))
            })
            .collect();
        let results: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = roots
                .iter()
                .map(|root| {
                    let all = &all;
                    s.spawn(move || execute(DeletePlan::build(all.iter(), "all".into()), root))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        // Either both ran one after the other (the second found nothing left) or the
        // second was refused; never both deleting, never a partial store.
        let deleted: usize = results.iter().flatten().map(|r| r.deleted()).sum();
        assert_eq!(deleted, before.len(), "{results:?}");
        for r in results.iter().flatten().filter(|r| r.deleted() == 0) {
            assert!(r.backup_id.is_none());
        }
        for r in results.iter().filter_map(|r| r.as_ref().err()) {
            assert!(r.to_string().contains("another crumbs"), "{r}");
        }
        assert!(select_all(&store.path).is_empty());
        assert_eq!(quick_check(&store.path), "ok");
        let backups: usize = if shared_root {
            roots[0].list().unwrap().len()
        } else {
            roots.iter().map(|r| r.list().unwrap().len()).sum()
        };
        assert_eq!(backups, 1);
    }
}
