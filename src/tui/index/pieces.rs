//! The index built in pieces while the stores are read: each batch of classified entries
//! gives a [`Piece`] on the thread that read it, while the entries are still in cache (a
//! later pass over 100,000 scattered entries is mostly waiting for memory), and an
//! [`IndexBuilder`] appends the pieces in load order as they come, so no piece waits for
//! the others and no entry is touched again.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::{BrowserSet, Index, SiteGroup, category_bit, category_slot, push_lower};
use crate::inventory::{Entry, Sink};
use crate::model::{Browser, Category, Party};

/// Site numbers shared by every piece of one load, so appending a piece needs no lookup.
/// Numbers follow first sight, which depends on thread timing; the finished index is
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
    /// Each entry's browser, as its place in `Browser::ALL`.
    browsers: Vec<u8>,
    /// Each entry's site number ([`SiteIds`]).
    site_of: Vec<u32>,
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
            browsers: Vec::with_capacity(n),
            site_of: Vec::with_capacity(n),
        };
        // Equal sites from one reading thread share one `Arc<str>`, and rows of a site
        // tend to come together: the last site is checked by pointer, then this batch's
        // sites, before the shared table is locked.
        let mut local: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(n / 4, Default::default());
        let mut last: Option<(&Arc<str>, u32)> = None;
        for e in entries {
            let c = &e.cookie;
            push_key(&mut p.keys, e);
            p.ends.push(p.keys.len() as u32);
            p.slots.push(category_slot(e.verdict.category));
            p.categories.push(e.verdict.category);
            p.trackers.push(crate::filter::is_tracker(e));
            p.parties.push(e.party.party);
            p.browsers.push(browser_index(c.store.browser));
            let id = match last {
                Some((s, id)) if Arc::ptr_eq(s, &c.site) => id,
                _ => {
                    let id = *local.entry(&c.site).or_insert_with(|| ids.id(&c.site));
                    last = Some((&c.site, id));
                    id
                }
            };
            p.site_of.push(id);
        }
        p
    }
}

/// An entry's search key: `name \x1f host \x1f provider`, lowercased, then `\0`.
fn push_key(out: &mut String, e: &Entry) {
    push_lower(out, &e.cookie.name);
    out.push('\x1f');
    push_lower(out, &e.cookie.host);
    out.push('\x1f');
    push_lower(out, e.verdict.provider.as_deref().unwrap_or(""));
    out.push('\0');
}

fn browser_index(b: Browser) -> u8 {
    Browser::ALL.iter().position(|x| *x == b).unwrap_or(0) as u8
}

/// An [`Index`] growing piece by piece, in load order. Every piece must be made with
/// the same [`SiteIds`], the one given to [`IndexBuilder::finish`].
#[derive(Debug, Default)]
pub struct IndexBuilder {
    ix: Index,
    browsers: Vec<u8>,
    /// New keys of entries whose verdict changed after their piece was made, by entry.
    rekeyed: Vec<(u32, String)>,
}

impl IndexBuilder {
    /// Appends the entries of `p`, which follow those already in.
    pub fn push(&mut self, p: Piece) {
        let ix = &mut self.ix;
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
        self.browsers.extend(p.browsers);
    }

    /// Keeps only the first `n` entries.
    pub fn truncate(&mut self, n: usize) {
        let ix = &mut self.ix;
        if n >= ix.starts.len() {
            return;
        }
        ix.keys.truncate(ix.starts[n] as usize);
        ix.starts.truncate(n);
        ix.slots.truncate(n);
        ix.categories.truncate(n);
        ix.trackers.truncate(n);
        ix.parties.truncate(n);
        ix.site_of.truncate(n);
        self.browsers.truncate(n);
        self.rekeyed.retain(|(i, _)| (*i as usize) < n);
    }

    /// Entry `i` has a new verdict.
    pub fn reclassify(&mut self, i: usize, e: &Entry) {
        let ix = &mut self.ix;
        if i >= ix.categories.len() {
            return;
        }
        ix.slots[i] = category_slot(e.verdict.category);
        ix.categories[i] = e.verdict.category;
        ix.trackers[i] = crate::filter::is_tracker(e);
        // The provider is part of the key: the arena is rewritten once, in `finish`.
        let mut key = String::new();
        push_key(&mut key, e);
        self.rekeyed.push((i as u32, key));
    }

    /// The key arena with the changed keys put in, entries still in order.
    fn rekey(&mut self) {
        if self.rekeyed.is_empty() {
            return;
        }
        // An entry re-keyed twice keeps its last key (the sort is stable).
        self.rekeyed.sort_by_key(|(i, _)| *i);
        self.rekeyed.reverse();
        self.rekeyed.dedup_by_key(|(i, _)| *i);
        self.rekeyed.reverse();
        let ix = &mut self.ix;
        let old = std::mem::take(&mut ix.keys);
        let mut keys = String::with_capacity(old.len() + 64 * self.rekeyed.len());
        let mut changed = self.rekeyed.iter().peekable();
        for i in 0..ix.starts.len() {
            let (a, b) = (
                ix.starts[i] as usize,
                ix.starts.get(i + 1).map_or(old.len(), |&e| e as usize),
            );
            ix.starts[i] = keys.len() as u32;
            match changed.peek() {
                Some((j, key)) if *j as usize == i => {
                    keys.push_str(key);
                    changed.next();
                }
                _ => keys.push_str(&old[a..b]),
            }
        }
        ix.keys = keys;
        self.rekeyed.clear();
    }

    /// The finished index: sites sorted by name, each site's entries in load order.
    pub fn finish(mut self, ids: SiteIds) -> Index {
        self.rekey();
        let IndexBuilder {
            mut ix, browsers, ..
        } = self;
        ix.starts.push(ix.keys.len() as u32);
        ix.gone = vec![false; ix.categories.len()];
        (ix.sites, ix.by_site) =
            group(ids.into_names(), &mut ix.site_of, &ix.categories, &browsers);
        ix
    }
}

impl Sink<Piece> for IndexBuilder {
    fn take(&mut self, piece: Piece) {
        self.push(piece);
    }

    fn forget_after(&mut self, entries: usize) {
        self.truncate(entries);
    }

    fn changed(&mut self, i: usize, entry: &Entry) {
        self.reclassify(i, entry);
    }
}

/// The site groups sorted by name and the entries grouped by site (a counting sort over
/// `site_of`, which is renumbered to match). Sites no entry uses are left out.
fn group(
    names: Vec<Arc<str>>,
    site_of: &mut [u32],
    categories: &[Category],
    browsers: &[u8],
) -> (Vec<SiteGroup>, Vec<u32>) {
    // Per site: entries, category bits, browser bits.
    let mut seen = vec![(0u32, 0u8, 0u16); names.len()];
    for ((&s, &c), &b) in site_of.iter().zip(categories).zip(browsers) {
        let (n, cats, brs) = &mut seen[s as usize];
        *n += 1;
        *cats |= category_bit(c);
        *brs |= 1 << b;
    }
    let mut order: Vec<u32> = (0..names.len() as u32)
        .filter(|&id| seen[id as usize].0 > 0)
        .collect();
    order.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut rank = vec![0u32; names.len()];
    // Where each site's entries go next in `by_site`.
    let mut next = vec![0u32; order.len()];
    let mut first = 0u32;
    let mut names: Vec<Option<Arc<str>>> = names.into_iter().map(Some).collect();
    let groups: Vec<SiteGroup> = order
        .iter()
        .enumerate()
        .map(|(r, &id)| {
            rank[id as usize] = r as u32;
            next[r] = first;
            let (count, categories, bits) = seen[id as usize];
            let mut set = BrowserSet::default();
            for (i, b) in Browser::ALL.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    set.insert(*b);
                }
            }
            let g = SiteGroup {
                name: names[id as usize].take().unwrap_or_default(),
                first,
                categories,
                browsers: set,
            };
            first += count;
            g
        })
        .collect();
    let mut by_site = vec![0u32; site_of.len()];
    for (i, s) in site_of.iter_mut().enumerate() {
        *s = rank[*s as usize];
        let at = &mut next[*s as usize];
        by_site[*at as usize] = i as u32;
        *at += 1;
    }
    (groups, by_site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_are_listed_in_the_enum_order() {
        assert!(Browser::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Browser::ALL.len() <= 16, "browser bits fit a u16");
    }
}
