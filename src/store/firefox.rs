//! Firefox family reader (Firefox, LibreWolf, Waterfox, Zen): persistent cookies from a
//! private snapshot of `cookies.sqlite`, plus session cookies from the current
//! session-restore file. It never opens a live profile file for writing and never
//! opens the live database at all; values are read as plaintext and kept in [`Secret`]s
//! (front ends decide whether to show them).
//!
//! [`Secret`]: crate::model::Secret

pub mod containers;
mod db;
pub mod origin;

pub(crate) use db::same_site;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::{ReadOptions, StoreRead};
use crate::Result;
use crate::model::StoreRef;
use containers::Containers;
use origin::OriginAttributes;

/// Reads every cookie of one Firefox profile: the database rows, then the session cookies
/// of the current session file that are not also database rows. `opts.decrypt` changes
/// nothing here: Firefox stores values in plaintext, so they cost nothing to load and are
/// always `CookieValue::Known`; masking is the front ends' job.
pub fn read(store: &Arc<StoreRef>, _opts: &ReadOptions) -> Result<StoreRead> {
    let mut ctx = RowContext::new(Containers::load(&store.profile_dir));
    let mut out = db::read(store, &mut ctx)?;
    let running = super::lock::running(store).is_some();
    if let Some(file) = super::firefox_session::current_session_file(&store.profile_dir, running) {
        super::firefox_session::read_into(&file, store, &mut ctx, &mut out);
    }
    Ok(out)
}

/// What a cookie shows for its jar: partition site and container name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Jar {
    pub partition: Option<String>,
    pub container: Option<String>,
}

/// Per-store caches: sites and jars repeat across thousands of rows, so each host's
/// registrable domain and each `originAttributes` suffix is worked out once.
pub(crate) struct RowContext {
    containers: Containers,
    hosts: FastMap<Box<str>, Arc<str>>,
    sites: FastMap<Box<str>, Arc<str>>,
    jars: FastMap<Box<str>, Jar>,
}

/// These maps are looked up once or twice per row; SipHash's flooding resistance buys
/// nothing for a local file read once, and costs a measurable share of a 100k-row read.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The rustc "Fx" hash: rotate, xor, multiply per 8-byte word.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl RowContext {
    pub(crate) fn new(containers: Containers) -> RowContext {
        RowContext {
            containers,
            hosts: FastMap::default(),
            sites: FastMap::default(),
            jars: FastMap::default(),
        }
    }

    /// Interned registrable domain of `host`.
    pub(crate) fn site(&mut self, host: &str) -> Arc<str> {
        if let Some(s) = self.hosts.get(host) {
            return s.clone();
        }
        let domain = crate::site::registrable_domain(host);
        let site = match self.sites.get(domain.as_str()) {
            Some(s) => s.clone(),
            None => {
                let s: Arc<str> = Arc::from(domain.as_str());
                self.sites.insert(domain.into_boxed_str(), s.clone());
                s
            }
        };
        self.hosts.insert(host.into(), site.clone());
        site
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
