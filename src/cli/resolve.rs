//! Turns parsed flags into library values: which stores to open, which cookies a command
//! is about, which policies are in force. Store selection itself is the library's
//! [`crate::select`].

use anyhow::bail;

use super::args::{CookieArgs, Sources};
use crate::filter::CookieFilter;
use crate::inventory::Inventory;
use crate::policy::{Policies, PolicyOptions};
use crate::select::{self, DemoFallback, Selected, StoreSelection};
use crate::store::ReadOptions;

/// Everything a command needs, loaded. Holds the demo store's temp folder (if any) so it
/// lives as long as the data read from it.
pub struct Loaded {
    pub inventory: Inventory,
    pub policies: Policies,
    _selected: Selected,
}

/// The stores named by `--store`, or every discovered store; narrowed by `--browser` and
/// `--profile`; the demo store with `--demo`. Names that select nothing are warned about.
pub fn stores(sources: &Sources, demo: bool) -> anyhow::Result<Selected> {
    let selected = select::select(&selection(sources, demo), DemoFallback::Never)?;
    selected.print_warnings();
    Ok(selected)
}

/// The library's store selection from the command line's sources.
pub fn selection(sources: &Sources, demo: bool) -> StoreSelection {
    StoreSelection {
        paths: sources.stores.clone(),
        browsers: sources.browsers.clone(),
        profiles: sources.profiles.clone(),
        demo,
    }
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
    let selected = stores(sources, demo)?;
    let inventory = Inventory::load(selected.stores.clone(), &ReadOptions { decrypt }, &policies);
    Ok(Loaded {
        inventory,
        policies,
        _selected: selected,
    })
}

/// The filter for `list`/`delete`, from the common flags.
pub fn cookie_filter(sources: &Sources, c: &CookieArgs) -> anyhow::Result<CookieFilter> {
    if c.sites.iter().chain(&c.hosts).any(|s| s.trim().is_empty()) {
        bail!("--site and --host need a domain");
    }
    Ok(CookieFilter {
        browsers: sources.browsers.clone(),
        profiles: sources.profiles.clone(),
        stores: Vec::new(),
        sites: c.sites.iter().map(|s| crate::site::normalise(s)).collect(),
        hosts: c.hosts.iter().map(|h| crate::site::normalise(h)).collect(),
        names: c.names.clone(),
        categories: c.categories.clone(),
        parties: c.parties.clone(),
        ids: Vec::new(),
        trackers_only: false,
        sure_only: false,
    })
}
