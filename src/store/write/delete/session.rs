//! Delete step for Firefox session cookies: one prepared [`SessionEdit`] per session file.

use std::path::PathBuf;

use crate::Result;
use crate::model::{Cookie, RowKey, StoreRef};
use crate::store::read::firefox::session::{current_session_file, restorable_session_files};
use crate::store::write::backup::PendingBackup;
use crate::store::write::session_edit::{self, SessionEdit, SessionTarget};

pub(super) struct SessionWork {
    edit: SessionEdit,
    /// An older copy Firefox can still restore from ("Restore Previous Session", a crash
    /// backup): cleaned too, but its entries are copies of cookies counted elsewhere.
    pub(super) older_copy: bool,
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
    for (k, (file, targets)) in by_file.iter().enumerate() {
        let edit = session_edit::plan_removal(file, targets)?;
        let counted = listed.get(k).copied().unwrap_or(0);
        missing += edit.found.iter().take(counted).filter(|f| !**f).count();
        work.push(SessionWork {
            edit,
            older_copy: false,
        });
    }
    work.extend(older_copies(store, cookies, db_rows, &by_file));
    Ok((work, missing))
}

/// Edits for the other session files Firefox can restore from, holding copies of any
/// planned cookie: without them "Restore Previous Session" would bring a deleted cookie
/// back. A copy Firefox cannot read either (damaged) is left as it is.
fn older_copies(
    store: &StoreRef,
    cookies: &[&Cookie],
    db_rows: &[&Cookie],
    edited: &[(PathBuf, Vec<SessionTarget>)],
) -> Vec<SessionWork> {
    let files: Vec<PathBuf> = restorable_session_files(&store.profile_dir)
        .into_iter()
        .filter(|f| f.is_file() && !edited.iter().any(|(e, _)| e == f))
        .collect();
    // Most profiles have none: then no target is built (a big delete would copy every
    // planned row's key for nothing).
    if files.is_empty() {
        return Vec::new();
    }
    let targets: Vec<SessionTarget> = cookies
        .iter()
        .chain(db_rows)
        .filter_map(|c| match &c.key {
            RowKey::FirefoxSession {
                origin_attributes, ..
            }
            | RowKey::FirefoxDb {
                origin_attributes, ..
            } => Some(target(c, origin_attributes)),
            _ => None,
        })
        .collect();
    if targets.is_empty() {
        return Vec::new();
    }
    files
        .into_iter()
        .filter_map(|file| session_edit::plan_removal(&file, &targets).ok())
        .filter(|edit| !edit.removed.is_empty())
        .map(|edit| SessionWork {
            edit,
            older_copy: true,
        })
        .collect()
}

/// Adds a target for each database row to the session file the reader uses (the one
/// Firefox restores from), after that file's listed targets, so one edit does both.
fn add_copies(
    store: &StoreRef,
    db_rows: &[&Cookie],
    by_file: &mut Vec<(PathBuf, Vec<SessionTarget>)>,
) {
    // Refused earlier while the browser runs, so the store is closed here.
    let Some(file) = current_session_file(&store.profile_dir, false) else {
        return;
    };
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
    match by_file.iter_mut().find(|(f, _)| *f == file) {
        Some((_, t)) => t.extend(copies),
        None => by_file.push((file, copies)),
    }
}

fn target(c: &Cookie, origin_attributes: &str) -> SessionTarget {
    SessionTarget {
        host: c.host.clone(),
        name: c.name.clone(),
        path: c.path.to_string(),
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
