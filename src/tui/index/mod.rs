//! Precomputed grouping and search keys over the loaded entries, and the per-keystroke
//! filter pass. Built once per inventory so a keystroke over 100,000 cookies only scans
//! prepared lowercase strings into reused buffers. Owns no UI state and never renders.

mod pieces;

pub use pieces::{IndexBuilder, Piece, SiteIds};

use std::sync::Arc;

use crate::inventory::Entry;
use crate::model::{Browser, Category, Party};

/// One registrable domain; its entries are [`Index::site_entries`].
#[derive(Debug, Clone, PartialEq)]
pub struct SiteGroup {
    pub name: Arc<str>,
    /// Where its entries start in [`Index::by_site`]; they end where the next site's start.
    first: u32,
    /// Bit `i` set when a cookie of `Category::ALL[i]` is present.
    pub categories: u8,
    pub browsers: BrowserSet,
}

/// Browsers as bits (bit `i` for `Browser::ALL[i]`): a jar has tens of thousands of sites
/// and each would otherwise own a small vector.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BrowserSet(u16);

impl BrowserSet {
    pub fn insert(&mut self, b: Browser) {
        if let Some(i) = Browser::ALL.iter().position(|x| *x == b) {
            self.0 |= 1 << i;
        }
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// In `Browser::ALL` order, which is the enum's.
    pub fn iter(self) -> impl Iterator<Item = Browser> {
        Browser::ALL
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, b)| b)
    }
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
    /// Only trackers (the Trackers tab).
    pub trackers: bool,
}

/// Everything derived from the entries that does not depend on the view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// Search arena: per entry `name \x1f host \x1f provider`, lowercased once, entries
    /// separated by `\0`: one allocation for all keys, scanned in memory order.
    pub keys: String,
    /// Byte offset of each entry's key in `keys`, plus one final end offset.
    pub starts: Vec<u32>,
    /// Tab slot of each entry's category (1 = Necessary … 5 = Unknown).
    pub slots: Vec<u8>,
    pub categories: Vec<Category>,
    /// Whether each entry is a tracker, by the rule `crumbs clean --trackers` uses.
    pub trackers: Vec<bool>,
    pub parties: Vec<Party>,
    /// Site group of each entry.
    pub site_of: Vec<u32>,
    /// Sorted by name.
    pub sites: Vec<SiteGroup>,
    /// Entry indices grouped by site (in `sites` order), each site's in load order.
    pub by_site: Vec<u32>,
    /// Entries removed since load (deleted in place, without a reload).
    pub gone: Vec<bool>,
}

pub fn category_bit(c: Category) -> u8 {
    1 << category_slot(c).saturating_sub(1)
}

/// Header tabs: 0 is All, then one per category ([`category_slot`]), then Trackers.
pub const TAB_COUNT: usize = Category::ALL.len() + 2;

/// The Trackers tab: what `crumbs clean --trackers` selects ([`crate::filter::is_tracker`]).
pub const TRACKERS_TAB: usize = Category::ALL.len() + 1;

/// Header tab of a category: 1 = Necessary … 5 = Unknown, in `Category::ALL` order
/// (0 is All).
pub fn category_slot(c: Category) -> u8 {
    c.index() as u8 + 1
}

/// The category of header tab `slot`; `None` for All (and past the last category).
pub fn slot_category(slot: usize) -> Option<Category> {
    slot.checked_sub(1)
        .and_then(|i| Category::ALL.get(i).copied())
}

fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

impl Index {
    /// The index of `entries` in one piece (the UI builds it in pieces while reading:
    /// [`Piece`]).
    pub fn build(entries: &[Entry]) -> Index {
        let ids = SiteIds::default();
        let mut b = IndexBuilder::default();
        b.push(Piece::of(entries, &ids));
        b.finish(ids)
    }

    pub fn len(&self) -> usize {
        self.categories.len()
    }

    /// The entries of site group `s`, in load order.
    pub fn site_entries(&self, s: usize) -> &[u32] {
        let start = self.sites.get(s).map_or(0, |g| g.first as usize);
        let end = self
            .sites
            .get(s + 1)
            .map_or(self.by_site.len(), |g| g.first as usize);
        self.by_site.get(start..end).unwrap_or(&[])
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    fn key(&self, i: usize) -> &str {
        let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        self.keys.get(a..b).unwrap_or("")
    }

    /// Whether entry `i` is in the view `c` describes.
    pub fn admits(&self, i: usize, c: &Criteria<'_>) -> bool {
        !self.gone[i]
            && c.party.admits(self.parties[i])
            && c.category.is_none_or(|want| want == self.categories[i])
            && (!c.trackers || self.trackers[i])
            && (c.query.is_empty() || self.key(i).contains(c.query))
    }

    /// Fills `out` with the view and `tab_counts` with counts per tab (All first) under
    /// the same party and text criteria; `base` receives every entry passing party and
    /// text (any tab). With `within`, only those candidates are tested: a query that
    /// extends the previous one can only narrow its result. Reuses every buffer.
    pub fn filter(
        &self,
        c: &Criteria<'_>,
        within: Option<&[u32]>,
        base: &mut Vec<u32>,
        out: &mut Vec<u32>,
        tab_counts: &mut [usize; TAB_COUNT],
    ) {
        out.clear();
        base.clear();
        *tab_counts = [0; TAB_COUNT];
        let want = c.category.map(category_slot);
        let q = c.query;
        let mut test = |i: usize| {
            // `str::contains` takes a SIMD path for short needles that `match_indices`
            // over the whole arena does not (measured 3x slower): test each slice.
            if self.gone[i]
                || !c.party.admits(self.parties[i])
                || !(q.is_empty() || self.key(i).contains(q))
            {
                return;
            }
            base.push(i as u32);
            let slot = self.slots[i];
            tab_counts[0] += 1;
            tab_counts[usize::from(slot)] += 1;
            let tracker = self.trackers[i];
            tab_counts[TRACKERS_TAB] += usize::from(tracker);
            if want.is_none_or(|w| w == slot) && (!c.trackers || tracker) {
                out.push(i as u32);
            }
        };
        match within {
            Some(candidates) => candidates.iter().for_each(|&i| test(i as usize)),
            None => (0..self.len()).for_each(test),
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
