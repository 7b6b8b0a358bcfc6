//! Plain-language explanation of one cookie: one value, rendered by `crumbs explain` and the
//! TUI detail pane, so the wording never drifts between them. Text is built from the
//! verdicts only; the cookie's value is never part of it. Terminal text goes through
//! [`crate::sanitize::for_terminal`] in [`Explanation::to_text`]. What deleting a cookie
//! does is also a typed part, [`OnDelete`], which the delete preview groups and counts.

use serde::Serialize;

use crate::inventory::Entry;
use crate::model::{Category, Cookie, Party, SameSite, UnixMicros};
use crate::policy::{Basis, Consent, MatchedBy, Verdict};
use crate::sanitize::for_terminal;
use crate::timefmt;

mod on_delete;
mod typical_lifetime;

pub use on_delete::OnDelete;

/// Everything a person may want to know about one cookie, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// `sessionid on www.example.org`
    pub title: String,
    /// Labelled lines in display order ("What it is", "Who sets it", …).
    pub lines: Vec<(String, String)>,
}

impl Explanation {
    /// The value of the line labelled `label`.
    pub fn line(&self, label: &str) -> Option<&str> {
        self.lines
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }

    /// Title, then one `label  text` line each, escaped for a terminal.
    pub fn to_text(&self) -> String {
        let width = self.lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        let mut out = format!("{}\n", for_terminal(&self.title));
        for (label, text) in &self.lines {
            out.push_str(&format!("  {label:<width$}  {}\n", for_terminal(text)));
        }
        out
    }
}

/// Stable names of [`Explanation::lines`], in the same order (the sentences' keys in
/// `explain --json`).
pub const LINE_KEYS: [&str; 10] = [
    "what_it_is",
    "who_sets_it",
    "why",
    "category",
    "party",
    "lifetime",
    "flags",
    "on_delete",
    "how_known",
    "site_policy",
];

/// Builds the explanation for `entry` as of `now`.
pub fn explain(entry: &Entry, now: UnixMicros) -> Explanation {
    let c = &entry.cookie;
    let v = &entry.verdict;
    let lines = [
        ("What it is", what_it_is(c)),
        ("Who sets it", who_sets_it(c, v)),
        ("Why", why(v)),
        ("Category", category(v)),
        ("Party", party(entry)),
        ("Lifetime", lifetime(c, v, now)),
        ("Flags", flags(c)),
        ("If you delete it", on_delete(entry)),
        ("How crumbs knows", how_known(v)),
    ];
    Explanation {
        title: format!("{} on {}", c.name, c.bare_host()),
        lines: (lines.into_iter().map(|(l, t)| (l.to_string(), t)))
            .chain(crate::audit::declaration(entry).map(|t| ("Site policy".to_string(), t)))
            .collect(),
    }
}

fn what_it_is(c: &Cookie) -> String {
    let mut s = format!(
        "Cookie \"{}\" for {} (path {}), kept by {} in profile \"{}\"",
        c.name,
        c.bare_host(),
        c.path,
        c.store.browser,
        c.store.profile
    );
    if let Some(container) = &c.container {
        s.push_str(&format!(", container \"{container}\""));
    }
    if let Some(p) = &c.partition {
        s.push_str(&format!(", partitioned under {p}"));
    }
    if c.store.is_demo {
        s.push_str(" (demo data)");
    }
    s.push('.');
    if c.in_session_file {
        s.push_str(
            " A copy also sits in the session file Firefox restores from; deleting removes both.",
        );
    }
    s
}

fn who_sets_it(c: &Cookie, v: &Verdict) -> String {
    match &v.provider {
        Some(p) => format!("{p}, on {}.", c.site),
        None => format!("Unknown, set by {}.", c.bare_host()),
    }
}

fn why(v: &Verdict) -> String {
    match (&v.function, &v.purpose) {
        (Some(f), Some(p)) => format!("{f}: {}", sentence(p)),
        (None, Some(p)) => sentence(p),
        (Some(f), None) => sentence(f),
        (None, None) => "crumbs does not know what it is for.".into(),
    }
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn category_meaning(c: Category) -> &'static str {
    match c {
        Category::Necessary => "the site needs it to work",
        Category::Preferences => "it remembers choices you made",
        Category::Statistics => "it measures how the site is used",
        Category::Marketing => "it is used for advertising and tracking",
        Category::Unknown => "nothing says what it is for",
    }
}

fn category(v: &Verdict) -> String {
    let head = if v.is_guess() {
        format!(
            "{} (a guess): {}.",
            v.category.title(),
            category_meaning(v.category)
        )
    } else {
        format!("{}: {}.", v.category.title(), category_meaning(v.category))
    };
    let consent = match &v.basis {
        Some(b) => consent_by_policy(
            b,
            v.consent_required,
            matches!(v.matched_by, MatchedBy::SitePolicy { .. }),
        ),
        None if !v.consent_required => {
            "No consent needed: necessary cookies are exempt.".to_string()
        }
        None if v.category == Category::Unknown => {
            "Its purpose is unknown, so it counts as needing your consent.".to_string()
        }
        None => format!(
            "Needs your consent: {} cookies are not necessary for the site to work.",
            v.category.as_str()
        ),
    };
    match disputed(v) {
        Some(others) => format!("{head} {consent} {others}"),
        None => format!("{head} {consent}"),
    }
}

/// "Sites disagree: some call it statistics or marketing." when banners label it otherwise.
fn disputed(v: &Verdict) -> Option<String> {
    let others: Vec<&str> = v
        .also_labelled
        .iter()
        .filter(|&&c| c != v.category)
        .map(|c| c.as_str())
        .collect();
    (!others.is_empty()).then(|| {
        format!(
            "Sites disagree: some call it {} in their cookie banners.",
            others.join(" or ")
        )
    })
}

/// Consent in the governing site policy's own terms. `named` says whether that policy names
/// this cookie; when it does not, only its category rule applies, and the words say so.
fn consent_by_policy(b: &Basis, required: bool, named: bool) -> String {
    let who = b.provider.as_deref().unwrap_or(&b.policy_name);
    let label = b.label.to_lowercase();
    match (b.consent, required) {
        (_, false) if !named => format!(
            "No consent needed: the {who} policy, which governs this site, exempts {label} cookies."
        ),
        (_, false) => format!("No consent needed: the {who} policy lists it as {label}."),
        (Consent::UnlessAnonymised, true) => format!(
            "Needs your consent unless the statistics are anonymised: the {who} policy's \
             rule for {label} cookies."
        ),
        (_, true) if !named => format!(
            "Needs your consent: the {who} policy, which governs this site, asks consent for {label} cookies."
        ),
        (_, true) => format!("Needs your consent: the {who} policy lists it as {label}."),
    }
}

fn party(entry: &Entry) -> String {
    let p = &entry.party;
    let head = match p.party {
        Party::First => "First party",
        Party::Third => "Third party",
        Party::Unknown => "Unknown",
    };
    let mut s = format!("{head}: {}.", p.reason);
    if let Some(b) = &entry.verdict.basis
        && let Some(label) = b.party_label(p.party)
    {
        let who = b.provider.as_deref().unwrap_or(&b.policy_name);
        s.push_str(&format!(
            " The {who} policy calls these \"{label}\" cookies."
        ));
    }
    s
}

/// What deleting it does. When only the category speaks and the category is a guess, the
/// sentence says it holds only if the guess does: a guessed tracker may be a setting.
fn on_delete(entry: &Entry) -> String {
    let d = OnDelete::of(entry);
    if entry.verdict.is_guess() && d.follows_category() {
        format!("If crumbs' guess is right: {}", d.sentence())
    } else {
        d.sentence()
    }
}

fn lifetime(c: &Cookie, v: &Verdict, now: UnixMicros) -> String {
    let mut s = match c.expires {
        None => "Until you close the browser (session cookie).".to_string(),
        Some(t) if t <= now => format!("Expired {}.", timefmt::relative(t, now)),
        Some(t) => format!(
            "Expires {} ({}).",
            timefmt::relative(t, now),
            timefmt::date(t)
        ),
    };
    let is_session = c.expires.is_none();
    let typical = v.lifetime.as_deref();
    if let Some(typical) = typical.and_then(|t| typical_lifetime::sentence(t, is_session)) {
        s.push(' ');
        s.push_str(&typical);
    }
    s
}

fn flags(c: &Cookie) -> String {
    let secure = if c.secure {
        "Secure: sent only over HTTPS."
    } else {
        "Not Secure: also sent over plain HTTP."
    };
    let http_only = if c.http_only {
        "HttpOnly: the page's scripts cannot read it."
    } else {
        "The page's scripts can read it."
    };
    let same_site = match c.same_site {
        SameSite::Strict => "SameSite=Strict: never sent when another site links or embeds.",
        SameSite::Lax => "SameSite=Lax: sent when you follow a link here, not from embeds.",
        SameSite::None => "SameSite=None: sent from other sites' pages too (cross-site).",
        SameSite::Unspecified => "SameSite not set: the browser's default (usually Lax) applies.",
    };
    format!("{secure} {http_only} {same_site}")
}

fn how_known(v: &Verdict) -> String {
    let conf = match v.confidence {
        crate::policy::Confidence::High => "high",
        crate::policy::Confidence::Medium => "medium",
        crate::policy::Confidence::Low => "low",
    };
    let how = match &v.matched_by {
        MatchedBy::SitePolicy { policy, rule } => match &v.basis {
            Some(b) => format!(
                "The site's own policy names it: {} (\"{policy}\", rule \"{rule}\").",
                b.policy_name
            ),
            None => format!("The site's own policy \"{policy}\" names it (rule \"{rule}\")."),
        },
        MatchedBy::ExactName { policy, rule } if v.name_shared => format!(
            "Its name \"{rule}\" is listed in the \"{policy}\" policy, but other software \
             uses that name too."
        ),
        MatchedBy::ExactName { policy, rule } => {
            format!("Its name \"{rule}\" is listed in the \"{policy}\" policy.")
        }
        MatchedBy::Pattern { policy, rule } => {
            format!("Its name fits the pattern \"{rule}\" in the \"{policy}\" policy.")
        }
        MatchedBy::HostOwner { owner } => {
            format!("No rule names it, but its domain belongs to {owner}.")
        }
        MatchedBy::OpenCookieDatabase { rule } => {
            format!("crumbs' own rules do not name it; the Open Cookie Database lists \"{rule}\".")
        }
        MatchedBy::Heuristic { rule } => {
            format!("No policy names it; a guess from its name and flags ({rule}).")
        }
        MatchedBy::Learned { percent } => format!(
            "No policy names it and no word of its name is one crumbs knows; its letters and \
             lifetime look most like the {} cookies crumbs' rules and the Open Cookie Database \
             list. The model puts it at {percent} %, though its figures run high on the cookies \
             sites name themselves.",
            v.category.as_str()
        ),
        MatchedBy::Sibling { prefix, sibling } => format!(
            "No policy names it, but it shares the `{prefix}` prefix with `{sibling}`, a \
             known {} cookie on the same site.",
            v.category.as_str()
        ),
        MatchedBy::Nothing => "Nothing: no policy, pattern, owner or heuristic matched.".into(),
    };
    if v.is_guess() {
        format!("{how} Confidence: {conf}, so treat the category as a guess.")
    } else {
        format!("{how} Confidence: {conf}.")
    }
}
