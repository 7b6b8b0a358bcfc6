//! Turns parsed flags into library values: which stores to open, which cookies a command
//! is about, which policies are in force.

use anyhow::{Context, bail};

use super::args::{CookieArgs, Sources};
use crate::filter::CookieFilter;
use crate::inventory::Inventory;
use crate::model::{Browser, Category, Party, StoreRef};
use crate::policy::{Policies, PolicyOptions};
use crate::store::{ReadOptions, discover, sniff};

/// Everything a command needs, loaded. Holds the demo store's temp folder (if any) so it
/// lives as long as the data read from it.
pub struct Loaded {
    pub inventory: Inventory,
    pub policies: Policies,
    _demo: Option<tempfile::TempDir>,
}

/// The stores named by `--store`, or every discovered store; narrowed by `--browser` and
/// `--profile`.
pub fn stores(
    sources: &Sources,
    demo: bool,
) -> anyhow::Result<(Vec<StoreRef>, Option<tempfile::TempDir>)> {
    if demo {
        let (dir, store) = crate::demo::create().context("cannot build the demo store")?;
        return Ok((vec![store], Some(dir)));
    }
    Ok((selected_stores(sources)?, None))
}

/// The stores `--store` names (or every discovered one), narrowed by `--browser` and
/// `--profile`. The TUI uses the same selection, so `crumbs` and `crumbs list` agree.
pub(crate) fn selected_stores(sources: &Sources) -> anyhow::Result<Vec<StoreRef>> {
    let browsers = browsers(sources)?;
    let mut found = if sources.stores.is_empty() {
        discover::discover(&discover::Env::from_process())
    } else {
        sources
            .stores
            .iter()
            .map(|p| sniff::open_path(p))
            .collect::<Result<Vec<_>, _>>()?
    };
    found.retain(|s| {
        (browsers.is_empty() || browsers.contains(&s.browser))
            && (sources.profiles.is_empty()
                || sources.profiles.iter().any(|p| profile_matches(s, p)))
    });
    Ok(found)
}

fn profile_matches(s: &StoreRef, p: &str) -> bool {
    s.profile.eq_ignore_ascii_case(p)
        || s.profile_dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(p))
}

fn browsers(sources: &Sources) -> anyhow::Result<Vec<Browser>> {
    sources
        .browsers
        .iter()
        .map(|b| {
            Browser::parse(b).with_context(|| {
                let names: Vec<_> = Browser::ALL.iter().map(|b| b.as_str()).collect();
                format!("unknown browser \"{b}\" (known: {})", names.join(", "))
            })
        })
        .collect()
}

/// The policies in force: built-ins, the user's folder, then `--policy` files.
pub fn policies(sources: &Sources) -> anyhow::Result<Policies> {
    Ok(Policies::load(&PolicyOptions {
        extra_files: sources.policies.clone(),
        user_dir: true,
    })?)
}

/// Reads and classifies every selected store.
pub fn load(sources: &Sources, demo: bool, decrypt: bool) -> anyhow::Result<Loaded> {
    let policies = policies(sources)?;
    let (stores, demo_dir) = stores(sources, demo)?;
    let inventory = Inventory::load(stores, &ReadOptions { decrypt }, &policies);
    Ok(Loaded {
        inventory,
        policies,
        _demo: demo_dir,
    })
}

/// The filter for `list`/`delete`, from the common flags.
pub fn cookie_filter(sources: &Sources, c: &CookieArgs) -> anyhow::Result<CookieFilter> {
    let categories = c
        .categories
        .iter()
        .map(|s| {
            Category::parse(s).with_context(|| {
                format!("unknown category \"{s}\" (known: necessary, preferences, statistics, marketing, unknown)")
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let parties = c
        .parties
        .iter()
        .map(|s| {
            Party::parse(s)
                .with_context(|| format!("unknown party \"{s}\" (known: first, third, unknown)"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if c.sites.iter().chain(&c.hosts).any(|s| s.trim().is_empty()) {
        bail!("--site and --host need a domain");
    }
    Ok(CookieFilter {
        browsers: browsers(sources)?,
        profiles: sources.profiles.clone(),
        stores: Vec::new(),
        sites: c.sites.iter().map(|s| crate::site::normalise(s)).collect(),
        hosts: c.hosts.iter().map(|h| crate::site::normalise(h)).collect(),
        names: c.names.clone(),
        categories,
        parties,
        ids: Vec::new(),
        trackers_only: false,
        sure_only: false,
    })
}
