//! Non-Unix side of `files`: plain opens (Windows has no FIFOs at ordinary paths and no
//! POSIX modes); the regular-file and size checks in `files` still apply.

use std::fs;
use std::path::Path;

use super::Links;
use crate::Result;

pub(super) fn open_nonblocking(path: &Path, links: Links) -> std::io::Result<fs::File> {
    if links == Links::Refuse && fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    fs::File::open(path)
}

pub(super) fn is_refused_link(_e: &std::io::Error) -> bool {
    false
}

pub(super) fn special_kind(_t: &fs::FileType) -> &'static str {
    "not a regular file"
}

pub(super) fn mkdir_private(dir: &Path) -> std::io::Result<()> {
    fs::create_dir(dir)
}

pub(super) fn own_private_dir(dir: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(dir).map_err(|e| crate::Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(crate::Error::Other(format!(
            "{}: is not a real folder; crumbs keeps its files only in a folder it owns",
            dir.display()
        )));
    }
    Ok(())
}

pub(super) fn private_file_options(_opts: &mut fs::OpenOptions) {}

pub(super) fn set_file_mode(_f: &fs::File, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

pub(super) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
