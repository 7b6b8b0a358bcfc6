//! Precomputed grouping and search keys over the loaded entries, and the per-keystroke
//! filter pass. Built once per inventory so a keystroke over 100,000 cookies only scans
//! prepared lowercase strings into reused buffers. Owns no UI state and never renders.

use std::collections::HashMap;

use crate::inventory::Entry;
use crate::model::{Browser, Category, Party};

/// One registrable domain and the entries under it.
#[derive(Debug, Clone)]
pub struct SiteGroup {
    pub name: String,
    /// Indices into the entry vector, in load order.
    pub entries: Vec<u32>,
    /// Bit `i` set when a cookie of `Category::ALL[i]` is present.
    pub categories: u8,
    pub browsers: Vec<Browser>,
}

/// The party toggle in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyView {
    All,
    First,
    Third,
}

impl PartyView {
    pub fn next(self) -> PartyView {
        match self {
            PartyView::All => PartyView::First,
            PartyView::First => PartyView::Third,
            PartyView::Third => PartyView::All,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            PartyView::All => "all",
            PartyView::First => "first",
            PartyView::Third => "third",
        }
    }
    fn admits(self, p: Party) -> bool {
        match self {
            PartyView::All => true,
            PartyView::First => p == Party::First,
            PartyView::Third => p == Party::Third,
        }
    }
}

/// What the current view asks for: tab, party and the lowercase filter text.
#[derive(Debug, Clone, Copy)]
pub struct Criteria<'a> {
    pub category: Option<Category>,
    pub party: PartyView,
    pub query: &'a str,
}

/// Everything derived from the entries that does not depend on the view.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// `name \x1f host \x1f provider`, lowercased once: the filter scans only these.
    pub keys: Vec<String>,
    pub categories: Vec<Category>,
    pub parties: Vec<Party>,
    /// Site group of each entry.
    pub site_of: Vec<u32>,
    /// Sorted by name.
    pub sites: Vec<SiteGroup>,
    /// Entries removed since load (deleted in place, without a reload).
    pub gone: Vec<bool>,
}

pub fn category_bit(c: Category) -> u8 {
    1 << Category::ALL.iter().position(|x| *x == c).unwrap_or(4)
}

impl Index {
    pub fn build(entries: &[Entry]) -> Index {
        let mut by_site: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut keys = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let c = &e.cookie;
            let provider = e.verdict.provider.as_deref().unwrap_or("");
            let mut k = String::with_capacity(c.name.len() + c.host.len() + provider.len() + 2);
            k.push_str(&c.name.to_lowercase());
            k.push('\x1f');
            k.push_str(&c.host.to_lowercase());
            k.push('\x1f');
            k.push_str(&provider.to_lowercase());
            keys.push(k);
            by_site.entry(&c.site).or_default().push(i as u32);
        }
        let mut names: Vec<&str> = by_site.keys().copied().collect();
        names.sort_unstable();
        let mut site_of = vec![0u32; entries.len()];
        let mut sites = Vec::with_capacity(names.len());
        for (si, name) in names.into_iter().enumerate() {
            let list = by_site.remove(name).unwrap_or_default();
            let mut categories = 0u8;
            let mut browsers: Vec<Browser> = Vec::new();
            for &i in &list {
                let e = &entries[i as usize];
                site_of[i as usize] = si as u32;
                categories |= category_bit(e.verdict.category);
                if !browsers.contains(&e.cookie.store.browser) {
                    browsers.push(e.cookie.store.browser);
                }
            }
            browsers.sort_unstable();
            sites.push(SiteGroup {
                name: name.to_string(),
                entries: list,
                categories,
                browsers,
            });
        }
        Index {
            keys,
            categories: entries.iter().map(|e| e.verdict.category).collect(),
            parties: entries.iter().map(|e| e.party.party).collect(),
            site_of,
            sites,
            gone: vec![false; entries.len()],
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether entry `i` passes the party and text criteria (not the tab).
    fn passes_base(&self, i: usize, c: &Criteria<'_>) -> bool {
        !self.gone[i]
            && c.party.admits(self.parties[i])
            && (c.query.is_empty() || self.keys[i].contains(c.query))
    }

    /// Whether entry `i` is in the view `c` describes.
    pub fn admits(&self, i: usize, c: &Criteria<'_>) -> bool {
        self.passes_base(i, c) && c.category.is_none_or(|want| want == self.categories[i])
    }

    /// Fills `out` with the view and `tab_counts` with counts per tab (All first) under
    /// the same party and text criteria. Reuses both buffers; allocates nothing.
    pub fn filter(&self, c: &Criteria<'_>, out: &mut Vec<u32>, tab_counts: &mut [usize; 6]) {
        out.clear();
        *tab_counts = [0; 6];
        for i in 0..self.keys.len() {
            if !self.passes_base(i, c) {
                continue;
            }
            let cat = self.categories[i];
            tab_counts[0] += 1;
            let slot = Category::ALL.iter().position(|x| *x == cat).unwrap_or(4);
            tab_counts[slot + 1] += 1;
            if c.category.is_none_or(|want| want == cat) {
                out.push(i as u32);
            }
        }
    }

    /// Per-site counts of `visible` into `counts` (reused), then the sites that have any.
    pub fn group(&self, visible: &[u32], counts: &mut Vec<u32>, rows: &mut Vec<u32>) {
        counts.clear();
        counts.resize(self.sites.len(), 0);
        for &i in visible {
            counts[self.site_of[i as usize] as usize] += 1;
        }
        rows.clear();
        rows.extend(
            counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(s, _)| s as u32),
        );
    }

    /// Live (not deleted) entries.
    pub fn live(&self) -> usize {
        self.gone.iter().filter(|g| !**g).count()
    }
}

/// The naive filter the index replaces: lowercases every field on every keystroke.
/// Kept for the benchmark's side-by-side ratio.
pub fn naive_filter(entries: &[Entry], query: &str) -> Vec<u32> {
    let q = query.to_lowercase();
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.cookie.name.to_lowercase().contains(&q)
                || e.cookie.host.to_lowercase().contains(&q)
                || e.verdict
                    .provider
                    .as_deref()
                    .is_some_and(|p| p.to_lowercase().contains(&q))
        })
        .map(|(i, _)| i as u32)
        .collect()
}
