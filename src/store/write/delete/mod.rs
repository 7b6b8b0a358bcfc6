//! The one deletion path: a [`DeletePlan`] is built first (no writes), shown, then carried
//! out by [`execute`]: per store, refuse while the browser runs; re-select each planned row
//! by its exact identity inside one write transaction; save those rows to a complete
//! backup; only then delete, verify and commit. Never VACUUMs, never changes a schema,
//! `user_version` or `meta`, never changes the journal mode the browser chose.

mod session;
mod sqlite;
pub(crate) mod table;

use std::sync::Arc;

use crate::Result;
use crate::model::{Cookie, Family, RowKey, StoreRef};
use crate::store::running::{self, Running};
use crate::store::write::backup::{BackupRoot, PendingBackup};

/// What a delete will do, before anything is written. It borrows the listed cookies
/// instead of copying them: a million-row delete adds a pointer per row, not a cookie.
#[derive(Debug, Clone)]
pub struct DeletePlan<'a> {
    /// The filter the cookies were chosen with, as the user gave it (saved in the backup).
    pub filter: String,
    pub stores: Vec<StorePlan<'a>>,
}

/// The cookies to delete from one store.
#[derive(Debug, Clone)]
pub struct StorePlan<'a> {
    pub store: Arc<StoreRef>,
    pub cookies: Vec<&'a Cookie>,
    /// The browser holding this store open when the plan was built; such a store is
    /// refused.
    pub running: Option<Running>,
}

impl<'a> DeletePlan<'a> {
    /// Groups `cookies` by store (first-seen order) and asks whether each store's browser
    /// runs. Reads nothing from the stores and writes nothing.
    pub fn build(
        cookies: impl IntoIterator<Item = &'a Cookie>,
        filter_description: String,
    ) -> DeletePlan<'a> {
        let mut stores: Vec<StorePlan<'a>> = Vec::new();
        for c in cookies {
            match stores
                .iter_mut()
                .find(|s| Arc::ptr_eq(&s.store, &c.store) || s.store == c.store)
            {
                Some(s) => s.cookies.push(c),
                None => stores.push(StorePlan {
                    store: Arc::clone(&c.store),
                    cookies: vec![c],
                    running: None,
                }),
            }
        }
        for s in &mut stores {
            s.running = running::running(&s.store);
        }
        DeletePlan {
            filter: filter_description,
            stores,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cookies planned, over all stores.
    pub fn len(&self) -> usize {
        self.stores.iter().map(|s| s.cookies.len()).sum()
    }
}

/// What happened to one store.
#[derive(Debug, Clone)]
pub enum StoreOutcome {
    /// `count` rows deleted (and backed up); `missing` planned rows were already gone.
    Deleted {
        store: Arc<StoreRef>,
        count: usize,
        missing: usize,
    },
    /// Not touched, and why (browser running, read-only format). Nothing was written.
    Skipped {
        store: Arc<StoreRef>,
        reason: String,
    },
    /// Tried and rolled back: nothing was deleted from this store, except when the table
    /// committed and a session-file write then failed (the error starts "N rows deleted").
    Failed { store: Arc<StoreRef>, error: String },
}

impl StoreOutcome {
    pub fn store(&self) -> &Arc<StoreRef> {
        match self {
            StoreOutcome::Deleted { store, .. }
            | StoreOutcome::Skipped { store, .. }
            | StoreOutcome::Failed { store, .. } => store,
        }
    }
}

/// What [`execute`] did.
#[derive(Debug, Clone)]
pub struct DeleteReport {
    /// The backup holding every deleted row; `None` when nothing was deleted.
    pub backup_id: Option<String>,
    pub outcomes: Vec<StoreOutcome>,
}

impl DeleteReport {
    /// True when some store was refused (browser running) or failed: the front ends report
    /// it and exit non-zero.
    pub fn any_refused(&self) -> bool {
        self.outcomes
            .iter()
            .any(|o| !matches!(o, StoreOutcome::Deleted { .. }))
    }

    /// Rows deleted, over all stores.
    pub fn deleted(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match o {
                StoreOutcome::Deleted { count, .. } => *count,
                _ => 0,
            })
            .sum()
    }
}

/// Work prepared for one store: write transaction open, rows re-selected, nothing deleted.
struct Prepared<'a> {
    store: Arc<StoreRef>,
    db: Option<sqlite::DbWork<'a>>,
    sessions: Vec<session::SessionWork>,
    missing: usize,
}

/// Carries out `plan`, backing up every row before it is deleted. Returns `Err` only when
/// nothing was deleted anywhere (lock held by another crumbs, backup not writable).
pub fn execute(plan: DeletePlan<'_>, root: &BackupRoot) -> Result<DeleteReport> {
    let _lock = root.lock()?;
    let (mut outcomes, work) = refuse_or_prepare(&plan, root);
    if work.iter().all(|p| p.saved() == 0) {
        outcomes.extend(work.into_iter().map(|p| StoreOutcome::Deleted {
            store: p.store,
            count: 0,
            missing: p.missing,
        }));
        return Ok(DeleteReport {
            backup_id: None,
            outcomes,
        });
    }
    let (backup_id, done) = backup_then_apply(work, root, &plan.filter)?;
    outcomes.extend(done);
    if let Some(keep) = root.keep {
        // Expired backups hold old values (sign-ins too). A failure here loses nothing.
        let _ = root.prune_locked(keep);
    }
    Ok(DeleteReport {
        backup_id: Some(backup_id),
        outcomes,
    })
}

/// Refusals and failures so far, and the stores whose write transaction is open.
fn refuse_or_prepare<'a>(
    plan: &DeletePlan<'a>,
    root: &BackupRoot,
) -> (Vec<StoreOutcome>, Vec<Prepared<'a>>) {
    let mut outcomes = Vec::new();
    let mut work = Vec::new();
    for sp in &plan.stores {
        let store = Arc::clone(&sp.store);
        if let Some(reason) = refusal(sp, root) {
            outcomes.push(StoreOutcome::Skipped { store, reason });
            continue;
        }
        match prepare(sp) {
            Ok(p) => work.push(p),
            Err(e) => outcomes.push(StoreOutcome::Failed {
                store,
                error: e.to_string(),
            }),
        }
    }
    (outcomes, work)
}

/// Writes the complete backup, and only then deletes store by store. Any error before the
/// backup is complete drops `work`, which rolls every transaction back: nothing deleted.
fn backup_then_apply(
    mut work: Vec<Prepared<'_>>,
    root: &BackupRoot,
    filter: &str,
) -> Result<(String, Vec<StoreOutcome>)> {
    let mut pending = PendingBackup::begin(root, filter)?;
    let mut slots = Vec::new();
    for p in &mut work {
        slots.push(p.save(&mut pending)?);
    }
    let mut manifest = pending.commit()?;
    let mut outcomes = Vec::new();
    for (p, slot) in work.into_iter().zip(slots) {
        let outcome = p.apply();
        let note = match &outcome {
            StoreOutcome::Deleted { .. } => "deleted".to_owned(),
            StoreOutcome::Failed { error, .. } => format!("not deleted: {error}"),
            StoreOutcome::Skipped { reason, .. } => format!("not deleted: {reason}"),
        };
        for i in slot {
            if let Some(s) = manifest.stores.get_mut(i) {
                s.outcome = Some(note.clone());
            }
        }
        outcomes.push(outcome);
    }
    // The rows are safe either way; a stale outcome note only affects what `backups` shows.
    let _ = root.save_manifest(&manifest);
    Ok((manifest.id, outcomes))
}

/// Why `sp` must not be touched, if it must not. A demo store may change only when its
/// backups go to its own private folder ([`crate::demo::backups_dir`]).
fn refusal(sp: &StorePlan, root: &BackupRoot) -> Option<String> {
    let store = &sp.store;
    if store.is_demo && crate::demo::backups_dir(store).as_ref() != Some(&root.dir) {
        return Some("the built-in demo store cannot be changed".into());
    }
    if store.family() == Family::Safari {
        return Some("Safari's cookie file is read-only in crumbs".into());
    }
    let holder = sp.running.clone().or_else(|| running::running(store))?;
    Some(running::refusal(store, &holder))
}

fn prepare<'a>(sp: &StorePlan<'a>) -> Result<Prepared<'a>> {
    let (db_rows, session_rows): (Vec<&'a Cookie>, Vec<&'a Cookie>) = sp
        .cookies
        .iter()
        .copied()
        .partition(|c| !matches!(c.key, RowKey::FirefoxSession { .. }));
    let mut missing = 0;
    let db = if db_rows.is_empty() {
        None
    } else {
        let (w, m) = sqlite::DbWork::prepare(&sp.store, &db_rows)?;
        missing += m;
        Some(w)
    };
    let (sessions, m) = session::prepare(&sp.store, &session_rows, &db_rows)?;
    missing += m;
    Ok(Prepared {
        store: Arc::clone(&sp.store),
        db,
        sessions,
        missing,
    })
}

impl Prepared<'_> {
    fn saved(&self) -> usize {
        self.db.as_ref().map_or(0, |d| d.len())
            + self.sessions.iter().map(|s| s.len()).sum::<usize>()
    }

    /// Writes this store's rows into the pending backup; returns the manifest slots used.
    fn save(&mut self, pending: &mut PendingBackup) -> Result<Vec<usize>> {
        let mut slots = Vec::new();
        if let Some(db) = self.db.as_ref().filter(|d| d.len() > 0) {
            slots.push(db.save(&self.store, pending)?);
        }
        for s in &self.sessions {
            if s.len() > 0 {
                slots.push(s.save(&self.store, pending)?);
            }
        }
        Ok(slots)
    }

    fn apply(self) -> StoreOutcome {
        let store = self.store;
        let mut count = 0;
        if let Some(db) = self.db {
            match db.apply() {
                Ok(n) => count += n,
                Err(e) => {
                    return StoreOutcome::Failed {
                        store,
                        error: e.to_string(),
                    };
                }
            }
        }
        for s in self.sessions {
            let older_copy = s.older_copy;
            match s.apply() {
                // An older copy's entries are the same cookies again: counted once.
                Ok(_) if older_copy => {}
                Ok(n) => count += n,
                Err(e) => {
                    let error = format!("{count} rows deleted, then {e}");
                    return StoreOutcome::Failed { store, error };
                }
            }
        }
        StoreOutcome::Deleted {
            store,
            count,
            missing: self.missing,
        }
    }
}
