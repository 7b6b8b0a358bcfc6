//! Delete step for Firefox session cookies: one prepared [`SessionEdit`] per session file.

use std::path::PathBuf;

use crate::Result;
use crate::model::{Cookie, RowKey, StoreRef};
use crate::store::read::firefox::session::current_session_file;
use crate::store::write::backup::PendingBackup;
use crate::store::write::session_edit::{self, SessionEdit, SessionTarget};

pub(super) struct SessionWork {
    edit: SessionEdit,
}

/// Groups session cookies by file and prepares each edit; returns the edits and how many
/// planned cookies were no longer in their file. `db_rows` are planned `cookies.sqlite`
/// rows: Firefox also keeps a copy of a cookie in the session file it restores from, and
/// such a copy is the same cookie (the reader lists it once, as the database row), so it
/// goes too. A row without a copy there is not "missing".
pub(super) fn prepare(
    store: &StoreRef,
    cookies: &[&Cookie],
    db_rows: &[&Cookie],
) -> Result<(Vec<SessionWork>, usize)> {
    let mut by_file: Vec<(PathBuf, Vec<SessionTarget>)> = Vec::new();
    for c in cookies {
        let RowKey::FirefoxSession {
            file,
            origin_attributes,
        } = &c.key
        else {
            continue;
        };
        let target = target(c, origin_attributes);
        match by_file.iter_mut().find(|(f, _)| f == file) {
            Some((_, t)) => t.push(target),
            None => by_file.push((file.clone(), vec![target])),
        }
    }
    let listed: Vec<usize> = by_file.iter().map(|(_, t)| t.len()).collect();
    add_copies(store, db_rows, &mut by_file);
    let mut work = Vec::new();
    let mut missing = 0;
    for (k, (file, targets)) in by_file.into_iter().enumerate() {
        let edit = session_edit::plan_removal(&file, &targets)?;
        let counted = listed.get(k).copied().unwrap_or(0);
        missing += edit.found.iter().take(counted).filter(|f| !**f).count();
        work.push(SessionWork { edit });
    }
    Ok((work, missing))
}

/// Adds a target for each database row to the session file the reader uses (the one
/// Firefox restores from), after that file's listed targets, so one edit does both.
fn add_copies(
    store: &StoreRef,
    db_rows: &[&Cookie],
    by_file: &mut Vec<(PathBuf, Vec<SessionTarget>)>,
) {
    let copies: Vec<SessionTarget> = db_rows
        .iter()
        .filter_map(|c| match &c.key {
            RowKey::FirefoxDb {
                origin_attributes, ..
            } => Some(target(c, origin_attributes)),
            _ => None,
        })
        .collect();
    if copies.is_empty() {
        return;
    }
    // Refused earlier while the browser runs, so the store is closed here.
    let Some(file) = current_session_file(&store.profile_dir, false) else {
        return;
    };
    match by_file.iter_mut().find(|(f, _)| *f == file) {
        Some((_, t)) => t.extend(copies),
        None => by_file.push((file, copies)),
    }
}

fn target(c: &Cookie, origin_attributes: &str) -> SessionTarget {
    SessionTarget {
        host: c.host.clone(),
        name: c.name.clone(),
        path: c.path.clone(),
        origin_attributes: origin_attributes.to_owned(),
    }
}

impl SessionWork {
    pub(super) fn len(&self) -> usize {
        self.edit.removed.len()
    }

    pub(super) fn save(&self, store: &StoreRef, pending: &mut PendingBackup) -> Result<usize> {
        pending.add_session(store, &self.edit.file, &self.edit.removed)
    }

    pub(super) fn apply(self) -> Result<usize> {
        if self.len() > 0 {
            self.edit.write()?;
        }
        Ok(self.len())
    }
}
