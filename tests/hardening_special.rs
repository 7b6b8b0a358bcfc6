//! Special files where crumbs expects plain ones: a FIFO in place of Firefox's
//! `.parentlock` must not hang any command, and a backups folder replaced by a symlink
//! must be refused, not followed (run as root, the old code wrote the backup into the
//! link's target and changed its mode).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "hardening_support.rs"]
mod support;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use support::{Sandbox, firefox_copy};

fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_parentlock_hangs_nothing() {
    let sb = Sandbox::new();
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let store = firefox_copy(&dir);
    mkfifo(&dir.join(".parentlock"));
    let s = store.to_str().unwrap();
    for args in [
        vec!["list", "--store", s],
        vec!["stores", "--store", s],
        vec!["delete", "--store", s, "--name", "csrftoken", "-y"],
    ] {
        let t = Instant::now();
        let run = sb.run(&args);
        // `Sandbox::run` kills a hung crumbs after 60 s (exit 124).
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            t.elapsed()
        );
        run.assert_ok();
    }
}

#[test]
fn a_symlinked_backups_folder_is_refused_not_followed() {
    let sb = Sandbox::new();
    let dir = sb.path("ff");
    std::fs::create_dir_all(&dir).unwrap();
    let store = firefox_copy(&dir);
    let target = sb.path("elsewhere");
    std::fs::create_dir(&target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = sb.home.path().join(".local/share/crumbs");
    std::fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(&target, data.join("backups")).unwrap();

    let before = std::fs::read(&store).unwrap();
    let s = store.to_str().unwrap();
    let run = sb.run(&["delete", "--store", s, "--name", "csrftoken", "-y"]);
    assert_ne!(
        run.code,
        Some(0),
        "delete went through a symlinked backups folder"
    );
    assert!(run.stderr.contains("not a real folder"), "{}", run.stderr);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o755, "the link's target had its mode changed");
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
    assert_eq!(std::fs::read(&store).unwrap(), before, "store changed");
}
