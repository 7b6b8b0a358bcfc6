//! Party axis: first or third party, and why. The cookie jar does not record which page
//! the person was on, so the signals are the partition key, the profile's own history
//! (read from a private snapshot, never the live file), and known third-party hosts.
//! History also dates visits, so a cookie set just after a visit can be placed on that
//! page ([`VisitTimes`]). Category (purpose) is never decided here.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::{Policies, Verdict};
use crate::Result;
use crate::model::{Cookie, Family, Party, UnixMicros};
use crate::site::{SiteCache, registrable_domain};
use crate::store::read::history;

/// Party with the reason it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyVerdict {
    pub party: Party,
    pub reason: Reason,
}

/// Why a party was decided, kept as facts and worded only when shown: a listing of
/// 100,000 cookies would otherwise format 100,000 sentences nobody reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Partitioned under another top-level site.
    SetInside { top: String },
    /// Partitioned under its own site.
    OwnPartition { site: Arc<str> },
    /// The person visited the cookie's site.
    Visited { site: Arc<str> },
    /// The site belongs to a known third-party company.
    HostOwner { site: Arc<str>, owner: Arc<str> },
    /// The matched rule says this vendor sets it from its own domain.
    VendorDomain { who: Arc<str> },
    /// No signal either way.
    NoSignal { site: Arc<str> },
    /// Not partitioned, but created just after a visit to `site` ([`VisitTimes`]).
    SetWhileVisiting { site: Arc<str> },
    /// Any other wording.
    Text(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SetInside { top } => write!(f, "set inside {top} (partitioned)"),
            Reason::OwnPartition { site } => write!(f, "partitioned under its own site {site}"),
            Reason::Visited { site } => write!(f, "you visited {site}"),
            Reason::HostOwner { site, owner } => write!(
                f,
                "{site} belongs to {owner}, which sets cookies on other sites' pages"
            ),
            Reason::VendorDomain { who } => write!(
                f,
                "{who} sets this cookie from its own domain on other sites' pages"
            ),
            Reason::NoSignal { site } => write!(
                f,
                "{site} is not in this profile's history and not a known third-party host"
            ),
            Reason::SetWhileVisiting { site } => {
                write!(f, "set while visiting {site} (by time, from history)")
            }
            Reason::Text(t) => f.write_str(t),
        }
    }
}

impl From<&str> for Reason {
    fn from(s: &str) -> Reason {
        Reason::Text(s.to_string())
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Sites the person visited as top-level pages (from browser history snapshots), as
/// registrable domains.
#[derive(Debug, Clone, Default)]
pub struct Visits {
    sites: HashSet<Box<str>>,
}

impl Visits {
    /// Reads the history of the profile in `profile_dir` (`places.sqlite` or `History`).
    /// No history file (Safari, a fresh profile) means no visits, not an error.
    pub fn load(profile_dir: &Path, family: Family) -> Result<Visits> {
        let hosts = history::visited_hosts(profile_dir, family)?;
        Ok(Visits::from_hosts(hosts.iter().map(String::as_str)))
    }

    /// Visits to the given hosts (each reduced to its registrable domain).
    pub fn from_hosts<'a>(hosts: impl IntoIterator<Item = &'a str>) -> Visits {
        Visits {
            sites: hosts
                .into_iter()
                .map(|h| registrable_domain(h).into_boxed_str())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// Whether `site` (a registrable domain) was visited as a top-level page.
    pub fn contains(&self, site: &str) -> bool {
        self.sites.contains(site)
    }

    pub fn len(&self) -> usize {
        self.sites.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }
}

/// How long after a page visit a cookie created in the same profile counts as set while on
/// that page: time for the page's embeds and their scripts to run, short of the next page.
pub const SET_WHILE_VISITING_MICROS: i64 = 60 * 1_000_000;

/// When the person visited which site as a top-level page, from one profile's history:
/// registrable domains, oldest first.
#[derive(Debug, Clone, Default)]
pub struct VisitTimes {
    visits: Vec<(UnixMicros, Arc<str>)>,
}

impl VisitTimes {
    /// Reads the dated visits of the profile in `profile_dir`. No history file (Safari, a
    /// fresh profile) means no visits, not an error.
    pub fn load(profile_dir: &Path, family: Family) -> Result<VisitTimes> {
        let mut sites = SiteCache::with_capacity(1024);
        let mut visits = Vec::new();
        history::each_visit(profile_dir, family, |host, at| {
            visits.push((at, sites.site(host)));
        })?;
        Ok(VisitTimes::sorted(visits))
    }

    /// Visits to the given hosts at the given times (hosts reduced to registrable domains,
    /// each distinct host once: a history repeats a few thousand hosts many times).
    pub fn from_visits<'a>(visits: impl IntoIterator<Item = (&'a str, UnixMicros)>) -> VisitTimes {
        let mut sites = SiteCache::with_capacity(1024);
        let visits = visits
            .into_iter()
            .map(|(h, at)| (at, sites.site(h)))
            .collect();
        VisitTimes::sorted(visits)
    }

    fn sorted(mut visits: Vec<(UnixMicros, Arc<str>)>) -> VisitTimes {
        visits.retain(|(_, s)| !s.is_empty());
        visits.sort_unstable();
        VisitTimes { visits }
    }

    /// The site whose page was open when something was set at `at`: the latest visit at or
    /// before `at`, at most [`SET_WHILE_VISITING_MICROS`] earlier, unless a visit to
    /// another site is closer. A closer later visit counts because browsers date a visit
    /// after its page's own headers set cookies: the next site's cookies come a few
    /// milliseconds before its visit, and are its own. Two sites visited at the same
    /// instant leave it undecided.
    pub fn site_at(&self, at: UnixMicros) -> Option<&str> {
        let n = self.visits.partition_point(|(t, _)| *t <= at);
        let (t, site) = self.visits.get(n.checked_sub(1)?)?;
        let gap = at.0 - t.0;
        let tied = self.visits[..n]
            .iter()
            .rev()
            .take_while(|(u, _)| u == t)
            .any(|(_, s)| s != site);
        let nearer_next = self
            .visits
            .get(n)
            .is_some_and(|(u, s)| u.0 - at.0 < gap && s != site);
        (gap <= SET_WHILE_VISITING_MICROS && !tied && !nearer_next).then_some(&**site)
    }

    pub fn len(&self) -> usize {
        self.visits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visits.is_empty()
    }
}

/// The registrable domain of a partition key: `https://top.test`, `https://top.test:8443`
/// or Firefox's raw `(https,top.test[,port][,f])`.
pub fn partition_site(partition: &str) -> Option<String> {
    let p = partition.trim();
    let host = if let Some(inner) = p.strip_prefix('(') {
        inner.trim_end_matches(')').split(',').nth(1)?
    } else {
        let rest = p.split_once("://").map_or(p, |(_, r)| r);
        rest.split(['/', ':']).next()?
    };
    let site = registrable_domain(host);
    (!site.is_empty()).then_some(site)
}

/// Decides the party of `cookie`, in order: partition key, the person's own visits,
/// known third-party hosts and rules; otherwise unknown.
pub fn decide(
    cookie: &Cookie,
    verdict: &Verdict,
    policies: &Policies,
    visits: &Visits,
) -> PartyVerdict {
    let site = &cookie.site;
    if let Some(top) = cookie.partition.as_deref().and_then(partition_site) {
        return if top != **site {
            verdict_of(Party::Third, Reason::SetInside { top })
        } else {
            verdict_of(Party::First, Reason::OwnPartition { site: site.clone() })
        };
    }
    if visits.contains(site) {
        return verdict_of(Party::First, Reason::Visited { site: site.clone() });
    }
    if let Some(owner) = policies.host_owner(cookie) {
        let site = site.clone();
        return verdict_of(Party::Third, Reason::HostOwner { site, owner });
    }
    if verdict.party_hint == Some(Party::Third) {
        let who = verdict.provider.clone().unwrap_or_else(|| site.clone());
        return verdict_of(Party::Third, Reason::VendorDomain { who });
    }
    verdict_of(Party::Unknown, Reason::NoSignal { site: site.clone() })
}

fn verdict_of(party: Party, reason: Reason) -> PartyVerdict {
    PartyVerdict { party, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_keys_give_their_site() {
        assert_eq!(
            partition_site("https://top.test").as_deref(),
            Some("top.test")
        );
        assert_eq!(
            partition_site("https://www.a.co.uk:8443").as_deref(),
            Some("a.co.uk")
        );
        assert_eq!(
            partition_site("(https,top.test,f)").as_deref(),
            Some("top.test")
        );
        assert_eq!(partition_site("").as_deref(), None);
    }

    #[test]
    fn a_cookie_belongs_to_the_latest_visit_before_it() {
        let s = |secs: i64| UnixMicros::from_secs(secs);
        let v = VisitTimes::from_visits([
            ("www.shop.example", s(1000)),
            ("news.example", s(2000)),
            ("shop.example", s(2010)),
            ("a.example", s(3000)),
            ("b.example", s(3000)),
        ]);
        assert_eq!(v.site_at(s(1005)), Some("shop.example"));
        assert_eq!(v.site_at(s(1000)), Some("shop.example"), "the same instant");
        assert_eq!(
            v.site_at(s(1060)),
            Some("shop.example"),
            "the window's edge"
        );
        assert_eq!(v.site_at(s(1061)), None, "past the window");
        assert_eq!(v.site_at(s(999)), None, "before any visit");
        assert_eq!(v.site_at(s(2005)), Some("news.example"));
        assert_eq!(v.site_at(s(2015)), Some("shop.example"), "the nearer visit");
        assert_eq!(v.site_at(s(3001)), None, "two sites at once");
        // The next site's own cookies come just before its visit is dated.
        let ms = |n: i64| UnixMicros(n * 1000);
        let v = VisitTimes::from_visits([("a.example", ms(1000)), ("b.example", ms(1600))]);
        assert_eq!(v.site_at(ms(1200)), Some("a.example"));
        assert_eq!(v.site_at(ms(1586)), None, "nearer the visit to b.example");
        let v = VisitTimes::from_visits([("a.example", ms(1000)), ("a.example", ms(1100))]);
        assert_eq!(v.site_at(ms(1090)), Some("a.example"), "the same site next");
        assert!(VisitTimes::default().site_at(s(1005)).is_none());
    }
}
