//! The whole UI state as plain data (`App`), plus the derived rows the views read. Views
//! take `&App`; only `update` changes it. No I/O and no rendering here.

use std::collections::HashSet;

use super::action::Pane;
pub use super::choices::{DetailSize, SiteSort, SortKey, TitleWidth, tab_title};
use super::index::{Criteria, Index, PartyView, slot_category};
pub use super::index::{TAB_COUNT, TRACKERS_TAB};
use super::keymap::Mode;
use crate::audit::Summary;
use crate::export::Format;
use crate::inventory::{Entry, Inventory, StoreStatus};
use crate::keeplist::KeepList;
use crate::model::{Category, UnixMicros};
use crate::policy::Policies;
use crate::preview::DeletePreview;

/// Mutually exclusive screens over the main layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// A delete waiting for `y`: the same value `crumbs delete` prints.
    Confirm(DeletePreview),
    /// The export prompt: where to write, in which format.
    Export(ExportPrompt),
    /// The selected site's audit against its cookie policy.
    Audit(AuditView),
}

/// The two formats the prompt offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// cookies.txt, as curl, wget and yt-dlp read it.
    Netscape,
    /// The JSON array browser cookie extensions import.
    Json,
}

impl ExportKind {
    pub fn format(self) -> Format {
        match self {
            // The same default as `crumbs export`: curl and yt-dlp read the prefix.
            ExportKind::Netscape => Format::Netscape {
                http_only_prefix: true,
            },
            ExportKind::Json => Format::ExtensionJson,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Netscape => "cookies.txt (curl, wget, yt-dlp)",
            ExportKind::Json => "JSON (browser cookie extensions)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Netscape => ".txt",
            ExportKind::Json => ".json",
        }
    }

    /// The file offered first: in the current folder, named for the format.
    pub fn default_path(self) -> String {
        format!("./cookies{}", self.extension())
    }

    pub fn other(self) -> ExportKind {
        match self {
            ExportKind::Netscape => ExportKind::Json,
            ExportKind::Json => ExportKind::Netscape,
        }
    }
}

/// The open export prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    /// The entries that go, fixed when the prompt opened.
    pub entries: Vec<u32>,
    /// Those are the marked cookies (else the cookies in view).
    pub marked: bool,
    pub path: String,
    pub kind: ExportKind,
    /// The file at `path` exists and the person was told: Enter now replaces it.
    pub replace: bool,
}

/// What the audit overlay shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditView {
    Site(Summary),
    /// The site has no cookie policy to audit against.
    NoPolicy(String),
}

/// Plain UI state.
#[derive(Debug)]
pub struct App {
    pub entries: Vec<Entry>,
    pub stores: Vec<StoreStatus>,
    pub index: Index,
    /// The clock every relative time uses; fixed in tests.
    pub now: UnixMicros,
    pub color: bool,
    pub tab: usize,
    pub party: PartyView,
    pub sort: SortKey,
    pub site_sort: SiteSort,
    /// The filter as typed, and lowercased for matching.
    pub query: String,
    pub query_lower: String,
    pub filtering: bool,
    pub focus: Pane,
    pub site_sel: usize,
    pub cookie_sel: usize,
    pub marked: HashSet<u32>,
    pub revealed: bool,
    pub detail_size: DetailSize,
    /// Lines the explanation is scrolled by, and for which entry (another entry starts
    /// at the top).
    pub detail_scroll: (usize, u16),
    pub overlay: Overlay,
    /// Lines the open help or audit overlay is scrolled by; `update` keeps it within what
    /// overflows the overlay.
    pub overlay_scroll: u16,
    /// The policies the entries were classified with: the audit overlay sets a site's
    /// cookies against them.
    pub policies: Policies,
    /// The profiles' visits, once the audit overlay has needed them; dropped on reload.
    pub history: Option<crate::audit::History>,
    pub status: String,
    pub last_backup: Option<String>,
    /// The user's keep-list, applied by the library's rule ([`KeepList::keeps`]).
    pub keep: KeepList,
    /// Entries sent to the deleter and not yet reported back.
    pub in_flight: Vec<u32>,
    /// Terminal `(width, height)` from the last resize: the explanation's scroll is
    /// clamped to what overflows a pane of the size this gives.
    pub screen: (u16, u16),
    pub quit: bool,
    /// Derived: entries in view, counts per tab, per-site counts, site rows, cookie rows.
    pub visible: Vec<u32>,
    pub tab_counts: [usize; TAB_COUNT],
    pub site_counts: Vec<u32>,
    pub site_rows: Vec<u32>,
    pub cookie_rows: Vec<u32>,
    /// Entries passing party and text (any tab), the query and party they were computed
    /// for, and a spare buffer for the next pass.
    pub base: Vec<u32>,
    pub base_for: Option<(String, PartyView)>,
    base_spare: Vec<u32>,
}

impl App {
    pub fn new(inventory: Inventory, now: UnixMicros) -> App {
        let index = Index::build(&inventory.entries);
        App::with_index(inventory, index, now)
    }

    /// As [`App::new`], with the index already built (in pieces, while reading).
    pub fn with_index(inventory: Inventory, index: Index, now: UnixMicros) -> App {
        let mut app = App {
            entries: Vec::new(),
            stores: Vec::new(),
            index: Index::default(),
            now,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            tab: 0,
            party: PartyView::All,
            sort: SortKey::Name,
            site_sort: SiteSort::Name,
            query: String::new(),
            query_lower: String::new(),
            filtering: false,
            focus: Pane::Sites,
            site_sel: 0,
            cookie_sel: 0,
            marked: HashSet::new(),
            revealed: false,
            detail_size: DetailSize::Normal,
            detail_scroll: (usize::MAX, 0),
            overlay: Overlay::None,
            overlay_scroll: 0,
            policies: Policies::default(),
            history: None,
            status: String::new(),
            last_backup: None,
            keep: KeepList::default(),
            in_flight: Vec::new(),
            screen: (80, 24),
            quit: false,
            visible: Vec::new(),
            tab_counts: [0; TAB_COUNT],
            site_counts: Vec::new(),
            site_rows: Vec::new(),
            cookie_rows: Vec::new(),
            base: Vec::new(),
            base_for: None,
            base_spare: Vec::new(),
        };
        app.load_indexed(inventory, index);
        app
    }

    /// Replaces the data (first load or reload) and keeps the view settings.
    pub fn load(&mut self, inventory: Inventory) {
        let index = Index::build(&inventory.entries);
        self.load_indexed(inventory, index);
    }

    fn load_indexed(&mut self, inventory: Inventory, index: Index) {
        debug_assert_eq!(index.len(), inventory.entries.len());
        self.history = None;
        self.index = index;
        self.entries = inventory.entries;
        self.stores = inventory.stores;
        self.marked.clear();
        self.in_flight.clear();
        self.base_for = None;
        let failed: Vec<String> = self
            .stores
            .iter()
            .filter_map(|s| s.error.as_ref())
            .map(|e| crate::sanitize::for_terminal(e).into_owned())
            .collect();
        if let Some(first) = failed.first() {
            self.status = if failed.len() == 1 {
                first.clone()
            } else {
                format!("{first} (and {} more stores failed)", failed.len() - 1)
            };
        }
        self.refresh();
    }

    pub fn is_demo(&self) -> bool {
        self.stores.iter().any(|s| s.store.is_demo)
    }

    pub fn category(&self) -> Option<Category> {
        slot_category(self.tab)
    }

    /// Which key-map rows apply in the current state.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::Help => Mode::Help,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Export(_) => Mode::Export,
            Overlay::Audit(_) => Mode::Audit,
            Overlay::None if self.filtering => Mode::Filter,
            Overlay::None => Mode::Normal,
        }
    }

    fn criteria(&self) -> Criteria<'_> {
        Criteria {
            category: self.category(),
            party: self.party,
            query: &self.query_lower,
            trackers: self.tab == TRACKERS_TAB,
        }
    }

    /// Recomputes every derived row after the view settings or the data changed.
    pub fn refresh(&mut self) {
        let (site, entry) = (self.selected_site(), self.selected_entry());
        self.filter();
        let (mut sc, mut rows) = (
            std::mem::take(&mut self.site_counts),
            std::mem::take(&mut self.site_rows),
        );
        self.index.group(&self.visible, &mut sc, &mut rows);
        self.site_counts = sc;
        self.sort_sites(&mut rows);
        self.site_rows = rows;
        // Keep the same site and cookie selected when they are still in view.
        self.site_sel = site
            .and_then(|s| self.site_rows.iter().position(|r| *r as usize == s))
            .unwrap_or(self.site_sel)
            .min(self.site_rows.len().saturating_sub(1));
        self.refresh_cookies();
        if let Some(pos) =
            entry.and_then(|e| self.cookie_rows.iter().position(|r| *r as usize == e))
        {
            self.cookie_sel = pos;
        }
    }

    /// The filter pass. A query that extends the one `base` was computed for (same party,
    /// no deletion since) only narrows it, so each further keystroke scans just `base`.
    fn filter(&mut self) {
        let mut visible = std::mem::take(&mut self.visible);
        let mut counts = self.tab_counts;
        let prev = std::mem::take(&mut self.base);
        let mut next = std::mem::take(&mut self.base_spare);
        let narrowing = self
            .base_for
            .as_ref()
            .is_some_and(|(q, p)| *p == self.party && self.query_lower.starts_with(q.as_str()));
        let within = narrowing.then_some(prev.as_slice());
        let c = self.criteria();
        self.index
            .filter(&c, within, &mut next, &mut visible, &mut counts);
        self.base_for = Some((self.query_lower.clone(), self.party));
        self.base = next;
        self.base_spare = prev;
        self.visible = visible;
        self.tab_counts = counts;
    }

    /// Rebuilds the cookie rows of the selected site, sorted.
    pub fn refresh_cookies(&mut self) {
        let mut rows = std::mem::take(&mut self.cookie_rows);
        rows.clear();
        if let Some(&site) = self.site_rows.get(self.site_sel) {
            let c = self.criteria();
            rows.extend(
                self.index
                    .site_entries(site as usize)
                    .iter()
                    .copied()
                    .filter(|&i| self.index.admits(i as usize, &c)),
            );
        }
        self.sort_rows(&mut rows);
        self.cookie_rows = rows;
        self.cookie_sel = self
            .cookie_sel
            .min(self.cookie_rows.len().saturating_sub(1));
    }

    /// Orders the site rows (which come by name) by `site_sort`; ties keep name order.
    fn sort_sites(&self, rows: &mut [u32]) {
        match self.site_sort {
            SiteSort::Name => {}
            SiteSort::Cookies => {
                rows.sort_by_key(|s| std::cmp::Reverse(self.site_counts[*s as usize]))
            }
            SiteSort::Trackers => {
                let mut trackers = vec![0u32; self.index.sites.len()];
                for &i in &self.visible {
                    if crate::filter::is_tracker(&self.entries[i as usize]) {
                        trackers[self.index.site_of[i as usize] as usize] += 1;
                    }
                }
                rows.sort_by_key(|s| std::cmp::Reverse(trackers[*s as usize]));
            }
        }
    }

    fn sort_rows(&self, rows: &mut [u32]) {
        let e = &self.entries;
        let c = |i: &u32| &e[*i as usize].cookie;
        match self.sort {
            SortKey::Name => rows.sort_by(|a, b| c(a).name.cmp(&c(b).name)),
            SortKey::Site => rows.sort_by(|a, b| {
                (c(a).bare_host(), &c(a).name).cmp(&(c(b).bare_host(), &c(b).name))
            }),
            // Session cookies end when the browser closes: they sort first.
            SortKey::Expiry => rows.sort_by_key(|i| c(i).expires.map_or(i64::MIN, |t| t.0)),
            SortKey::LastUsed => {
                rows.sort_by_key(|i| std::cmp::Reverse(c(i).last_accessed.map_or(0, |t| t.0)))
            }
        }
    }

    /// The selected site's group index, if any.
    pub fn selected_site(&self) -> Option<usize> {
        self.site_rows.get(self.site_sel).map(|s| *s as usize)
    }

    /// The entry whose explanation the detail pane shows.
    pub fn selected_entry(&self) -> Option<usize> {
        self.cookie_rows.get(self.cookie_sel).map(|i| *i as usize)
    }

    /// How far the explanation of the selected entry is scrolled. `update` keeps it within
    /// what overflows the pane.
    pub fn detail_offset(&self) -> u16 {
        match self.selected_entry() {
            Some(i) if i == self.detail_scroll.0 => self.detail_scroll.1,
            _ => 0,
        }
    }

    pub fn is_kept(&self, i: usize) -> bool {
        self.keep.keeps(&self.entries[i].cookie)
    }
}
