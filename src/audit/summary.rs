//! A site's audit in short: its verdict and, for each part, a heading, a count and
//! one-line items. The CLI's text and the terminal UI's overlay both word a part, a vendor
//! group and a contradiction from here, so the two never say it differently.

use std::sync::Arc;

use super::{Contradiction, History, SiteAudit, SiteVerdict, VendorGroup, build_with_history};
use crate::inventory::Entry;
use crate::model::UnixMicros;
use crate::policy::Policies;

/// The parts of a site's audit, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Declared,
    Undeclared,
    Contradicted,
    Consent,
    NotSeen,
}

impl Part {
    pub fn heading(self) -> &'static str {
        match self {
            Part::Declared => "Declared and found",
            Part::Undeclared => "Found but not declared",
            Part::Contradicted => "Declared but contradicted",
            Part::Consent => "Consent",
            Part::NotSeen => "Declared but not seen",
        }
    }
}

/// Why "declared but not seen" is no fault: said wherever that part is shown.
pub const NOT_SEEN_NOTE: &str = "only what this computer visited is covered";

/// One part: how many cookies (or findings) it holds, and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartSummary {
    pub part: Part,
    pub count: usize,
    pub items: Vec<String>,
}

/// A site's audit in short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub site: Arc<str>,
    /// The policy's name.
    pub policy: Arc<str>,
    pub verdict: SiteVerdict,
    pub parts: Vec<PartSummary>,
}

impl VendorGroup {
    /// "Google Analytics: _ga, _gid — statistics".
    pub fn line(&self) -> String {
        let names: Vec<&str> = self.cookies.iter().map(|f| f.name.as_str()).collect();
        let cats: Vec<&str> = self.categories.iter().map(|c| c.as_str()).collect();
        format!(
            "{}: {} — {}",
            self.vendor,
            names.join(", "),
            cats.join(", ")
        )
    }
}

impl Contradiction {
    /// "sessionid on x.example: declared Necessary; observed set by …".
    pub fn line(&self) -> String {
        format!(
            "{} on {}: declared {}; observed {}",
            self.name, self.host, self.declared, self.observed
        )
    }
}

impl SiteAudit {
    pub fn summary(&self) -> Summary {
        let names = |it: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            let all: Vec<&str> = it.collect();
            if all.is_empty() {
                Vec::new()
            } else {
                vec![all.join(", ")]
            }
        };
        let undeclared: usize = self.undeclared.iter().map(|g| g.cookies.len()).sum();
        let parts = vec![
            PartSummary {
                part: Part::Declared,
                count: self.declared.len(),
                items: names(&mut self.declared.iter().map(|d| d.found.name.as_str())),
            },
            PartSummary {
                part: Part::Undeclared,
                count: undeclared,
                items: self.undeclared.iter().map(VendorGroup::line).collect(),
            },
            PartSummary {
                part: Part::Contradicted,
                count: self.contradicted.len(),
                items: self.contradicted.iter().map(Contradiction::line).collect(),
            },
            PartSummary {
                part: Part::Consent,
                count: self.consent.needed_by.len(),
                items: vec![self.consent.line.clone()],
            },
            PartSummary {
                part: Part::NotSeen,
                count: self.not_seen.len(),
                items: names(&mut self.not_seen.iter().map(|d| &*d.rule)),
            },
        ];
        Summary {
            site: self.site.clone(),
            policy: self.policy.name.clone(),
            verdict: self.verdict.clone(),
            parts,
        }
    }
}

/// The audit of `site` alone over `entries`, third-party cookies placed by `history` as
/// `crumbs audit` places them; `None` when no site policy governs it.
pub fn one_site(
    entries: &[Entry],
    policies: &Policies,
    site: &str,
    history: &History,
    now: UnixMicros,
) -> Option<SiteAudit> {
    policies.governing(site)?;
    build_with_history(entries, &[], policies, &[Arc::from(site)], history, now)
        .sites
        .pop()
}
