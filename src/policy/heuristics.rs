//! Heuristics for cookies no policy names: a best guess at the purpose category from the
//! name, the flags, the lifetime and the host ([`guess`]); [`guess_with_value`] also reads
//! the shape of the value, for measuring only.
//!
//! Owns only guessing. It must never log, store or return the cookie value: value checks
//! look at its shape and keep nothing. Policies and the knowledge base always win over a
//! guess; the engine calls [`guess`] after them, and hands a guess only the lifetime
//! decided ([`Guess::name_gave_no_clue`]) to the learned model.

mod context;
mod family;
mod fast;
mod names;
mod purposes;
mod split;
mod values;
mod words;

use std::cell::RefCell;

pub(crate) use family::is_generic_word;
pub use purposes::{FORGETS_LOCALE, also_labelled, on_delete};

use crate::model::{Category, Cookie};
use crate::policy::Confidence;

/// A guessed category, the rule that decided it, and why in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub category: Category,
    /// Stable rule id (`name_session`, `value_ga_client_id`, …) for explanations and JSON.
    pub rule: &'static str,
    pub confidence: Confidence,
    /// One sentence explaining the guess; never contains the value.
    pub purpose: &'static str,
}

/// Rules that read only the lifetime of a script-readable cookie with no cross-site sign:
/// a guess one of them leads means neither a word of the name nor a flag pointed anywhere,
/// and the learned stage may read the name's letters instead (see
/// [`crate::policy::learned`]). A server's flags (`httponly`, `session_lifetime`) are
/// evidence the model cannot see, so their guesses stay.
const CONTEXT_ONLY_RULES: &[&str] = &["session_script", "long_lived", "fallback_context"];

impl Guess {
    /// Only the lifetime and the flags decided this guess: the name gave no clue.
    pub fn name_gave_no_clue(&self) -> bool {
        CONTEXT_ONLY_RULES.contains(&self.rule)
    }
}

/// One piece of evidence: a category, how much it weighs, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Signal {
    pub category: Category,
    pub weight: u8,
    pub rule: &'static str,
    pub purpose: &'static str,
}

impl Signal {
    pub(crate) const fn new(
        category: Category,
        weight: u8,
        rule: &'static str,
        purpose: &'static str,
    ) -> Signal {
        Signal {
            category,
            weight,
            rule,
            purpose,
        }
    }
}

/// Evidence about one cookie gathered once, so each signal family can read it.
pub(crate) struct Facts<'a> {
    /// The name with the `__Host-`/`__Secure-` prefix removed, as stored.
    pub name: &'a str,
    /// The same name split into lowercase tokens (and joined without separators).
    pub split: split::Split<'a>,
    pub session: bool,
    /// Only the server can read it: page scripts (analytics and ad tags) cannot set it.
    pub http_only: bool,
    /// Days between creation (or now) and expiry; `None` for session cookies.
    pub lifetime_days: Option<i64>,
    /// The category of the known advertising or analytics domain the host is under.
    pub tracker: Option<Category>,
    /// The host is under a known advertising or analytics domain.
    pub ad_host: bool,
    /// Signs that the cookie lives in a third-party context (partitioned, cross-site ready
    /// or on an ad host). A cookie jar does not record the page it was set from.
    pub third_party_hint: bool,
}

thread_local! {
    /// Splitting buffers reused from cookie to cookie: a guess runs for every cookie no
    /// policy names, so it should not allocate per name.
    static SCRATCH: RefCell<split::Scratch> = RefCell::new(split::Scratch::default());
}

/// Best guess for `cookie` from its name, flags, lifetime and host: the evidence every
/// store has whether or not values were read or decrypted, so one cookie gets one guess
/// in every browser and with or without `--show-values`. With no clue at all it still
/// guesses from the context, at Low confidence; `None` is kept in the signature for
/// callers that handle it.
pub fn guess(cookie: &Cookie) -> Option<Guess> {
    let tracker = context::tracker_host(&cookie.host);
    with_scratch(|scratch| guess_with(cookie, Evidence::Metadata, tracker, scratch))
}

/// [`guess`] for a cookie whose host the classifier found no `[[host]]` owner for. Every
/// ad and analytics domain the heuristics know is such an owner in the built-in policies
/// (a test holds the two lists together), so the host is no tracker's and is not looked
/// up a second time: that lookup was a tenth of classifying a cookie. A user policy that
/// replaces `known-hosts` whole so takes its domains out of the guesses too.
pub(crate) fn guess_unowned(cookie: &Cookie) -> Option<Guess> {
    with_scratch(|scratch| guess_with(cookie, Evidence::Metadata, None, scratch))
}

/// [`guess`] plus the shape of the value when it is loaded. The classifier does not use
/// it (Chromium values are only decrypted on request, so this evidence would differ by
/// browser and display flag); the accuracy tests use it to measure what it would add.
pub fn guess_with_value(cookie: &Cookie) -> Option<Guess> {
    let tracker = context::tracker_host(&cookie.host);
    with_scratch(|scratch| guess_with(cookie, Evidence::WithValue, tracker, scratch))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Metadata,
    WithValue,
}

fn with_scratch(f: impl FnOnce(&mut split::Scratch) -> Option<Guess>) -> Option<Guess> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        // Only if a guess were somehow nested on this thread: fresh buffers stay correct.
        Err(_) => f(&mut split::Scratch::default()),
    })
}

fn guess_with(
    cookie: &Cookie,
    evidence: Evidence,
    tracker: Option<Category>,
    scratch: &mut split::Scratch,
) -> Option<Guess> {
    let facts = context::facts(cookie, tracker, scratch);
    let mut signals = fast::Signals::new();
    names::signals(&facts, &mut signals);
    signals.extend(family::signal(facts.name));
    context::signals(cookie, &facts, &mut signals);
    vendor_beats_words(&mut signals);
    choice_beats_subject(&mut signals);
    if evidence == Evidence::WithValue
        && let Some(secret) = cookie.value.secret()
    {
        // Plain validation for the usual valid UTF-8 value; only a value with invalid bytes
        // takes the slower lossy copy (which the checks then see as U+FFFD).
        let vote = match std::str::from_utf8(secret.expose()) {
            Ok(text) => values::signal(text, &facts),
            Err(_) => values::signal(&secret.expose_str(), &facts),
        };
        signals.extend(vote);
        vendor_beats_words(&mut signals);
        choice_beats_subject(&mut signals);
    }
    combine(signals.as_slice()).or_else(|| Some(fallback(&facts)))
}

/// Evidence that names the vendor: its naming family, its name, or its value format.
const VENDOR_RULES: &[&str] = &[
    "name_vendor_family",
    "name_marketing_vendor",
    "value_ga_client_id",
    "value_meta_pixel_id",
];

/// Generic words and context that describe any vendor's bookkeeping as well as a site's
/// own: a tracker's "session", "visitor" or cookie-support test is still the tracker's.
const GENERIC_RULES: &[&str] = &[
    "name_session",
    "name_cookie_check",
    "name_analytics",
    "name_user_id",
    "name_experiment",
    "name_advertising",
    "session_lifetime",
    "session_script",
    "long_lived",
    "httponly",
    "value_session_id",
    "value_random_id",
    "value_visitor_id",
    "value_server_id",
];

/// When a tracker vendor is recognised, generic words pointing elsewhere lose their vote:
/// marketing-automation and analytics scripts name their cookies "session", "uid" or
/// "test" too, and sites file those cookies with the vendor's category.
fn vendor_beats_words(signals: &mut fast::Signals) {
    let vendor = signals
        .as_slice()
        .iter()
        .find(|s| VENDOR_RULES.contains(&s.rule))
        .map(|s| s.category);
    let Some(vendor @ (Category::Statistics | Category::Marketing)) = vendor else {
        return;
    };
    silence(signals, GENERIC_RULES, Some(vendor));
}

/// What a choice cookie's name says the choice is about: `analytics_allowed`,
/// `marketing_consent`, `cookies_preferences_set` record an answer to a cookie banner, not
/// analytics, marketing or a setting. Sites file such records as necessary, and deleting
/// one brings the banner back with every choice forgotten.
const SUBJECT_RULES: &[&str] = &[
    "name_analytics",
    "name_advertising",
    "name_marketing_vendor",
    "name_locale",
    "name_preference",
    "name_ui_state",
    "name_experiment",
    "long_lived",
    "session_script",
];

/// A clear consent word (weight 3 or more: `consent`, `allow`, `accept`, `optout`,
/// `cookie_banner` …) makes the subject words of the same name lose their vote.
fn choice_beats_subject(signals: &mut fast::Signals) {
    // Category and weight first: most names have no necessary vote at all, and this runs
    // for every cookie no policy names.
    let choice = signals
        .as_slice()
        .iter()
        .any(|s| s.category == Category::Necessary && s.weight >= 3 && s.rule == "name_consent");
    if !choice {
        return;
    }
    silence(signals, SUBJECT_RULES, None);
}

/// A stronger clue takes the vote from every signal of `rules`, except those for `spare`.
fn silence(signals: &mut fast::Signals, rules: &[&str], spare: Option<Category>) {
    for s in signals.as_mut_slice() {
        if Some(s.category) != spare && rules.contains(&s.rule) {
            s.weight = 0;
        }
    }
}

/// Nothing in the name, flags or value points anywhere: fall back on where such cookies
/// usually come from. Cross-site ready ones are mostly ad IDs, short-lived ones mostly site
/// machinery; ones kept a month or more could be anything and are kept. Always Low
/// confidence.
fn fallback(facts: &Facts<'_>) -> Guess {
    let long = facts.lifetime_days.is_some_and(|d| d >= 30);
    let (category, rule, purpose) = match (facts.third_party_hint, long) {
        (true, _) => (
            Category::Marketing,
            "fallback_cross_site",
            "Readable across sites with no other clue, as ad identifiers usually are.",
        ),
        // Sites file such cookies about evenly under all four categories, so "visitor
        // counter" would be right a third of the time at best; a guess that keeps the
        // cookie costs less than one that deletes a setting or a sign-in flag.
        (false, true) => (
            Category::Preferences,
            "fallback_context",
            "Kept for a month or more with no other clue: as often a remembered setting or \
             site machinery as a visitor counter, so crumbs does not call it a tracker.",
        ),
        (false, false) => (
            Category::Necessary,
            "fallback_context",
            "Short-lived with no other clue, as site machinery usually is.",
        ),
    };
    Guess {
        category,
        rule,
        confidence: Confidence::Low,
        purpose,
    }
}

/// Sums weights per category; the heaviest category wins, and its strongest signal names
/// the rule. Ties go to the category listed first in [`Category::ALL`] (necessary first),
/// because a wrong "necessary" costs a user less than a wrongly deleted sign-in.
pub(crate) fn combine(signals: &[Signal]) -> Option<Guess> {
    let mut totals = [0u32; 4];
    for s in signals {
        if let Some(i) = slot(s.category) {
            totals[i] += u32::from(s.weight);
        }
    }
    let (best, &score) = totals.iter().enumerate().rev().max_by_key(|(_, t)| **t)?;
    if score == 0 {
        return None;
    }
    let category = Category::ALL[best];
    let runner_up = totals
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, t)| *t)
        .max()
        .unwrap_or(0);
    let lead = signals
        .iter()
        .filter(|s| s.category == category)
        .max_by_key(|s| s.weight)?;
    Some(Guess {
        category,
        rule: lead.rule,
        confidence: confidence(score, runner_up),
        purpose: lead.purpose,
    })
}

fn slot(c: Category) -> Option<usize> {
    match c {
        Category::Necessary => Some(0),
        Category::Preferences => Some(1),
        Category::Statistics => Some(2),
        Category::Marketing => Some(3),
        Category::Unknown => None,
    }
}

fn confidence(score: u32, runner_up: u32) -> Confidence {
    let margin = score.saturating_sub(runner_up);
    if score >= 6 && margin >= 4 {
        Confidence::High
    } else if score >= 3 && margin >= 2 {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

#[cfg(test)]
mod tests;
