//! The real [`Services`]: reading through `Inventory::load`, and deleting, undoing, the
//! keep-list and exports through the library's store, keep-list and export modules. The only place the UI
//! reaches outside itself; it knows those modules by their public names only.

use std::sync::Arc;

use super::Services;
use super::action::{DeleteOutcome, ExportError, ExportOutcome, KeepTarget};
use super::index::{Index, IndexBuilder, Piece, SiteIds};
use crate::audit::History;
use crate::export::{self, Format};
use crate::inventory::{Entry, Inventory, StoreStatus};
use crate::keeplist::KeepList;
use crate::model::{Cookie, CookieId, StoreRef, UnixMicros};
use crate::policy::Policies;
use crate::store::ReadOptions;
use crate::store::backup::BackupRoot;
use crate::store::delete::{DeletePlan, DeleteReport, StoreOutcome, execute};
use crate::store::undo;

/// Reads and classifies the stores; cheap to clone onto a worker thread.
#[derive(Debug, Clone)]
pub struct Loader {
    stores: Vec<StoreRef>,
    read: ReadOptions,
    policies: Policies,
}

impl Loader {
    pub fn store_count(&self) -> usize {
        self.stores.len()
    }
    pub fn load(&self) -> Inventory {
        Inventory::load(self.stores.clone(), &self.read, &self.policies)
    }

    /// As [`Loader::load`], with the UI's index built in pieces as the batches are read.
    pub fn load_indexed(&self) -> (Inventory, Index) {
        let ids = SiteIds::default();
        let mut builder = IndexBuilder::default();
        let inv = Inventory::load_with(
            self.stores.clone(),
            &self.read,
            &self.policies,
            &|batch: &[Entry]| Piece::of(batch, &ids),
            &mut builder,
        );
        (inv, builder.finish(ids))
    }
}

/// The services backed by the real stores.
#[derive(Debug)]
pub struct RealServices {
    loader: Loader,
}

impl RealServices {
    pub fn new(stores: Vec<StoreRef>, read: ReadOptions, policies: Policies) -> RealServices {
        RealServices {
            loader: Loader {
                stores,
                read,
                policies,
            },
        }
    }

    pub fn loader(&self) -> Loader {
        self.loader.clone()
    }

    /// The demo's private backup folder when the demo is open, else the person's backups.
    fn backup_root(&self) -> Result<BackupRoot, String> {
        match self.loader.stores.iter().find_map(crate::demo::backups_dir) {
            Some(dir) => Ok(BackupRoot::new(dir)),
            None => BackupRoot::default_location().map_err(|e| e.to_string()),
        }
    }
}

impl Services for RealServices {
    fn delete(&mut self, cookies: &[Cookie], description: &str) -> Result<DeleteOutcome, String> {
        let root = self.backup_root()?;
        let plan = DeletePlan::build(cookies, description.to_string());
        let planned: Vec<(Arc<StoreRef>, Vec<CookieId>)> = plan
            .stores
            .iter()
            .map(|s| (s.store.clone(), s.cookies.iter().map(|c| c.id()).collect()))
            .collect();
        let report = execute(plan, &root).map_err(|e| e.to_string())?;
        Ok(outcome(&planned, &report))
    }

    fn undo(&mut self, backup: Option<&str>) -> Result<String, String> {
        let root = self.backup_root()?;
        let r = undo::undo(&root, backup).map_err(|e| e.to_string())?;
        let n = r.added();
        let mut msg = format!(
            "Put back {n} cookie{} from backup {}",
            if n == 1 { "" } else { "s" },
            r.backup_id
        );
        if r.already_there() > 0 {
            msg.push_str(&format!(" ({} were already there)", r.already_there()));
        }
        if r.any_refused() {
            msg.push_str("; some stores were refused (is the browser running?)");
        }
        Ok(msg)
    }

    fn reload(&mut self) -> Inventory {
        self.loader.load()
    }

    fn history(&mut self, stores: &[StoreStatus]) -> History {
        History::read(stores)
    }

    fn toggle_keep(&mut self, target: &KeepTarget) -> Result<bool, String> {
        let path = crate::paths::keep_list_file()
            .ok_or_else(|| "no config folder for the keep-list (is HOME set?)".to_string())?;
        let mut list = KeepList::load(&path).map_err(|e| e.to_string())?;
        let kept = match target {
            KeepTarget::Site(s) => list.toggle_site(s),
            KeepTarget::Name(n) => list.toggle_name(n),
        };
        list.save(&path).map_err(|e| e.to_string())?;
        Ok(kept)
    }

    fn keeps(&mut self) -> KeepList {
        KeepList::load_default().unwrap_or_default()
    }

    fn export(
        &mut self,
        cookies: &[&Cookie],
        path: &str,
        format: Format,
        force: bool,
        now: UnixMicros,
    ) -> Result<ExportOutcome, ExportError> {
        write_export(cookies, path, format, force, now)
    }
}

/// The export the UI asks for, written as `crumbs export -o PATH` writes it: the values as
/// the loader read them (decrypted, as for the CLI; a value it could not decrypt is left
/// out and counted), a new owner-only file, and an existing one refused unless `force`.
/// A leading `~/` in the typed path is the home folder, as in a shell.
pub fn write_export(
    cookies: &[&Cookie],
    path: &str,
    format: Format,
    force: bool,
    now: UnixMicros,
) -> Result<ExportOutcome, ExportError> {
    let file = crate::paths::expand_tilde(path);
    if !force && file.symlink_metadata().is_ok() {
        return Err(ExportError::Exists);
    }
    let out = export::export(cookies, format, now);
    export::write_new_file(&file, &out.bytes, force)
        .map_err(|e| ExportError::Failed(format!("cannot write the export: {e}")))?;
    Ok(ExportOutcome {
        path: path.to_string(),
        written: out.written,
        skipped: out.skipped,
    })
}

/// Per-cookie result from the per-store report: every planned cookie of a store that was
/// deleted is gone (rows already missing are gone too); the others stay, with the reason.
fn outcome(planned: &[(Arc<StoreRef>, Vec<CookieId>)], report: &DeleteReport) -> DeleteOutcome {
    let mut out = DeleteOutcome {
        backup_id: report.backup_id.clone(),
        ..DeleteOutcome::default()
    };
    for o in &report.outcomes {
        let Some((_, ids)) = planned.iter().find(|(s, _)| **s == **o.store()) else {
            continue;
        };
        match o {
            StoreOutcome::Deleted { .. } => out.deleted.extend(ids.iter().copied()),
            StoreOutcome::Skipped { reason, .. } => {
                out.skipped.extend(ids.iter().map(|i| (*i, reason.clone())))
            }
            StoreOutcome::Failed { error, .. } => {
                out.skipped.extend(ids.iter().map(|i| (*i, error.clone())))
            }
        }
    }
    out
}
