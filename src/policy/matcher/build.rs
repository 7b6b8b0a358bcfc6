//! Building the classifier's indexes from loaded policies: rules by exact name and by
//! pattern, site policies by governing domain with their category bases, host owners, and
//! the Open Cookie Database's own index. Runs once per policy set; matching is `super`'s.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Entry, Index, SiteIndex, cat_index};
use crate::policy::def::{self, Kind, NameMatch, Policy, Rule};
use crate::policy::pattern::{Glob, GlobSet};
use crate::policy::{Basis, Confidence, MatchedBy, RuleInfo, Verdict};

impl Index {
    /// Indexes `policies` (load order: later ones win ties).
    pub fn build(policies: &[Policy]) -> Index {
        let mut ix = Index::default();
        let site_names: HashSet<&str> = policies
            .iter()
            .filter(|p| p.kind == Kind::Site)
            .flat_map(|p| p.rules.iter())
            .filter_map(|r| match &r.names {
                NameMatch::Exact(n) => Some(&**n),
                NameMatch::Pattern(_) => None,
            })
            .collect();
        let mut knowledge_globs = Vec::new();
        for (order, p) in policies.iter().enumerate() {
            let rank = (p.priority, order);
            match p.kind {
                Kind::Site => ix.add_site(p, rank),
                Kind::Knowledge => ix.add_knowledge(p, rank, &site_names, &mut knowledge_globs),
            }
        }
        let entries = &ix.entries;
        for list in ix.exact.values_mut() {
            list.sort_by_key(|e| {
                std::cmp::Reverse((!entries[*e].hosts.is_empty(), entries[*e].rank))
            });
        }
        ix.patterns = GlobSet::build(knowledge_globs, |g, e| entries[e].key(g));
        let sites = &ix.sites;
        for list in ix.site_by_domain.values_mut() {
            list.sort_by_key(|s| std::cmp::Reverse(sites[*s].rank));
        }
        ix
    }

    fn add_knowledge(
        &mut self,
        p: &Policy,
        rank: (i64, usize),
        site_names: &HashSet<&str>,
        globs: &mut Vec<(Glob, usize)>,
    ) {
        for r in &p.rules {
            // A name some site policy also defines is evidently shared between sites.
            let generic =
                r.generic || matches!(&r.names, NameMatch::Exact(n) if site_names.contains(&**n));
            let e = self.push(p, r, rank, generic);
            match &r.names {
                NameMatch::Exact(n) => self.exact.entry(n.clone()).or_default().push(e),
                NameMatch::Pattern(g) => globs.extend(Glob::new(g).map(|g| (g, e))),
            }
        }
        for h in &p.hosts {
            self.owners.insert(h.domain.clone(), owner_template(h));
        }
    }

    fn push(&mut self, p: &Policy, r: &Rule, rank: (i64, usize), generic: bool) -> usize {
        let matched_by = match (&r.names, p.kind) {
            (_, Kind::Site) => MatchedBy::SitePolicy {
                policy: p.id.clone(),
                rule: r.label.clone(),
            },
            (NameMatch::Exact(_), _) => MatchedBy::ExactName {
                policy: p.id.clone(),
                rule: r.label.clone(),
            },
            (NameMatch::Pattern(_), _) => MatchedBy::Pattern {
                policy: p.id.clone(),
                rule: r.label.clone(),
            },
        };
        let basis = match p.kind {
            Kind::Site => p.category_for(r).map(|c| Arc::new(Basis::new(p, c))),
            Kind::Knowledge => None,
        };
        // Only an exact name can be shared so; a pattern's own length sets its confidence.
        let name_shared = generic && r.hosts.is_empty() && matches!(r.names, NameMatch::Exact(_));
        let info = RuleInfo {
            provider: r.provider.clone().or_else(|| p.provider.clone()),
            purpose: r.purpose.clone(),
            function: r.function.clone(),
            on_delete: r.on_delete.clone(),
            sign_in: r.sign_in,
            lifetime: r.lifetime.clone(),
            matched_by,
            party_hint: r.party,
            also_labelled: r.also_labelled.clone(),
            name_shared,
        };
        let confidence = if name_shared {
            Confidence::Medium
        } else {
            Confidence::High
        };
        self.entries.push(Entry {
            template: Verdict {
                basis,
                ..Verdict::new(r.category, confidence, info)
            },
            hosts: r.hosts.clone().into_boxed_slice(),
            consent: r.consent,
            anonymised: r.anonymised,
            rank,
        });
        self.entries.len() - 1
    }

    fn add_site(&mut self, p: &Policy, rank: (i64, usize)) {
        let mut site = SiteIndex {
            rank,
            ..SiteIndex::default()
        };
        let mut globs = Vec::new();
        for r in &p.rules {
            let e = self.push(p, r, rank, false);
            match &r.names {
                NameMatch::Exact(n) => {
                    site.exact.insert(n.clone(), e);
                }
                NameMatch::Pattern(g) => globs.extend(Glob::new(g).map(|g| (g, e))),
            }
        }
        let entries = &self.entries;
        site.patterns = GlobSet::build(globs, |g, e| entries[e].key(g));
        for c in &p.categories {
            let slot = &mut site.basis[cat_index(c.maps_to)];
            if slot.is_none() {
                *slot = Some(Arc::new(Basis::new(p, c)));
            }
        }
        let si = self.sites.len();
        self.sites.push(site);
        for d in &p.domains {
            self.site_by_domain.entry(d.clone()).or_default().push(si);
        }
    }

    /// An index over `policy` whose verdicts say they come from the Open Cookie Database,
    /// at medium confidence at most: a community list, not crumbs' reviewed rules.
    pub(super) fn build_fallback(policy: &Policy) -> Index {
        let mut ix = Index::build(std::slice::from_ref(policy));
        for e in &mut ix.entries {
            let info = Arc::make_mut(&mut e.template.rule);
            if let MatchedBy::ExactName { rule, .. } | MatchedBy::Pattern { rule, .. } =
                &info.matched_by
            {
                info.matched_by = MatchedBy::OpenCookieDatabase { rule: rule.clone() };
            }
            e.template.confidence = Confidence::Medium;
        }
        ix
    }
}

fn owner_template(h: &def::HostOwner) -> Verdict {
    let info = RuleInfo {
        provider: Some(h.owner.clone()),
        purpose: h.purpose.clone(),
        matched_by: MatchedBy::HostOwner {
            owner: h.owner.clone(),
        },
        ..RuleInfo::default()
    };
    Verdict::new(h.category, Confidence::Medium, info)
}
