//! Judging what was found against what a policy declares: the contradictions between
//! a cookie seen and its declaration (category, party, lifetime), and the verdict a site
//! gets from its declared, undeclared and contradicted cookies. Pure.

use std::sync::Arc;

use super::{
    Contradiction, ContradictionKind, Declared, DeclaredFound, Found, SiteVerdict, Status,
    VendorGroup,
};
use crate::model::{Category, Party};
use crate::policy::{Policies, Verdict};
use crate::timefmt;

/// A cookie kept this many times longer than its policy states is a contradiction.
const LIFETIME_SLACK: i64 = 2;

/// What observation says against the declaration of `f`.
pub(super) fn contradictions(
    policies: &Policies,
    site: &str,
    f: &Found,
    sites: &[Arc<str>],
    d: &Declared,
    dv: &Verdict,
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let mut say = |kind, declared: String, observed: String| {
        out.push(Contradiction {
            name: f.name.clone(),
            host: f.host.clone(),
            kind,
            declared,
            observed,
        })
    };
    let first_party = d.maps_to == Category::Necessary || dv.party_hint == Some(Party::First);
    if first_party && let Some(other) = sites.iter().find(|s| ***s != *site) {
        say(
            ContradictionKind::ThirdPartyHost,
            format!("{} (a {site} cookie)", d.category),
            format!("set by {}, a host of {other}", f.host),
        );
    }
    if let Some(top) = f.partitioned_under.as_deref().filter(|t| *t != site) {
        say(
            ContradictionKind::PartitionedElsewhere,
            format!("{} (a {site} cookie)", d.category),
            format!("partitioned under {top}: embedded there as a third party"),
        );
    }
    if !d.maps_to.is_tracking()
        && let Some(k) = policies.known(&f.name, &f.host, site)
        && k.category.is_tracking()
    {
        let who = k.provider.as_deref().unwrap_or("a known vendor");
        say(
            ContradictionKind::KnownTracker,
            d.category.to_string(),
            format!("known as a {} cookie of {who}", k.category.as_str()),
        );
    }
    let stated = d.lifetime.as_deref().and_then(timefmt::parse_span);
    if let (Some(stated), Some(kept)) = (stated.filter(|s| *s > 0), f.lifetime_micros)
        && kept > stated.saturating_mul(LIFETIME_SLACK)
    {
        say(
            ContradictionKind::Lifetime,
            format!("kept {}", d.lifetime.as_deref().unwrap_or_default()),
            format!("kept {}", f.lifetime),
        );
    }
    out
}

pub(super) fn verdict_for(
    site: &str,
    declared: &[DeclaredFound],
    undeclared: &[VendorGroup],
    contradicted: &[Contradiction],
) -> SiteVerdict {
    let undeclared_n: usize = undeclared.iter().map(|g| g.cookies.len()).sum();
    let found = declared.len() + undeclared_n;
    if found == 0 {
        return SiteVerdict {
            status: Status::NothingFound,
            line: format!("{site}: no cookie of this site is stored here; nothing to compare."),
        };
    }
    if undeclared_n == 0 && contradicted.is_empty() {
        return SiteVerdict {
            status: Status::AllDeclared,
            line: match found {
                1 => format!("{site}: the one cookie found is declared in its policy."),
                n => format!("{site}: all {n} cookies found are declared in its policy."),
            },
        };
    }
    let mut parts = Vec::new();
    if undeclared_n > 0 {
        let vendors: Vec<&str> = undeclared.iter().map(|g| g.vendor.as_str()).collect();
        parts.push(format!(
            "{undeclared_n} of {found} cookies found are not declared ({})",
            vendors.join(", ")
        ));
    }
    if !contradicted.is_empty() {
        parts.push(format!(
            "{} observation{} contradict{} the policy",
            contradicted.len(),
            if contradicted.len() == 1 { "" } else { "s" },
            if contradicted.len() == 1 { "s" } else { "" },
        ));
    }
    SiteVerdict {
        status: Status::Findings,
        line: format!("{site}: {}.", parts.join("; ")),
    }
}
