//! The cookie filter shared by `list`, `delete`, `clean` and the TUI, so "the cookies this
//! command names" means the same thing everywhere. Site, host and name criteria accept
//! `*` wildcards ([`glob`]).

use std::path::PathBuf;

use crate::inventory::Entry;
use crate::model::{Browser, Category, CookieId, Party};
use crate::site;

mod glob;

/// Every criterion is optional; an empty filter matches everything. Text criteria compare
/// case-insensitively (host names are case-insensitive; cookie names are compared exactly
/// when `exact_name` is set).
#[derive(Debug, Clone, Default)]
pub struct CookieFilter {
    pub browsers: Vec<Browser>,
    /// Profile display name or profile folder name.
    pub profiles: Vec<String>,
    /// Cookie database paths (or profile folders) given with `--store`.
    pub stores: Vec<PathBuf>,
    /// Registrable domain: `example.com` matches every host under it ([`site::is_under`]).
    pub sites: Vec<String>,
    /// Host, with or without the leading dot.
    pub hosts: Vec<String>,
    pub names: Vec<String>,
    pub categories: Vec<Category>,
    pub parties: Vec<Party>,
    pub ids: Vec<CookieId>,
    /// Only what `clean --trackers` removes ([`is_tracker`]).
    pub trackers_only: bool,
    /// Leave out guesses ([`crate::policy::Verdict::is_guess`]): `clean --sure-only`.
    pub sure_only: bool,
}

/// What `clean --trackers` (and the UI's Trackers view) selects before the keep-list is
/// applied: statistics and marketing cookies. The one definition both front ends use.
pub fn is_tracker(e: &Entry) -> bool {
    e.verdict.category.is_tracking()
}

impl CookieFilter {
    pub fn is_empty(&self) -> bool {
        self.browsers.is_empty()
            && self.profiles.is_empty()
            && self.stores.is_empty()
            && self.sites.is_empty()
            && self.hosts.is_empty()
            && self.names.is_empty()
            && self.categories.is_empty()
            && self.parties.is_empty()
            && self.ids.is_empty()
            && !self.trackers_only
            && !self.sure_only
    }

    /// Whether `e` passes every criterion given.
    pub fn matches(&self, e: &Entry) -> bool {
        let c = &e.cookie;
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| {
            list.is_empty() || list.iter().any(|x| f(x))
        };
        (self.browsers.is_empty() || self.browsers.contains(&c.store.browser))
            && any(&self.profiles, &|p| {
                crate::select::profile_matches(&c.store, p)
            })
            && (self.stores.is_empty()
                || self
                    .stores
                    .iter()
                    .any(|s| *s == c.store.path || *s == c.store.profile_dir))
            && any(&self.sites, &|s| {
                if glob::is_glob(s) {
                    return glob::matches(s, c.bare_host(), true)
                        || glob::matches(s, &c.site, true);
                }
                site::is_same_host(s, &c.site) || site::is_under(c.bare_host(), s)
            })
            && any(&self.hosts, &|h| {
                if glob::is_glob(h) {
                    return glob::matches(h.trim_start_matches('.'), c.bare_host(), true);
                }
                site::is_same_host(h, c.bare_host())
            })
            && any(&self.names, &|n| {
                n == c.name || glob::is_glob(n) && glob::matches(n, &c.name, false)
            })
            && (self.categories.is_empty() || self.categories.contains(&e.verdict.category))
            && (self.parties.is_empty() || self.parties.contains(&e.party.party))
            && (self.ids.is_empty() || self.ids.contains(&c.id()))
            && (!self.trackers_only || is_tracker(e))
            && (!self.sure_only || !e.verdict.is_guess())
    }

    /// A short human description ("site fabriquenumeriquedupasse.fr, name sessionid"),
    /// recorded in backup manifests.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |label: &str, items: Vec<String>| {
            if !items.is_empty() {
                parts.push(format!("{label} {}", items.join(",")));
            }
        };
        push(
            "browser",
            self.browsers
                .iter()
                .map(|b| b.as_str().to_string())
                .collect(),
        );
        push("profile", self.profiles.clone());
        push(
            "store",
            self.stores
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        );
        push("site", self.sites.clone());
        push("host", self.hosts.clone());
        push("name", self.names.clone());
        push(
            "category",
            self.categories
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
        );
        push(
            "party",
            self.parties
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
        );
        push("id", self.ids.iter().map(|i| i.to_string()).collect());
        if self.trackers_only {
            parts.push("trackers".into());
        }
        if self.sure_only {
            parts.push("sure only".into());
        }
        if parts.is_empty() {
            "all cookies".into()
        } else {
            parts.join(", ")
        }
    }
}
