//! Policy definitions and the built-in knowledge base: which category a cookie belongs to
//! (purpose), who sets it, why, whether consent was needed, and how crumbs knows.
//! Party (first/third) is decided separately in [`party`]: the two axes never mix.

pub mod heuristics;
pub mod party;

use std::sync::Arc;

use serde::Serialize;

use crate::Result;
use crate::model::{Category, Cookie};

/// How sure crumbs is about a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// Which matching step produced a verdict, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// A heuristic on the name, flags, lifetime or value shape.
    Heuristic { rule: Arc<str> },
    /// Nothing pointed anywhere.
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
            MatchedBy::Heuristic { .. } => "heuristic",
            MatchedBy::Nothing => "none",
        }
    }
}

/// The classification of one cookie on the purpose axis, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub category: Category,
    pub provider: Option<Arc<str>>,
    /// What the cookie does, one short sentence ("Keeps you signed in from page to page").
    pub purpose: Option<Arc<str>>,
    /// The policy's own label for the function ("Authentication").
    pub function: Option<Arc<str>>,
    /// Whether the site needed the visitor's consent to set it.
    pub consent_required: bool,
    /// What deleting it does, in plain words ("You will be signed out of {site}.").
    pub on_delete: Option<Arc<str>>,
    /// Typical lifetime the policy declares ("2 years").
    pub lifetime: Option<Arc<str>>,
    pub matched_by: MatchedBy,
    pub confidence: Confidence,
}

impl Verdict {
    pub fn unknown() -> Verdict {
        Verdict {
            category: Category::Unknown,
            provider: None,
            purpose: None,
            function: None,
            consent_required: true,
            on_delete: None,
            lifetime: None,
            matched_by: MatchedBy::Nothing,
            confidence: Confidence::Low,
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

/// Every policy in force, indexed for fast matching.
#[derive(Debug, Clone, Default)]
pub struct Policies {}

impl Policies {
    /// Only the policies compiled into the binary.
    pub fn builtin() -> Result<Policies> {
        Ok(Policies {})
    }

    /// Built-ins, then the user's policies, then `--policy` files (later ones win).
    pub fn load(_opts: &PolicyOptions) -> Result<Policies> {
        Policies::builtin()
    }

    /// The purpose-axis verdict for `cookie`.
    pub fn classify(&self, _cookie: &Cookie) -> Verdict {
        Verdict::unknown()
    }
}
