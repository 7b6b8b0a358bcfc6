//! Vendor-prefix siblings: a vendor names all its cookies on a site with one prefix
//! (`sib_cuid`, `sib_session`; `_hjSession_1`, `_hjSessionUser_1`), and sites file them
//! under one category. So a cookie crumbs could only guess at takes the category of a
//! cookie on the same registrable site that shares its prefix and that the knowledge base
//! names. This runs over every cookie of every store at once, after each was classified on
//! its own, so one cookie gets one verdict whatever browser it was read from.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Confidence, MatchedBy, RuleInfo, Verdict, def, heuristics};
use crate::model::{Category, Cookie};

/// Letters a prefix needs: `_ga`, `_pk` or `mf` are shared by unrelated vendors.
const MIN_LETTERS: usize = 3;

/// A name's vendor prefix: its leading underscores and the letters before the first
/// separator or digit, when something follows them (`sib_cuid` → `sib`, `_hjSessionUser_1`
/// → `_hjSessionUser`). `None` for one-word names, short or generic stems (`cookie_…`,
/// `session_…`).
pub fn prefix(name: &str) -> Option<&str> {
    let stem = stem(name)?;
    let word = stem.trim_start_matches('_');
    let root = &word[..camel_root(word)];
    let generic = heuristics::is_generic_word(root)
        || (root.len() < word.len() && heuristics::is_generic_word(word));
    (!generic).then_some(stem)
}

/// [`prefix`] without the generic-word check.
fn stem(name: &str) -> Option<&str> {
    let name = def::strip_prefix(name);
    let rest = name.trim_start_matches('_');
    let lead = name.len() - rest.len();
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters < MIN_LETTERS || letters == rest.len() {
        return None;
    }
    name.get(..lead + letters)
}

/// Length of the first camelCase word: `hjSessionUser` → 2 (`hj`).
fn camel_root(word: &str) -> usize {
    let b = word.as_bytes();
    (1..b.len())
        .find(|&i| b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase())
        .unwrap_or(b.len())
}

/// The prefix up to its first camelCase step: the index key, so `_hjSession` and
/// `_hjSessionUser` meet.
fn root(prefix: &str) -> &str {
    let rest = prefix.trim_start_matches('_');
    &prefix[..prefix.len() - rest.len() + camel_root(rest)]
}

/// Whether two prefixes name one vendor family: the same, or one continues the other with
/// a new camelCase word (`_hjSession` and `_hjSessionUser`, not `sib` and `sibling`).
pub fn same_family(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(tail) = long.strip_prefix(short) else {
        return false;
    };
    tail.is_empty()
        || (short.as_bytes().last().is_some_and(u8::is_ascii_lowercase)
            && tail.as_bytes()[0].is_ascii_uppercase())
}

/// A verdict that may lend its category: a rule, a site policy or the Open Cookie
/// Database named the cookie, at medium confidence or better.
fn is_known(v: &Verdict) -> bool {
    v.confidence >= Confidence::Medium
        && v.category != Category::Unknown
        && matches!(
            v.matched_by,
            MatchedBy::SitePolicy { .. }
                | MatchedBy::ExactName { .. }
                | MatchedBy::Pattern { .. }
                | MatchedBy::OpenCookieDatabase { .. }
        )
}

/// A verdict that may borrow one: nothing named the cookie and the guess is a weak one.
/// The learned stage's verdict always may, however sure: a vendor's named cookie on the
/// same site says more about a sibling than the letters of its name.
fn is_weak_guess(v: &Verdict) -> bool {
    match v.matched_by {
        MatchedBy::Learned { .. } => true,
        MatchedBy::Heuristic { .. } | MatchedBy::Nothing => v.confidence == Confidence::Low,
        _ => false,
    }
}

/// A guess that the cookie keeps a sign-in or a consent choice: no sibling may turn it
/// into a tracker, since `clean --trackers` would then delete it. A script-readable
/// "session" is a vendor's visit marker as often as a sign-in; a server-only one is not.
fn guards_sign_in_or_consent(cookie: &Cookie, v: &Verdict) -> bool {
    let MatchedBy::Heuristic { rule } = &v.matched_by else {
        return false;
    };
    match &**rule {
        "name_consent" | "name_csrf" => true,
        "name_session" => cookie.http_only,
        _ => false,
    }
}

/// One known cookie that may lend its category.
struct Donor<'a> {
    prefix: &'a str,
    name: &'a str,
    verdict: &'a Verdict,
}

/// The new verdicts, by position in `items`, of weak guesses whose known siblings on the
/// same site agree on one category. Items are (cookie, its own verdict); the same cookie
/// read from several stores may appear several times and is a donor once per copy, which
/// changes nothing since copies agree.
pub fn sibling_verdicts(items: &[(&Cookie, &Verdict)]) -> Vec<(usize, Verdict)> {
    let roles: Vec<Role> = items.iter().map(|(c, v)| role(c, v)).collect();
    sibling_verdicts_by_role(|i| items[i], &roles)
}

/// A cookie's part in the sibling step, worked out by [`role`] on the thread that
/// classified it, so the step itself, which needs every store at once, only touches the
/// cookies of families where a weak guess waits.
///
/// One word per cookie (a store can hold a million): the low two bits say whether it may
/// borrow (a weak guess with a vendor prefix) or lend (a known cookie with a stem), the
/// rest is a hash of its family (site and prefix root), which lender and borrower share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role(u64);

impl Role {
    const NEITHER: Role = Role(0);
    const WEAK: u64 = 1;
    const KNOWN: u64 = 2;

    fn new(kind: u64, family: u64) -> Role {
        Role(family << 2 | kind)
    }

    fn family(self, kind: u64) -> Option<u64> {
        (self.0 & 3 == kind).then_some(self.0 >> 2)
    }
}

/// See [`Role`].
pub fn role(cookie: &Cookie, verdict: &Verdict) -> Role {
    if is_weak_guess(verdict) {
        if let Some(p) = prefix(&cookie.name) {
            return Role::new(Role::WEAK, family_hash(&cookie.site, p));
        }
    } else if is_known(verdict)
        && let Some(p) = stem(&cookie.name)
    {
        return Role::new(Role::KNOWN, family_hash(&cookie.site, p));
    }
    Role::NEITHER
}

fn family_hash(site: &str, prefix: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((site, root(prefix)))
}

/// As [`sibling_verdicts`], with each item's [`Role`] already known; `item(i)` is the
/// `i`-th item, so the caller needs no list of them.
pub fn sibling_verdicts_by_role<'a>(
    item: impl Fn(usize) -> (&'a Cookie, &'a Verdict),
    roles: &[Role],
) -> Vec<(usize, Verdict)> {
    // Families are matched by hash first, so a cookie is only looked at (its name read,
    // its prefix worked out) when a family has both a weak guess and a known cookie:
    // a store of thousands of unrelated guesses costs two passes over these words.
    let weak_count = roles
        .iter()
        .filter(|r| r.family(Role::WEAK).is_some())
        .count();
    if weak_count == 0 {
        return Vec::new();
    }
    let mut weak_families = FxHashSet::with_capacity_and_hasher(weak_count, Default::default());
    weak_families.extend(roles.iter().filter_map(|r| r.family(Role::WEAK)));
    let shared: FxHashSet<u64> = roles
        .iter()
        .filter_map(|r| r.family(Role::KNOWN))
        .filter(|h| weak_families.contains(h))
        .collect();
    if shared.is_empty() {
        return Vec::new();
    }
    let weak: Vec<(usize, &str)> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.family(Role::WEAK).is_some_and(|h| shared.contains(&h)))
        .filter_map(|(i, _)| prefix(&item(i).0.name).map(|p| (i, p)))
        .collect();
    let mut families: FxHashMap<(&str, &str), Vec<Donor<'_>>> = weak
        .iter()
        .map(|&(i, p)| ((&*item(i).0.site, root(p)), Vec::new()))
        .collect();
    for (i, r) in roles.iter().enumerate() {
        let Some(h) = r.family(Role::KNOWN) else {
            continue;
        };
        if !shared.contains(&h) {
            continue;
        }
        let (cookie, verdict) = item(i);
        // A generic root never reaches here: the weak guess it would join has none.
        let Some(p) = stem(&cookie.name) else {
            continue;
        };
        if let Some(family) = families.get_mut(&(&*cookie.site, root(p))) {
            family.push(Donor {
                prefix: p,
                name: &cookie.name,
                verdict,
            });
        }
    }
    let mut out = Vec::new();
    for (i, p) in weak {
        let (cookie, verdict) = item(i);
        let Some(family) = families.get(&(&*cookie.site, root(p))) else {
            continue;
        };
        let mut kin = family.iter().filter(|d| same_family(d.prefix, p));
        let Some(first) = kin.next() else {
            continue;
        };
        let category = first.verdict.category;
        if kin.any(|d| d.verdict.category != category) {
            continue;
        }
        if category.is_tracking() && guards_sign_in_or_consent(cookie, verdict) {
            continue;
        }
        // The alphabetically first sibling, so the explanation is the same on every run.
        let named = family
            .iter()
            .filter(|d| same_family(d.prefix, p))
            .min_by_key(|d| d.name)
            .unwrap_or(first);
        out.push((i, borrowed(verdict, p, named)));
    }
    out
}

/// `own` with the category, provider and provenance of `donor`.
fn borrowed(own: &Verdict, prefix: &str, donor: &Donor<'_>) -> Verdict {
    let category = donor.verdict.category;
    let shared = if prefix.len() <= donor.prefix.len() {
        prefix
    } else {
        donor.prefix
    };
    let info = RuleInfo {
        provider: donor.verdict.provider.clone(),
        purpose: Some(Arc::from(format!(
            "Most likely set by the same vendor as `{}`, for the same purpose.",
            donor.name
        ))),
        function: donor.verdict.function.clone(),
        // A sign-in donor's "you are signed out" is not this cookie's to say.
        on_delete: (!donor.verdict.sign_in)
            .then(|| donor.verdict.on_delete.clone())
            .flatten(),
        matched_by: MatchedBy::Sibling {
            prefix: Arc::from(shared),
            sibling: Arc::from(donor.name),
        },
        ..RuleInfo::default()
    };
    Verdict {
        category,
        consent_required: def::Consent::default_for(category).required(false),
        confidence: Confidence::Medium,
        basis: None,
        policy_site: own.policy_site.clone(),
        policy_declares_name: own.policy_declares_name,
        rule: Arc::new(info),
    }
}

#[cfg(test)]
pub(crate) mod tests;
