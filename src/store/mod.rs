//! Browser cookie stores: discovery, private snapshots, one reader per family, value
//! decryption, running-browser detection, and the only code that writes to a browser's
//! files (backup, delete, undo). All SQL in crumbs lives under this module.

pub mod backup;
pub mod chromium;
pub mod decrypt;
pub mod delete;
pub mod discover;
pub mod firefox;
pub mod firefox_session;
pub mod keyring;
pub mod lock;
pub mod mozlz4;
pub mod platform;
pub mod safari;
pub mod session_edit;
pub mod snapshot;
pub mod sniff;
pub mod undo;

use std::sync::Arc;

use crate::Result;
use crate::model::{Cookie, Family, StoreRef};

/// What a reader is asked to do.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Decrypt (Chromium) values; listing without `--show-values` skips it.
    pub decrypt: bool,
}

/// Everything read from one store.
#[derive(Debug, Default)]
pub struct StoreRead {
    pub cookies: Vec<Cookie>,
    /// Schema as people say it: `moz_cookies v17`, `chromium meta 24`, `binarycookies`.
    pub schema: String,
    /// One-line notes for the user (a key source that failed, a newer schema, …).
    pub notes: Vec<String>,
}

/// Reads every cookie of `store` from a private snapshot (never the live file).
pub fn read_store(store: &Arc<StoreRef>, opts: &ReadOptions) -> Result<StoreRead> {
    match store.family() {
        Family::Firefox => firefox::read(store, opts),
        Family::Chromium => chromium::read(store, opts),
        Family::Safari => safari::read(store),
    }
}
