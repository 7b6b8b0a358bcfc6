//! Linux: who has a file open, from `/proc/<pid>/fd`. Files are compared by device and
//! inode, so a process in another mount or PID namespace that sees the file under a
//! different path is still found. Only file descriptors whose link names one of the
//! wanted file names are `stat`ed, so sockets, pipes and unrelated files cost one
//! `readlink` each.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A process that has one of the files open.
pub(super) struct Holder {
    pub pid: i32,
    pub name: String,
    pub file: PathBuf,
}

/// What one pass over `/proc` found.
pub(super) struct Found {
    pub holder: Option<Holder>,
    /// Processes whose open files could not be listed: (pid, name).
    pub unreadable: Vec<(i32, String)>,
}

struct Target<'a> {
    dev: u64,
    ino: u64,
    name: OsString,
    path: &'a Path,
}

/// Looks at every process but this one; `None` when `/proc` is not mounted.
pub(super) fn scan(paths: &[PathBuf]) -> Option<Found> {
    if fs::symlink_metadata("/proc/self/fd").is_err() {
        return None;
    }
    let targets: Vec<Target<'_>> = paths
        .iter()
        .filter_map(|p| {
            let m = fs::metadata(p).ok().filter(|m| m.is_file())?;
            Some(Target {
                dev: m.dev(),
                ino: m.ino(),
                name: p.file_name()?.to_os_string(),
                path: p,
            })
        })
        .collect();
    let me = std::process::id();
    let mut found = Found {
        holder: None,
        unreadable: Vec::new(),
    };
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me || is_our_unexeced_fork(pid, me) {
            continue;
        }
        let Ok(pid) = i32::try_from(pid) else {
            continue;
        };
        match fds_holding(pid, &targets) {
            Ok(Some(path)) => {
                found.holder = Some(Holder {
                    pid,
                    name: process_name(pid),
                    file: path.to_path_buf(),
                });
                return Some(found);
            }
            Ok(None) => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                found.unreadable.push((pid, process_name(pid)));
            }
            // The process ended while we looked.
            Err(_) => {}
        }
    }
    Some(found)
}

/// A child of ours that is still our own program: between fork and exec it shares every
/// file we have open, so it is us (a threaded test harness spawning programs does this all
/// the time). Once it runs its own program, it counts like any other process.
fn is_our_unexeced_fork(pid: u32, me: u32) -> bool {
    let exe = |p: &str| fs::read_link(format!("/proc/{p}/exe")).ok();
    parent_of(pid) == Some(me) && exe(&pid.to_string()).is_some_and(|e| Some(e) == exe("self"))
}

/// The parent pid of `pid`, from `/proc/<pid>/stat` (after the name, which may hold any
/// byte, so the fields are read after its last `)`).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The first target `pid` has open, if any.
fn fds_holding<'a>(pid: i32, targets: &[Target<'a>]) -> std::io::Result<Option<&'a Path>> {
    let fd_dir = PathBuf::from(format!("/proc/{pid}/fd"));
    for fd in fs::read_dir(&fd_dir)?.flatten() {
        let Ok(link) = fs::read_link(fd.path()) else {
            continue;
        };
        let Some(name) = link.file_name() else {
            continue;
        };
        for t in targets {
            if name != t.name.as_os_str() {
                continue;
            }
            if fs::metadata(fd.path()).is_ok_and(|m| m.dev() == t.dev && m.ino() == t.ino) {
                return Ok(Some(t.path));
            }
        }
    }
    Ok(None)
}

/// `/proc/<pid>/comm`: readable for every process, even one that hides its files.
pub(super) fn process_name(pid: i32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "a process".into())
}
