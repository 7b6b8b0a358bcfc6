//! The Open Cookie Database shipped inside crumbs (`assets/ocd/`, Apache-2.0): the stage
//! after crumbs' own knowledge base and host owners and before the heuristics. It only
//! speaks for cookies crumbs' own rules do not name, never over them: it files some
//! platforms' sign-in cookies as marketing, which the built-in rules know better.
//!
//! The file is embedded with `include_str!` and parsed by the same reader as `--policy
//! file.csv` ([`super::ocd`]); the classifier indexes it lazily and once per process, so a
//! run that never reaches this stage never pays for it.

use super::def::{NameMatch, Policy};
use crate::Result;
use crate::model::Category;

/// Where the embedded copy came from, for error messages.
pub const FILE: &str = "assets/ocd/open-cookie-database.csv";

const CSV: &str = include_str!("../../assets/ocd/open-cookie-database.csv");

/// Names this short say nothing on their own (`c`, `ID`, `SID`, `lang`, `data-*`): OCD
/// lists them for one platform's domain, and elsewhere they are some other site's own
/// cookie. Entries bound to a third-party domain keep them.
const SHORT_NAME: usize = 4;
const SHORT_PREFIX: usize = 5;

/// Names that hold a consent or opt-out choice. crumbs files such records as necessary
/// (deleting one brings the banner back, or undoes an opt-out), whatever OCD files them
/// under: it lists `gdpr_status` and `optimizelyOptOut` as marketing.
const CONSENT_WORDS: [&str; 5] = ["consent", "optout", "opt_out", "optin", "gdpr"];

/// The embedded database as one knowledge policy, host limits applied.
pub fn policy() -> Result<Policy> {
    let mut p = super::ocd::parse_csv(FILE, CSV)?;
    p.rules.retain(|r| {
        !r.hosts.is_empty()
            || match &r.names {
                NameMatch::Exact(n) => n.chars().count() > SHORT_NAME,
                NameMatch::Pattern(g) => g.trim_end_matches('*').chars().count() > SHORT_PREFIX,
            }
    });
    for r in &mut p.rules {
        let name = r.label.to_ascii_lowercase();
        if CONSENT_WORDS.iter().any(|w| name.contains(w)) {
            r.category = Category::Necessary;
        }
    }
    Ok(p)
}
