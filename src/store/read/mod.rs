//! Reading stores: one reader per family behind [`read_store`] / [`read_store_into`],
//! every cookie taken from a private snapshot (never the live file), plus the browser
//! history the party rules need. Must not open any browser file for writing.

pub mod chromium;
pub mod firefox;
pub mod history;
pub mod safari;
pub mod scan;

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

/// Where mapped batches go, in store order, as soon as each is ready: so a big store's
/// batches are not all held at once next to the list they end up in.
pub type Keep<'a, T> = &'a mut (dyn FnMut(T) + Send);

/// How a batch-by-batch read went (the cookies themselves went to the [`Keep`]).
#[derive(Debug, Default)]
pub struct ReadSummary {
    pub cookies: usize,
    pub schema: String,
    pub notes: Vec<String>,
}

/// Reads every cookie of `store` from a private snapshot (never the live file).
pub fn read_store(store: &Arc<StoreRef>, opts: &ReadOptions) -> Result<StoreRead> {
    collect(|keep| read_store_into(store, opts, &|c| c, keep))
}

/// As [`read_store`], mapping each batch of cookies with `map` as soon as it is read and
/// handing the results to `keep` in store order; big stores are read on every core. On
/// an error, `keep` may already have had some batches: the caller drops them.
pub fn read_store_into<T: Send>(
    store: &Arc<StoreRef>,
    opts: &ReadOptions,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<ReadSummary> {
    match store.family() {
        Family::Firefox => firefox::read_into(store, opts, map, keep),
        Family::Chromium => chromium::read_into(store, opts, map, keep),
        Family::Safari => {
            let read = safari::read(store)?;
            let cookies = read.cookies.len();
            keep(map(read.cookies));
            Ok(ReadSummary {
                cookies,
                schema: read.schema,
                notes: read.notes,
            })
        }
    }
}

/// Runs a batch-by-batch read that keeps plain cookies, as one [`StoreRead`].
pub(crate) fn collect(
    read: impl FnOnce(Keep<'_, Vec<Cookie>>) -> Result<ReadSummary>,
) -> Result<StoreRead> {
    let mut cookies = Vec::new();
    let summary = read(&mut |batch| cookies.extend(batch))?;
    Ok(StoreRead {
        cookies,
        schema: summary.schema,
        notes: summary.notes,
    })
}
