#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use super::*;

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_is_refused_at_once_with_one_line() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join(".parentlock");
    mkfifo(&p);
    let t = Instant::now();
    let err = read_capped(&p, SMALL_FILE_CAP, Links::Refuse).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(2));
    let msg = err.to_string();
    assert!(msg.contains("FIFO") && !msg.contains('\n'), "{msg}");
}

#[test]
fn folders_devices_and_big_files_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let err = read_capped(d.path(), SMALL_FILE_CAP, Links::Follow).unwrap_err();
    assert!(err.to_string().contains("a folder"), "{err}");
    let err = read_capped(Path::new("/dev/zero"), 10, Links::Follow).unwrap_err();
    assert!(err.to_string().contains("a device"), "{err}");
    let big = d.path().join("big");
    fs::write(&big, vec![b'x'; 2048]).unwrap();
    let err = read_capped(&big, 1024, Links::Follow).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
    assert_eq!(read_capped(&big, 4096, Links::Follow).unwrap().len(), 2048);
}

#[test]
fn links_are_followed_only_when_asked() {
    let d = tempfile::tempdir().unwrap();
    let real = d.path().join("real.ini");
    fs::write(&real, b"[General]").unwrap();
    let link = d.path().join("link.ini");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(
        read_capped(&link, 100, Links::Follow).unwrap(),
        b"[General]"
    );
    let err = read_capped(&link, 100, Links::Refuse).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(
        read_optional(&d.path().join("absent"), 100, Links::Refuse)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_private_dir_is_0700_and_a_link_in_its_place_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("a/b/backups");
    ensure_private_dir(&dir).unwrap();
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    ensure_private_dir(&dir).unwrap();
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );

    let target = d.path().join("elsewhere");
    fs::create_dir(&target).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
    let link = d.path().join("linked");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = ensure_private_dir(&link).unwrap_err();
    assert!(err.to_string().contains("not a real folder"), "{err}");
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o755
    );
}

#[test]
fn replacing_keeps_or_sets_permissions_and_leaves_no_temp_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("sessionstore.jsonlz4");
    fs::write(&p, b"old").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    replace_atomically(&p, b"new", Perms::KeepExisting).unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"new");
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o644
    );
    let k = d.path().join("keep.toml");
    replace_atomically(&k, b"sites = []", Perms::Private).unwrap();
    assert_eq!(
        fs::metadata(&k).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(fs::read_dir(d.path()).unwrap().count(), 2);
}

#[test]
fn a_private_file_is_not_written_through_a_link() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("target");
    fs::write(&target, b"keep").unwrap();
    let link = d.path().join("manifest.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(write_private(&link, b"x").is_err());
    assert_eq!(fs::read(&target).unwrap(), b"keep");
}
