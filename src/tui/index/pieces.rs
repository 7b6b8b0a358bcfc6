//! The index built in pieces while the stores are read: each batch of classified entries
//! gives a [`Piece`] on the thread that read it, while the entries are still in cache (a
//! later pass over 100,000 scattered entries is mostly waiting for memory), and
//! [`Index::from_pieces`] joins them in load order without touching an entry again.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::{Index, SiteGroup, category_bit, category_slot, push_lower};
use crate::inventory::Entry;
use crate::model::{Browser, Category, Party};

/// Site numbers shared by every piece of one load, so joining pieces needs no lookup.
/// Numbers follow first sight, which depends on thread timing; the joined index is
/// sorted by name, so it does not.
#[derive(Debug, Default)]
pub struct SiteIds {
    inner: Mutex<SiteTable>,
}

#[derive(Debug, Default)]
struct SiteTable {
    ids: FxHashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl SiteIds {
    fn id(&self, site: &Arc<str>) -> u32 {
        let mut t = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&id) = t.ids.get(&**site) {
            return id;
        }
        let id = t.names.len() as u32;
        t.names.push(Arc::clone(site));
        t.ids.insert(Arc::clone(site), id);
        id
    }

    fn into_names(self) -> Vec<Arc<str>> {
        self.inner
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .names
    }
}

/// What one batch of entries contributes to the [`Index`].
#[derive(Debug, Default)]
pub struct Piece {
    keys: String,
    /// End of each entry's key in `keys`.
    ends: Vec<u32>,
    slots: Vec<u8>,
    categories: Vec<Category>,
    trackers: Vec<bool>,
    parties: Vec<Party>,
    /// Each entry's site number ([`SiteIds`]).
    site_of: Vec<u32>,
    /// Per site met: its number, the categories and the browsers seen here (bit `i` for
    /// `Browser::ALL[i]`: no allocation per site).
    sites: Vec<(u32, u8, u16)>,
}

impl Piece {
    pub fn of(entries: &[Entry], ids: &SiteIds) -> Piece {
        let n = entries.len();
        let mut p = Piece {
            keys: String::with_capacity(n * 48),
            ends: Vec::with_capacity(n),
            slots: Vec::with_capacity(n),
            categories: Vec::with_capacity(n),
            trackers: Vec::with_capacity(n),
            parties: Vec::with_capacity(n),
            site_of: Vec::with_capacity(n),
            sites: Vec::new(),
        };
        // Site → slot in `p.sites`. Equal sites from one reading thread share one
        // `Arc<str>`, and rows of a site tend to come together: the last site is checked
        // by pointer before hashing.
        let mut local: FxHashMap<&str, usize> = FxHashMap::default();
        let mut last: Option<(&Arc<str>, usize)> = None;
        for e in entries {
            let c = &e.cookie;
            push_lower(&mut p.keys, &c.name);
            p.keys.push('\x1f');
            push_lower(&mut p.keys, &c.host);
            p.keys.push('\x1f');
            push_lower(&mut p.keys, e.verdict.provider.as_deref().unwrap_or(""));
            p.keys.push('\0');
            p.ends.push(p.keys.len() as u32);
            p.slots.push(category_slot(e.verdict.category));
            p.categories.push(e.verdict.category);
            p.trackers.push(crate::filter::is_tracker(e));
            p.parties.push(e.party.party);
            let at = match last {
                Some((s, at)) if Arc::ptr_eq(s, &c.site) => at,
                _ => {
                    let at = *local.entry(&c.site).or_insert_with(|| {
                        p.sites.push((ids.id(&c.site), 0, 0));
                        p.sites.len() - 1
                    });
                    last = Some((&c.site, at));
                    at
                }
            };
            let (id, categories, browsers) = &mut p.sites[at];
            *categories |= category_bit(e.verdict.category);
            *browsers |= browser_bit(c.store.browser);
            p.site_of.push(*id);
        }
        p
    }
}

fn browser_bit(b: Browser) -> u16 {
    Browser::ALL
        .iter()
        .position(|x| *x == b)
        .map_or(0, |i| 1 << i)
}

impl Index {
    /// Joins pieces given in load order, all numbered by `ids`: entry `i` of the result
    /// is the `i`-th entry over all pieces. Sites are sorted by name; each site's entries
    /// stay in load order.
    pub fn from_pieces(pieces: Vec<Piece>, ids: SiteIds) -> Index {
        let n: usize = pieces.iter().map(|p| p.ends.len()).sum();
        let bytes: usize = pieces.iter().map(|p| p.keys.len()).sum();
        let names = ids.into_names();
        let mut seen: Vec<(u8, u16)> = vec![(0, 0); names.len()];
        let mut ix = Index {
            keys: String::with_capacity(bytes),
            starts: Vec::with_capacity(n + 1),
            slots: Vec::with_capacity(n),
            categories: Vec::with_capacity(n),
            trackers: Vec::with_capacity(n),
            parties: Vec::with_capacity(n),
            site_of: Vec::with_capacity(n),
            sites: Vec::new(),
            gone: vec![false; n],
        };
        for p in pieces {
            for (id, categories, browsers) in p.sites {
                let (c, b) = &mut seen[id as usize];
                *c |= categories;
                *b |= browsers;
            }
            let base = ix.keys.len() as u32;
            let mut start = 0;
            for end in &p.ends {
                ix.starts.push(base + start);
                start = *end;
            }
            ix.keys.push_str(&p.keys);
            ix.slots.extend(p.slots);
            ix.categories.extend(p.categories);
            ix.trackers.extend(p.trackers);
            ix.parties.extend(p.parties);
            ix.site_of.extend(p.site_of);
        }
        ix.starts.push(ix.keys.len() as u32);
        ix.sites = group(names, seen, &mut ix.site_of);
        ix
    }
}

/// The site groups sorted by name, filled by a counting sort over `site_of`, which is
/// renumbered to match. Sites no entry uses are left out.
fn group(names: Vec<Arc<str>>, seen: Vec<(u8, u16)>, site_of: &mut [u32]) -> Vec<SiteGroup> {
    let mut counts = vec![0usize; names.len()];
    for &s in site_of.iter() {
        counts[s as usize] += 1;
    }
    let mut order: Vec<u32> = (0..names.len() as u32)
        .filter(|&id| counts[id as usize] > 0)
        .collect();
    order.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut rank = vec![0u32; names.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let mut groups: Vec<SiteGroup> = order
        .iter()
        .map(|&id| {
            let (categories, browsers) = seen[id as usize];
            SiteGroup {
                name: Arc::clone(&names[id as usize]),
                entries: Vec::with_capacity(counts[id as usize]),
                categories,
                // `Browser::ALL` is in the enum's order, so these come sorted.
                browsers: Browser::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| browsers & (1 << i) != 0)
                    .map(|(_, b)| *b)
                    .collect(),
            }
        })
        .collect();
    for (i, s) in site_of.iter_mut().enumerate() {
        *s = rank[*s as usize];
        groups[*s as usize].entries.push(i as u32);
    }
    groups
}
