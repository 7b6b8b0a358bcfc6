//! Snapshots hold plaintext values: their folder is owner-only (0700), the copied files
//! 0600 whatever the umask, and nothing named `crumbs-*` is left in TMPDIR once a command
//! has finished, whether it succeeded or failed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::os::unix::fs::PermissionsExt;

use support::{Sandbox, both_stores};

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn snapshot_folder_and_files_are_owner_only_and_removed() {
    let work = tempfile::tempdir().unwrap();
    let [ff, _] = both_stores(work.path());
    // Side files must travel with the copy, with the same private mode.
    std::fs::write(ff.with_file_name("cookies.sqlite-journal"), b"").unwrap();
    std::fs::set_permissions(&ff, std::fs::Permissions::from_mode(0o666)).unwrap();
    let snap = crumbs::store::snapshot::Snapshot::take(&ff).unwrap();
    let dir = snap.dir().to_path_buf();
    assert!(
        dir.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("crumbs-"),
        "{}",
        dir.display()
    );
    assert_eq!(mode(&dir), 0o700);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty());
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    assert_eq!(
        std::fs::read(snap.path()).unwrap(),
        std::fs::read(&ff).unwrap()
    );
    drop(snap);
    assert!(!dir.exists(), "snapshot folder left behind");
}

#[test]
fn no_snapshot_left_after_commands() {
    let sb = Sandbox::new();
    let [ff, ch] = both_stores(sb.work.path());
    for store in [&ff, &ch] {
        let s = store.to_str().unwrap();
        for args in [
            vec!["list", "--store", s],
            vec!["list", "--show-values", "--json", "--store", s],
            vec!["stores", "--store", s],
        ] {
            sb.run(&args).assert_ok();
            assert_eq!(sb.leftover_tmp(), Vec::<String>::new(), "after {args:?}");
        }
    }
    // A store that fails after the copy was taken (no cookie table).
    let bad = sb.path("cookies.sqlite");
    support::sql(&bad, "CREATE TABLE foo(a);");
    let run = sb.run(&["list", "--store", bad.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        sb.leftover_tmp(),
        Vec::<String>::new(),
        "after a failed read"
    );
}
