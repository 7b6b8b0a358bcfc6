//! The classifier: prebuilt indexes over every loaded policy, and the match order (site
//! policy → exact name → longest pattern → host owner → the bundled Open Cookie Database
//! → heuristics → the learned model, where only the lifetime spoke). Building allocates
//! once; `classify` only clones `Arc`s. It never reads files and never looks at values.
//! Building the indexes is `build.rs`.

use std::sync::{Arc, OnceLock};

use super::def::{self, Consent};
use super::learned::{self, features::Span};
use super::pattern::{Glob, GlobSet};
use super::{Basis, Confidence, MatchedBy, RuleInfo, Verdict, heuristics};
use crate::model::{Category, Cookie};

type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

mod build;

/// One rule, ready to become a verdict.
#[derive(Debug, Clone)]
struct Entry {
    template: Verdict,
    hosts: Box<[Arc<str>]>,
    consent: Option<Consent>,
    anonymised: bool,
    /// (priority, load order): higher wins among rules of the same kind.
    rank: (i64, usize),
}

impl Entry {
    fn applies_to(&self, host: &str) -> bool {
        self.hosts.is_empty() || self.hosts.iter().any(|h| is_under(host, h))
    }
    fn key(&self, glob: &Glob) -> (usize, bool, (i64, usize)) {
        (glob.literal_len, !self.hosts.is_empty(), self.rank)
    }
}

/// The rules of one site policy.
#[derive(Debug, Clone, Default)]
struct SiteIndex {
    exact: HashMap<Arc<str>, usize>,
    patterns: GlobSet,
    /// The policy's consent wording per crumbs category (index = `Category as usize`).
    basis: [Option<Arc<Basis>>; 5],
    rank: (i64, usize),
}

/// Every policy, indexed.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
    sites: Vec<SiteIndex>,
    /// Registrable domain → site policies governing it, best first.
    site_by_domain: HashMap<Arc<str>, Vec<usize>>,
    /// Knowledge exact names → entries, host-restricted first, then best rank first.
    exact: HashMap<Arc<str>, Vec<usize>>,
    patterns: GlobSet,
    owners: HashMap<Arc<str>, Verdict>,
}

type HeuristicKey = (&'static str, &'static str);

/// A learned verdict's category and its probability in whole percent.
type LearnedKey = (Category, u8);

/// A verdict with the consent rule and anonymisation flag of the rule behind it.
type Found = (Verdict, Option<Consent>, bool);

thread_local! {
    /// Heuristic rules are `&'static str` pairs; each pair's [`RuleInfo`] is built once
    /// per thread (classification runs on every core, and a shared lock would make the
    /// threads queue for it).
    static HEURISTICS: std::cell::RefCell<HashMap<HeuristicKey, Arc<RuleInfo>>> =
        std::cell::RefCell::default();
    /// The same for learned verdicts: four categories times 101 percentages at most.
    static LEARNED: std::cell::RefCell<HashMap<LearnedKey, Arc<RuleInfo>>> =
        std::cell::RefCell::default();
}

fn learned_info(key: LearnedKey) -> Arc<RuleInfo> {
    LEARNED.with(|m| {
        m.borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                Arc::new(RuleInfo {
                    purpose: Some(Arc::from(learned_purpose(key.0, key.1))),
                    matched_by: MatchedBy::Learned { percent: key.1 },
                    ..RuleInfo::default()
                })
            })
            .clone()
    })
}

/// What the letters suggest; under even odds they only lean one way, and the sentence says
/// no more than that.
fn learned_purpose(c: Category, percent: u8) -> String {
    let kind = match c {
        Category::Necessary => "cookies sites need to work",
        Category::Preferences => "cookies that remember a setting",
        Category::Statistics => "the cookies of analytics scripts",
        _ => "the cookies of advertising and tracking scripts",
    };
    if percent >= 50 {
        format!("Its name resembles {kind}.")
    } else {
        format!("Nothing in its name says what it is for; its letters lean weakly towards {kind}.")
    }
}

fn heuristic_info(rule: &'static str, purpose: &'static str) -> Arc<RuleInfo> {
    HEURISTICS.with(|m| {
        m.borrow_mut()
            .entry((rule, purpose))
            .or_insert_with(|| {
                Arc::new(RuleInfo {
                    purpose: Some(Arc::from(purpose)),
                    also_labelled: heuristics::also_labelled(rule).to_vec(),
                    on_delete: heuristics::on_delete(rule).map(Arc::from),
                    matched_by: MatchedBy::Heuristic {
                        rule: Arc::from(rule),
                    },
                    ..RuleInfo::default()
                })
            })
            .clone()
    })
}

/// The bundled Open Cookie Database, indexed on first use. `None` only if the embedded
/// file failed to parse, which a test rules out; classification then skips the stage.
fn ocd_index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            super::ocd_db::policy()
                .ok()
                .map(|p| Index::build_fallback(&p))
        })
        .as_ref()
}

/// Indexes the bundled Open Cookie Database and reads the learned model now, if no thread
/// has yet.
pub(super) fn index_fallback() {
    let _ = ocd_index();
    let _ = learned::shipped();
}

fn cat_index(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(4)
}

/// Whether `host` is `domain` or one of its subdomains.
fn is_under(host: &str, domain: &str) -> bool {
    host.len() >= domain.len()
        && host.ends_with(domain)
        && (host.len() == domain.len() || host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

impl Index {
    /// The verdict for `cookie`, with the site whose policy it answers to.
    pub fn classify(&self, cookie: &Cookie) -> Verdict {
        // The site whose policy the cookie answers to: its own, else the top-level site it
        // was partitioned under. One lookup of its own serves both questions below.
        let own = self.site_by_domain.get_key_value(&*cookie.site);
        let mut v = self.classify_purpose(cookie, own.map(|(_, list)| list.as_slice()));
        v.policy_site = match own {
            Some((site, _)) => Some(site.clone()),
            None => self.partition_policy_site(cookie),
        };
        if let Some(site) = v.policy_site.as_deref()
            && *site != *cookie.site
        {
            v.policy_declares_name = self
                .declared(site, &cookie.name, cookie.bare_host())
                .is_some();
        }
        v
    }

    /// `governing`: the site policies of the cookie's own site, best first.
    fn classify_purpose(&self, cookie: &Cookie, governing: Option<&[usize]>) -> Verdict {
        let name = def::strip_prefix(&cookie.name);
        let host = cookie.bare_host();
        for &si in governing.into_iter().flatten() {
            if let Some(e) = self.site_rule(&self.sites[si], name, host) {
                return finish_site(e);
            }
        }
        let governing = governing.and_then(|l| l.first()).map(|&si| &self.sites[si]);
        let (mut v, consent, anonymised) = match self.knowledge(name, host) {
            Some(found) => found,
            None => match self.owner(host, &cookie.site) {
                Some(v) => (v.clone(), None, false),
                None => self.unnamed(cookie, name, host),
            },
        };
        let basis = governing.and_then(|s| s.basis[cat_index(v.category)].clone());
        v.consent_required = match (&basis, consent) {
            (Some(b), _) => b.consent.required(anonymised),
            (None, Some(c)) => c.required(anonymised),
            (None, None) => Consent::default_for(v.category).required(anonymised),
        };
        v.basis = basis;
        v
    }

    fn site_rule<'a>(&'a self, site: &SiteIndex, name: &str, host: &str) -> Option<&'a Entry> {
        if let Some(&e) = site.exact.get(name) {
            return Some(&self.entries[e]);
        }
        site.patterns
            .find(
                name,
                |e| self.entries[e].applies_to(host),
                |g, e| self.entries[e].key(g),
            )
            .map(|(e, _)| &self.entries[e])
    }

    /// Exact name (host-restricted first), else the longest pattern.
    fn knowledge(&self, name: &str, host: &str) -> Option<Found> {
        let exact = self.exact.get(name).into_iter().flatten();
        if let Some(e) = exact
            .map(|&e| &self.entries[e])
            .find(|e| e.applies_to(host))
        {
            return Some((e.template.clone(), e.consent, e.anonymised));
        }
        let (e, glob) = self.patterns.find(
            name,
            |e| self.entries[e].applies_to(host),
            |g, e| self.entries[e].key(g),
        )?;
        let e = &self.entries[e];
        let mut v = e.template.clone();
        v.confidence = if glob.prefix_len() <= 2 && glob.literal_len <= 2 {
            Confidence::Low
        } else {
            Confidence::Medium
        };
        Some((v, e.consent, e.anonymised))
    }

    /// The owner of the most specific known domain the host sits under.
    fn owner(&self, host: &str, site: &str) -> Option<&Verdict> {
        let host = crate::site::lookup_form(host);
        let mut h: &str = &host;
        loop {
            if let Some(v) = self.owners.get(h) {
                return Some(v);
            }
            if h.len() <= site.len() {
                return None;
            }
            h = &h[h.find('.')? + 1..];
        }
    }

    /// The `[[host]]` owner `host` belongs to, if any.
    pub fn host_owner(&self, host: &str, site: &str) -> Option<Arc<str>> {
        match &self.owner(host, site)?.matched_by {
            MatchedBy::HostOwner { owner } => Some(owner.clone()),
            _ => None,
        }
    }

    /// A cookie crumbs' own rules do not name: the bundled Open Cookie Database, else a
    /// guess. A database entry that calls the cookie a tracker yields to a confident guess
    /// that it is site machinery: OCD lists common names (`auth_token`, `login`) for one
    /// platform, and on any other site they are that site's sign-in; a server-only cookie
    /// is not an ad tag's either.
    fn unnamed(&self, cookie: &Cookie, name: &str, host: &str) -> Found {
        // `owner` found no owner of the host before this ran.
        let guess = heuristics::guess_unowned(cookie);
        if let Some(found) = ocd_index().and_then(|ix| ix.knowledge(name, host)) {
            let machinery = guess.is_some_and(|g| {
                g.category == Category::Necessary && g.confidence >= Confidence::Medium
            });
            if !(found.0.category.is_tracking() && machinery) {
                return found;
            }
        }
        let v = match guess {
            Some(g) if g.name_gave_no_clue() => {
                learned_verdict(cookie, name).unwrap_or_else(|| self.heuristic(g))
            }
            Some(g) => self.heuristic(g),
            None => Verdict::unknown(),
        };
        (v, None, false)
    }

    fn heuristic(&self, g: heuristics::Guess) -> Verdict {
        Verdict {
            category: g.category,
            confidence: g.confidence,
            consent_required: true,
            basis: None,
            policy_site: None,
            policy_declares_name: false,
            rule: heuristic_info(g.rule, g.purpose),
        }
    }
}

/// The learned model's verdict on a name the heuristics found no word in: its letters can
/// still carry a vendor's naming habits, which no word list holds. It is always a guess,
/// however sure the model says it is: its probability is honest on names like those it
/// learned from (right 96 times in 100 at 90 % or more on its held-out fifth), but the
/// names that reach it are a site's own, and on real sites' labels its 90 % verdicts are
/// right about two times in three (`tests/knowledge_banners.rs`).
fn learned_verdict(cookie: &Cookie, name: &str) -> Option<Verdict> {
    let p = learned::shipped()?.predict(name, Span::of_days(cookie.lifetime_days()));
    let percent = (p.probability * 100.0).round().clamp(0.0, 100.0) as u8;
    Some(Verdict {
        category: p.category,
        confidence: Confidence::Low,
        consent_required: true,
        basis: None,
        policy_site: None,
        policy_declares_name: false,
        rule: learned_info((p.category, percent)),
    })
}

fn finish_site(e: &Entry) -> Verdict {
    let mut v = e.template.clone();
    let consent = e.consent.or_else(|| v.basis.as_ref().map(|b| b.consent));
    v.consent_required = consent
        .unwrap_or_else(|| Consent::default_for(v.category))
        .required(e.anonymised);
    v
}

/// Lookups the site-policy audit needs: which policy governs a site, what it declares, and
/// what the knowledge base alone says of a cookie.
impl Index {
    /// The top-level site a partitioned cookie was set under, when that site has a policy:
    /// the policy the cookie answers to when its own site has none.
    fn partition_policy_site(&self, cookie: &Cookie) -> Option<Arc<str>> {
        let top = super::party::partition_site(cookie.partition.as_deref()?)?;
        self.site_by_domain
            .get_key_value(top.as_str())
            .map(|(site, _)| site.clone())
    }

    /// Load-order position of the site policy whose rules win on `domain`.
    pub fn governing(&self, domain: &str) -> Option<usize> {
        let &si = self.site_by_domain.get(domain)?.first()?;
        Some(self.sites[si].rank.1)
    }

    /// The verdict of the rule `site`'s own policies declare for `name` on `host`.
    pub fn declared(&self, site: &str, name: &str, host: &str) -> Option<Verdict> {
        let name = def::strip_prefix(name);
        self.site_by_domain
            .get(site)?
            .iter()
            .find_map(|&si| self.site_rule(&self.sites[si], name, host))
            .map(finish_site)
    }

    /// The knowledge base's verdict (names, patterns, host owners), site policies aside.
    pub fn known(&self, name: &str, host: &str, site: &str) -> Option<Verdict> {
        let name = def::strip_prefix(name);
        match self.knowledge(name, host) {
            Some((v, _, _)) => Some(v),
            None => self.owner(host, site).cloned(),
        }
    }
}
