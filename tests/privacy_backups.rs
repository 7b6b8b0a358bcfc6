//! Backups hold the deleted cookies' values so `crumbs undo` can put them back: their
//! folders must be 0700 and their files 0600 whatever the umask, the manifest must not
//! hold a value, and no command of the delete/undo path may print one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::{Sandbox, both_stores, sql};

const SECRET: &str = "crumbsBACKUPvalue55e1d0";

fn modes(dir: &Path, out: &mut Vec<(String, u32, bool)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = std::fs::symlink_metadata(e.path()).unwrap();
        out.push((
            e.path().display().to_string(),
            m.permissions().mode() & 0o777,
            m.is_dir(),
        ));
        if m.is_dir() {
            modes(&e.path(), out);
        }
    }
}

#[test]
fn backups_are_owner_only_and_values_stay_out_of_output() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    sql(
        &ff,
        &format!("UPDATE moz_cookies SET value = '{SECRET}' || id;"),
    );
    sql(
        &ch,
        &format!("UPDATE cookies SET value = '{SECRET}' || rowid, encrypted_value = X'';"),
    );
    let root = sb.home.path().join(".local/share/crumbs/backups");
    for store in [&ff, &ch] {
        let s = store.as_os_str();
        let args = [
            OsStr::new("delete"),
            OsStr::new("--yes"),
            OsStr::new("--store"),
            s,
        ];
        // umask 000: anything not created with an explicit private mode would be 0666.
        let run = sb.run_umask("000", args);
        run.assert_ok();
        assert!(!run.stdout_text().contains(SECRET) && !run.stderr.contains(SECRET));
        assert!(
            run.stdout_text().contains("Backup "),
            "{}",
            run.stdout_text()
        );
    }
    let mut all = Vec::new();
    modes(&root, &mut all);
    assert!(all.len() >= 5, "{all:?}");
    for (path, mode, is_dir) in &all {
        let want = if *is_dir { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{path}");
    }
    let root_mode = std::fs::metadata(&root).unwrap().permissions().mode() & 0o777;
    assert_eq!(root_mode, 0o700);
    for (path, _, is_dir) in &all {
        if !is_dir && path.ends_with("manifest.json") {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(!text.contains(SECRET), "value in {path}");
        }
    }
    let list = sb.run(&["backups", "--json"]);
    list.assert_ok();
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let ids: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2, "{}", list.stdout_text());
    let mut runs = vec![list, sb.run(&["backups"])];
    runs.extend(ids.iter().map(|id| sb.run(&["undo", id])));
    for run in &runs {
        run.assert_ok();
        assert!(!run.stdout_text().contains(SECRET) && !run.stderr.contains(SECRET));
    }
    // Both deletions undone: every planted value is back in the live files.
    let count = |db: &Path, table: &str| -> i64 {
        let conn = rusqlite::Connection::open(db).unwrap();
        let q = format!("SELECT count(*) FROM {table} WHERE value LIKE '{SECRET}%'");
        conn.query_row(&q, [], |r| r.get(0)).unwrap()
    };
    assert!(count(&ff, "moz_cookies") > 5);
    assert!(count(&ch, "cookies") > 5);
    assert_eq!(
        sb.leftover_tmp(),
        Vec::<String>::new(),
        "snapshot left behind"
    );
}
