//! Unix side of `files`: non-blocking, no-follow opens and owner checks through the
//! opened descriptor (so a path swapped for a link after the check changes nothing).

use std::fs;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rustix::fs::{Mode, OFlags};

use super::Links;
use crate::{Error, Result};

/// Opens read-only with `O_NONBLOCK`, so a FIFO with no writer cannot block, and with
/// `O_NOFOLLOW` when links are refused. For regular files `O_NONBLOCK` changes nothing.
pub(super) fn open_nonblocking(path: &Path, links: Links) -> std::io::Result<fs::File> {
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    if links == Links::Refuse {
        flags |= OFlags::NOFOLLOW;
    }
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(fs::File::from(fd))
}

pub(super) fn is_refused_link(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

pub(super) fn special_kind(t: &fs::FileType) -> &'static str {
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

pub(super) fn mkdir_private(dir: &Path) -> std::io::Result<()> {
    rustix::fs::mkdir(dir, Mode::from_raw_mode(0o700)).map_err(Into::into)
}

/// Opens `dir` without following a link, checks it is a folder this user owns, and sets
/// 0700 through the descriptor.
pub(super) fn own_private_dir(dir: &Path) -> Result<()> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = match rustix::fs::open(dir, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
            return Err(Error::Other(format!(
                "{}: is not a real folder (a symbolic link or a file); crumbs keeps its \
                 files only in a folder it owns. Remove it and try again",
                dir.display()
            )));
        }
        Err(e) => return Err(Error::io(dir, e.into())),
    };
    let st = rustix::fs::fstat(&fd).map_err(|e| Error::io(dir, e.into()))?;
    if st.st_uid != rustix::process::geteuid().as_raw() {
        return Err(Error::Other(format!(
            "{}: belongs to another user; crumbs keeps its files only in a folder it owns",
            dir.display()
        )));
    }
    if st.st_mode & 0o777 != 0o700 {
        rustix::fs::fchmod(&fd, Mode::from_raw_mode(0o700))
            .map_err(|e| Error::io(dir, e.into()))?;
    }
    Ok(())
}

pub(super) fn private_file_options(opts: &mut fs::OpenOptions) {
    opts.mode(0o600)
        .custom_flags(OFlags::NOFOLLOW.bits() as i32 | OFlags::CLOEXEC.bits() as i32);
}

pub(super) fn set_file_mode(f: &fs::File, mode: u32) -> std::io::Result<()> {
    f.set_permissions(fs::Permissions::from_mode(mode))
}

pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir).and_then(|f| f.sync_all())
}
