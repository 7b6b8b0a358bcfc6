//! Backups of deleted rows: owner-only folder, manifest, byte-exact rows.
