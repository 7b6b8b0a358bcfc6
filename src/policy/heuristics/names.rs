//! Name signals: looks the tokens of a split cookie name up in a table of words that
//! betray a purpose (`sess`, `csrf`, `lang`, `consent`, `gclid`, …). Splitting lives in
//! `split`; this knows nothing about values or flags.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use rustc_hash::FxHashMap;

use super::fast::Signals;
use super::split::Split;
use super::{Facts, Signal};
use crate::model::Category::{self, Marketing, Necessary, Preferences, Statistics};

/// How a keyword may match: as a whole token only, or also inside a longer token
/// (`sessionid`, `csrftoken`, `userlang`). Short words are whole-token only, or `ad` would
/// match `download` and `lb` would match `album`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    Token,
    Inside,
}

struct Word {
    word: &'static str,
    fit: Fit,
    signal: Signal,
}

const fn w(word: &'static str, fit: Fit, c: Category, weight: u8, rule: &'static str) -> Word {
    Word {
        word,
        fit,
        signal: Signal::new(c, weight, rule, purpose_of(rule)),
    }
}

const fn purpose_of(rule: &'static str) -> &'static str {
    match rule.as_bytes() {
        b"name_session" => "Looks like a session or sign-in cookie that keeps you logged in.",
        b"name_csrf" => "Looks like an anti-forgery token that protects forms and requests.",
        b"name_cart" => "Looks like it keeps your shopping cart or checkout between pages.",
        b"name_security" => "Looks like bot protection, load balancing or request routing.",
        b"name_consent" => "Looks like a record of your cookie or privacy choices.",
        b"name_cookie_check" => "Looks like a check of what the browser supports, such as cookies.",
        b"name_preference" => "Looks like it remembers a setting such as language or theme.",
        b"name_analytics" => "Looks like a visitor or visit counter for site statistics.",
        b"name_experiment" => "Looks like it assigns you to a test variant for measurement.",
        b"name_advertising" => "Looks like an advertising, tracking or ad-click identifier.",
        b"name_user_id" => "Looks like an identifier that recognises this browser across sites.",
        b"name_cache" => "Looks like a version or cache marker the site uses to keep pages fresh.",
        b"name_ui_state" => {
            "Looks like it remembers the state of the page, such as a closed pop-up or a panel's size."
        }
        _ => "Looks like a cookie crumbs cannot place with confidence.",
    }
}

use Fit::{Inside, Token};

#[rustfmt::skip]
const WORDS: &[Word] = &[
    w("session", Inside, Necessary, 4, "name_session"),
    w("sess", Token, Necessary, 4, "name_session"),
    w("sessid", Inside, Necessary, 4, "name_session"),
    w("sid", Token, Necessary, 3, "name_session"),
    w("ssid", Token, Necessary, 3, "name_session"),
    w("auth", Inside, Necessary, 4, "name_session"),
    w("token", Inside, Necessary, 3, "name_session"),
    w("login", Inside, Necessary, 4, "name_session"),
    w("logged", Inside, Necessary, 4, "name_session"),
    w("signin", Inside, Necessary, 4, "name_session"),
    w("remember", Inside, Necessary, 3, "name_session"),
    w("jwt", Inside, Necessary, 4, "name_session"),
    w("sso", Inside, Necessary, 4, "name_session"),
    w("user", Token, Necessary, 1, "name_session"),
    w("csrf", Inside, Necessary, 5, "name_csrf"),
    w("xsrf", Inside, Necessary, 5, "name_csrf"),
    w("antiforgery", Inside, Necessary, 5, "name_csrf"),
    w("verification", Inside, Necessary, 3, "name_csrf"),
    w("nonce", Inside, Necessary, 3, "name_csrf"),
    w("cart", Inside, Necessary, 3, "name_cart"),
    w("basket", Inside, Necessary, 3, "name_cart"),
    w("checkout", Inside, Necessary, 3, "name_cart"),
    w("cf", Token, Necessary, 3, "name_security"),
    w("bm", Token, Necessary, 3, "name_security"),
    w("bot", Token, Necessary, 3, "name_security"),
    w("captcha", Inside, Necessary, 5, "name_security"),
    w("challenge", Inside, Necessary, 4, "name_security"),
    w("lb", Token, Necessary, 3, "name_security"),
    w("balance", Inside, Necessary, 5, "name_security"),
    w("route", Inside, Necessary, 4, "name_security"),
    w("affinity", Inside, Necessary, 5, "name_security"),
    w("sticky", Inside, Necessary, 4, "name_security"),
    w("waf", Token, Necessary, 4, "name_security"),
    w("fraud", Inside, Necessary, 4, "name_security"),
    w("security", Inside, Necessary, 3, "name_security"),
    w("consent", Inside, Necessary, 6, "name_consent"),
    w("gdpr", Inside, Necessary, 6, "name_consent"),
    w("cookielaw", Inside, Necessary, 6, "name_consent"),
    w("cmp", Token, Necessary, 4, "name_consent"),
    w("optout", Inside, Necessary, 5, "name_consent"),
    w("ccpa", Inside, Necessary, 5, "name_consent"),
    w("privacy", Inside, Necessary, 3, "name_consent"),
    w("policy", Inside, Necessary, 3, "name_consent"),
    w("banner", Inside, Necessary, 2, "name_consent"),
    w("accept", Inside, Necessary, 4, "name_consent"),
    w("allow", Inside, Necessary, 3, "name_consent"),
    w("declin", Inside, Necessary, 4, "name_consent"),
    w("dnt", Token, Necessary, 5, "name_consent"),
    w("donottrack", Inside, Necessary, 5, "name_consent"),
    w("cookiepref", Inside, Necessary, 6, "name_consent"),
    w("cookiesetting", Inside, Necessary, 6, "name_consent"),
    w("test", Token, Necessary, 1, "name_cookie_check"),
    w("samesite", Inside, Necessary, 3, "name_cookie_check"),
    w("notice", Inside, Necessary, 2, "name_consent"),
    w("lang", Inside, Preferences, 5, "name_preference"),
    w("locale", Inside, Preferences, 5, "name_preference"),
    w("lng", Token, Preferences, 4, "name_preference"),
    w("i18n", Inside, Preferences, 4, "name_preference"),
    w("theme", Inside, Preferences, 5, "name_preference"),
    w("currency", Inside, Preferences, 5, "name_preference"),
    w("tz", Token, Preferences, 4, "name_preference"),
    w("timezone", Inside, Preferences, 5, "name_preference"),
    w("dark", Token, Preferences, 4, "name_preference"),
    w("darkmode", Inside, Preferences, 5, "name_preference"),
    w("pref", Inside, Preferences, 4, "name_preference"),
    w("settings", Inside, Preferences, 4, "name_preference"),
    w("country", Inside, Preferences, 3, "name_preference"),
    w("region", Inside, Preferences, 3, "name_preference"),
    w("layout", Inside, Preferences, 3, "name_preference"),
    w("skin", Token, Preferences, 3, "name_preference"),
    w("scheme", Token, Preferences, 3, "name_preference"),
    w("color", Token, Preferences, 3, "name_preference"),
    w("colour", Token, Preferences, 3, "name_preference"),
    w("font", Token, Preferences, 3, "name_preference"),
    w("sidebar", Inside, Preferences, 3, "name_preference"),
    w("volume", Inside, Preferences, 3, "name_preference"),
    w("mode", Token, Preferences, 3, "name_preference"),
    w("recent", Inside, Preferences, 4, "name_preference"),
    w("ga", Token, Statistics, 5, "name_analytics"),
    w("gid", Token, Statistics, 4, "name_analytics"),
    w("utm", Token, Marketing, 4, "name_advertising"),
    w("referrer", Inside, Statistics, 4, "name_analytics"),
    w("referer", Inside, Statistics, 4, "name_analytics"),
    w("landing", Inside, Statistics, 3, "name_analytics"),
    w("stat", Token, Statistics, 4, "name_analytics"),
    w("stats", Token, Statistics, 4, "name_analytics"),
    w("analytics", Inside, Statistics, 6, "name_analytics"),
    w("visit", Inside, Statistics, 4, "name_analytics"),
    w("pk", Token, Statistics, 4, "name_analytics"),
    w("hit", Token, Statistics, 3, "name_analytics"),
    w("hits", Token, Statistics, 3, "name_analytics"),
    w("metrics", Inside, Statistics, 4, "name_analytics"),
    w("pageview", Inside, Statistics, 4, "name_analytics"),
    w("heatmap", Inside, Statistics, 4, "name_analytics"),
    w("rum", Token, Statistics, 3, "name_analytics"),
    w("telemetry", Inside, Statistics, 4, "name_analytics"),
    w("ab", Token, Statistics, 3, "name_experiment"),
    w("experiment", Inside, Statistics, 4, "name_experiment"),
    w("variant", Inside, Statistics, 3, "name_experiment"),
    w("mvt", Token, Statistics, 3, "name_experiment"),
    w("split", Token, Statistics, 3, "name_experiment"),
    w("ad", Token, Marketing, 4, "name_advertising"),
    w("ads", Token, Marketing, 4, "name_advertising"),
    w("adv", Token, Marketing, 4, "name_advertising"),
    w("advert", Inside, Marketing, 5, "name_advertising"),
    w("gclid", Inside, Marketing, 6, "name_advertising"),
    w("fbclid", Inside, Marketing, 6, "name_advertising"),
    w("msclkid", Inside, Marketing, 6, "name_advertising"),
    w("pixel", Inside, Marketing, 5, "name_advertising"),
    w("track", Inside, Marketing, 4, "name_advertising"),
    w("retarget", Inside, Marketing, 6, "name_advertising"),
    w("campaign", Inside, Marketing, 4, "name_advertising"),
    w("affiliate", Inside, Marketing, 5, "name_advertising"),
    w("aff", Token, Marketing, 4, "name_advertising"),
    w("audience", Inside, Marketing, 4, "name_advertising"),
    w("conversion", Inside, Marketing, 4, "name_advertising"),
    w("sync", Token, Marketing, 2, "name_advertising"),
    w("rtb", Token, Marketing, 4, "name_advertising"),
    w("referral", Inside, Marketing, 5, "name_advertising"),
    w("ref", Token, Marketing, 3, "name_advertising"),
    w("partner", Inside, Marketing, 4, "name_advertising"),
    w("subscriber", Inside, Marketing, 4, "name_advertising"),
    w("newsletter", Inside, Marketing, 4, "name_advertising"),
    w("email", Token, Marketing, 3, "name_advertising"),
    w("lead", Token, Marketing, 4, "name_advertising"),
    w("dismiss", Inside, Preferences, 5, "name_preference"),
    w("hide", Token, Preferences, 4, "name_preference"),
    w("hidden", Token, Preferences, 3, "name_preference"),
    w("hint", Token, Preferences, 3, "name_preference"),
    w("wishlist", Inside, Preferences, 4, "name_preference"),
    w("collapse", Inside, Preferences, 4, "name_preference"),
    w("zoom", Token, Preferences, 3, "name_preference"),
    w("tour", Token, Preferences, 3, "name_preference"),
    w("onboarding", Inside, Preferences, 3, "name_preference"),
    w("pixelratio", Inside, Preferences, 8, "name_preference"),
    w("dpr", Token, Preferences, 3, "name_preference"),
    w("eucookie", Inside, Necessary, 5, "name_consent"),
    w("priv", Token, Necessary, 3, "name_consent"),
    w("cookiesupport", Inside, Necessary, 4, "name_cookie_check"),
    w("cookiecheck", Inside, Necessary, 4, "name_cookie_check"),
    w("cookietest", Inside, Necessary, 4, "name_cookie_check"),
    w("cookiesenabled", Inside, Necessary, 4, "name_cookie_check"),
    w("anonymous", Inside, Statistics, 4, "name_analytics"),
    w("anon", Token, Statistics, 3, "name_analytics"),
    w("unique", Token, Statistics, 4, "name_analytics"),
    w("lastaccess", Inside, Statistics, 4, "name_analytics"),
    w("perf", Inside, Statistics, 3, "name_analytics"),
    w("backend", Inside, Necessary, 4, "name_security"),
    w("upstream", Inside, Necessary, 4, "name_security"),
    w("persistence", Inside, Necessary, 4, "name_security"),
    w("node", Token, Necessary, 2, "name_security"),
    w("pool", Token, Necessary, 2, "name_security"),
    w("instance", Token, Necessary, 2, "name_security"),
    w("cluster", Token, Necessary, 3, "name_security"),
    w("machine", Inside, Necessary, 3, "name_security"),
    w("attribution", Inside, Marketing, 5, "name_advertising"),
    w("medium", Token, Marketing, 3, "name_advertising"),
    w("keyword", Inside, Marketing, 3, "name_advertising"),
    w("clickid", Inside, Marketing, 5, "name_advertising"),
    w("clid", Inside, Marketing, 5, "name_advertising"),
    w("braid", Inside, Marketing, 5, "name_advertising"),
    w("chat", Inside, Preferences, 4, "name_preference"),
    w("widget", Token, Preferences, 3, "name_preference"),
    w("muted", Token, Preferences, 3, "name_preference"),
    w("subtitle", Inside, Preferences, 3, "name_preference"),
    w("caption", Inside, Preferences, 3, "name_preference"),
    w("autoplay", Inside, Preferences, 3, "name_preference"),
    w("geo", Token, Preferences, 3, "name_preference"),
    w("city", Token, Preferences, 3, "name_preference"),
    w("zip", Token, Preferences, 3, "name_preference"),
    w("postal", Inside, Preferences, 3, "name_preference"),
    w("location", Token, Preferences, 3, "name_preference"),
    w("favorite", Inside, Preferences, 3, "name_preference"),
    w("favourite", Inside, Preferences, 3, "name_preference"),
    w("bookmark", Inside, Preferences, 3, "name_preference"),
    w("notification", Inside, Preferences, 3, "name_preference"),
    // Page state: what sites usually file under preferences (a pop-up already seen, a
    // panel's size, a dismissed bar, open filters), whatever the cookie's lifetime.
    w("state", Token, Preferences, 2, "name_ui_state"),
    w("seen", Token, Preferences, 2, "name_ui_state"),
    w("shown", Token, Preferences, 4, "name_ui_state"),
    w("closed", Token, Preferences, 4, "name_ui_state"),
    w("close", Token, Preferences, 3, "name_ui_state"),
    w("open", Token, Preferences, 3, "name_ui_state"),
    w("opened", Token, Preferences, 3, "name_ui_state"),
    w("expand", Inside, Preferences, 3, "name_ui_state"),
    w("visible", Token, Preferences, 3, "name_ui_state"),
    w("toggle", Inside, Preferences, 3, "name_ui_state"),
    w("filter", Inside, Preferences, 3, "name_ui_state"),
    w("sort", Token, Preferences, 3, "name_ui_state"),
    w("modal", Inside, Preferences, 4, "name_ui_state"),
    w("popup", Inside, Preferences, 4, "name_ui_state"),
    w("tooltip", Inside, Preferences, 4, "name_ui_state"),
    w("welcome", Token, Preferences, 3, "name_ui_state"),
    w("intro", Token, Preferences, 3, "name_ui_state"),
    w("announcement", Inside, Preferences, 3, "name_ui_state"),
    w("panel", Token, Preferences, 3, "name_ui_state"),
    w("width", Token, Preferences, 3, "name_ui_state"),
    w("completed", Token, Preferences, 2, "name_ui_state"),
    w("version", Token, Necessary, 2, "name_cache"),
    w("cache", Inside, Necessary, 3, "name_cache"),
];

/// Inside-matches that are really another word: `auth` in `author`, `pixel` in
/// `pixel_ratio` (a screen setting, not a tracking pixel).
const NOT_INSIDE: &[(&str, &str)] = &[("auth", "author"), ("pixel", "pixelratio")];

/// `word` found at `at` in `joined` counts unless a longer word it is part of starts there.
fn inside_hit_at(joined: &[u8], word: &str, at: usize) -> bool {
    let rest = joined.get(at..).unwrap_or_default();
    !NOT_INSIDE
        .iter()
        .any(|(w, longer)| *w == word && rest.starts_with(longer.as_bytes()))
}

/// Which `WORDS` rows a name hits, one bit per row (row `i` is bit `i % 64` of word
/// `i / 64`), so collecting hits allocates nothing.
type Mask = [u64; 4];

const _: () = assert!(WORDS.len() <= 64 * 4, "the hit mask holds 256 rows");

fn set_bit(mask: &mut Mask, row: usize) {
    if let Some(word) = mask.get_mut(row / 64) {
        *word |= 1 << (row % 64);
    }
}

fn or_into(mask: &mut Mask, other: &Mask) {
    for (m, o) in mask.iter_mut().zip(other) {
        *m |= o;
    }
}

/// The word table indexed once: whole tokens by hash, inside-words by one Aho-Corasick
/// automaton, so a name costs one pass instead of one substring search per word.
struct WordIndex {
    by_token: FxHashMap<&'static str, Mask>,
    inside: Option<AhoCorasick>,
    /// Automaton pattern id → the word and the `WORDS` rows with it and `Fit::Inside`.
    inside_rows: Vec<(&'static str, Mask)>,
}

fn word_index() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_token: FxHashMap<&'static str, Mask> = FxHashMap::default();
        let mut inside_rows: Vec<(&'static str, Mask)> = Vec::new();
        for (i, w) in WORDS.iter().enumerate() {
            set_bit(by_token.entry(w.word).or_default(), i);
            if w.fit == Inside {
                match inside_rows.iter_mut().find(|(word, _)| *word == w.word) {
                    Some((_, rows)) => set_bit(rows, i),
                    None => {
                        let mut rows = Mask::default();
                        set_bit(&mut rows, i);
                        inside_rows.push((w.word, rows));
                    }
                }
            }
        }
        // A DFA costs one table step per byte; the word list is small enough to afford it.
        let inside = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(inside_rows.iter().map(|(w, _)| *w))
            .ok();
        WordIndex {
            by_token,
            inside,
            inside_rows,
        }
    })
}

/// Which `WORDS` rows the name hits: a row hits when a token equals its word, or when an
/// inside-word occurs in the separator-free name (outside a blocked longer word).
fn hits(split: &Split<'_>) -> Mask {
    let index = word_index();
    let mut hit = Mask::default();
    for t in split.tokens() {
        if let Some(rows) = index.by_token.get(t) {
            or_into(&mut hit, rows);
        }
    }
    if let Some(ac) = &index.inside {
        for m in ac.find_overlapping_iter(split.joined()) {
            if let Some((word, rows)) = index.inside_rows.get(m.pattern().as_usize())
                && inside_hit_at(split.joined(), word, m.start())
            {
                or_into(&mut hit, rows);
            }
        }
    }
    hit
}

/// Every distinct rule the name triggers, with the heaviest weight seen for it, pushed to
/// `out` in table order, then the user-ID vote.
pub(crate) fn signals(facts: &Facts<'_>, out: &mut Signals) {
    let first = out.len();
    let hit = hits(&facts.split);
    for (chunk, &bits) in hit.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let row = chunk * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(word) = WORDS.get(row) {
                add(facts, out, first, word);
            }
        }
    }
    out.extend(user_id(facts));
}

/// Adds one word's vote, or raises the weight of the vote its rule already has.
fn add(facts: &Facts<'_>, out: &mut Signals, first: usize, word: &Word) {
    let mut s = word.signal;
    if s.rule == "name_advertising" && !facts.third_party_hint {
        // Ad words on a first-party host are often the site's own campaign bookkeeping;
        // keep the vote but lighter.
        s.weight = s.weight.saturating_sub(1);
    }
    if s.rule == "name_session" && script_kept_for_months(facts) {
        // A sign-in session a page script can read and that outlives months is rare;
        // such "session", "sid" or "user" names are usually a marketing-automation or
        // analytics script's own visit bookkeeping, so those words say nothing here.
        // Sign-in words proper (login, auth, token, …) keep half their vote.
        s.weight = if VISIT_WORDS.contains(&word.word) {
            0
        } else {
            (s.weight / 2).max(1)
        };
    }
    let mine = out.as_mut_slice().get_mut(first..).unwrap_or_default();
    match mine.iter_mut().find(|f| f.rule == s.rule) {
        Some(f) => f.weight = f.weight.max(s.weight),
        None => out.push(s),
    }
}

/// Session words trackers use for their own visit counting as often as sites for sign-in.
const VISIT_WORDS: &[&str] = &["session", "sess", "sessid", "sid", "ssid", "user"];

fn script_kept_for_months(facts: &Facts<'_>) -> bool {
    !facts.http_only && facts.lifetime_days.is_some_and(|d| d >= 90)
}

/// `uid`, `vid`, `visitor_id`: a browser identifier. Third-party context makes it an ad
/// ID; first-party it is usually the site's own visitor counting.
fn user_id(facts: &Facts<'_>) -> Option<Signal> {
    let is_id = facts
        .split
        .tokens()
        .any(|t| matches!(t, "uid" | "uuid" | "vid" | "guid" | "cid" | "did"));
    if !is_id {
        return None;
    }
    let (category, rule) = if facts.third_party_hint {
        (Marketing, "name_user_id")
    } else {
        (Statistics, "name_analytics")
    };
    Some(Signal::new(category, 3, rule, purpose_of(rule)))
}
