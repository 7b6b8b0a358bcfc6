//! Validated policies: what a policy file means once every key was checked. Strings are
//! `Arc<str>` built once at load, so verdicts share them instead of copying. No file I/O
//! and no matching here.

use std::sync::Arc;

use serde::Serialize;

use crate::model::{Category, Party};

/// Whether a policy governs named sites or describes cookies in general.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Governs the cookies of `domains`; its rules win there.
    Site,
    /// Generic knowledge (vendors, frameworks, ad hosts).
    Knowledge,
}

/// A policy's consent rule for one of its categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    Never,
    Required,
    /// Statistics that cannot be traced back to a person need no consent.
    UnlessAnonymised,
}

impl Consent {
    pub fn parse(s: &str) -> Option<Consent> {
        match s {
            "never" => Some(Consent::Never),
            "required" => Some(Consent::Required),
            "unless_anonymised" => Some(Consent::UnlessAnonymised),
            _ => None,
        }
    }

    /// Whether a cookie under this rule needed consent.
    pub fn required(self, anonymised: bool) -> bool {
        match self {
            Consent::Never => false,
            Consent::Required => true,
            Consent::UnlessAnonymised => !anonymised,
        }
    }

    /// crumbs' default when no site policy speaks: only necessary cookies are exempt.
    pub fn default_for(category: Category) -> Consent {
        match category {
            Category::Necessary => Consent::Never,
            _ => Consent::Required,
        }
    }
}

/// One `[categories.*]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryDef {
    pub key: Arc<str>,
    pub label: Arc<str>,
    pub maps_to: Category,
    pub consent: Consent,
    pub description: Option<Arc<str>>,
}

/// One `[parties.*]` entry: the policy's own words for a party.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyDef {
    pub party: Party,
    pub label: Arc<str>,
    pub description: Option<Arc<str>>,
}

/// How a rule names cookies. Both forms are stored without `__Host-`/`__Secure-`.
#[derive(Debug, Clone, PartialEq)]
pub enum NameMatch {
    Exact(Arc<str>),
    /// Glob where `*` is any run of characters.
    Pattern(Arc<str>),
}

impl NameMatch {
    /// Whether a cookie of this name is one the rule names, wherever it lives; the
    /// classifier's matcher indexes the same test, this is for reading one rule alone.
    pub fn matches(&self, name: &str) -> bool {
        let name = strip_prefix(name);
        match self {
            NameMatch::Exact(n) => &**n == name,
            NameMatch::Pattern(g) => super::pattern::Glob::new(g).is_some_and(|g| g.matches(name)),
        }
    }
}

/// One `[[cookie]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub names: NameMatch,
    /// The rule as written (`sessionid`, `_ga_*`), for "how crumbs knows".
    pub label: Arc<str>,
    pub provider: Option<Arc<str>>,
    pub function: Option<Arc<str>>,
    pub purpose: Option<Arc<str>>,
    pub category: Category,
    /// Index into the policy's `categories`.
    pub policy_category: Option<usize>,
    pub lifetime: Option<Arc<str>>,
    pub on_delete: Option<Arc<str>>,
    /// Deleting it signs you out (`sign_in = true`).
    pub sign_in: bool,
    /// Registrable domains the rule is limited to; empty = anywhere.
    pub hosts: Vec<Arc<str>>,
    pub consent: Option<Consent>,
    pub party: Option<Party>,
    pub anonymised: bool,
    pub generic: bool,
    /// Other categories sites often give this cookie ([`crate::policy::RuleInfo`]).
    pub also_labelled: Vec<Category>,
}

/// One `[[host]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct HostOwner {
    pub domain: Arc<str>,
    pub owner: Arc<str>,
    pub category: Category,
    pub purpose: Option<Arc<str>>,
}

/// One loaded policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub id: Arc<str>,
    pub name: Arc<str>,
    pub provider: Option<Arc<str>>,
    pub kind: Kind,
    pub domains: Vec<Arc<str>>,
    pub source: Option<Arc<str>>,
    pub priority: i64,
    /// The file (or built-in name) it came from, for messages.
    pub origin: Arc<str>,
    pub categories: Vec<CategoryDef>,
    pub parties: Vec<PartyDef>,
    pub rules: Vec<Rule>,
    pub hosts: Vec<HostOwner>,
}

impl Policy {
    /// The category definition a rule of this policy falls under: the one it names, else
    /// the first that maps to its crumbs category.
    pub fn category_for(&self, rule: &Rule) -> Option<&CategoryDef> {
        match rule.policy_category {
            Some(i) => self.categories.get(i),
            None => self.category_mapping(rule.category),
        }
    }

    /// The first category definition mapping to `category`.
    pub fn category_mapping(&self, category: Category) -> Option<&CategoryDef> {
        self.categories.iter().find(|c| c.maps_to == category)
    }
}

/// `__Host-` and `__Secure-` only ask the browser for stricter handling; the cookie is the
/// same one without them, so lookups ignore them.
pub fn strip_prefix(name: &str) -> &str {
    name.strip_prefix("__Host-")
        .or_else(|| name.strip_prefix("__Secure-"))
        .unwrap_or(name)
}

/// The four categories a policy may name (crumbs' `unknown` is not a policy category).
pub fn parse_category(s: &str) -> Option<Category> {
    match s {
        "necessary" => Some(Category::Necessary),
        "preferences" => Some(Category::Preferences),
        "statistics" => Some(Category::Statistics),
        "marketing" => Some(Category::Marketing),
        _ => None,
    }
}

/// How a policy's domains are compared: [`crate::site::normalise`].
pub fn normalise_domain(d: &str) -> String {
    crate::site::normalise(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_names_its_cookies_with_or_without_a_prefix() {
        let exact = NameMatch::Exact(Arc::from("AEC"));
        assert!(exact.matches("AEC") && exact.matches("__Secure-AEC"));
        assert!(!exact.matches("AECX"));
        let pattern = NameMatch::Pattern(Arc::from("sbjs_*"));
        assert!(pattern.matches("sbjs_first") && !pattern.matches("xsbjs_first"));
        let inner = NameMatch::Pattern(Arc::from("mp_*_mixpanel"));
        assert!(inner.matches("mp_abc_mixpanel") && !inner.matches("mp_abc"));
    }
}
