//! `crumbs.lock` in the backup root: an advisory `flock` so two crumbs processes never
//! write to browser files at once. It guards crumbs against itself only; browsers are
//! checked separately.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// How long a second crumbs waits for the first before refusing.
pub(crate) const DEFAULT_WAIT: Duration = Duration::from_secs(4);

/// Held while deleting or undoing; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct RootLock {
    _file: fs::File,
    path: PathBuf,
}

impl RootLock {
    pub(crate) fn acquire(path: &Path, wait: Duration) -> Result<RootLock> {
        let file = open_lock_file(path)?;
        let start = Instant::now();
        loop {
            match try_lock(&file) {
                Ok(()) => {
                    return Ok(RootLock {
                        _file: file,
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(Error::io(path, e)),
            }
            if start.elapsed() >= wait {
                return Err(Error::Other(format!(
                    "{}: another crumbs is deleting or undoing right now; try again when it \
                     has finished",
                    path.display()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open_lock_file(path: &Path) -> Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map_err(|e| Error::io(path, e))
}

#[cfg(unix)]
fn try_lock(file: &fs::File) -> std::io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(std::io::Error::from)
}

#[cfg(not(unix))]
fn try_lock(file: &fs::File) -> std::io::Result<()> {
    file.try_lock().map_err(|e| match e {
        fs::TryLockError::WouldBlock => std::io::ErrorKind::WouldBlock.into(),
        fs::TryLockError::Error(e) => e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_waits_then_refuses() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("crumbs.lock");
        let first = RootLock::acquire(&p, Duration::ZERO).unwrap();
        let t = Instant::now();
        let err = RootLock::acquire(&p, Duration::from_millis(300)).unwrap_err();
        assert!(t.elapsed() >= Duration::from_millis(300));
        assert!(err.to_string().contains("another crumbs"), "{err}");
        drop(first);
        RootLock::acquire(&p, Duration::ZERO).unwrap();
    }
}
