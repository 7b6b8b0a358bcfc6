//! Building an [`Audit`]: which sites have a policy, which found cookies belong to each
//! (its own cookies, third-party ones partitioned under it, and third-party ones its
//! profile's history places on its pages by time), gathered per name and host over every
//! browser profile, then sorted into declared, undeclared, contradicted and not seen.
//! Pure: entries, policies and visits in, plain data out.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::consent::{self, consent_for};
use super::judge::{contradictions, verdict_for};
use super::{
    Audit, Declared, DeclaredFound, Examined, Found, History, PolicyInfo, SiteAudit, VendorGroup,
};
use crate::inventory::{Entry, StoreStatus};
use crate::model::{Party, UnixMicros};
use crate::policy::def::{Kind, Rule};
use crate::policy::party::{Reason, partition_site};
use crate::policy::{Policies, Policy, Verdict};
use crate::timefmt;

/// Every site a site policy governs, in policy order; only policies read from `files`
/// when any are named.
pub fn audited_sites(policies: &Policies, files: &[String]) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = Vec::new();
    for p in policies.policies() {
        let named = files.is_empty() || files.iter().any(|f| **f == *p.origin);
        if p.kind != Kind::Site || !named {
            continue;
        }
        for d in &p.domains {
            let governs = policies.governing(d).is_some_and(|g| g.id == p.id);
            if governs && !out.contains(d) {
                out.push(d.clone());
            }
        }
    }
    out
}

/// The audit of `sites` (each governed by a site policy) over `entries`, dated `now`,
/// without history: only partition keys place third-party cookies.
pub fn build(
    entries: &[Entry],
    stores: &[StoreStatus],
    policies: &Policies,
    sites: &[Arc<str>],
    now: UnixMicros,
) -> Audit {
    build_with_history(entries, stores, policies, sites, &History::default(), now)
}

/// As [`build`], with each profile's dated visits placing the third-party cookies set
/// while a site's page was open.
pub fn build_with_history(
    entries: &[Entry],
    stores: &[StoreStatus],
    policies: &Policies,
    sites: &[Arc<str>],
    history: &History,
    now: UnixMicros,
) -> Audit {
    let examined = stores
        .iter()
        .map(|s| {
            let (visits, history_error) = history.of(&s.store.profile_dir);
            Examined {
                browser: s.store.browser.to_string(),
                profile: s.store.profile.clone(),
                cookies: s.cookies,
                error: s.error.clone(),
                visits,
                history_error,
            }
        })
        .collect();
    // Where history places each cookie, looked up once for every site audited.
    let placed = history.placements(entries);
    let sites = sites
        .iter()
        .filter_map(|site| {
            Some(audit_site(
                entries,
                policies,
                &placed,
                policies.governing(site)?,
                site,
            ))
        })
        .collect();
    Audit {
        date: timefmt::date(now),
        examined,
        sites,
    }
}

/// One found cookie before sorting: the gathered facts and a verdict to read from.
struct Group<'a> {
    found: Found,
    entry: &'a Entry,
    sites: Vec<Arc<str>>,
}

fn audit_site(
    entries: &[Entry],
    policies: &Policies,
    placed: &[Option<&str>],
    p: &Policy,
    site: &Arc<str>,
) -> SiteAudit {
    let mut declared = Vec::new();
    let mut undeclared: BTreeMap<String, VendorGroup> = BTreeMap::new();
    let mut contradicted = Vec::new();
    let mut seen_rules: Vec<Arc<str>> = Vec::new();
    for g in gather(entries, placed, p, site).into_values() {
        let mut found = g.found;
        match policies.declared(site, &found.name, &found.host) {
            Some(dv) => {
                let decl = declared_of(p, &dv);
                found.consent = consent_for(p, &dv, found.category, true);
                contradicted.extend(contradictions(policies, site, &found, &g.sites, &decl, &dv));
                seen_rules.push(decl.rule.clone());
                declared.push(DeclaredFound {
                    found,
                    declared: decl,
                });
            }
            None => {
                found.consent = consent_for(p, &g.entry.verdict, found.category, false);
                let vendor = found
                    .vendor
                    .as_deref()
                    .unwrap_or("Unknown vendor")
                    .to_string();
                let group = undeclared.entry(vendor.clone()).or_insert(VendorGroup {
                    vendor,
                    categories: Vec::new(),
                    cookies: Vec::new(),
                });
                if !group.categories.contains(&found.category) {
                    group.categories.push(found.category);
                }
                group.cookies.push(found);
            }
        }
    }
    let not_seen = p
        .rules
        .iter()
        .filter(|r| !seen_rules.contains(&r.label))
        .map(|r| declared_rule(p, r))
        .collect();
    let undeclared: Vec<VendorGroup> = undeclared.into_values().collect();
    let consent = consent::report(p, &declared, &undeclared, policies);
    let definitions = consent::definitions(p, &declared, &undeclared);
    let verdict = verdict_for(site, &declared, &undeclared, &contradicted);
    SiteAudit {
        site: site.clone(),
        policy: PolicyInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            provider: p.provider.clone(),
            source: p.source.clone(),
            file: p.origin.clone(),
        },
        verdict,
        declared,
        undeclared,
        contradicted,
        consent,
        not_seen,
        definitions,
    }
}

/// How a cookie came to answer to the audited site's policy.
enum Via {
    /// Its own site's policy, or the site it was partitioned under.
    Policy,
    /// Created just after a visit to the site, by the profile's history.
    Visit,
}

/// Why `e` belongs to the audit of `site` (governed by `p`), if it does; `placed` is the
/// site history places it on ([`History`]). A cookie of one of the policy's own domains
/// is the site's own wherever it was set, not a third party's.
fn belongs(e: &Entry, placed: Option<&str>, p: &Policy, site: &str) -> Option<Via> {
    if e.verdict.policy_site.as_deref() == Some(site) {
        return Some(Via::Policy);
    }
    let own = p.domains.iter().any(|d| **d == *e.cookie.site);
    (placed == Some(site) && !own).then_some(Via::Visit)
}

/// The cookies that answer to `site`'s policy, one group per (name, host, partition, or
/// the site whose visit placed it).
fn gather<'a>(
    entries: &'a [Entry],
    placed: &[Option<&str>],
    p: &Policy,
    site: &str,
) -> BTreeMap<(String, String, String), Group<'a>> {
    let mut groups: BTreeMap<(String, String, String), Group<'a>> = BTreeMap::new();
    for (e, via) in entries
        .iter()
        .zip(placed)
        .filter_map(|(e, at)| Some((e, belongs(e, *at, p, site)?)))
    {
        let c = &e.cookie;
        let top = c.partition.as_deref().and_then(partition_site);
        let place = match via {
            Via::Policy => top.clone().unwrap_or_default(),
            Via::Visit => format!("visit:{site}"),
        };
        let key = (c.name.clone(), c.bare_host().to_string(), place);
        let holder = format!("{} ({})", c.store.browser, c.store.profile);
        let life = c.expires.zip(c.created).map(|(end, start)| end.0 - start.0);
        let g = groups.entry(key).or_insert_with(|| {
            let mut found = found_of(e, top);
            if let Via::Visit = via {
                let visited = Arc::from(site);
                found.set_while_visiting = Some(site.to_string());
                found.party = Party::Third;
                found.party_reason = Reason::SetWhileVisiting { site: visited }.to_string();
            }
            Group {
                found,
                entry: e,
                sites: Vec::new(),
            }
        });
        if !g.found.held_by.contains(&holder) {
            g.found.held_by.push(holder);
        }
        if !g.sites.contains(&c.site) {
            g.sites.push(c.site.clone());
        }
        if let Some(l) = life.filter(|l| g.found.lifetime_micros.is_none_or(|m| *l > m)) {
            g.found.lifetime_micros = Some(l);
            g.found.lifetime = timefmt::span(l);
        }
        if e.party.party == Party::Third && g.found.set_while_visiting.is_none() {
            g.found.party = Party::Third;
            g.found.party_reason = e.party.reason.to_string();
        }
    }
    groups
}

fn found_of(e: &Entry, partitioned_under: Option<String>) -> Found {
    Found {
        name: e.cookie.name.clone(),
        host: e.cookie.bare_host().to_string(),
        category: e.verdict.category,
        vendor: e.verdict.provider.clone(),
        party: e.party.party,
        party_reason: e.party.reason.to_string(),
        partitioned_under,
        set_while_visiting: None,
        lifetime: if e.cookie.is_session() {
            "session"
        } else {
            "unknown"
        }
        .into(),
        lifetime_micros: None,
        held_by: Vec::new(),
        consent: consent::unknown(),
    }
}

fn declared_of(p: &Policy, dv: &Verdict) -> Declared {
    let rule = match &dv.matched_by {
        crate::policy::MatchedBy::SitePolicy { rule, .. } => {
            p.rules.iter().find(|r| *r.label == **rule)
        }
        _ => None,
    };
    match rule {
        Some(r) => declared_rule(p, r),
        None => Declared {
            rule: Arc::from(""),
            category: Arc::from(dv.category.as_str()),
            maps_to: dv.category,
            function: dv.function.clone(),
            purpose: dv.purpose.clone(),
            lifetime: dv.lifetime.clone(),
        },
    }
}

fn declared_rule(p: &Policy, r: &Rule) -> Declared {
    Declared {
        rule: r.label.clone(),
        category: p
            .category_for(r)
            .map_or_else(|| Arc::from(r.category.as_str()), |c| c.label.clone()),
        maps_to: r.category,
        function: r.function.clone(),
        purpose: r.purpose.clone(),
        lifetime: r.lifetime.clone(),
    }
}
