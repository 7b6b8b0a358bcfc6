//! Small, bounded file-system functions for discovery: folder listings that skip symlinked
//! folders (so a symlink loop cannot make a scan run forever) and size-capped reads of
//! browser config files (through `store::files`).

use std::fs;
use std::path::{Path, PathBuf};

/// Listings stop after this many entries: a folder with more is not a browser root.
const MAX_ENTRIES: usize = 10_000;

/// Real (non-symlink) sub-folders of `dir`, sorted by name; empty when unreadable.
pub fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .take(MAX_ENTRIES)
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// Files in `dir` whose name ends with `suffix`, sorted; empty when unreadable.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .take(MAX_ENTRIES)
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    out.sort();
    out
}

/// The bytes of a small config file; `None` when missing, unreadable, not a regular file
/// or too large.
pub fn read_small(path: &Path) -> Option<Vec<u8>> {
    use crate::store::files::{Links, SMALL_FILE_CAP, read_capped};
    read_capped(path, SMALL_FILE_CAP, Links::Follow).ok()
}

/// Canonical form for de-duplication; the path itself when it cannot be resolved.
pub fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Last path component as text.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
