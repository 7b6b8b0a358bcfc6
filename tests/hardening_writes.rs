//! A store crumbs may read but not write: `chattr +i` (immutable, which stops even root,
//! unlike chmod) on the live file. The delete must change nothing in it, say why in one
//! line naming the file, and never panic. The other write faults (killed mid-delete,
//! backup folder unwritable, two crumbs at once) are in `tests/delete_*.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use support::{Sandbox, both_stores};

/// Clears the immutable flag even when an assertion fails, so the temp dir can go.
struct Immutable<'a>(&'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

fn rows(db: &Path, table: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn read_only_store_is_left_unchanged() {
    let sb = Sandbox::new();
    for (store, table) in both_stores(sb.work.path())
        .iter()
        .zip(["moz_cookies", "cookies"])
    {
        let before = std::fs::read(store).unwrap();
        let ok = Command::new("chattr").arg("+i").arg(store).status();
        if !ok.is_ok_and(|s| s.success()) {
            assert!(
                std::env::var_os("CI").is_none(),
                "chattr +i failed under CI"
            );
            println!("skipped: chattr +i not supported here");
            return;
        }
        let _guard = Immutable(store);
        let run = sb.run(&["delete", "--yes", "--store", store.to_str().unwrap()]);
        run.assert_no_panic();
        assert_ne!(run.code, Some(0), "{run:?}");
        let text = format!("{}{}", run.stdout_text(), run.stderr);
        assert!(text.contains("readonly database"), "{text}");
        assert!(text.contains("nothing deleted"), "{text}");
        assert_eq!(std::fs::read(store).unwrap(), before, "live file changed");
        assert!(rows(store, table) > 5);
        assert_eq!(sb.leftover_tmp(), Vec::<String>::new());
    }
}
