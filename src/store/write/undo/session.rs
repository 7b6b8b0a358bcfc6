//! Undo of a session-file part: the saved entries go back into the session file Firefox
//! restores from now, or into the older copy they came from while it is still there.

use std::path::{Path, PathBuf};

use super::{UndoOutcome, digest_mismatch, tampered};
use crate::store::files::{self, Links};
use crate::store::read::firefox::session;
use crate::store::write::backup::{self, ManifestStore};
use crate::store::write::session_edit;
use crate::{Error, Result};

/// The session file to put entries back into: the one Firefox would restore from now
/// (the reader's rule; undo never runs while the browser does). Firefox may have rotated
/// the file the entries came from away since.
fn current_session_file(entry: &ManifestStore) -> Result<PathBuf> {
    session::current_session_file(&entry.profile_dir, false).ok_or_else(|| {
        Error::Other(format!(
            "{}: no session file to put the session cookies back into",
            entry.profile_dir.display()
        ))
    })
}

pub(super) fn restore_session(
    entry: &ManifestStore,
    from: &Path,
    saved: &Path,
) -> Result<UndoOutcome> {
    // An older copy ("Restore Previous Session", a crash backup) gets its entries back in
    // place while it is still there; the current session's go wherever it lives now.
    let file = if session::is_older_copy(&entry.profile_dir, from) && from.is_file() {
        from.to_path_buf()
    } else {
        current_session_file(entry)?
    };
    let file = file.as_path();
    let text = files::read_capped(saved, files::SESSION_FILE_CAP, Links::Refuse)?;
    if let Some(reason) = digest_mismatch(entry, &backup::bytes_digest(&text)) {
        return Ok(UndoOutcome::Refused { reason });
    }
    let entries: Vec<serde_json::Value> =
        serde_json::from_slice(&text).map_err(|e| Error::Parse {
            path: saved.to_path_buf(),
            message: e.to_string(),
        })?;
    if entries.len() != entry.count {
        return Ok(UndoOutcome::Refused {
            reason: tampered(
                entry,
                &format!(
                    "{} entries saved, {} in the file",
                    entry.count,
                    entries.len()
                ),
            ),
        });
    }
    let (added, already_there) = session_edit::add_back(file, &entries)?;
    Ok(UndoOutcome::Restored {
        added,
        already_there,
    })
}
