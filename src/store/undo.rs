//! Undo: put back the exact rows a backup saved.
