//! Serde types of one policy file, exactly as `assets/policies/*.toml` spells them (see
//! the format notes in the repository). Unknown keys are errors. This module only describes
//! the shape; checking meaning (name xor pattern, known categories) happens in `load`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One whole policy file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub policy: PolicyMeta,
    /// The policy's own category definitions, keyed by the policy's word for them.
    #[serde(default)]
    pub categories: BTreeMap<String, Spanned<CategoryDef>>,
    /// The policy's own words for first- and third-party cookies (party axis, text only).
    #[serde(default)]
    pub parties: BTreeMap<String, Spanned<PartyDef>>,
    #[serde(default)]
    pub cookie: Vec<Spanned<CookieRule>>,
    #[serde(default)]
    pub host: Vec<Spanned<HostRule>>,
}

/// `[policy]`: who wrote it and what it governs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMeta {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub provider: Option<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub domains: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub priority: i64,
}

/// `[categories.<key>]`: one category as the policy words it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub label: String,
    pub maps_to: String,
    pub consent: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// `[parties.first]` / `[parties.third]`: how the policy defines a party.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyDef {
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// `[[cookie]]`: one cookie name or name pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CookieRule {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub function: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    pub category: String,
    #[serde(default)]
    pub policy_category: Option<String>,
    #[serde(default)]
    pub lifetime: Option<String>,
    #[serde(default)]
    pub on_delete: Option<String>,
    /// Deleting it signs you out: bulk deletes leave it alone, and the explanation says
    /// so (instead of `on_delete`).
    #[serde(default)]
    pub sign_in: bool,
    #[serde(default)]
    pub hosts: Option<Vec<String>>,
    #[serde(default)]
    pub consent: Option<String>,
    #[serde(default)]
    pub party: Option<String>,
    /// The statistics this cookie feeds are anonymised (consent rule `unless_anonymised`).
    #[serde(default)]
    pub anonymised: bool,
    /// A framework default many unrelated sites use (`sessionid`): without a site policy
    /// for the cookie's domain the match is only Medium confidence.
    #[serde(default)]
    pub generic: bool,
    /// Other categories real sites give this cookie in their consent banners, when they
    /// disagree with `category` often: the explanation says so.
    #[serde(default)]
    pub also_labelled: Vec<String>,
}

/// `[[host]]`: a known ad/analytics/CDN domain and its owner.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostRule {
    pub domain: String,
    pub owner: String,
    pub category: String,
    #[serde(default)]
    pub purpose: Option<String>,
}
