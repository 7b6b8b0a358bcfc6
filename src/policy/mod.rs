//! Policy definitions and the built-in knowledge base: which category a cookie belongs to
//! (purpose), who sets it, why, whether consent was needed, and how crumbs knows.
//! Party (first/third) is decided separately in [`party`]: the two axes never mix.
//!
//! Flow: [`schema`] (file shape) → [`load`] / [`ocd`] (checked [`def`] values, errors with
//! file and line) → `matcher` (indexes built once) → [`Policies::classify`], which falls
//! back on the bundled Open Cookie Database ([`ocd_db`]) before guessing. Policy files
//! are data: adding a vendor never needs code here. Nothing in this module reads cookie
//! values except [`heuristics`], which must never report them.

pub mod builtin;
pub mod declared;
pub mod def;
pub mod heuristics;
pub mod learned;
pub mod load;
mod matcher;
pub mod ocd;
pub mod ocd_db;
pub mod party;
mod pattern;
pub mod schema;
pub mod siblings;

use std::sync::Arc;

use serde::Serialize;

use crate::Result;
use crate::model::{Category, Cookie, Party};
pub use def::{Consent, Policy};

/// Starts indexing the bundled Open Cookie Database on another thread, so a reader that
/// is about to copy and open a store does not wait for it (about 4 ms) when its first
/// unnamed cookie comes. Classification waits for that thread if it gets there first.
pub fn index_fallback_in_background() {
    std::thread::spawn(matcher::index_fallback);
}

/// How sure crumbs is about a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// Which matching step produced a verdict, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum MatchedBy {
    /// A site policy that governs this cookie's domain named it.
    SitePolicy { policy: Arc<str>, rule: Arc<str> },
    /// An exact name in the knowledge base.
    ExactName { policy: Arc<str>, rule: Arc<str> },
    /// The longest matching name pattern.
    Pattern { policy: Arc<str>, rule: Arc<str> },
    /// The cookie's domain belongs to a known ad/analytics company.
    HostOwner { owner: Arc<str> },
    /// The Open Cookie Database shipped with crumbs names it: consulted only for cookies
    /// crumbs' own knowledge base does not know, never over it.
    OpenCookieDatabase { rule: Arc<str> },
    /// A heuristic on the name, flags, lifetime or value shape.
    Heuristic { rule: Arc<str> },
    /// No word of the name gave the heuristics a clue; the learned model read its letters
    /// and lifetime ([`learned`]) and is `percent` sure.
    Learned { percent: u8 },
    /// Only guessed on its own, but it shares its vendor prefix with a cookie of the same
    /// site the knowledge base names (see [`siblings`]).
    Sibling { prefix: Arc<str>, sibling: Arc<str> },
    /// Nothing pointed anywhere.
    #[default]
    Nothing,
}

impl MatchedBy {
    /// Short label for tables and JSON (`site_policy`, `exact_name`, …).
    pub fn step(&self) -> &'static str {
        match self {
            MatchedBy::SitePolicy { .. } => "site_policy",
            MatchedBy::ExactName { .. } => "exact_name",
            MatchedBy::Pattern { .. } => "pattern",
            MatchedBy::HostOwner { .. } => "host_owner",
            MatchedBy::OpenCookieDatabase { .. } => "open_cookie_database",
            MatchedBy::Heuristic { .. } => "heuristic",
            MatchedBy::Learned { .. } => "learned",
            MatchedBy::Sibling { .. } => "sibling",
            MatchedBy::Nothing => "none",
        }
    }
}

/// The classification of one cookie on the purpose axis, with its provenance. What the
/// matched rule says is shared by every cookie it matches ([`RuleInfo`], reached through
/// `Deref`: `verdict.provider`), so a verdict costs one pointer, not a dozen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub category: Category,
    /// Whether the site needed the visitor's consent to set it.
    pub consent_required: bool,
    pub confidence: Confidence,
    /// The governing site policy's category this cookie falls under, when a site policy
    /// governs the cookie's domain: the source of `consent_required`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Arc<Basis>>,
    /// The site whose own cookie policy this cookie answers to, when a site policy
    /// governs its domain or the top-level site it was partitioned under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_site: Option<Arc<str>>,
    /// `policy_site` is another site than the cookie's own (it was partitioned there) and
    /// its policy declares a cookie of this name: the name is that site's, this cookie is
    /// a third party's.
    #[serde(skip)]
    pub policy_declares_name: bool,
    #[serde(flatten)]
    pub rule: Arc<RuleInfo>,
}

/// What a rule (or a heuristic, or a host owner) says about the cookies it matches.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RuleInfo {
    pub provider: Option<Arc<str>>,
    /// What the cookie does, one short sentence ("Keeps you signed in from page to page").
    pub purpose: Option<Arc<str>>,
    /// The policy's own label for the function ("Authentication").
    pub function: Option<Arc<str>>,
    /// What deleting it does, in the policy's words ("Your cart on {site} is emptied.").
    pub on_delete: Option<Arc<str>>,
    /// Deleting it signs you out: a property of the cookie, so bulk deletes (`clean
    /// --trackers`, a site, a category) leave it alone whatever its category.
    pub sign_in: bool,
    /// Typical lifetime the policy declares ("2 years").
    pub lifetime: Option<Arc<str>>,
    pub matched_by: MatchedBy,
    /// The party the matched rule says this vendor usually has (a hint only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party_hint: Option<Party>,
    /// Other categories sites often give cookies this rule matches: consent-banner labels
    /// disagree, and the explanation says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_labelled: Vec<Category>,
    /// Other software uses this exact name too (a framework default, a two-letter name, a
    /// name some site policy also declares), and the rule holds on any host: the provider
    /// is who usually sets it, not who surely did, so the verdict is medium confidence.
    #[serde(skip)]
    pub name_shared: bool,
}

impl std::ops::Deref for Verdict {
    type Target = RuleInfo;
    fn deref(&self) -> &RuleInfo {
        &self.rule
    }
}

impl Verdict {
    /// A low-confidence category: crumbs shows it as a guess, and `clean --trackers
    /// --sure-only` leaves such cookies alone. `Unknown` claims nothing, so is no guess.
    pub fn is_guess(&self) -> bool {
        self.confidence == Confidence::Low && self.category != Category::Unknown
    }

    /// The category as lists show it: a guess ends in `?`, so it reads as one at a glance
    /// (the terminal UI's cookie list and `crumbs list`).
    pub fn category_label(&self) -> std::borrow::Cow<'static, str> {
        if self.is_guess() {
            format!("{}?", self.category.as_str()).into()
        } else {
            self.category.as_str().into()
        }
    }

    /// The cookie records the visitor's answer to a cookie banner: the knowledge base's
    /// consent records, or a name that says so. Deleting one brings the banner back.
    pub fn is_consent_record(&self) -> bool {
        match &self.matched_by {
            MatchedBy::ExactName { policy, .. } | MatchedBy::Pattern { policy, .. } => {
                &**policy == "known-consent"
            }
            MatchedBy::Heuristic { rule } => &**rule == "name_consent",
            _ => false,
        }
    }

    /// `on_delete` with `{site}` filled in.
    pub fn on_delete_for(&self, site: &str) -> Option<String> {
        self.on_delete.as_deref().map(|t| t.replace("{site}", site))
    }
}

/// A site policy's own category, as it words it: why consent was or was not needed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    /// Policy id (`opendatasoft`).
    pub policy: Arc<str>,
    /// Policy title.
    pub policy_name: Arc<str>,
    pub provider: Option<Arc<str>>,
    /// The category's label in the policy ("Necessary").
    pub label: Arc<str>,
    pub consent: Consent,
    pub description: Option<Arc<str>>,
    /// The policy's own names for first- and third-party cookies, if it defines them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_party: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_party: Option<Arc<str>>,
}

impl Basis {
    fn new(p: &Policy, c: &def::CategoryDef) -> Basis {
        Basis {
            policy: p.id.clone(),
            policy_name: p.name.clone(),
            provider: p.provider.clone(),
            label: c.label.clone(),
            consent: c.consent,
            description: c.description.clone(),
            first_party: party_label(p, Party::First),
            third_party: party_label(p, Party::Third),
        }
    }

    /// The policy's name for `party` cookies ("Third-party").
    pub fn party_label(&self, party: Party) -> Option<&str> {
        match party {
            Party::First => self.first_party.as_deref(),
            Party::Third => self.third_party.as_deref(),
            Party::Unknown => None,
        }
    }
}

fn party_label(p: &Policy, party: Party) -> Option<Arc<str>> {
    p.parties
        .iter()
        .find(|d| d.party == party)
        .map(|d| d.label.clone())
}

impl Verdict {
    pub fn unknown() -> Verdict {
        Verdict::new(Category::Unknown, Confidence::Low, RuleInfo::default())
    }

    /// A verdict from `rule`, consent required until a policy says otherwise.
    pub fn new(category: Category, confidence: Confidence, rule: RuleInfo) -> Verdict {
        Verdict {
            category,
            consent_required: true,
            confidence,
            basis: None,
            policy_site: None,
            policy_declares_name: false,
            rule: Arc::new(rule),
        }
    }
}

/// Where extra policies come from.
#[derive(Debug, Clone, Default)]
pub struct PolicyOptions {
    /// `--policy FILE` (TOML, or Open Cookie Database CSV).
    pub extra_files: Vec<std::path::PathBuf>,
    /// Load `crumbs/policies/` from the config dir.
    pub user_dir: bool,
}

/// Every policy in force, indexed for fast matching. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    list: Arc<[Policy]>,
    index: Arc<matcher::Index>,
}

impl Policies {
    /// Only the policies compiled into the binary.
    pub fn builtin() -> Result<Policies> {
        Ok(Policies::from_policies(builtin_policies()?))
    }

    /// Built-ins, then the user's policies, then `--policy` files (later ones win).
    pub fn load(opts: &PolicyOptions) -> Result<Policies> {
        let mut all = builtin_policies()?;
        if opts.user_dir
            && let Some(dir) = crate::paths::user_policy_dir()
        {
            all.extend(load::read_dir(&dir)?);
        }
        for f in &opts.extra_files {
            all.push(load::read_file(f)?);
        }
        Ok(Policies::from_policies(all))
    }

    /// Indexes `policies` in load order. A policy whose id repeats an earlier one
    /// replaces it, so a user file can override a built-in policy whole.
    pub fn from_policies(policies: Vec<Policy>) -> Policies {
        let mut list: Vec<Policy> = Vec::with_capacity(policies.len());
        for p in policies {
            list.retain(|q| q.id != p.id);
            list.push(p);
        }
        Policies {
            index: Arc::new(matcher::Index::build(&list)),
            list: list.into(),
        }
    }

    /// Every policy in force, in load order.
    pub fn policies(&self) -> &[Policy] {
        &self.list
    }

    /// The purpose-axis verdict for `cookie`.
    pub fn classify(&self, cookie: &Cookie) -> Verdict {
        self.index.classify(cookie)
    }

    /// The known ad/analytics/CDN company `cookie`'s host belongs to (`[[host]]`).
    pub fn host_owner(&self, cookie: &Cookie) -> Option<Arc<str>> {
        self.index.host_owner(cookie.bare_host(), &cookie.site)
    }
}

pub(crate) fn builtin_policies() -> Result<Vec<Policy>> {
    builtin::FILES
        .iter()
        .map(|(file, text)| load::parse_toml(&format!("assets/policies/{file}"), text))
        .collect()
}
