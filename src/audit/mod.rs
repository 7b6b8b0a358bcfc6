//! Does a site keep its cookie promise? The cookies every browser and profile holds for a
//! site, set side by side with the site's own cookie policy: declared and found, found but
//! not declared, declared but contradicted, consent under the policy's own category
//! definitions, declared but not seen, and a one-line verdict. A site's cookies are its
//! own, those partitioned under it, and third-party ones its profile's history places on
//! its pages by time ([`History`]).
//!
//! [`build`] makes an [`Audit`] from classified entries; the front ends print it. Nothing
//! here prints, runs SQL or reads files, and no cookie value ever enters the model: it is
//! built from names, hosts, times and verdicts only. The policy's categories, labels and
//! purposes are carried in the policy's own words.

mod build;
mod consent;
mod judge;
mod summary;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

pub use build::{audited_sites, build, build_with_history};
pub use summary::{NOT_SEEN_NOTE, Part, PartSummary, Summary, one_site};

use crate::inventory::{Entry, StoreStatus};
use crate::model::{Category, Party, StoreRef};
use crate::policy::party::VisitTimes;
use crate::policy::{Consent, MatchedBy};

/// Every audited site, and what was examined.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    /// The day of the audit (`2026-12-02`, UTC).
    pub date: String,
    /// Each browser profile whose cookies were read.
    pub examined: Vec<Examined>,
    pub sites: Vec<SiteAudit>,
}

impl Audit {
    /// Whether any site holds cookies its policy does not declare, or contradicts.
    pub fn has_findings(&self) -> bool {
        self.sites
            .iter()
            .any(|s| s.verdict.status == Status::Findings)
    }
}

/// One cookie store that was read (or failed to be).
#[derive(Debug, Clone, Serialize)]
pub struct Examined {
    pub browser: String,
    pub profile: String,
    pub cookies: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Dated page visits read from the profile's history, to place third-party cookies.
    pub visits: usize,
    /// Why the profile's history could not be read, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history_error: Option<String>,
}

/// Each profile's dated visits, by profile folder: what places a third-party cookie no
/// partition key places on the page it was set in.
#[derive(Debug, Clone, Default)]
pub struct History {
    profiles: HashMap<PathBuf, Result<VisitTimes, String>>,
}

impl History {
    /// The dated visits of every profile whose cookies were read, each profile once.
    /// Reads each profile's history from a private snapshot.
    pub fn read(stores: &[StoreStatus]) -> History {
        let mut h = History::default();
        for s in stores.iter().filter(|s| s.error.is_none()) {
            let dir = &s.store.profile_dir;
            if !h.contains(dir) {
                let visits = VisitTimes::load(dir, s.store.family()).map_err(|e| e.to_string());
                h.insert(dir.clone(), visits);
            }
        }
        h
    }

    /// The visits read from the profile in `profile_dir`, or why they could not be.
    pub fn insert(&mut self, profile_dir: PathBuf, visits: Result<VisitTimes, String>) {
        self.profiles.insert(profile_dir, visits);
    }

    pub fn contains(&self, profile_dir: &Path) -> bool {
        self.profiles.contains_key(profile_dir)
    }

    /// For each entry, the site whose page was open in its profile when it was created:
    /// only for a cookie of another site with no partition key (a partition key says
    /// where it was set, and a site's own cookies are its own). Entries of one store come
    /// together, so each store's visits are looked up once.
    fn placements<'a>(&'a self, entries: &'a [Entry]) -> Vec<Option<&'a str>> {
        let mut last: Option<(&Arc<StoreRef>, Option<&VisitTimes>)> = None;
        entries
            .iter()
            .map(|e| {
                let c = &e.cookie;
                let visits = match last {
                    Some((store, v)) if Arc::ptr_eq(store, &c.store) => v,
                    _ => {
                        let v = self.profiles.get(&c.store.profile_dir);
                        let v = v.and_then(|r| r.as_ref().ok());
                        last = Some((&c.store, v));
                        v
                    }
                };
                if c.partition.is_some() {
                    return None;
                }
                visits?.site_at(c.created?).filter(|s| **s != *c.site)
            })
            .collect()
    }

    fn of(&self, profile_dir: &Path) -> (usize, Option<String>) {
        match self.profiles.get(profile_dir) {
            Some(Ok(v)) => (v.len(), None),
            Some(Err(e)) => (0, Some(e.clone())),
            None => (0, None),
        }
    }
}

/// Which policy a site was audited against.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyInfo {
    pub id: Arc<str>,
    pub name: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Arc<str>>,
    /// The file (or built-in name) it was read from.
    pub file: Arc<str>,
}

/// One site against its policy.
#[derive(Debug, Clone, Serialize)]
pub struct SiteAudit {
    pub site: Arc<str>,
    pub policy: PolicyInfo,
    pub verdict: SiteVerdict,
    /// Declared and found, with the policy's category and purpose.
    pub declared: Vec<DeclaredFound>,
    /// Found but not declared, grouped by vendor.
    pub undeclared: Vec<VendorGroup>,
    /// Declared, but what was observed says otherwise.
    pub contradicted: Vec<Contradiction>,
    pub consent: ConsentReport,
    /// Declared but found in no browser: not a fault, only not visited here.
    pub not_seen: Vec<Declared>,
    /// The policy's own definitions of every category (and party) this audit uses.
    pub definitions: Vec<Definition>,
}

/// The one-line outcome for a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteVerdict {
    pub status: Status,
    pub line: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every cookie found is declared and nothing contradicts the policy.
    AllDeclared,
    /// Undeclared or contradicted cookies were found.
    Findings,
    /// No cookie of the site is stored in any browser read.
    NothingFound,
}

/// One cookie name on one host, gathered over every browser and profile that holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub name: String,
    pub host: String,
    pub category: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Arc<str>>,
    pub party: Party,
    pub party_reason: String,
    /// The top-level site it was partitioned under, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitioned_under: Option<String>,
    /// Not partitioned, but created just after a visit to this site, by the profile's
    /// history: a third party on the audited site's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_while_visiting: Option<String>,
    /// Longest lifetime seen (`session`, `2 years`).
    pub lifetime: String,
    #[serde(skip)]
    pub lifetime_micros: Option<i64>,
    /// `Chromium (Default)`, one per browser profile holding it.
    pub held_by: Vec<String>,
    pub consent: ConsentNeed,
}

/// A `[[cookie]]` rule of the policy, in the policy's words.
#[derive(Debug, Clone, Serialize)]
pub struct Declared {
    /// The rule as written (`sessionid`, `_pk_id.*`).
    pub rule: Arc<str>,
    /// The policy's label for its category (`Necessary`), else crumbs' category name.
    pub category: Arc<str>,
    pub maps_to: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<Arc<str>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeclaredFound {
    pub found: Found,
    pub declared: Declared,
}

/// Undeclared cookies of one vendor ("Google Analytics: `_ga`, `_gid`").
#[derive(Debug, Clone, Serialize)]
pub struct VendorGroup {
    pub vendor: String,
    pub categories: Vec<Category>,
    pub cookies: Vec<Found>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    /// Declared necessary or first-party, observed on another site's host.
    ThirdPartyHost,
    /// Observed partitioned under another top-level site (embedded there).
    PartitionedElsewhere,
    /// The knowledge base knows the name as a statistics or marketing cookie.
    KnownTracker,
    /// Kept far longer than the lifetime the policy states.
    Lifetime,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contradiction {
    pub name: String,
    pub host: String,
    pub kind: ContradictionKind,
    /// What the policy says.
    pub declared: String,
    /// What was observed.
    pub observed: String,
}

/// Whether a found cookie needed consent, under the policy's own definitions.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentNeed {
    pub required: bool,
    /// The policy's label of the category that decides it, when the policy defines one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_category: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Consent>,
    pub why: String,
}

/// Consent across the site: which cookies needed it, and whether the site's record of the
/// visitor's choice is stored.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentReport {
    /// Names of the found cookies that need consent.
    pub needed_by: Vec<String>,
    /// The site's consent-record cookies: declared for that function, or known as such.
    pub records: Vec<ConsentRecord>,
    pub record_present: bool,
    pub line: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentRecord {
    pub name: String,
    pub declared: bool,
    pub held_by: Vec<String>,
}

/// A category or party definition, quoted from the policy.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub label: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Arc<str>>,
}

/// The explanation's line on a cookie of a site with a policy: "Declared by Opendatasoft
/// as Necessary.", "Not declared in fabriquenumeriquedupasse.fr's cookie policy.", or,
/// for a third party's cookie partitioned under the site that shares a name the site
/// declares, that the declaration is the site's and not this cookie's; `None` when no
/// site policy covers it.
pub fn declaration(e: &Entry) -> Option<String> {
    let site = e.verdict.policy_site.as_deref()?;
    if e.verdict.policy_declares_name {
        return Some(format!(
            "{site}'s policy declares a \"{}\" cookie, but this one is set by {}, a third party.",
            e.cookie.name,
            e.cookie.bare_host()
        ));
    }
    if !is_declared(e) {
        return Some(format!("Not declared in {site}'s cookie policy."));
    }
    let b = e.verdict.basis.as_deref();
    let who = b
        .and_then(|b| b.provider.as_deref().or(Some(&b.policy_name)))
        .or(e.verdict.provider.as_deref())
        .unwrap_or(site);
    let label = b.map_or(e.verdict.category.title(), |b| &b.label);
    Some(format!("Declared by {who} as {label}."))
}

/// Whether the cookie belongs to a site with a policy that does not declare it: the mark
/// the UI shows.
pub fn is_undeclared(e: &Entry) -> bool {
    e.verdict.policy_site.is_some() && !is_declared(e)
}

fn is_declared(e: &Entry) -> bool {
    matches!(e.verdict.matched_by, MatchedBy::SitePolicy { .. })
        && e.verdict.policy_site.as_deref() == Some(&*e.cookie.site)
}
