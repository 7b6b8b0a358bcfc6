//! [`DeletePreview`]: what a delete will do, built by one function ([`DeletePreview::build`])
//! for both front ends, so `crumbs delete`/`clean` and the UI's confirmation can never
//! disagree on which cookies go. It applies the two rules every bulk delete obeys: the
//! keep-list, and "a sign-in cookie goes only when named on purpose". Pure: it reads the
//! inventory already loaded, opens no file and writes nothing (the store layer does that
//! with the cookies this lists).

use std::collections::HashMap;
use std::sync::Arc;

use crate::explain::OnDelete;
use crate::inventory::{Entry, StoreStatus};
use crate::keeplist::KeepList;
use crate::model::{Cookie, StoreRef};
use crate::sanitize::for_terminal;

/// What the user picked, before the bulk-delete rules.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// Every loaded entry; the chosen ones are indices into it.
    pub entries: &'a [Entry],
    /// How each store was read, for the running-browser reasons.
    pub stores: &'a [StoreStatus],
    /// The cookies were named one by one (`--id`, `--name`, a single cookie chosen in the
    /// UI): the keep-list and the sign-in rule step aside for a deliberate choice.
    pub explicit: bool,
}

/// A planned delete, as shown for confirmation. Nothing has been touched yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletePreview {
    /// What was asked for, in words ("site example.org", "category marketing").
    pub description: String,
    /// The entries (indices into the loaded entries) the delete removes, in order.
    pub entries: Vec<u32>,
    /// Chosen cookies the keep-list holds back.
    pub kept: usize,
    /// Chosen sign-in cookies left out because they were not named on purpose.
    pub sign_in_left_out: usize,
    /// One line per store the delete reaches.
    pub stores: Vec<StoreLine>,
    /// The cookies grouped by site, then by name, with counts; largest first.
    pub sites: Vec<SiteGroup>,
    /// What deleting does, each consequence once, with how many cookies bring it.
    pub effects: Vec<(OnDelete, usize)>,
}

/// The cookies one store would lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreLine {
    pub store: Arc<StoreRef>,
    pub cookies: usize,
    /// How the browser was seen running on it; such a store is skipped, not written.
    pub running: Option<String>,
}

/// The cookies of one site, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteGroup {
    pub site: Arc<str>,
    pub cookies: usize,
    /// `(name, cookies)`, most first.
    pub names: Vec<(String, usize)>,
}

impl SiteGroup {
    /// `name, name ×3, +2`: the first `shown` names with their counts, escaped for a
    /// terminal; how both front ends list a site's cookies.
    pub fn names_text(&self, shown: usize) -> String {
        let mut names: Vec<String> = self
            .names
            .iter()
            .take(shown)
            .map(|(name, c)| match c {
                1 => for_terminal(name).into_owned(),
                c => format!("{} ×{c}", for_terminal(name)),
            })
            .collect();
        if self.names.len() > shown {
            names.push(format!("+{}", self.names.len() - shown));
        }
        names.join(", ")
    }
}

impl DeletePreview {
    /// The one place a delete's cookies are decided: `chosen` (indices into
    /// `sel.entries`) minus what the keep-list keeps and, unless the choice was explicit,
    /// minus sign-in cookies.
    pub fn build(
        sel: Selection<'_>,
        chosen: impl IntoIterator<Item = u32>,
        keep: &KeepList,
        description: String,
    ) -> DeletePreview {
        let mut p = DeletePreview {
            description,
            entries: Vec::new(),
            kept: 0,
            sign_in_left_out: 0,
            stores: Vec::new(),
            sites: Vec::new(),
            effects: Vec::new(),
        };
        for i in chosen {
            let Some(e) = sel.entries.get(i as usize) else {
                continue;
            };
            if !sel.explicit && keep.keeps(&e.cookie) {
                p.kept += 1;
            } else if !sel.explicit && e.verdict.sign_in {
                p.sign_in_left_out += 1;
            } else {
                p.entries.push(i);
            }
        }
        let chosen: Vec<&Entry> = p
            .entries
            .iter()
            .map(|&i| &sel.entries[i as usize])
            .collect();
        p.stores = store_lines(&chosen, sel.stores);
        p.sites = site_groups(&chosen);
        p.effects = effects(&chosen);
        p
    }

    /// Cookies the delete names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Cookies that can go now: those in stores whose browser is not running.
    pub fn deletable(&self) -> usize {
        self.stores
            .iter()
            .filter(|s| s.running.is_none())
            .map(|s| s.cookies)
            .sum()
    }

    /// The cookies to hand to the store layer.
    pub fn cookies<'a>(&'a self, entries: &'a [Entry]) -> impl Iterator<Item = &'a Cookie> + 'a {
        self.entries
            .iter()
            .map(move |&i| &entries[i as usize].cookie)
    }

    /// How many of the cookies to delete have a category that is only a guess
    /// (`clean --sure-only` leaves those out).
    pub fn guesses(&self, entries: &[Entry]) -> usize {
        self.entries
            .iter()
            .filter(|&&i| entries[i as usize].verdict.is_guess())
            .count()
    }
}

fn store_lines(chosen: &[&Entry], stores: &[StoreStatus]) -> Vec<StoreLine> {
    let mut out: Vec<StoreLine> = Vec::new();
    for e in chosen {
        let store = &e.cookie.store;
        match out.iter_mut().find(|l| l.store == *store) {
            Some(l) => l.cookies += 1,
            None => out.push(StoreLine {
                store: Arc::clone(store),
                cookies: 1,
                running: stores
                    .iter()
                    .find(|s| s.store == *store)
                    .and_then(|s| s.running.as_ref())
                    .map(|r| r.how.clone()),
            }),
        }
    }
    out
}

fn site_groups(chosen: &[&Entry]) -> Vec<SiteGroup> {
    let mut by_site: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for e in chosen {
        *by_site
            .entry(&e.cookie.site)
            .or_default()
            .entry(&e.cookie.name)
            .or_default() += 1;
    }
    let mut out: Vec<SiteGroup> = by_site
        .into_iter()
        .map(|(site, names)| {
            let mut names: Vec<(String, usize)> =
                names.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            SiteGroup {
                site: Arc::from(site),
                cookies: names.iter().map(|n| n.1).sum(),
                names,
            }
        })
        .collect();
    out.sort_by(|a, b| b.cookies.cmp(&a.cookies).then_with(|| a.site.cmp(&b.site)));
    out
}

/// Distinct consequences in the order the cookies bring them, sign-outs first: they are
/// the ones a person most needs to see before saying yes.
fn effects(chosen: &[&Entry]) -> Vec<(OnDelete, usize)> {
    let mut index: HashMap<OnDelete, usize> = HashMap::new();
    let mut out: Vec<(OnDelete, usize)> = Vec::new();
    for e in chosen {
        let effect = OnDelete::of(e);
        match index.get(&effect) {
            Some(&i) => out[i].1 += 1,
            None => {
                index.insert(effect.clone(), out.len());
                out.push((effect, 1));
            }
        }
    }
    out.sort_by_key(|(e, _)| !e.is_sign_out());
    out
}
