//! `manifest.json`: what one backup holds and where it came from. Plain serde data; it
//! names stores and row ids but never holds a cookie value.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::{Browser, Family, StoreRef};

/// One backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub id: String,
    /// RFC 3339, UTC.
    pub created: String,
    /// Microseconds since the Unix epoch; orders `list()`.
    pub created_micros: i64,
    pub crumbs_version: String,
    /// The filter the rows were chosen with, as the user gave it.
    pub filter: String,
    /// Set (RFC 3339) each time undo put this backup back; the data is kept.
    #[serde(default)]
    pub restored: Option<String>,
    pub stores: Vec<ManifestStore>,
}

impl Manifest {
    /// Rows and session entries saved, over all stores.
    pub fn total(&self) -> usize {
        self.stores.iter().map(|s| s.count).sum()
    }
}

/// The part of a backup that came from one store (one table, or one session file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestStore {
    pub browser: Browser,
    pub profile: String,
    pub profile_dir: PathBuf,
    #[serde(default)]
    pub user_data_dir: Option<PathBuf>,
    /// The live cookie database.
    pub path: PathBuf,
    pub family: Family,
    pub source: Source,
    /// Rows (or session entries) saved.
    pub count: usize,
    /// `sha256:<hex>` over the saved rows (in id order) or session bytes; undo refuses a
    /// backup whose data no longer matches. Absent in backups of older versions.
    #[serde(default)]
    pub content_sha256: Option<String>,
    /// What the delete did with them: "deleted", or why not.
    #[serde(default)]
    pub outcome: Option<String>,
}

impl ManifestStore {
    /// Enough of the store to ask whether its browser runs.
    pub fn store_ref(&self) -> StoreRef {
        StoreRef {
            browser: self.browser,
            profile: self.profile.clone(),
            profile_dir: self.profile_dir.clone(),
            path: self.path.clone(),
            user_data_dir: self.user_data_dir.clone(),
            is_default: false,
            is_demo: false,
        }
    }
}

/// Where the saved data lives and what it must match to be put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Rows of the cookie table.
    Table {
        table: String,
        /// The live table's `CREATE TABLE` statement at delete time.
        create_sql: String,
        /// Firefox `user_version`, Chromium `meta.version`.
        schema_version: String,
        /// Firefox `id`s or Chromium rowids of the saved rows.
        ids: Vec<i64>,
        /// File (in the backup folder) holding the rows.
        rows_file: String,
    },
    /// Entries removed from a Firefox session-restore file.
    Session {
        /// The session file edited.
        file: PathBuf,
        /// File (in the backup folder) holding the removed JSON objects.
        entries_file: String,
    },
}
