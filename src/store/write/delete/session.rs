//! Delete step for Firefox session cookies: one prepared [`SessionEdit`] per session file.

use std::path::PathBuf;

use crate::Result;
use crate::model::{Cookie, RowKey, StoreRef};
use crate::store::write::backup::PendingBackup;
use crate::store::write::session_edit::{self, SessionEdit, SessionTarget};

pub(super) struct SessionWork {
    edit: SessionEdit,
}

/// Groups session cookies by file and prepares each edit; returns the edits and how many
/// planned cookies were no longer in their file.
pub(super) fn prepare(cookies: &[&Cookie]) -> Result<(Vec<SessionWork>, usize)> {
    let mut by_file: Vec<(PathBuf, Vec<SessionTarget>)> = Vec::new();
    for c in cookies {
        let RowKey::FirefoxSession {
            file,
            origin_attributes,
        } = &c.key
        else {
            continue;
        };
        let target = SessionTarget {
            host: c.host.clone(),
            name: c.name.clone(),
            path: c.path.clone(),
            origin_attributes: origin_attributes.clone(),
        };
        match by_file.iter_mut().find(|(f, _)| f == file) {
            Some((_, t)) => t.push(target),
            None => by_file.push((file.clone(), vec![target])),
        }
    }
    let mut work = Vec::new();
    let mut missing = 0;
    for (file, targets) in by_file {
        let edit = session_edit::plan_removal(&file, &targets)?;
        missing += edit.missing;
        work.push(SessionWork { edit });
    }
    Ok((work, missing))
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
