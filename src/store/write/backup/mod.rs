//! Backups of deleted rows: one owner-only folder per delete under the backup root, with a
//! `manifest.json` and, per store, an SQLite file holding the exact rows (same table
//! schema, raw values) or a JSON file holding removed session entries. A backup is built
//! under a temporary name and renamed only when complete, so a crash never leaves a half
//! backup that looks complete. This module never touches a browser's files.

mod contents;
mod evidence;
mod lockfile;
mod manifest;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};

pub use contents::SavedCookie;
pub(crate) use evidence::{RowsDigest, bytes_digest};
pub use lockfile::RootLock;
pub use manifest::{Manifest, ManifestStore, Source};
pub(crate) use writer::{PendingBackup, TableRows};

use crate::store::files::{self, Links, Perms};
use crate::{Error, Result};

/// Prefix of folders still being written; never listed.
const TMP_PREFIX: &str = ".tmp-";
const MANIFEST: &str = "manifest.json";
/// A manifest names every saved row id (about 20 bytes each as written), so a
/// million-row delete makes a ~20 MiB manifest: the small-file cap would refuse it.
const MANIFEST_CAP: u64 = files::SESSION_FILE_CAP;

/// The folder all backups live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRoot {
    pub dir: PathBuf,
    /// Backups older than this are removed after each successful delete; `None` keeps
    /// them (the default for a root made with [`BackupRoot::new`]).
    pub keep: Option<std::time::Duration>,
}

impl BackupRoot {
    pub fn new(dir: impl Into<PathBuf>) -> BackupRoot {
        BackupRoot {
            dir: dir.into(),
            keep: None,
        }
    }

    /// `crate::paths::data_dir()/backups`, kept as long as the user's config says
    /// (`[backups] keep_days`, default 30; 0 keeps them forever).
    pub fn default_location() -> Result<BackupRoot> {
        let mut root = crate::paths::data_dir()
            .map(|d| BackupRoot::new(d.join("backups")))
            .ok_or_else(|| Error::Other("no data folder for backups (is HOME set?)".into()))?;
        let days = crate::store::config::Config::load_default()?
            .backups
            .keep_days;
        root.keep = (days > 0).then(|| std::time::Duration::from_secs(u64::from(days) * 86_400));
        Ok(root)
    }

    /// Creates the root (0700) if needed; a symlink or someone else's folder in its
    /// place is refused, never followed.
    pub fn ensure(&self) -> Result<()> {
        files::ensure_private_dir(&self.dir)
    }

    /// Takes the advisory lock that keeps two crumbs processes from writing at once,
    /// waiting up to a few seconds for another one to finish, then removes what killed
    /// runs left half-written.
    pub fn lock(&self) -> Result<RootLock> {
        self.ensure()?;
        let lock = RootLock::acquire(&self.dir.join("crumbs.lock"), lockfile::DEFAULT_WAIT)?;
        sweep_partial(&self.dir);
        Ok(lock)
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

    /// Removes every complete backup made more than `older_than` ago; returns their
    /// ids. Takes the root lock, so no delete or undo is using them.
    pub fn prune(&self, older_than: std::time::Duration) -> Result<Vec<String>> {
        let _lock = self.lock()?;
        self.prune_locked(older_than)
    }

    /// As [`Self::prune`], for a caller that already holds the root lock.
    pub(crate) fn prune_locked(&self, older_than: std::time::Duration) -> Result<Vec<String>> {
        let now = crate::model::UnixMicros::now().0;
        let age = i64::try_from(older_than.as_micros()).unwrap_or(i64::MAX);
        let mut gone = Vec::new();
        for m in self.list()? {
            if now.saturating_sub(m.created_micros) <= age {
                continue;
            }
            let folder = self.folder(&m.id);
            // A link named like a backup is not ours to follow.
            let is_dir = fs::symlink_metadata(&folder).is_ok_and(|md| md.is_dir());
            if is_dir {
                fs::remove_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
                gone.push(m.id);
            }
        }
        Ok(gone)
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
        let text =
            files::read_capped(&path, MANIFEST_CAP, Links::Refuse).map_err(|e| Error::Backup {
                id: id.into(),
                message: e.to_string(),
            })?;
        serde_json::from_slice(&text).map_err(|e| Error::Backup {
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
    files::replace_atomically(&folder.join(MANIFEST), &text, Perms::Private)
}

/// Removes every partial backup (`.tmp-*` folder) in `dir`. Only called while holding the
/// root lock: then no crumbs is writing one, so each is left by a run that was killed,
/// and it may hold cookie values. Links and files with that name are left alone.
fn sweep_partial(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            continue;
        }
        // file_type() does not follow a symlink named like a partial backup.
        if entry.file_type().is_ok_and(|t| t.is_dir()) && fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}
