//! Firefox family reader (Firefox, LibreWolf, Waterfox, Zen): persistent cookies from a
//! private snapshot of `cookies.sqlite`, plus session cookies from the current
//! session-restore file. It never opens a live profile file for writing and never
//! opens the live database at all; values are read as plaintext and kept in [`Secret`]s
//! (front ends decide whether to show them).
//!
//! [`Secret`]: crate::model::Secret

pub mod containers;
mod db;
pub mod mozlz4;
pub mod origin;
pub mod session;
pub mod session_json;

pub(crate) use db::same_site;

use std::sync::Arc;

use self::session::SessionCookies;
use super::{Keep, Mapper, ReadOptions, ReadSummary, StoreRead};
use crate::Result;
use crate::model::StoreRef;
use crate::site::SiteCache;
use containers::Containers;
use origin::OriginAttributes;
use rustc_hash::FxHashMap;

/// Reads every cookie of one Firefox profile: the database rows, then the session cookies
/// of the current session file that are not also database rows. `opts.decrypt` changes
/// nothing here: Firefox stores values in plaintext, so they cost nothing to load and are
/// always `CookieValue::Known`; masking is the front ends' job.
pub fn read(store: &Arc<StoreRef>, opts: &ReadOptions) -> Result<StoreRead> {
    super::collect(|keep| read_into(store, opts, &|c| c, keep))
}

/// As [`read`], batch by batch (see [`super::read_store_into`]); the session cookies
/// come last, as one batch.
pub fn read_into<T: Send>(
    store: &Arc<StoreRef>,
    _opts: &ReadOptions,
    map: Mapper<'_, T>,
    keep: Keep<'_, T>,
) -> Result<ReadSummary> {
    let containers = Containers::load(&store.profile_dir);
    let mut ctx = RowContext::new(containers.clone());
    let running = crate::store::running::running(store).is_some();
    // Read first (it is small) so the database workers can spot rows it duplicates.
    let session = session::current_session_file(&store.profile_dir, running)
        .map(|file| SessionCookies::read(&file, store, &mut ctx));
    let empty = SessionCookies::default();
    let known = match &session {
        Some(Ok(s)) => s,
        _ => &empty,
    };
    let (mut out, dups) = db::read(store, &containers, known, map, &mut *keep)?;
    match session {
        Some(Ok(s)) => {
            let fresh = s.without(&dups);
            if !fresh.is_empty() {
                out.cookies += fresh.len();
                keep(map(fresh));
            }
        }
        Some(Err(note)) => out.notes.push(format!("session cookies not read: {note}")),
        None => {}
    }
    Ok(out)
}

/// What a cookie shows for its jar: partition site and container name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Jar {
    pub partition: Option<String>,
    pub container: Option<String>,
}

/// Distinct hosts a worker expects to meet (a big jar has a few thousand).
const HOSTS_HINT: usize = 4096;

/// Per-store caches: sites and jars repeat across thousands of rows, so each host's
/// registrable domain and each `originAttributes` suffix is worked out once.
pub(crate) struct RowContext {
    containers: Containers,
    sites: SiteCache,
    jars: FxHashMap<Box<str>, Jar>,
}

impl RowContext {
    pub(crate) fn new(containers: Containers) -> RowContext {
        RowContext {
            containers,
            sites: SiteCache::with_capacity(HOSTS_HINT),
            jars: FxHashMap::default(),
        }
    }

    /// The site cache, for [`SiteCache::drop_elsewhere`].
    pub(crate) fn into_sites(self) -> SiteCache {
        self.sites
    }

    /// Interned registrable domain of `host`.
    pub(crate) fn site(&mut self, host: &str) -> Arc<str> {
        self.sites.site(host)
    }

    /// Partition and container of a stored `originAttributes` suffix.
    pub(crate) fn jar(&mut self, suffix: &str) -> Jar {
        if suffix.is_empty() {
            return Jar::default();
        }
        if let Some(j) = self.jars.get(suffix) {
            return j.clone();
        }
        let oa = OriginAttributes::parse(suffix);
        let jar = Jar {
            partition: oa.partition(),
            container: self.containers.name(oa.user_context_id),
        };
        self.jars.insert(suffix.into(), jar.clone());
        jar
    }
}
