//! What a site's own cookie policy declares, asked by name: the governing policy of a
//! site, the rule it has for a cookie, and what the knowledge base says regardless of any
//! site policy. Used by the audit; classification itself stays in `matcher`.

use super::{Policies, Policy, Verdict};

impl Policies {
    /// The site policy whose rules win on `domain` (a registrable domain).
    pub fn governing(&self, domain: &str) -> Option<&Policy> {
        self.index
            .governing(domain)
            .and_then(|i| self.policies().get(i))
    }

    /// The verdict of the rule `site`'s policy declares for a cookie `name` on `host`,
    /// whatever site actually set it; `None` when the policy does not list it.
    pub fn declared(&self, site: &str, name: &str, host: &str) -> Option<Verdict> {
        self.index.declared(site, name, host)
    }

    /// What the knowledge base alone (names, patterns, host owners) says of a cookie.
    pub fn known(&self, name: &str, host: &str, site: &str) -> Option<Verdict> {
        self.index.known(name, host, site)
    }
}
