//! Undo: put back the exact rows (and session entries) a backup saved. One transaction per
//! store; refused while the browser runs or when the live table's CREATE statement or
//! schema version differs from the backup's (a browser upgrade may have changed what the
//! columns mean). Idempotent: a row whose unique key is already present is skipped. The
//! backup data is kept; the manifest only records that it was restored.

mod session;
mod table;

use std::path::Path;

use super::backup::{BackupRoot, Manifest, ManifestStore, Source};
use crate::model::UnixMicros;
use crate::store::running;
use crate::{Error, Result};
use session::restore_session;
use table::{Saved, restore_table};

/// What undo did.
#[derive(Debug, Clone)]
pub struct UndoReport {
    pub backup_id: String,
    pub stores: Vec<UndoStore>,
}

/// One part of the backup (a table or a session file) and what happened to it.
#[derive(Debug, Clone)]
pub struct UndoStore {
    pub entry: ManifestStore,
    pub outcome: UndoOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoOutcome {
    /// `added` rows put back; `already_there` were present (same unique key) and skipped.
    Restored { added: usize, already_there: usize },
    /// Not touched, and why (browser running, schema changed).
    Refused { reason: String },
    /// Tried and rolled back.
    Failed { error: String },
}

impl UndoReport {
    pub fn added(&self) -> usize {
        self.sum(|a, _| a)
    }
    pub fn already_there(&self) -> usize {
        self.sum(|_, b| b)
    }
    fn sum(&self, pick: fn(usize, usize) -> usize) -> usize {
        self.stores
            .iter()
            .map(|s| match s.outcome {
                UndoOutcome::Restored {
                    added,
                    already_there,
                } => pick(added, already_there),
                _ => 0,
            })
            .sum()
    }
    /// True when some part was refused or failed.
    pub fn any_refused(&self) -> bool {
        self.stores
            .iter()
            .any(|s| !matches!(s.outcome, UndoOutcome::Restored { .. }))
    }
}

/// Puts back backup `id` (when `None`, the newest backup not restored yet).
pub fn undo(root: &BackupRoot, id: Option<&str>) -> Result<UndoReport> {
    let _lock = root.lock()?;
    let mut manifest: Manifest = match id {
        Some(id) => root.load(id)?,
        // Like an editor's undo: the newest deletion not yet put back, so two undos in a
        // row undo two deletions. A named backup can always be restored again.
        None => {
            let all = root.list()?;
            if all.is_empty() {
                return Err(Error::Other(format!(
                    "{}: no backups yet",
                    root.dir.display()
                )));
            }
            all.into_iter()
                .find(|m| m.restored.is_none())
                .ok_or_else(|| {
                    Error::Other(
                        "nothing to undo: every backup was already restored \
                     (`crumbs undo ID` puts one back again)"
                            .into(),
                    )
                })?
        }
    };
    let folder = root.folder(&manifest.id);
    let stores: Vec<UndoStore> = manifest
        .stores
        .iter()
        .map(|entry| UndoStore {
            entry: entry.clone(),
            outcome: restore_one(entry, &folder),
        })
        .collect();
    let report = UndoReport {
        backup_id: manifest.id.clone(),
        stores,
    };
    if !report.any_refused() {
        manifest.restored = Some(crate::timefmt::rfc3339(UnixMicros::now()));
        root.save_manifest(&manifest)?;
    }
    Ok(report)
}

fn restore_one(entry: &ManifestStore, folder: &Path) -> UndoOutcome {
    let store = entry.store_ref();
    if let Some(holder) = running::running(&store) {
        return UndoOutcome::Refused {
            reason: running::refusal(&store, &holder),
        };
    }
    let res = match &entry.source {
        Source::Table {
            table,
            create_sql,
            schema_version,
            rows_file,
            ids,
        } => restore_table(
            entry,
            Saved {
                table,
                create_sql,
                version: schema_version,
                ids,
                file: &folder.join(rows_file),
            },
        ),
        Source::Session { file, entries_file } => {
            restore_session(entry, file, &folder.join(entries_file))
        }
    };
    res.unwrap_or_else(|e| UndoOutcome::Failed {
        error: e.to_string(),
    })
}

pub(super) fn digest_mismatch(entry: &ManifestStore, digest: &str) -> Option<String> {
    match &entry.content_sha256 {
        Some(want) if want != digest => Some(tampered(entry, "its content hash differs")),
        _ => None,
    }
}

pub(super) fn tampered(entry: &ManifestStore, why: &str) -> String {
    format!(
        "{}: the backup does not match its manifest ({why}); it was changed after it was \
         made, so nothing was restored",
        entry.path.display()
    )
}
