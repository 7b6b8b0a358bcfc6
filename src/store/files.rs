//! The one home for how crumbs touches files: safe opening for reading (regular files
//! only, checked without blocking, read with a size cap), owner-only folders created and
//! opened without following symlinks, and atomic replacement (temp file, file fsync,
//! rename, directory fsync). It knows nothing of cookies, browsers or SQL.
//!
//! Why: a FIFO where a lock or config file should be blocks a plain `open` forever, a
//! device never ends, and a symlinked folder sends owner-only data (and a `chmod`)
//! somewhere else.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Cap for small text files crumbs reads: configs, locks, keep-list, manifests, policies.
pub const SMALL_FILE_CAP: u64 = 16 * 1024 * 1024;
/// Cap for Firefox session files (compressed; a heavy session is a few MiB).
pub const SESSION_FILE_CAP: u64 = 256 * 1024 * 1024;

/// Whether the last path component may be a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Follow it (a config file a dotfile manager links into place).
    Follow,
    /// Refuse it (lock files, crumbs' own files).
    Refuse,
}

/// Opens `path` for reading when it is a regular file. FIFOs, devices, sockets and
/// folders are refused with one clear line, and the check never blocks.
pub fn open_regular(path: &Path, links: Links) -> Result<fs::File> {
    let file = sys::open_nonblocking(path, links).map_err(|e| open_error(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    Ok(file)
}

/// The whole of a regular file, refused when larger than `cap` bytes.
pub fn read_capped(path: &Path, cap: u64, links: Links) -> Result<Vec<u8>> {
    let file = open_regular(path, links)?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > cap {
        return Err(too_big(path, cap));
    }
    let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The size can grow while we read: never take more than the cap.
    file.take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::io(path, e))?;
    if out.len() as u64 > cap {
        return Err(too_big(path, cap));
    }
    Ok(out)
}

/// As [`read_capped`], as UTF-8 text.
pub fn read_text_capped(path: &Path, cap: u64, links: Links) -> Result<String> {
    String::from_utf8(read_capped(path, cap, links)?).map_err(|_| Error::Parse {
        path: path.to_path_buf(),
        message: "not UTF-8 text".into(),
    })
}

/// As [`read_capped`] for a small file, `None` when it does not exist.
pub fn read_optional(path: &Path, cap: u64, links: Links) -> Result<Option<Vec<u8>>> {
    match read_capped(path, cap, links) {
        Ok(b) => Ok(Some(b)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn open_error(path: &Path, e: std::io::Error) -> Error {
    if sys::is_refused_link(&e) {
        return Error::Other(format!(
            "{}: is a symbolic link; crumbs does not follow links here",
            path.display()
        ));
    }
    Error::io(path, e)
}

fn not_regular(path: &Path, meta: &fs::Metadata) -> Error {
    Error::Other(format!(
        "{}: is {}, not a regular file; crumbs reads regular files only",
        path.display(),
        kind_of(meta)
    ))
}

fn too_big(path: &Path, cap: u64) -> Error {
    Error::Other(format!(
        "{}: larger than {} MiB; not read",
        path.display(),
        cap / (1024 * 1024)
    ))
}

/// What a non-regular file is, in plain words.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    sys::special_kind(&t)
}

/// Creates `dir` (and missing parents) and makes sure it is a real folder owned by this
/// user, mode 0700. A symlink in its place is refused, never followed, and the mode is
/// set through the opened folder, so a link swapped in cannot redirect the `chmod`.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    match sys::mkdir_private(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(Error::io(dir, e)),
    }
    sys::own_private_dir(dir)
}

/// Creates a new file readable by its owner only (0600), truncating an old one; a symlink
/// in its place is refused.
pub fn create_private(path: &Path) -> Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    sys::private_file_options(&mut opts);
    let f = opts.open(path).map_err(|e| open_error(path, e))?;
    sys::set_file_mode(&f, 0o600).map_err(|e| Error::io(path, e))?;
    Ok(f)
}

/// Writes `bytes` to a new 0600 file and flushes it to disk.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = create_private(path)?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))?;
    f.sync_all().map_err(|e| Error::io(path, e))
}

/// Who may read the replacement file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perms {
    /// 0600: crumbs' own files (keep-list, manifests).
    Private,
    /// The permissions of the file being replaced (a browser's own file).
    KeepExisting,
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file:
/// temp file in the same folder, fsync, rename over, fsync of the folder.
pub fn replace_atomically(path: &Path, bytes: &[u8], perms: Perms) -> Result<()> {
    put_atomically(path, bytes, perms, true)
}

/// As [`replace_atomically`] for a file that must not exist yet (0600): an existing
/// `path` is an error and is left untouched.
pub fn create_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    put_atomically(path, bytes, Perms::Private, false)
}

fn put_atomically(path: &Path, bytes: &[u8], perms: Perms, clobber: bool) -> Result<()> {
    let dir = parent_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".crumbs-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    match perms {
        Perms::Private => sys::set_file_mode(tmp.as_file(), 0o600),
        Perms::KeepExisting => match fs::metadata(path) {
            Ok(meta) => tmp.as_file().set_permissions(meta.permissions()),
            Err(_) => Ok(()),
        },
    }
    .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    let persisted = if clobber {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    persisted.map_err(|e| Error::io(path, e.error))?;
    sync_dir(&dir)
}

/// Renames `from` to `to` and makes the rename durable in `to`'s folder.
pub fn rename_durably(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io(to, e))?;
    sync_dir(&parent_of(to))
}

/// Makes a rename or new file in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    sys::sync_dir(dir).map_err(|e| Error::io(dir, e))
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
#[path = "files/unix.rs"]
mod sys;

#[cfg(not(unix))]
#[path = "files/other.rs"]
mod sys;

/// `p` with `suffix` appended to its file name: a database's `-wal` and `-journal` side
/// files.
pub(crate) fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
#[path = "files/tests.rs"]
mod tests;
