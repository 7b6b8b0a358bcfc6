//! What deleting a cookie does: one value per consequence, worded in one place, for the
//! explanation, the delete preview and the CLI's sign-out guard.

use serde::Serialize;

use crate::inventory::Entry;
use crate::model::Category;

/// What deleting a cookie does, as a value: the delete preview groups and counts these,
/// and [`OnDelete::sentence`] is the only place they are worded, so no one has to find a
/// consequence by reading the words back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OnDelete {
    /// A sign-in cookie ([`crate::policy::RuleInfo::sign_in`]): you are signed out of
    /// `site`.
    SignOut { site: String },
    /// The matched policy's own words, `{site}` filled in.
    Stated { sentence: String },
    /// No policy says; a necessary cookie whose name looks like a sign-in.
    MaySignOut { site: String },
    /// No policy says; a record of the visitor's cookie choices.
    AskAgain { site: String },
    /// No policy says; a necessary cookie.
    LoseState { site: String },
    /// No policy says; a preference.
    ForgetChoice { site: String },
    /// No policy says; statistics.
    NewVisitor,
    /// No policy says; marketing.
    AdsLoseTrack,
    /// Nothing says what it is for.
    Unnoticed { site: String },
}

impl OnDelete {
    /// The consequence of deleting `entry`'s cookie: its sign-in property first, then
    /// the policy's words, then crumbs' default for its category.
    pub fn of(entry: &Entry) -> OnDelete {
        let (c, v) = (&entry.cookie, &entry.verdict);
        let site = || c.site.to_string();
        if v.sign_in {
            return OnDelete::SignOut { site: site() };
        }
        if let Some(sentence) = v.on_delete_for(&c.site) {
            return OnDelete::Stated { sentence };
        }
        match v.category {
            Category::Necessary if v.is_consent_record() => OnDelete::AskAgain { site: site() },
            Category::Necessary if is_auth_like(&c.name) => OnDelete::MaySignOut { site: site() },
            Category::Necessary => OnDelete::LoseState { site: site() },
            Category::Preferences => OnDelete::ForgetChoice { site: site() },
            Category::Statistics => OnDelete::NewVisitor,
            Category::Marketing => OnDelete::AdsLoseTrack,
            Category::Unknown => OnDelete::Unnoticed { site: site() },
        }
    }

    /// Whether the consequence is crumbs' default for the category, not a policy's words
    /// or a sign-in the rule declares: it is then only as sure as the category.
    pub fn follows_category(&self) -> bool {
        !matches!(
            self,
            OnDelete::SignOut { .. } | OnDelete::Stated { .. } | OnDelete::Unnoticed { .. }
        )
    }

    /// Whether deleting signs the user out: what bulk deletes leave alone.
    pub fn is_sign_out(&self) -> bool {
        matches!(self, OnDelete::SignOut { .. })
    }

    /// The consequence in plain words.
    pub fn sentence(&self) -> String {
        match self {
            OnDelete::SignOut { site } => format!("You will be signed out of {site}."),
            OnDelete::Stated { sentence } => sentence.clone(),
            OnDelete::MaySignOut { site } => format!("You may be signed out of {site}."),
            OnDelete::AskAgain { site } => {
                format!("{site} forgets your cookie choices, and its cookie banner asks again.")
            }
            OnDelete::LoseState { site } => format!(
                "{site} may lose something it needs (a form, a cart, a check) until it sets it again."
            ),
            OnDelete::ForgetChoice { site } => {
                format!("{site} forgets the choice stored in it and uses its default.")
            }
            OnDelete::NewVisitor => {
                "Analytics count you as a new visitor; it may be set again on your next visit."
                    .to_string()
            }
            OnDelete::AdsLoseTrack => {
                "Ads lose track of this browser; it may be set again on your next visit."
                    .to_string()
            }
            OnDelete::Unnoticed { site } => format!(
                "Probably nothing you will notice; if {site} misbehaves, reload it or sign in again."
            ),
        }
    }
}

fn is_auth_like(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["sess", "sid", "auth", "login", "token", "user"]
        .iter()
        .any(|w| n.contains(w))
}
