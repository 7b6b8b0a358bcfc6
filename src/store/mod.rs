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
pub mod spans;
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

/// What each batch of freshly read cookies is turned into (the inventory classifies
/// them there, on the reading thread, while they are still in cache).
pub type Mapper<'a, T> = &'a (dyn Fn(Vec<Cookie>) -> T + Sync);

/// A store read batch by batch: `parts` in store order, each a mapped batch of cookies.
#[derive(Debug, Default)]
pub struct MappedRead<T> {
    pub parts: Vec<T>,
    /// How many cookies the parts hold.
    pub cookies: usize,
    pub schema: String,
    pub notes: Vec<String>,
}

/// Reads every cookie of `store` from a private snapshot (never the live file).
pub fn read_store(store: &Arc<StoreRef>, opts: &ReadOptions) -> Result<StoreRead> {
    read_store_mapped(store, opts, &|c| c).map(MappedRead::concat)
}

/// As [`read_store`], handing each batch of cookies to `map` as soon as it is read; big
/// stores are read on every core.
pub fn read_store_mapped<T: Send>(
    store: &Arc<StoreRef>,
    opts: &ReadOptions,
    map: Mapper<'_, T>,
) -> Result<MappedRead<T>> {
    match store.family() {
        Family::Firefox => firefox::read_mapped(store, opts, map),
        Family::Chromium => chromium::read_mapped(store, opts, map),
        Family::Safari => Ok(MappedRead::single(safari::read(store)?, map)),
    }
}

impl<T> MappedRead<T> {
    /// A read done in one batch.
    pub fn single(read: StoreRead, map: Mapper<'_, T>) -> MappedRead<T> {
        MappedRead {
            cookies: read.cookies.len(),
            parts: vec![map(read.cookies)],
            schema: read.schema,
            notes: read.notes,
        }
    }
}

impl MappedRead<Vec<Cookie>> {
    /// The batches joined back into one list.
    pub fn concat(self) -> StoreRead {
        let mut cookies = Vec::with_capacity(self.cookies);
        for part in self.parts {
            cookies.extend(part);
        }
        StoreRead {
            cookies,
            schema: self.schema,
            notes: self.notes,
        }
    }
}
