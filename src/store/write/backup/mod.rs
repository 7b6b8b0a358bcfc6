//! Backups of deleted rows: one owner-only folder per delete under the backup root, with a
//! `manifest.json` and, per store, an SQLite file holding the exact rows (same table
//! schema, raw values) or a JSON file holding removed session entries. A backup is built
//! under a temporary name and renamed only when complete, so a crash never leaves a half
//! backup that looks complete. This module never touches a browser's files.

mod lockfile;
mod manifest;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};

pub use lockfile::RootLock;
pub use manifest::{Manifest, ManifestStore, Source};
pub(crate) use writer::{PendingBackup, TableRows};

use crate::{Error, Result};

/// Prefix of folders still being written; never listed.
const TMP_PREFIX: &str = ".tmp-";
const MANIFEST: &str = "manifest.json";

/// The folder all backups live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRoot {
    pub dir: PathBuf,
}

impl BackupRoot {
    pub fn new(dir: impl Into<PathBuf>) -> BackupRoot {
        BackupRoot { dir: dir.into() }
    }

    /// `crate::paths::data_dir()/backups`.
    pub fn default_location() -> Result<BackupRoot> {
        crate::paths::data_dir()
            .map(|d| BackupRoot::new(d.join("backups")))
            .ok_or_else(|| Error::Other("no data folder for backups (is HOME set?)".into()))
    }

    /// Creates the root (0700) if needed.
    pub fn ensure(&self) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        set_mode(&self.dir, 0o700)
    }

    /// Takes the advisory lock that keeps two crumbs processes from writing at once,
    /// waiting up to a few seconds for another one to finish.
    pub fn lock(&self) -> Result<RootLock> {
        self.ensure()?;
        RootLock::acquire(&self.dir.join("crumbs.lock"), lockfile::DEFAULT_WAIT)
    }

    /// Folder of backup `id`.
    pub fn folder(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// Every complete backup, newest first. Unreadable manifests are skipped, never fatal.
    pub fn list(&self) -> Result<Vec<Manifest>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.dir, e)),
        };
        let mut out: Vec<Manifest> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with(TMP_PREFIX))
            .filter(|e| e.path().is_dir())
            .filter_map(|e| self.load(&e.file_name().to_string_lossy()).ok())
            .collect();
        out.sort_by(|a, b| {
            b.created_micros
                .cmp(&a.created_micros)
                .then(b.id.cmp(&a.id))
        });
        Ok(out)
    }

    /// The newest complete backup.
    pub fn latest(&self) -> Result<Option<Manifest>> {
        Ok(self.list()?.into_iter().next())
    }

    /// Reads the manifest of backup `id`.
    pub fn load(&self, id: &str) -> Result<Manifest> {
        if id.is_empty() || id.starts_with('.') || id.contains(['/', '\\']) {
            return Err(Error::Backup {
                id: id.into(),
                message: "not a backup id".into(),
            });
        }
        let path = self.folder(id).join(MANIFEST);
        let text = fs::read_to_string(&path).map_err(|e| Error::Backup {
            id: id.into(),
            message: format!("{}: {e}", path.display()),
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Backup {
            id: id.into(),
            message: format!("{}: {e}", path.display()),
        })
    }

    /// Rewrites the manifest of a complete backup (temp file + rename).
    pub fn save_manifest(&self, m: &Manifest) -> Result<()> {
        write_manifest(&self.folder(&m.id), m)
    }
}

pub(crate) fn write_manifest(folder: &Path, m: &Manifest) -> Result<()> {
    let text = serde_json::to_vec_pretty(m).map_err(|e| Error::Backup {
        id: m.id.clone(),
        message: format!("manifest: {e}"),
    })?;
    let tmp = folder.join(".manifest.json.tmp");
    write_private(&tmp, &text)?;
    let dst = folder.join(MANIFEST);
    fs::rename(&tmp, &dst).map_err(|e| Error::io(&dst, e))?;
    sync_dir(folder)
}

/// Writes `bytes` to a new 0600 file and flushes it to disk.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = create_private(path)?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))?;
    f.sync_all().map_err(|e| Error::io(path, e))
}

/// Creates (truncating) a file readable by its owner only.
pub(crate) fn create_private(path: &Path) -> Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let f = opts.open(path).map_err(|e| Error::io(path, e))?;
    set_mode(path, 0o600)?;
    Ok(f)
}

pub(crate) fn set_mode(path: &Path, mode: u32) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// Makes a rename or new file in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
